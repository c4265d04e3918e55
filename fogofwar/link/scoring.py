"""Scoring a (mention group, event) pair: hard constraints, then a weighted similarity
(params.LinkParams documents the features and weights).

``score`` is one pair; ``best_event`` is the same sum for all of a group's candidates, with the
text part batched in one sparse product. A pair whose reports disagree on whether anyone died
pays ``params.toll_conflict`` (``tolls_conflict``); stated places that cannot be one place veto
a pair only when the texts do not agree and name each other's place (``requirements``,
``names_cross``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from fogofwar.folding import unaccented
from fogofwar.link.groups import MentionGroup
from fogofwar.link.params import DEFAULT_PARAMS, LinkParams
from fogofwar.link.similarity import (
    DateRange,
    actor_names,
    actor_similarity,
    date_similarity,
    place_similarity,
    type_similarity,
)
from fogofwar.link.state import EventState
from fogofwar.link.text import ArticleVectors, event_similarities
from fogofwar.model import Place, PlacePrecision
from fogofwar.settings import Settings


class Needs(NamedTuple):
    """What a (group, event) pair needs to link: its score without the text part, the text
    similarity it needs at least, and whether each report must name the other's place."""

    base: float
    text_floor: float
    names_cross: bool


def tolls_conflict(group: MentionGroup, event: EventState) -> bool:
    """Whether a report telling of no dead (only of wounded, or of none: ``tolls_told``) meets
    an event whose reports tell of dead, or a report telling of dead meets an event whose
    reports tell of none: the pair pays ``params.toll_conflict`` (LinkParams)."""
    if group.no_dead:
        return event.dead
    return group.dead and event.no_dead and not event.dead


def stated_days_apart(
    a: DateRange | None, b: DateRange | None, *, params: LinkParams = DEFAULT_PARAMS
) -> bool:
    """Whether two stated precise dates (a day, or a range of days such as an event's reports
    spanning two) lie ``params.stated_days_apart`` or more days apart: two incidents, however
    alike their words."""
    return days_apart(a, b, params.stated_days_apart)


def days_apart(a: DateRange | None, b: DateRange | None, days: int | None) -> bool:
    """Whether two precise ranges lie ``days`` or more days apart (never when ``days`` is None)."""
    if days is None or a is None or b is None or not (a.precise and b.precise):
        return False
    return (max(a.start, b.start) - min(a.end, b.end)).days >= days


def compatibility(
    group: MentionGroup, event: EventState, *, settings: Settings, params: LinkParams = DEFAULT_PARAMS
) -> float | None:
    """The score of a (group, event) pair without its text part, or None when a hard constraint fails.

    Two stated places that cannot be one place fail only when the texts are not near-copies of
    each other: see ``requirements``.
    """
    found = requirements(group, event, settings=settings, params=params)
    return None if found is None else found.base


def requirements(
    group: MentionGroup, event: EventState, *, settings: Settings, params: LinkParams = DEFAULT_PARAMS
) -> Needs | None:
    """The score of a (group, event) pair without its text part and the text similarity the pair
    needs at least, or None when a hard constraint fails.

    Stated places that cannot be one place (too far apart, other regions) do not veto a pair
    whose texts agree (``params.place_conflict_text``) and name each other's place
    (``names_cross``, checked by the callers): place names are the extractor's least reliable
    output (a town resolved to its namesake in another state), while two reports within the
    date window that share the victims' names, streets and ages are one incident. Such a pair
    scores 0 on place. A place counts as stated here when its report names it anywhere outside
    the dateline (``MentionGroup.place_named``). A side with no place whose report names
    localities by their kind, or two sides with no place, need ``params.unplaced_text``
    of text similarity; a side naming a region as one beside a side stating a town or district,
    ``params.region_text``.
    """
    type_sim = type_similarity(
        group.event_type, group.sub_event_type, event.event_type, event.sub_event_type, params=params
    )
    if type_sim is None:
        return None
    date_sim = date_similarity(
        group.match_dates,
        event.match_dates(settings.background_days),
        window_days=settings.link_window_days,
        params=params,
    )
    if date_sim is None or stated_days_apart(group.evidence.stated, event.evidence.stated, params=params):
        return None
    if days_apart(group.evidence.written, event.evidence.written, params.written_days_apart):
        return None  # "On 4 March ..." and "On 5 March ...": two incidents
    if days_apart(group.evidence.inherited, event.evidence.inherited, params.inherited_days_apart):
        return None  # "On 1 May ... Two men were shot." and "On 7 May ... A man was shot."
    if days_apart(group.evidence.inherited, event.evidence.written, params.stated_days_apart) or days_apart(
        group.evidence.written, event.evidence.inherited, params.stated_days_apart
    ):
        return None  # "On 9 October ... Casualties unknown." and "On 11 October, an airstrike ..."
    if (
        params.localities_apart
        and group.localities
        and event.localities
        and group.localities.isdisjoint(event.localities)
    ):
        return None  # "the village of Kain" and "the village of Pobe": two incidents
    place_sim = place_similarity(group.place, event.place, max_km=settings.link_max_km, params=params)
    text_floor, names = 0.0, False
    if place_sim is None:
        if group.place_named and event.place_named:
            place_sim, text_floor, names = 0.0, params.place_conflict_text, True
        else:
            place_sim = params.unknown_place  # an inherited place (dateline, country) never vetoes
    elif (
        (group.place is None and group.localities)
        or (event.place is None and event.localities)
        or (group.place is None and event.place is None)
    ):
        # a report naming the village where it happened, which the index lacks ("near Kodada
        # village"), is no follow-up that names no place: it joins only a text that agrees; so
        # do two reports neither of which says where, which only their words can tie
        text_floor = params.unplaced_text
    elif _region_beside_town(group, event) or _region_beside_town(event, group):
        text_floor = params.region_text
    actor_sim = actor_similarity(actor_names(group.actors), actor_names(event.actors))
    base = (
        params.w_date * date_sim
        + params.w_place * place_sim
        + params.w_type * type_sim
        + params.w_actors * actor_sim
    )
    return Needs(base, text_floor, names)


