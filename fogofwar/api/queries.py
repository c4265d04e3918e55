"""Event filters and sorts shared by the JSON API, the web page and the export endpoint.

The filters are checked here (bounded, no control characters) and run as SQL over the
materialised corrected events (:class:`fogofwar.store.queries.EventQuery`), so a corrected place
is found by its corrected country and a page of fifty reads fifty events.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from fogofwar.errors import message
from fogofwar.export.countries import resolve_country
from fogofwar.export.figures import killed_range  # the one definition; kept importable from here
from fogofwar.store.queries import DEFAULT_SORT, SORTS, EventQuery

# Text a filter may hold: anything but NUL and the other control characters.
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
FilterText = Annotated[str, StringConstraints(max_length=200, pattern=_PRINTABLE)]
# A path id: bounded, printable (ids are matched literally, never as patterns).
NoControl = Path(max_length=200, pattern=_PRINTABLE)


def printable_query(description: str, *, max_length: int = 200) -> Any:
    """A query parameter of bounded, printable text (no NUL or other control characters)."""
    return Query(max_length=max_length, pattern=_PRINTABLE, description=description)


SortName = Literal["start", "-start", "killed", "-killed", "sources", "-sources", "updated", "-updated"]
Sort = Annotated[
    SortName,
    Query(description="start (default), killed, sources or updated; a leading - reverses"),
]
if set(SortName.__args__) != set(SORTS):  # type: ignore[attr-defined]
    raise RuntimeError("fogofwar.api.queries.SortName must list fogofwar.store.queries.SORTS")


class EventFilters(BaseModel):
    """Which events to show. Every filter given must hold; text filters ignore case."""

    model_config = ConfigDict(extra="ignore")

    country: FilterText | None = Field(
        None, description="country: ISO 3166 code or name, e.g. ML, MLI or Mali (as the CLI's --country)"
    )
    admin1: FilterText | None = Field(None, description="first-level region, e.g. Kidal")
    since: date | None = Field(None, description="events ending on or after this day")
    until: date | None = Field(None, description="events starting on or before this day")
    event_type: FilterText | None = Field(
        None, description="ACLED event type or sub-event type, e.g. Battles"
    )
    actor: FilterText | None = Field(None, description="part of an actor's name or alias")
    min_killed: int | None = Field(
        None,
        ge=0,
        le=2**62,
        description="events whose killed range reaches this (the highest claimed total ≥ N)",
    )

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        # Analysts type names ("Mali"); the events hold alpha-2 codes.
        if value is None or not value.strip():
            return None
        code = resolve_country(value)
        if code is None:
            raise ValueError(message("E027", country=value))
        return code

    def is_empty(self) -> bool:
        """Whether no filter is set."""
        return all(value is None for value in self.model_dump().values())

    def to_query(self, *, sort: str = DEFAULT_SORT) -> EventQuery:
        """The store's query for these filters, in ``sort`` order."""
        return EventQuery(**self.model_dump(), sort=sort)


__all__ = ["EventFilters", "FilterText", "NoControl", "Sort", "SortName", "killed_range", "printable_query"]
