"""Event filters shared by the JSON API, the web page and the export endpoint.

Filtering happens after corrections are applied (a corrected place must be found by its
corrected country), so it runs over records, not SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from fogofwar.model import Event
from fogofwar.reconcile import totals


class EventFilters(BaseModel):
    """Which events to show. Every filter given must hold; text filters ignore case."""

    model_config = ConfigDict(extra="ignore")

    country: str | None = Field(None, max_length=2, description="ISO 3166-1 alpha-2 code, e.g. ML")
    admin1: str | None = Field(None, max_length=200, description="first-level region, e.g. Kidal")
    since: date | None = Field(None, description="events ending on or after this day")
    until: date | None = Field(None, description="events starting on or before this day")
    event_type: str | None = Field(
        None, max_length=200, description="ACLED event type or sub-event type, e.g. Battles"
    )
    actor: str | None = Field(None, max_length=200, description="part of an actor's name or alias")
    min_killed: int | None = Field(
        None, ge=0, description="events whose killed range reaches this (the highest claimed total ≥ N)"
    )

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return all(value is None for value in self.model_dump().values())


def killed_range(event: Event) -> tuple[int | None, int | None]:
    """The event's people killed: (sum of the victim groups' lows, sum of their highs)."""
    return totals(event.reconciled, outcome="killed")


def matches(event: Event, filters: EventFilters) -> bool:
    """Whether ``event`` passes every filter set in ``filters``."""
    place = event.place
    if filters.country and (place is None or (place.country or "").casefold() != filters.country.casefold()):
        return False
    if filters.admin1 and (place is None or (place.admin1 or "").casefold() != filters.admin1.casefold()):
        return False
    if filters.since and (event.end or event.start) is None:
        return False
    if filters.since and (event.end or event.start) < filters.since:  # type: ignore[operator]
        return False
    if filters.until and (event.start is None or event.start > filters.until):
        return False
    if filters.event_type and filters.event_type.casefold() not in (
        event.event_type.casefold(),
        event.sub_event_type.casefold(),
    ):
        return False
    if filters.actor and not _has_actor(event, filters.actor):
        return False
    if filters.min_killed is not None:
        high = killed_range(event)[1]
        if high is None or high < filters.min_killed:
            return False
    return True


def _has_actor(event: Event, needle: str) -> bool:
    wanted = needle.casefold()
    return any(
        wanted in name.casefold() for role in event.actors for name in (role.actor.name, *role.actor.aliases)
    )


def filter_events(events: Iterable[Event], filters: EventFilters) -> list[Event]:
    """The events passing ``filters``, in their given order."""
    return [e for e in events if matches(e, filters)]


def choices(events: Sequence[Event]) -> dict[str, list[str]]:
    """Known values for the filter form: countries, regions and event types present."""
    countries = sorted({e.place.country for e in events if e.place and e.place.country})
    regions = sorted({e.place.admin1 for e in events if e.place and e.place.admin1})
    types = sorted({e.event_type for e in events})
    return {"country": countries, "admin1": regions, "event_type": types}