def _region_beside_town(a: MentionGroup | EventState, b: MentionGroup | EventState) -> bool:
    """Whether ``a`` names its region as one ("in Helmand province") and ``b`` states a town or
    district ("in Nad Ali district")."""
    return (
        a.region_named
        and b.place is not None
        and b.place_stated
        and b.place.precision < PlacePrecision.REGION
    )


def names_cross(group: MentionGroup, event: EventState, vectors: ArticleVectors) -> bool:
    """Whether the group's article names the event's place, or one of the event's articles names
    the group's place: two reports placed in different towns are one incident only when each
    place was read from words the other report also has (a town resolved to its namesake in
    another state), never when they name different towns. A name that is also the admin1 of
    the report's own town is that region ("Volta Redonda, Rio de Janeiro"), not the city."""
    if group.place is None or event.place is None:
        return False
    if not _region_of(event.place.name, group.place) and vectors.names(group.article_id, event.place.name):
        return True
    return not _region_of(group.place.name, event.place) and any(
        vectors.names(article_id, group.place.name) for article_id in event.article_ids
    )


def _region_of(name: str, place: Place) -> bool:
    """Whether ``name`` is also the name of ``place``'s admin1: a report naming it writes the
    region of its own town ("Volta Redonda, Rio de Janeiro"), not the city of that name."""
    return place.admin1 is not None and unaccented(name).casefold() == unaccented(place.admin1).casefold()


def score(
    group: MentionGroup,
    event: EventState,
    *,
    vectors: ArticleVectors,
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> float | None:
    """Weighted similarity of a mention group and an event (params.LinkParams), or None when
    they cannot be one incident. The linker computes the same sum, batching the text part."""
    found = requirements(group, event, settings=settings, params=params)
    if found is None:
        return None
    (text_sim,) = event_similarities(vectors, vectors.row(group.article_id), [(event.rows, event.norm2)])
    if text_sim < found.text_floor or (found.names_cross and not names_cross(group, event, vectors)):
        return None
    return found.base + params.w_text * text_sim


def best_event(
    group: MentionGroup,
    candidates: Sequence[EventState],
    *,
    vectors: ArticleVectors,
    settings: Settings,
    params: LinkParams = DEFAULT_PARAMS,
) -> tuple[EventState, np.ndarray] | None:
    """The best-scoring candidate at or above the threshold (the first on ties), with the dot
    products of the group's article with that event's rows (to update its norm), or None.

    The text part is computed first, for all candidates in one product: a candidate whose text
    could not reach the threshold even with every other feature at 1 is dropped before the
    (costlier) other features are compared. The result is the same as scoring every candidate.
    """
    candidates = [e for e in candidates if group.article_id not in e.article_ids]
    # (an article that split its mentions into several groups said they are different incidents)
    row = vectors.row(group.article_id)
    if row is None or not candidates:
        return None
    texts = event_similarities(vectors, row, [(e.rows, e.norm2) for e in candidates])
    most = params.w_date + params.w_place + params.w_type + params.w_actors
    best: tuple[float, EventState] | None = None
    for event, text_sim in zip(candidates, texts, strict=True):
        if most + params.w_text * text_sim < params.threshold:
            continue
        found = requirements(group, event, settings=settings, params=params)
        if found is None:
            continue
        value = found.base + params.w_text * text_sim
        if tolls_conflict(group, event):
            value -= params.toll_conflict
        if (
            text_sim >= found.text_floor
            and value >= params.threshold
            and (best is None or value > best[0])
            and (not found.names_cross or names_cross(group, event, vectors))
        ):
            best = (value, event)
    if best is None:
        return None
    event = best[1]
    return event, vectors.dots(row, event.rows)


__all__ = [
    "best_event",
    "compatibility",
    "names_cross",
    "requirements",
    "score",
    "stated_days_apart",
    "tolls_conflict",
]
