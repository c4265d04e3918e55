"""Conflict evaluation: link reports of armed conflict into events and reconcile their tolls.

Data (``evaldata/conflict``, see its README.md): ``articles.jsonl`` (one report per line: id,
title, text, published, source, url) and ``gold.json`` (``events``: per event its article ids,
date, country, admin1, place, ACLED types, actors by side, killed / injured / captured as
low / best / high, and the claims of each report; ``distractors``: ids of reports that belong
to no conflict event, such as floods and road crashes on the same day). The layout of
``../shared/eval/dev/realnews`` is read too: ``gold.json`` one list of events with distractors
marked ``"distractor": true``, ``event`` "n01 name" for the id, actors as a plain list (sides not
scored), claims without their report but with ``claimant_aliases`` (any of the names matches),
``killed_alt`` a second accepted reading of the dead (either fits), ``captured`` a number, and
publication times ("2016-01-14T04:48:31+00:00", read as their day).

Rules:

* **Articles.** Each report becomes an Article through
  ``fogofwar.ingest.text.article_from_text`` (title, publication date, source, URL); reports
  with the same text are one Article. ``limit`` keeps the first N gold events (file order),
  their reports, and the distractors published on one of their dates.
* **Pipeline.** :class:`fogofwar.pipeline.Pipeline` ``run`` over all the articles in memory, as
  ``fogofwar ingest`` does for a fresh database: copies marked, extraction, linking with
  reconciliation (``settings.reconcile_rule``), re-dating of undated reports.
* **Predicted cluster of a report** = its article's main event
  (:func:`fogofwar.eval.clusters.article_events`, as for GVA: of the events its mentions
  joined, violent ones first, the one with the most reports); a report in no event is a cluster of its own.
* ``bcubed_f1``: B³ F1 of reports -> predicted clusters against reports -> gold events, each
  distractor its own gold cluster.
* **Per gold event**, its predicted event is the cluster holding most of its reports (the first
  report's on ties); none when they are all in no event.
  - killed: the event's reconciled rows read through :func:`fogofwar.reconcile.totals` (the
    same rule the exports and the event list use): ``high`` = its high total, ``best`` = the
    same sum taken over each group's best (:func:`event_killed`); 0 when the event has no
    killed figure or there is no predicted event. Gold events with no killed figure are not
    scored for these. ``killed_best_exact``: predicted best == gold best;
    ``killed_best_within25`` / ``killed_high_within25``: within 25% of the gold best / high
    (exact when the gold is 0); ``no_overlap_sum``: predicted best <= gold high (no total
    double-counts the dead of rival accounts).
  - ``claimant_recall``: share of gold claims whose claimant matches the claimant of some
    claim of the predicted event (:func:`same_claimant`: equal after alias folding with the
    actor registry, or one name containing the other once case, "the" and possessives are
    folded; gold ``unattributed`` matches a predicted ``unattributed`` or the report's outlet).
  - ``country_accuracy``: the event's place country == gold ISO2; ``admin1_accuracy``: its
    admin1 equals the gold's once folded (:func:`fold_admin1`: case, accents, punctuation
    and words such as "Oblast", "Province", "Region", "State" ignored); ``date_within1``:
    event start within one day of the gold date; ``side_a_accuracy``: the gold's first side_a
    actor is among the event's side_a actors (:func:`same_actor`); ``sides_apart``: no gold
    side_a actor shares a predicted side with a gold side_b actor (foes never on one side; an
    event with no predicted event fails).
* ``distractors_merged``: distractor reports found in any predicted event (its ``article_ids``)
  that also holds a report of a gold event.

Rates are NaN (None once through :func:`fogofwar.eval.strict_metrics`) when nothing could be
scored.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from fogofwar.eval.clusters import main_events, majority_cluster
from fogofwar.eval.derive import bare
from fogofwar.eval.metrics import b_cubed, rate
from fogofwar.eval.sets import SetText, jsonl_rows, require_file, text_articles, texts_by_article
from fogofwar.model import UNATTRIBUTED, Article, Event
from fogofwar.settings import Settings

log = logging.getLogger(__name__)

ARTICLES = "articles.jsonl"
GOLD = "gold.json"
CONFLICT_KEYS = (
    "n_events",
    "n_articles",
    "n_predicted_events",
    "bcubed_f1",
    "killed_best_exact",
    "killed_best_within25",
    "killed_high_within25",
    "no_overlap_sum",
    "claimant_recall",
    "country_accuracy",
    "admin1_accuracy",
    "date_within1",
    "side_a_accuracy",
    "sides_apart",
    "distractors_merged",
)
WITHIN = 0.25  # killed_*_within25: relative error allowed
OUTCOMES = ("killed", "injured", "captured")
# Words an admin1 name may carry or drop ("Kharkiv Oblast", "Borno State") and still be the same.
_ADMIN1_WORDS = frozenset(
    "oblast province region state governorate division district county prefecture department "
    "territory autonomous republic of the".split()
)
Resolve = Callable[[str], str | None]  # a claimant name -> the registry actor's canonical name


@dataclass(frozen=True)
class Figure:
    """A gold low / best / high."""

    low: int | None
    best: int | None
    high: int | None


@dataclass(frozen=True)
class GoldClaim:
    """One claim a gold report makes: who, which outcome, what figure, about whom."""

    article_id: str  # "" where the gold does not say which report makes the claim
    claimant: str
    outcome: str
    figure: int | None
    victims: str
    aliases: tuple[str, ...] = ()  # other names the reports use for the claimant


@dataclass(frozen=True)
class GoldEvent:
    """One event of the gold and the reports that tell of it."""

    id: str
    article_ids: tuple[str, ...]
    date: date
    country: str
    admin1: str
    place: str
    event_type: str
    sub_event_type: str
    side_a: tuple[str, ...]
    side_b: tuple[str, ...]
    killed: Figure | None
    injured: Figure | None
    captured: Figure | None
    claims: tuple[GoldClaim, ...]
    # A second accepted reading of the dead (realnews ``killed_alt``: with or without the
    # attackers killed); a predicted figure that fits either reading is right.
    killed_alt: Figure | None = None


@dataclass(frozen=True)
class Report(SetText):
    """One report of the set, as stored in ``articles.jsonl``."""


@dataclass(frozen=True)
class ConflictSet:
    """The reports, the gold events and the distractor report ids."""

    reports: tuple[Report, ...]
    events: tuple[GoldEvent, ...]
    distractors: tuple[str, ...]


@dataclass(frozen=True)
class PredictedEvent:
    """What the scorer reads of a linked event (built by :func:`predicted_event`)."""

    id: str
    report_ids: frozenset[str]
    killed_best: int
    killed_high: int
    country: str | None = None
    admin1: str | None = None
    start: date | None = None
    claimants: tuple[str, ...] = ()
    side_a: tuple[str, ...] = ()
    side_b: tuple[str, ...] = ()


def _figure(value: Mapping[str, Any] | int | None) -> Figure | None:
    if value is None:
        return None
    if isinstance(value, int):  # realnews: "captured": 3
        return Figure(value, value, value)
    return Figure(value.get("low"), value.get("best"), value.get("high"))


def gold_event(row: Mapping[str, Any]) -> GoldEvent:
    """A GoldEvent from one entry of ``gold.json``'s ``events`` (this project's layout) or of the
    list in ``gold.json`` (``../shared/eval/dev/realnews``: ``event`` "n01 name", actors as one
    list with no sides, claims without their report, ``claimant_aliases``, ``killed_alt``)."""
    actors = row.get("actors") or {}
    if not isinstance(actors, Mapping):
        actors = {}  # a plain list of actors: the sides are not given
    return GoldEvent(
        id=row.get("id") or str(row["event"]).split()[0],
        article_ids=tuple(row["article_ids"]),
        date=date.fromisoformat(row["date"]),
        country=row["country"],
        admin1=row.get("admin1") or "",
        place=row.get("place") or "",
        event_type=row.get("event_type") or "",
        sub_event_type=row.get("sub_event_type") or "",
        side_a=tuple(actors.get("side_a") or ()),
        side_b=tuple(actors.get("side_b") or ()),
        killed=_figure(row.get("killed")),
        injured=_figure(row.get("injured")),
        captured=_figure(row.get("captured")),
        claims=tuple(
            GoldClaim(
                c.get("article_id") or "",
                c["claimant"],
                c["outcome"],
                c.get("figure"),
                c.get("victims") or "",
                tuple(c.get("claimant_aliases") or ()),
            )
            for c in row.get("claims") or ()
        ),
        killed_alt=_figure(row.get("killed_alt")),
    )


def load_conflict(path: Path, *, limit: int | None = None) -> ConflictSet:
    """Read the set in directory ``path``; with ``limit``, its first ``limit`` events only.

    RAISES: ConfigError E050 when ``path`` lacks ``articles.jsonl`` or ``gold.json``.
    """
    reports = [Report.read(row) for row in jsonl_rows(require_file(path, ARTICLES))]
    gold = json.loads(require_file(path, GOLD).read_text(encoding="utf-8"))
    if isinstance(gold, list):  # realnews: one list, distractors marked in it
        events = [gold_event(row) for row in gold if not row.get("distractor")]
        distractors = [a for row in gold if row.get("distractor") for a in row["article_ids"]]
    else:
        events = [gold_event(row) for row in gold["events"]]
        distractors = list(gold.get("distractors") or ())
    if limit is not None:
        events = events[:limit]
        dates = {e.date for e in events}
        published = {r.id: r.published for r in reports}
        distractors = [d for d in distractors if published.get(d) in dates]
        kept = {a for e in events for a in e.article_ids} | set(distractors)
        reports = [r for r in reports if r.id in kept]
    return ConflictSet(tuple(reports), tuple(events), tuple(distractors))


def validate_gold(conflict: ConflictSet) -> list[str]:
    """Problems with the gold, one line each (empty when it is sound): unknown or repeated
    report ids, reports in no event and not a distractor, claims of reports outside their
    event, low <= best <= high broken, unknown outcomes."""
    problems = []
    known = {r.id for r in conflict.reports}
    seen: Counter[str] = Counter()
    for event in conflict.events:
        seen.update(event.article_ids)
        for article_id in event.article_ids:
            if article_id not in known:
                problems.append(f"{event.id}: unknown article {article_id}")
        for claim in event.claims:
            if claim.article_id and claim.article_id not in event.article_ids:
                problems.append(f"{event.id}: claim of article {claim.article_id} outside the event")
        for name in OUTCOMES:
            figure = getattr(event, name)
            values = [] if figure is None else [figure.low, figure.best, figure.high]
            if figure is not None and (None in values or values != sorted(values)):
                problems.append(f"{event.id}: {name} is not low <= best <= high: {values}")
    seen.update(conflict.distractors)
    problems += [f"distractor {d}: unknown article" for d in conflict.distractors if d not in known]
    problems += [f"article {a} is in {n} events or distractors" for a, n in seen.items() if n > 1]
    problems += [f"article {a} is in no event and not a distractor" for a in sorted(known - set(seen))]
    return problems


def conflict_articles(reports: Sequence[Report]) -> tuple[list[Article], dict[str, str]]:
    """Distinct Articles of the reports, and report id -> article id for those ingest kept."""
    return text_articles(reports)


def event_killed(event: Event) -> tuple[int, int]:
    """(best, high) killed of an event from its reconciled rows, through ``reconcile.totals``:
    high is its high total, best the same sum over each group's best; 0 for no figure."""
    from fogofwar.reconcile import totals

    _, high = totals(event.reconciled, outcome="killed")
    best, _ = totals([replace(r, low=r.best, high=r.best) for r in event.reconciled], outcome="killed")
    return best or 0, high or 0


