"""The ISAF press-release evaluation: casualty and detention counts, province, date, event type.

Data: a directory holding ``isaf.jsonl`` (one record per incident: ``record_idx``, ``pr_id``,
``text``, ``gold``; see its README). Each text is turned into an Article by the ingest stage
(:func:`isaf_article`: the dateline date is the reference date; the ``pr_id``, or the release
id printed in the text when the record has none, carries the release's year and month, used
only to give a yearless dateline, "KABUL, Afghanistan (June 14)", or header date, "Dec. 17:
...", its year; items without a dateline resolve relative dates against the release's month
end and usually miss the date), extracted, and reduced to an :class:`IsafPrediction`
by :func:`predict_isaf`.

How a prediction is derived (besides the shared rules in :mod:`fogofwar.eval.derive`):

* **killed** counts everyone the release says the operation killed except own-side forces:
  the gold ``min_killed`` counts insurgents, and civilians when the release is about civilian
  casualties ("three Afghan civilians were inadvertently killed" -> 3), but not Afghan or
  coalition soldiers ("more than 30 insurgents were killed with two ANA soldiers killed" -> 31).
  Victim groups are "enemy" (every named non-civilian, non-friendly group: a release reports
  on one enemy, whichever names it uses) and "civilians"; the two are added. Victims the
  extractor could not name ("three died") are the shared rule's ``unknown`` group: they may
  be either, so they are never added to them. A victim is own-side when its actor kind is
  state forces or external forces (from the extraction's own actors or the ``actor_kinds``
  map), or, for names of unknown kind, when it names ISAF/coalition/Afghan forces; a
  combined group "A + B" only when all its members are.
* **captured** is the same count over outcomes captured and arrested (ISAF "detained").
* **province** is ``Place.admin1`` of the first foreground mention whose place has one (or the
  place's own name when the place is a province); compared letters-only, case- and
  diacritic-free, with Afghan spelling variants folded
  (:data:`~fogofwar.eval.scoring_vocab.AFGHAN_PROVINCE_ALIASES`); a hit when it equals any gold
  province.
* **date** is ``date_start`` of the first foreground mention that has one; exact match with
  the gold ``start_date`` (``date_accuracy``), and within one day of it (``date_within1``: the
  annotators date an operational update a day before the release's "yesterday", so the exact
  date is no target).
* **event type**: the gold gives one label per item, so one label is predicted, the first that
  applies of: ``civiliancasualty`` (civilians killed or injured, no named enemy killed,
  nobody captured); ``captureandkill`` (killed > 0 and captured > 0); ``airstrike`` (a foreground
  mention of ACLED sub-event "Air/drone strike"); ``insurgentskilled`` (killed > 0);
  ``detention`` (captured > 0); else no label. ``exchangeoffire`` is never predicted: the
  label does not occur in the dev gold and no extracted field separates it from a raid.
  Scored as micro-F1 over labels.
* **target_group** (not scored yet): ISAF target-group labels whose names occur among the
  foreground mentions' non-friendly actors and the victims of the counted claims.

Metrics (:func:`score_isaf`): ``n``; exact-match rates ``killed_exact``, ``captured_exact``
and ``killed_exact_nonzero`` (over items whose gold ``min_killed`` > 0); mean absolute errors
``killed_mae``, ``captured_mae``; ``province_accuracy``; ``date_accuracy``; ``date_within1``;
``event_type_f1``.
"""

from __future__ import annotations

import calendar
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from itertools import islice
from pathlib import Path

from fogofwar.errors import ConfigError
from fogofwar.eval.derive import (
    bare,
    count_victims,
    foreground_claims,
    foreground_mentions,
    main_date,
)
from fogofwar.eval.metrics import f1_from_counts, mean_absolute_error, rate, within_days
from fogofwar.eval.scoring_vocab import (
    AFGHAN_PROVINCE_ALIASES,
    AIR_STRIKE_SUB_EVENTS,
    CAPTURED,
    CIVILIANS,
    COMBINED_GROUP_SEPARATOR,
    FRIENDLY_KINDS,
    FRIENDLY_NAME_PATTERN,
    INJURED,
    ISAF_TARGET_GROUPS,
    KILLED,
    PROVINCE_NAME_NOISE,
    UNKNOWN_VICTIMS,
)
from fogofwar.eval.sets import jsonl_rows
from fogofwar.model import Article, Claim, Extraction, Mention, Place

