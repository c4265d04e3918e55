"""Dependencies of the routes: settings, the store (with fresh corrected events), the write token,
and the capped request body.

The store comes in through ``Depends`` (tests can override :func:`get_store`). Routes and these
dependencies are ``async``: they run on the event loop's thread, because a SQLite connection
may only be used by the thread that opened it, and FastAPI runs sync dependencies and sync
routes on different pool threads. SQLite reads here take milliseconds.

Corrected events are read from the store's materialised table. When it is stale (a database
just migrated, or written by something that did not refresh it), the first reader rebuilds it
(:func:`fogofwar.corrections.refresh_corrected_events`); when another writer holds the lock
longer than :data:`REBUILD_WAIT_SECONDS`, the request is served from the rows as they are and
a later request rebuilds.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from fogofwar.corrections import refresh_corrected_events
from fogofwar.errors import ConfigError, message
from fogofwar.settings import Settings
from fogofwar.store import Store, queries

log = logging.getLogger(__name__)

# How long a reader waits for another writer before serving stale corrected events.
REBUILD_WAIT_SECONDS = 0.1  # routes run on the event loop: a long wait would stall every request


def get_settings(request: Request) -> Settings:
    """The Settings the app was created with."""
    return request.app.state.settings


async def get_store(settings: Annotated[Settings, Depends(get_settings)]) -> AsyncIterator[Store]:
    """The store of ``settings``, open for one request."""
    with Store.open(settings.db_path) as store:
        yield store


async def get_events_store(
    store: Annotated[Store, Depends(get_store)], settings: Annotated[Settings, Depends(get_settings)]
) -> Store:
    """The store, its corrected events fresh for the server's reconcile rule (rebuilt when stale)."""
    ensure_fresh(store, rule=settings.reconcile_rule)
    return store


def ensure_fresh(store: Store, *, rule: str) -> None:
    """Rebuild ``store``'s corrected events when they are stale for ``rule`` (see the module docstring)."""
    if queries.is_fresh(store, rule=rule):
        return
    try:
        refresh_corrected_events(store, rule=rule, timeout=REBUILD_WAIT_SECONDS)
    except ConfigError as e:  # E034: another writer holds the lock; its batch refreshes them
        log.warning("corrected events are stale and could not be rebuilt now: %s", e)


def check_token(expected: str | None, presented: str | None) -> None:
    """Allow a write only with the server's token: 403 when writes are off, 401 when the token is wrong."""
    if not expected:
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail=message("E071"))
    # compare_digest: the time taken must not tell how much of a guess was right.
    if presented is None or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, detail=message("E072"), headers={"WWW-Authenticate": "Bearer"}
        )


def require_token(request: Request) -> None:
    """Dependency of write endpoints: ``Authorization: Bearer <FOGOFWAR_TOKEN>``."""
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    presented = credentials.strip() if scheme.lower() == "bearer" and credentials.strip() else None
    check_token(request.app.state.token, presented)


StoreDep = Annotated[Store, Depends(get_store)]
EventsDep = Annotated[Store, Depends(get_events_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