def predicted_event(event: Event, reports_of: Mapping[str, Sequence[str]]) -> PredictedEvent:
    """What the scorer reads of ``event``; ``reports_of`` maps article id -> report ids."""
    best, high = event_killed(event)
    place = event.place
    return PredictedEvent(
        id=event.id,
        report_ids=frozenset(r for a in event.article_ids for r in reports_of.get(a, ())),
        killed_best=best,
        killed_high=high,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        start=event.start,
        claimants=tuple(dict.fromkeys(n for c in event.claims for n in (c.claimant, c.claimant_words) if n)),
        side_a=tuple(a.actor.name for a in event.actors if a.role == "side_a"),
        side_b=tuple(a.actor.name for a in event.actors if a.role == "side_b"),
    )


def fold_admin1(name: str | None) -> str:
    """An admin1 name reduced for comparison: "Kharkiv Oblast" -> "kharkiv", "Al Jazirah" -> "al jazirah"."""
    words = re.findall(r"[a-z0-9]+", bare(name or "").replace("'", ""))
    return " ".join(w for w in words if w not in _ADMIN1_WORDS)


def same_admin1(predicted: str | None, gold: str) -> bool:
    """Whether a predicted admin1 name is the gold's once both are folded (:func:`fold_admin1`)."""
    return bool(predicted) and fold_admin1(predicted) == fold_admin1(gold)