log = logging.getLogger(__name__)

# The first of these found in the directory is read (the README of the set names the second).
ISAF_FILES = ("isaf.jsonl", "isaf_test.jsonl")
ISAF_KEYS = (
    "n",
    "killed_exact",
    "killed_exact_nonzero",
    "captured_exact",
    "killed_mae",
    "captured_mae",
    "province_accuracy",
    "date_accuracy",
    "date_within1",
    "event_type_f1",
)


@dataclass(frozen=True)
class IsafGold:
    """The annotations of one ISAF item that are scored."""

    start_date: date | None
    event_types: frozenset[str]
    provinces: tuple[str, ...]
    target_groups: frozenset[str]
    min_killed: int
    min_captured: int


@dataclass(frozen=True)
class IsafItem:
    """One ISAF record: the incident's text and its gold annotations."""

    record_idx: int
    pr_id: str | None
    text: str
    gold: IsafGold


@dataclass(frozen=True)
class IsafPrediction:
    """What the extraction says about one ISAF item, in the gold's terms."""

    killed: int = 0
    captured: int = 0
    province: str | None = None
    date: date | None = None
    event_types: frozenset[str] = frozenset()
    target_group: frozenset[str] = frozenset()


# --- reading the set ---------------------------------------------------------------------------


def isaf_file(path: Path) -> Path:
    """The ISAF JSONL file in directory ``path``; raises ConfigError E050 when there is none."""
    for name in ISAF_FILES:
        if (path / name).is_file():
            return path / name
    raise ConfigError("E050", path=path, expected=" or ".join(ISAF_FILES))


def _gold_from_dict(gold: Mapping[str, object]) -> IsafGold:
    start = gold.get("start_date")
    groups = {g.strip() for value in gold.get("target_group") or () for g in str(value).split(";")}
    return IsafGold(
        start_date=date.fromisoformat(str(start)) if start else None,
        event_types=frozenset(str(t) for t in gold.get("event_type") or ()),
        provinces=tuple(str(p) for p in gold.get("province") or ()),
        target_groups=frozenset(g for g in groups if g),
        min_killed=int(gold.get("min_killed") or 0),  # type: ignore[call-overload]
        min_captured=int(gold.get("min_captured") or 0),  # type: ignore[call-overload]
    )


def load_isaf(path: Path, *, limit: int | None = None) -> list[IsafItem]:
    """Read the ISAF items from directory ``path``, in file order, at most ``limit`` of them."""
    return [
        IsafItem(
            record_idx=int(record["record_idx"]),
            pr_id=record.get("pr_id"),
            text=record["text"],
            gold=_gold_from_dict(record.get("gold") or {}),
        )
        for record in islice(jsonl_rows(isaf_file(path)), limit)
    ]


def release_month_end(pr_id: str | None) -> date | None:
    """The last day of the month in a press-release id ("2011-02-S-154" -> 2011-02-28).

    The id gives the release's month but not its day; the month's last day is an upper bound
    of the publication date, so a dateline without a year ("(Feb. 21)") resolves to the
    release's year (the latest such date on or before publication).
    """
    match = re.match(r"(\d{4})-(\d{2})-", pr_id or "")
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


# A release id as printed in a release ("2009-12-CA-072", sometimes with a long dash before the
# number); read when the record carries none.
_RELEASE_ID = re.compile(r"\b(?P<year>20\d{2})-(?P<month>\d{2})-[A-Z]{1,3}\s?[-\u2013\u2014]\s?\d{1,4}\b")


