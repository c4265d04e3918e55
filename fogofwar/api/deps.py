"""Dependencies of the routes: settings, the store, the corrected events, and the write token.

The store comes in through ``Depends`` (tests can override :func:`get_store`). Routes and these
dependencies are ``async``: they run on the event loop's thread, because a SQLite connection
may only be used by the thread that opened it, and FastAPI runs sync dependencies and sync
routes on different pool threads. SQLite reads here take milliseconds.
"""

from __future__ import annotations

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status

from fogofwar.corrections import Corrected
from fogofwar.errors import message
from fogofwar.settings import Settings
from fogofwar.store import Store
from fogofwar.store.corrections import read_events


def get_settings(request: Request) -> Settings:
    """The Settings the app was created with."""
    return request.app.state.settings


async def get_store(settings: Annotated[Settings, Depends(get_settings)]) -> AsyncIterator[Store]:
    """The store of ``settings``, open for one request."""
    with Store.open(settings.db_path) as store:
        yield store


async def get_corrected(
    store: Annotated[Store, Depends(get_store)], settings: Annotated[Settings, Depends(get_settings)]
) -> Corrected:
    """The stored events with every correction applied: what people see and export."""
    return read_events(store, rule=settings.reconcile_rule)


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
CorrectedDep = Annotated[Corrected, Depends(get_corrected)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