def fold_name(name: str) -> str:
    """A claimant name reduced for comparison: case, accents, "the", possessive "'s" dropped."""
    text = re.sub(r"['’]s\b", "", bare(name))
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w != "the"]
    return " ".join(words)


def same_claimant(
    gold: str, predicted: str, *, resolve: Resolve | None = None, outlet: str | None = None
) -> bool:
    """Whether a predicted claimant is the gold claimant (module docstring)."""
    if gold == UNATTRIBUTED:
        return predicted == UNATTRIBUTED or (outlet is not None and fold_name(predicted) == fold_name(outlet))
    if (registered := _registry_verdict(gold, predicted, resolve)) is not None:
        return registered
    a, b = fold_name(gold), fold_name(predicted)
    if not a or not b:
        return False
    return a == b or f" {a} " in f" {b} " or f" {b} " in f" {a} "


def same_actor(gold: str, predicted: str, *, resolve: Resolve | None = None) -> bool:
    """Whether a predicted actor is the gold actor: the same registry actor, else the same name
    once folded (:func:`fold_name`)."""
    if (registered := _registry_verdict(gold, predicted, resolve)) is not None:
        return registered
    return fold_name(gold) == fold_name(predicted)


def _registry_verdict(gold: str, predicted: str, resolve: Resolve | None) -> bool | None:
    """Whether two names are the same registry actor; None when the registry knows either not."""
    if resolve is None:
        return None
    gold_actor, predicted_actor = resolve(gold), resolve(predicted)
    if gold_actor is None or predicted_actor is None:
        return None
    return gold_actor == predicted_actor