def release_id(item: IsafItem) -> str | None:
    """The item's press-release id: the record's ``pr_id``, else the first one printed in its text
    (normalised to ``YYYY-MM-...``), else None."""
    if item.pr_id:
        return item.pr_id
    match = _RELEASE_ID.search(item.text)
    return f"{match['year']}-{match['month']}-" if match else None


def isaf_article(item: IsafItem) -> Article:
    """The Article an ISAF item is read as (dateline parsed by the ingest stage).

    The text is read without a publication date first. When its dateline has no year
    ("KABUL, Afghanistan (June 14)"), it is read again with the release's month end
    (:func:`release_month_end`) as publication date so that the dateline takes the release's
    year, and the dateline's date then stands as the publication date. Items without a
    dateline keep the month end as an approximate publication date.
    """
    from fogofwar.ingest.text import article_from_text  # the eval edge calls ingest like the CLI does

    origin = f"isaf:{item.record_idx}"
    article = article_from_text(item.text, origin=origin)
    month_end = release_month_end(release_id(item))
    if article.dateline_date is not None or month_end is None:
        return article
    hinted = article_from_text(item.text, origin=origin, published=month_end)
    if hinted.dateline_date is None:
        return hinted
    return replace(hinted, published=hinted.dateline_date)


# --- prediction --------------------------------------------------------------------------------


@cache
def _friendly_name() -> re.Pattern[str]:
    return re.compile(FRIENDLY_NAME_PATTERN, re.IGNORECASE)


def is_friendly(victims: str, kinds: Mapping[str, str]) -> bool:
    """Whether a victim group is own-side forces (ISAF, coalition, Afghan state forces).

    A combined group ("ISAF + Unidentified Armed Group": the extractor could not tell whose
    dead "them" were) is own-side only when every member is.
    """
    members = [m.strip() for m in victims.split(COMBINED_GROUP_SEPARATOR)]
    return all(_is_friendly_member(m, kinds) for m in members if m)


def _is_friendly_member(name: str, kinds: Mapping[str, str]) -> bool:
    kind = kinds.get(name)
    if kind is not None and kind != "unknown":
        return kind in FRIENDLY_KINDS
    return bool(_friendly_name().search(name))


def _actor_kinds(extraction: Extraction, extra: Mapping[str, str] | None) -> dict[str, str]:
    kinds = {role.actor.name: role.actor.kind for m in extraction.mentions for role in m.actors}
    kinds.update(extra or {})
    return kinds


def _province_of(place: Place | None) -> str | None:
    if place is None:
        return None
    if place.admin1:
        return place.admin1
    return place.name if place.feature == "admin1" else None


def _event_types(
    *, killed: int, captured: int, civilians_hit: int, air_strike: bool, enemy_killed: int
) -> frozenset[str]:
    if civilians_hit and not enemy_killed and not captured:
        return frozenset({"civiliancasualty"})
    if killed and captured:
        return frozenset({"captureandkill"})
    if air_strike:
        return frozenset({"airstrike"})
    if killed:
        return frozenset({"insurgentskilled"})
    if captured:
        return frozenset({"detention"})
    return frozenset()


def target_groups(names: Iterable[str]) -> frozenset[str]:
    """ISAF target-group labels named by any of ``names`` (actor or victim names)."""
    found = set()
    for name in names:
        for label, pattern in ISAF_TARGET_GROUPS.items():
            if re.search(pattern, name, re.IGNORECASE):
                found.add(label)
    return frozenset(found)


