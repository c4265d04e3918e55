"""The event filter options of `events`, `export` and `report`, declared once.

:func:`event_filters` adds ``--country --admin1 --since --until --type --actor --min-killed
--limit --offset --sort`` to a command (the API takes the same names) and hands the command one
:class:`Selection` instead of ten arguments.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, TypeVar

import typer

from fogofwar.errors import message
from fogofwar.export.countries import resolve_country
from fogofwar.model import Event
from fogofwar.settings import Settings
from fogofwar.store import Store
from fogofwar.store.queries import DEFAULT_SORT, SORTS, EventQuery

F = TypeVar("F", bound=Callable[..., Any])


def _option(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)


_OPTIONS = (
    _option(
        "country",
        Annotated[str | None, typer.Option("--country", help="Country: ISO code or name (ML, MLI, Mali).")],
    ),
    _option(
        "admin1", Annotated[str | None, typer.Option("--admin1", help="First-level region, e.g. Kidal.")]
    ),
    _option(
        "since",
        Annotated[
            str | None,
            typer.Option("--since", metavar="YYYY-MM-DD", help="Events ending on or after this day."),
        ],
    ),
    _option(
        "until",
        Annotated[
            str | None,
            typer.Option("--until", metavar="YYYY-MM-DD", help="Events starting on or before this day."),
        ],
    ),
    _option(
        "event_type",
        Annotated[
            str | None, typer.Option("--type", help="ACLED event type or sub-event type, e.g. Battles.")
        ],
    ),
    _option(
        "actor", Annotated[str | None, typer.Option("--actor", help="Part of an actor's name or alias.")]
    ),
    _option(
        "min_killed",
        Annotated[
            int | None,
            typer.Option("--min-killed", min=0, metavar="N", help="Events whose killed high reaches N."),
        ],
    ),
    _option(
        "limit", Annotated[int | None, typer.Option("--limit", min=0, metavar="N", help="At most N events.")]
    ),
    _option(
        "offset",
        Annotated[int, typer.Option("--offset", min=0, metavar="N", help="Skip the first N events.")],
        0,
    ),
    _option(
        "sort",
        Annotated[
            str,
            typer.Option(
                "--sort",
                metavar="KEY",
                help="start, killed, sources or updated; a leading - reverses (-killed).",
            ),
        ],
        DEFAULT_SORT,
    ),
)


@dataclass(frozen=True)
class Selection:
    """Which events a command shows: the store query and the page of it."""

    query: EventQuery
    limit: int | None = None
    offset: int = 0


def event_filters(command: F) -> F:
    """Give ``command`` the event filter options (after its own); it receives them as one
    ``selection: Selection`` keyword argument, checked (a usage error, exit 2, for a bad value)."""
    own = [p for p in inspect.signature(command, eval_str=True).parameters.values() if p.name != "selection"]

    @functools.wraps(command)
    def with_selection(*args: Any, **kwargs: Any) -> Any:
        options = {p.name: kwargs.pop(p.name) for p in _OPTIONS}
        limit, offset = options.pop("limit"), options.pop("offset")
        selection = Selection(event_query(**options), limit=limit, offset=offset)
        return command(*args, selection=selection, **kwargs)

    parameters = [*own, *_OPTIONS]
    with_selection.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_selection.__annotations__ = {p.name: p.annotation for p in parameters}
    return with_selection  # type: ignore[return-value]


def _day(value: str | None, option: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as e:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}", param_hint=f"'{option}'") from e


def event_query(
    *,
    country: str | None,
    admin1: str | None,
    since: str | None,
    until: str | None,
    event_type: str | None,
    actor: str | None,
    min_killed: int | None,
    sort: str,
) -> EventQuery:
    """The store query for the filter options; a usage error (exit 2) for a bad value."""
    code = None
    if country:
        code = resolve_country(country)
        if code is None:
            raise typer.BadParameter(message("E027", country=country), param_hint="'--country'")
    if sort not in SORTS:
        raise typer.BadParameter(f"unknown sort {sort!r}; one of {', '.join(SORTS)}", param_hint="'--sort'")
    return EventQuery(
        country=code,
        admin1=admin1 or None,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        event_type=event_type or None,
        actor=actor or None,
        min_killed=min_killed,
        sort=sort,
    )


def shown_events(store: Store, settings: Settings, selection: Selection | None = None) -> list[Event]:
    """The stored events as analysts see them (every correction applied) that ``selection`` picks.

    Read from the materialised corrected events, rebuilt first when stale (waiting for another
    writer if need be), so the CLI and the API show the same records.
    """
    from fogofwar.corrections import refresh_corrected_events
    from fogofwar.store import queries

    if not queries.is_fresh(store, rule=settings.reconcile_rule):
        refresh_corrected_events(store, rule=settings.reconcile_rule)
    selection = selection or Selection(EventQuery())
    return queries.select_events(store, selection.query, limit=selection.limit, offset=selection.offset)