def _on_side(gold: str, side: Sequence[str], resolve: Resolve | None) -> bool:
    return any(same_actor(gold, p, resolve=resolve) for p in side)


def _within(predicted: int, gold: int) -> bool:
    return predicted == gold if gold == 0 else abs(predicted - gold) <= WITHIN * gold


def score_conflict(
    conflict: ConflictSet,
    clusters: Mapping[str, str],
    events: Mapping[str, PredictedEvent],
    *,
    resolve: Resolve | None = None,
) -> dict[str, float | int]:
    """The conflict metrics (keys ``CONFLICT_KEYS``; rules: module docstring).

    clusters: report id -> predicted cluster (a key of ``events``, or any other value for a
        report in no event); reports missing are scored as clusters of their own.
    events: the predicted events by id, every event (not only the clusters' ones), for
        ``distractors_merged``.
    resolve: claimant name -> registry actor name (alias folding), or None.
    """
    gold = {a: e.id for e in conflict.events for a in e.article_ids}
    gold.update({d: f"distractor:{d}" for d in conflict.distractors})
    pred = {r: clusters.get(r, f"report:{r}") for r in gold}
    outlet = {r.id: r.source for r in conflict.reports}
    best_exact, best_near, high_near, no_overlap = [], [], [], []
    claimants, country, admin1, when = [], [], [], []
    side_a, apart = [], []
    for event in conflict.events:
        cluster = majority_cluster((a for a in event.article_ids if a in pred), pred)
        found = events.get(cluster) if cluster is not None else None
        readings = [
            k
            for k in (event.killed, event.killed_alt)
            if k is not None and k.best is not None and k.high is not None
        ]
        if readings:
            best = found.killed_best if found else 0
            high = found.killed_high if found else 0
            best_exact.append(any(best == k.best for k in readings))
            best_near.append(any(_within(best, k.best) for k in readings))  # type: ignore[arg-type]
            high_near.append(any(_within(high, k.high) for k in readings))  # type: ignore[arg-type]
            no_overlap.append(best <= max(k.high for k in readings))  # type: ignore[type-var]
        for claim in event.claims:
            claimants.append(
                found is not None
                and any(
                    same_claimant(name, p, resolve=resolve, outlet=outlet.get(claim.article_id))
                    for name in (claim.claimant, *claim.aliases)
                    for p in found.claimants
                )
            )
        country.append(found is not None and found.country == event.country)
        admin1.append(found is not None and same_admin1(found.admin1, event.admin1))
        when.append(
            found is not None and found.start is not None and abs((found.start - event.date).days) <= 1
        )
        if event.side_a:
            side_a.append(found is not None and _on_side(event.side_a[0], found.side_a, resolve))
        if event.side_a and event.side_b:
            apart.append(
                found is not None
                and not any(
                    _on_side(a, side, resolve) and _on_side(b, side, resolve)
                    for side in (found.side_a, found.side_b)
                    for a in event.side_a
                    for b in event.side_b
                )
            )
    gold_reports = set(gold) - set(conflict.distractors)
    merged = {
        d
        for e in events.values()
        if e.report_ids & gold_reports
        for d in conflict.distractors
        if d in e.report_ids
    }
    return {
        "n_events": len(conflict.events),
        "n_articles": len(gold),
        "n_predicted_events": len(events),
        "bcubed_f1": b_cubed(gold, pred).f1 if gold else math.nan,
        "killed_best_exact": rate(best_exact),
        "killed_best_within25": rate(best_near),
        "killed_high_within25": rate(high_near),
        "no_overlap_sum": rate(no_overlap),
        "claimant_recall": rate(claimants),
        "country_accuracy": rate(country),
        "admin1_accuracy": rate(admin1),
        "date_within1": rate(when),
        "side_a_accuracy": rate(side_a),
        "sides_apart": rate(apart),
        "distractors_merged": len(merged),
    }