def predict_isaf(
    article: Article, extraction: Extraction, *, actor_kinds: Mapping[str, str] | None = None
) -> IsafPrediction:
    """Reduce one release's Extraction to the ISAF gold's fields (rules in the module docstring).

    ``actor_kinds`` maps canonical actor names to their kind (from the actor registry); the
    extraction's own mention actors are always consulted. ``article`` is the release read.
    """
    kinds = _actor_kinds(extraction, actor_kinds)
    mentions: list[Mention] = foreground_mentions(extraction)
    claims: list[Claim] = foreground_claims(extraction)

    def side(claim: Claim) -> str | None:
        if claim.victims in (CIVILIANS, UNKNOWN_VICTIMS):
            return claim.victims
        return None if is_friendly(claim.victims, kinds) else "enemy"

    def enemy_only(claim: Claim) -> str | None:  # named enemies: unknown dead may be civilians
        return "enemy" if side(claim) == "enemy" else None

    def civilians_only(claim: Claim) -> str | None:
        return CIVILIANS if side(claim) == CIVILIANS else None

    killed = count_victims(claims, KILLED, group_of=side)
    captured = count_victims(claims, CAPTURED, group_of=side)
    enemy_killed = count_victims(claims, KILLED, group_of=enemy_only)
    civilians_hit = count_victims(claims, KILLED | INJURED, group_of=civilians_only)
    air_strike = any(m.sub_event_type in AIR_STRIKE_SUB_EVENTS for m in mentions)
    province = next((p for p in (_province_of(m.place) for m in mentions) if p), None)
    names = [c.victims for c in claims if side(c) == "enemy"]
    names += [r.actor.name for m in mentions for r in m.actors if not is_friendly(r.actor.name, kinds)]
    log.debug("isaf %s: killed=%d captured=%d province=%s", article.origin, killed, captured, province)
    return IsafPrediction(
        killed=killed,
        captured=captured,
        province=province,
        date=main_date(mentions),
        event_types=_event_types(
            killed=killed,
            captured=captured,
            civilians_hit=civilians_hit,
            air_strike=air_strike,
            enemy_killed=enemy_killed,
        ),
        target_group=target_groups(names),
    )


# --- scoring -----------------------------------------------------------------------------------


def province_key(name: str) -> str:
    """A province name as compared: letters only, no diacritics, lower-case, "province" dropped,
    spelling variants folded to the ISAF gold's spelling ("Paktiyā Province" -> "paktya")."""
    letters = re.sub(r"[^a-z]", "", re.sub(PROVINCE_NAME_NOISE, " ", bare(name)))
    return AFGHAN_PROVINCE_ALIASES.get(letters, letters)


def province_hit(gold: IsafGold, prediction: IsafPrediction) -> bool:
    """Whether the predicted province equals any gold province (after :func:`province_key`)."""
    if not prediction.province:
        return False
    return province_key(prediction.province) in {province_key(p) for p in gold.provinces}


def score_isaf(pairs: Iterable[tuple[IsafGold, IsafPrediction]]) -> dict[str, float | int]:
    """The ISAF metrics over ``(gold, prediction)`` pairs (keys: :data:`ISAF_KEYS`).

    Rates and MAEs are NaN when no item qualifies (e.g. ``killed_exact_nonzero`` on items that
    all have ``min_killed == 0``).
    """
    pairs = list(pairs)
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold.event_types & pred.event_types)
        fp += len(pred.event_types - gold.event_types)
        fn += len(gold.event_types - pred.event_types)
    return {
        "n": len(pairs),
        "killed_exact": rate(g.min_killed == p.killed for g, p in pairs),
        "killed_exact_nonzero": rate(g.min_killed == p.killed for g, p in pairs if g.min_killed > 0),
        "captured_exact": rate(g.min_captured == p.captured for g, p in pairs),
        "killed_mae": mean_absolute_error((g.min_killed, p.killed) for g, p in pairs),
        "captured_mae": mean_absolute_error((g.min_captured, p.captured) for g, p in pairs),
        "province_accuracy": rate(province_hit(g, p) for g, p in pairs),
        "date_accuracy": rate(g.start_date is not None and g.start_date == p.date for g, p in pairs),
        "date_within1": rate(within_days(p.date, g.start_date) for g, p in pairs),
        "event_type_f1": f1_from_counts(tp, fp, fn).f1,
    }


__all__ = [
    "ISAF_FILES",
    "ISAF_KEYS",
    "IsafGold",
    "IsafItem",
    "IsafPrediction",
    "is_friendly",
    "isaf_article",
    "isaf_file",
    "load_isaf",
    "predict_isaf",
    "province_hit",
    "province_key",
    "release_id",
    "release_month_end",
    "score_isaf",
    "target_groups",
]
