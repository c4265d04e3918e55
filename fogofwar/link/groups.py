"""Within one article: which of its event mentions are the same incident.

An article often tells one incident in several sentences ("fighting near the border", "the
battles in Tinzaouaten on Thursday and Friday", "the skirmishes"), and sometimes two
("a helicopter crashed in Kidal"). Mentions of one article are grouped before linking, in text
order, by these rules:

* never across coarse type groups (params.COARSE_TYPES), never with dates more than a day apart;
* two different town-level places (further apart than ``same_place_km``) are two incidents,
  whatever their types;
* the same place (or a town within a region the group is in): one incident when the types
  agree (same event type or same sub-type), or when the places are the same town;
* a mention with no place joins the latest group of its coarse type group (it continues the
  story: "the fighting", "the ambush"), preferring one of the same event type.

Among several groups a mention could join, it picks the one with the closest place (same
town over same region over none), then the same type and sub-type, then the most shared
actors, then the latest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fogofwar.link.params import DEFAULT_PARAMS, LinkParams, coarse_type
from fogofwar.link.similarity import (
    DateRange,
    actor_names,
    date_range,
    gap_days,
    narrow,
    place_similarity,
    same_place,
)
from fogofwar.model import ActorRole, Mention, Place

# How far apart two dates of one article may be and still describe one incident ("clashes on
# Thursday ... the fighting went on into Friday").
SAME_ARTICLE_GAP_DAYS = 1


@dataclass
class MentionGroup:
    """The mentions of one article that describe one incident, with their combined description."""

    article_id: str
    mentions: list[Mention] = field(default_factory=list)
    dates: DateRange | None = None
    place: Place | None = None
    actors: list[ActorRole] = field(default_factory=list)
    # Compared in place of ``dates`` when the group has none (set by the linker from the
    # article's date); never written to an event.
    window: DateRange | None = None

    @property
    def match_dates(self) -> DateRange | None:
        """The dates the group is compared by: its own, else its window."""
        return self.dates or self.window

    @property
    def founder(self) -> Mention:
        """The first mention of the group in text order."""
        return self.mentions[0]

    @property
    def event_type(self) -> str:
        return self.founder.event_type

    @property
    def sub_event_type(self) -> str:
        return self.founder.sub_event_type

    def add(self, mention: Mention) -> None:
        """Add a mention: dates narrow (similarity.narrow), the most precise place wins, actors unite."""
        self.mentions.append(mention)
        self.dates = narrow(self.dates, mention_dates(mention))
        self.place = more_precise(self.place, mention.place)
        self.actors = merge_actors(self.actors, mention.actors)


def mention_dates(mention: Mention) -> DateRange | None:
    """A mention's date range, or None when undated."""
    return date_range(mention.date_start, mention.date_end, mention.date_precision)


def more_precise(current: Place | None, new: Place | None) -> Place | None:
    """The more precise of two places (town over district over region over country); ties keep ``current``."""
    if new is None:
        return current
    if current is None or new.precision < current.precision:
        return new
    return current


def merge_actors(current: Sequence[ActorRole], new: Sequence[ActorRole]) -> list[ActorRole]:
    """Union of actor roles, by (name, role), in first-seen order."""
    seen = {(r.actor.name, r.role) for r in current}
    merged = list(current)
    for role in new:
        if (role.actor.name, role.role) not in seen:
            seen.add((role.actor.name, role.role))
            merged.append(role)
    return merged


def _place_rank(group: MentionGroup, mention: Mention, params: LinkParams) -> int | None:
    """2 same town, 1 same region or one side unplaced... None when the places differ."""
    a, b = group.place, mention.place
    if a is None or b is None:
        return 0
    if same_place(a, b, within_km=params.same_place_km):
        return 2
    if a.precision <= 2 and b.precision <= 2:
        return None  # two different towns: two incidents
    return 1 if place_similarity(a, b, max_km=params.same_place_km, params=params) is not None else None


def _fits(group: MentionGroup, mention: Mention, params: LinkParams) -> tuple[int, int, int, int] | None:
    """How well ``mention`` fits ``group`` as a sort key (higher is better), or None if it does not."""
    if coarse_type(group.event_type) != coarse_type(mention.event_type):
        return None
    dates = mention_dates(mention)
    if group.dates is not None and dates is not None and gap_days(group.dates, dates) > SAME_ARTICLE_GAP_DAYS:
        return None
    rank = _place_rank(group, mention, params)
    if rank is None:
        return None
    same_type = group.event_type.casefold() == mention.event_type.casefold()
    same_sub = group.sub_event_type.casefold() == mention.sub_event_type.casefold()
    unplaced = group.place is None or mention.place is None
    if not (same_type or same_sub or rank == 2 or unplaced):
        return None
    shared_actors = len(actor_names(group.actors) & actor_names(mention.actors))
    return (rank, int(same_type) + int(same_sub), shared_actors, group.mentions[-1].sentence.start)


def group_mentions(mentions: Sequence[Mention], *, params: LinkParams = DEFAULT_PARAMS) -> list[MentionGroup]:
    """Group one article's foreground mentions into incidents (module docstring); text order.

    Background mentions are skipped. Groups come out in the order of their first mention.
    """
    groups: list[MentionGroup] = []
    for mention in sorted(mentions, key=lambda m: (m.sentence.start, m.id)):
        if mention.background:
            continue
        fits = [(fit, i) for i, g in enumerate(groups) if (fit := _fits(g, mention, params)) is not None]
        if fits:
            target = groups[max(fits)[1]]
        else:
            target = MentionGroup(article_id=mention.article_id)
            groups.append(target)
        target.add(mention)
    return groups


__all__ = ["MentionGroup", "group_mentions", "mention_dates", "merge_actors", "more_precise"]