def registry_lookup(registry: Any) -> Resolve | None:
    """Claimant name -> canonical actor name with the extractor's actor registry (its
    ``lookup``), or None when the registry has no lookup."""
    lookup = getattr(registry, "lookup", None)
    if not callable(lookup):
        return None

    def resolve(name: str) -> str | None:
        actor = lookup(name)
        return getattr(actor, "name", None)

    return resolve


def evaluate_conflict(path: Path, *, settings: Settings, limit: int | None = None) -> dict[str, float | int]:
    """Ingest, extract, link and reconcile the conflict set in ``path`` in memory, and score it.

    path: the set's directory (``evaldata/conflict``).
    settings: the run's settings (spaCy model, link window, reconcile rule).
    limit: only the first ``limit`` gold events (their reports and same-day distractors).
    RETURNS: the metrics, keys ``CONFLICT_KEYS`` (rules: module docstring); rates are NaN when
        nothing could be scored.
    RAISES: ConfigError E050 when ``path`` lacks the set's files.
    """
    from fogofwar.pipeline import Pipeline

    conflict = load_conflict(path, limit=limit)
    articles, report_article_id = conflict_articles(conflict.reports)
    pipeline = Pipeline(settings)
    run = pipeline.run(articles)
    log.info(
        "conflict: %d reports, %d articles, %d events", len(conflict.reports), len(articles), len(run.events)
    )
    reports_of = texts_by_article(report_article_id)
    main = main_events(run.articles, run.events, run.extractions, settings=settings)
    clusters = {r: main[a].id for r, a in report_article_id.items() if a in main}
    events = {e.id: predicted_event(e, reports_of) for e in run.events}
    resolve = registry_lookup(pipeline.extractor.registry)
    return score_conflict(conflict, clusters, events, resolve=resolve)


__all__ = [
    "CONFLICT_KEYS",
    "ConflictSet",
    "Figure",
    "GoldClaim",
    "GoldEvent",
    "PredictedEvent",
    "Report",
    "conflict_articles",
    "evaluate_conflict",
    "event_killed",
    "fold_admin1",
    "fold_name",
    "gold_event",
    "load_conflict",
    "predicted_event",
    "registry_lookup",
    "same_admin1",
    "same_claimant",
    "score_conflict",
    "validate_gold",
]
