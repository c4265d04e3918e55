"""ACLED notes evaluation: one coder's note per event, scored against ACLED's own coding of it.

Data (``../shared/eval/dev/acled``, see its README.txt): ``notes.jsonl`` (one article per ACLED
event: id = ``event_id_cnty``, source, title, published, text = the event's ``notes``) and
``gold.jsonl`` (the ACLED row of each event: date, type and sub-type, actors, country, admin1,
location, coordinates, fatalities). Every note is its own event: two notes never tell of the
same event.

Rules:

* **Articles.** Each note becomes an Article through ``fogofwar.ingest.text.article_from_text``
  (published date, source, title), as for the other sets; a note ingest rejects is counted in
  ``n`` and scored as having no event. ``limit`` keeps the first N notes (file order). The notes
  are extracted once (``Pipeline.extract``, parallel with ``fogofwar -j N``); both modes link
  those same extractions.
* **Modes.**
  - ``pooled``: every note goes through ``Pipeline.run`` together, in memory, as ``fogofwar
    ingest`` of one file does on a fresh database (copies marked, linking, re-dating,
    reconciliation). Notes of one area and week may be merged into one event, and a merged
    event's figures and place then cost the notes it swallowed.
  - ``per_note``: each note goes through ``Pipeline.run`` alone, with its extraction made
    beforehand (no second extraction): what the extract stage gets out of one note, without
    linking errors. Linking one article at a time is cheap next to extracting it.
* **A note's predicted event** (:func:`note_event`): among the events holding the note's
  mentions, the one holding most of them; on ties the one with the larger killed figure (a
  note is about its deadly event; a side event such as looting after an attack carries no
  toll), then the one whose first mention comes first in the text (the coder's lead). Events
  that hold the note's article without any of its mentions are a fallback (none in practice).
  A note with no such event has no prediction.
* **What an event predicts** is read through the ACLED export (:func:`fogofwar.export.acled.acled_row`):
  its ``event_type`` and ``sub_event_type``, ``country`` (ACLED's country names), ``admin1``,
  ``latitude`` / ``longitude`` and ``event_date``, exactly what ``fogofwar export --format
  acled`` writes. The predicted fatalities are the reconciled best killed
  (:func:`fogofwar.eval.conflict.event_killed`, as for the conflict set), not the export's
  conservative ``fatalities`` column, so the figure compares with the other sets' killed metrics.
* **Metrics**, rates over all ``n`` notes (a note with no event is wrong on every field, and its
  fatalities are read as 0, as the GVA and conflict scorers do; ``coverage`` says how many had
  an event at all):
  - ``coverage``: share of notes with a predicted event;
  - ``fatalities_exact``: predicted killed == gold ``fatalities``;
    ``fatalities_exact_clean``: the same over notes whose text carries no coder remark about
    the figure (:func:`has_coder_remark`: "Fatalities coded as 0 (VoJ reported 2)", "unknown
    fatalities coded as 10", "split across two events" ...: ACLED conventions; the extractor
    reads a coded count as the note's own figure, which the other figures of the note can still
    exceed, and cannot read a split or a figure coded below the note's own);
    ``fatalities_within20``: within 20% of the gold (exact when the gold is 0);
  - ``event_type_accuracy`` / ``sub_event_type_accuracy``: equal to the gold's;
  - ``country_accuracy``: the export's country name equals the gold's (case and accents folded);
  - ``admin1_accuracy``: :func:`fogofwar.eval.conflict.same_admin1` (case, accents,
    punctuation and words such as "Province", "Region", "Oblast", "State" folded away);
  - ``location_within_25km``: haversine distance between the event's coordinates and the
    gold's at most 25 km (False when the event has no coordinates);
  - ``date_within1``: the event date its ACLED row writes (``export.acled.event_day``, one day
    for a range) within one day of the gold ``event_date``;
  - ``actor1_recall``: the gold ``actor1`` is one of the event's actors, any role
    (:func:`same_actor`: a loose match, see there);
  - ``rows_sharing_event``: share of notes whose predicted event also holds another note's
    article (a wrong merge: every note is its own event). Always 0 per note.

Rates are NaN (None once through :func:`fogofwar.eval.strict_metrics`) when nothing could be scored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from fogofwar.eval.conflict import event_killed, registry_lookup, same_admin1
from fogofwar.eval.derive import bare
from fogofwar.eval.metrics import rate, within_days
from fogofwar.eval.sets import SetText, iso_date, jsonl_rows, require_file, text_articles, texts_by_article
from fogofwar.model import Actor, Article, Event, Extraction
from fogofwar.settings import Settings

log = logging.getLogger(__name__)

NOTES = "notes.jsonl"
GOLD = "gold.jsonl"
POOLED, PER_NOTE = "pooled", "per_note"
MODES = (POOLED, PER_NOTE)
ACLED_KEYS = (
    "n",
    "coverage",
    "fatalities_exact",
    "fatalities_exact_clean",
    "fatalities_within20",
    "event_type_accuracy",
    "sub_event_type_accuracy",
    "country_accuracy",
    "admin1_accuracy",
    "location_within_25km",
    "date_within1",
    "actor1_recall",
    "rows_sharing_event",
)
WITHIN = 0.20  # fatalities_within20: relative error allowed
NEAR_KM = 25.0  # location_within_25km
Resolve = Callable[[str], str | None]  # an actor name -> the registry actor's canonical name

# A coder's remark on how the figure was coded, often beyond what the text gives: "Fatalities
# coded as 0 (VoJ reported 2)", "unknown fatalities coded as 10", "Fatalities split across two
# events", "distributed across six events", "[1 fatality split ...]", "reported 3, coded 0".
CODER_REMARK = re.compile(
    r"fatalit\w*\s+(?:are\s+|were\s+)?(?:coded|split|distributed|spread)"
    r"|\bcoded\s+(?:as|at)\s+\d"
    r"|\b(?:split|distributed|spread)\s+(?:across|between|over)\b"
    r"|\breported\b[^.;]{0,60}\bcoded\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AcledNote(SetText):
    """One note of the set, as stored in ``notes.jsonl`` (id = ``event_id_cnty``; no url)."""


@dataclass(frozen=True)
class AcledGold:
    """ACLED's coding of one event (the fields the scorer compares)."""

    id: str
    event_date: date | None
    event_type: str
    sub_event_type: str
    actor1: str
    country: str
    admin1: str
    location: str
    latitude: float | None
    longitude: float | None
    fatalities: int


@dataclass(frozen=True)
class AcledPrediction:
    """What the scorer reads of a note's predicted event (built by :func:`predicted_event`)."""

    event_id: str
    note_ids: frozenset[str]
    killed: int
    event_type: str = ""
    sub_event_type: str = ""
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    start: date | None = None
    actors: tuple[Actor, ...] = ()


def _float(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def load_notes(path: Path, *, limit: int | None = None) -> list[AcledNote]:
    """The first ``limit`` notes of ``notes.jsonl`` in file order (all when None)."""
    return [AcledNote.read(row) for row in islice(jsonl_rows(require_file(path, NOTES)), limit)]


def gold_row(row: Mapping[str, Any]) -> AcledGold:
    """An AcledGold from one line of ``gold.jsonl``."""
    return AcledGold(
        id=str(row["event_id_cnty"]),
        event_date=iso_date(row.get("event_date")),
        event_type=row.get("event_type") or "",
        sub_event_type=row.get("sub_event_type") or "",
        actor1=row.get("actor1") or "",
        country=row.get("country") or "",
        admin1=row.get("admin1") or "",
        location=row.get("location") or "",
        latitude=_float(row.get("latitude")),
        longitude=_float(row.get("longitude")),
        fatalities=int(row.get("fatalities") or 0),
    )


def load_gold(path: Path) -> dict[str, AcledGold]:
    """ACLED's coding by event id (``event_id_cnty`` = the note's id)."""
    rows = (gold_row(row) for row in jsonl_rows(require_file(path, GOLD)))
    return {row.id: row for row in rows}


def has_coder_remark(text: str) -> bool:
    """Whether a note says how its figure was coded (``CODER_REMARK``): such rows carry ACLED
    conventions ("Fatalities coded as 0 (VoJ reported 2)") that no reading of the text gives."""
    return CODER_REMARK.search(text) is not None


# -- the note's event ---------------------------------------------------------------------------


def note_event(extraction: Extraction, events: Sequence[Event]) -> Event | None:
    """The predicted event of the note extracted as ``extraction`` (rule: module docstring):
    the event holding most of its mentions, then the larger killed figure, then the earliest
    mention in the text; else an event holding its article; else None."""
    order = {
        m.id: i for i, m in enumerate(sorted(extraction.mentions, key=lambda m: (m.sentence.start, m.id)))
    }
    held = [(e, [order[m] for m in e.mention_ids if m in order]) for e in events]
    candidates = [(e, positions) for e, positions in held if positions]
    if not candidates:
        return next((e for e in events if extraction.article_id in e.article_ids), None)
    ranked = sorted(candidates, key=lambda item: (-len(item[1]), -event_killed(item[0])[0], min(item[1])))
    return ranked[0][0]


def predicted_event(
    event: Event, articles: Mapping[str, Article], notes_of: Mapping[str, Sequence[str]]
) -> AcledPrediction:
    """What the scorer reads of ``event``: its ACLED export row's fields, its reconciled best
    killed and its actors; ``notes_of`` maps article id -> note ids (for merges)."""
    from fogofwar.export.acled import acled_row, event_day

    row = acled_row(event, articles)
    return AcledPrediction(
        event_id=event.id,
        note_ids=frozenset(n for a in event.article_ids for n in notes_of.get(a, ())),
        killed=event_killed(event)[0],
        event_type=row["event_type"] or "",
        sub_event_type=row["sub_event_type"] or "",
        country=row["country"],
        admin1=row["admin1"],
        latitude=_float(row["latitude"]),
        longitude=_float(row["longitude"]),
        start=event_day(event),
        actors=tuple({r.actor.name: r.actor for r in event.actors}.values()),
    )


# -- comparisons ---------------------------------------------------------------------------------


def fatalities_within(predicted: int, gold: int, *, within: float = WITHIN) -> bool:
    """Whether ``predicted`` is within ``within`` of ``gold`` (relative), exact when gold is 0."""
    return predicted == gold if gold == 0 else abs(predicted - gold) <= within * gold


def same_name(a: str | None, b: str | None) -> bool:
    """Whether two names (countries, types) are equal once case and accents are folded."""
    return bool(a) and bool(b) and " ".join(bare(a or "").split()) == " ".join(bare(b or "").split())


def km_between(prediction: AcledPrediction, gold: AcledGold) -> float | None:
    """Great-circle km between the event's coordinates and the gold's (None when either lacks them)."""
    from fogofwar.link.similarity import haversine_km

    coordinates = (prediction.latitude, prediction.longitude, gold.latitude, gold.longitude)
    if any(c is None for c in coordinates):
        return None
    return haversine_km(*coordinates)  # type: ignore[arg-type]


# ACLED names state forces "Military Forces of Kenya (2013-)", "Police Forces of India (2014-)
# Border Security Force": a kind of force and a country, which the registry names otherwise
# ("Kenya Defence Forces", "Police" with no country).
_STATE_FORCES = re.compile(r"^(?:military|police)\s+forces\s+of\s+(?P<country>[^(]+?)\s*(?:\(|$)", re.I)
_PARENTHESES = re.compile(r"\([^)]*\)")
# Words that name no one in particular: a gold part reduced to them is matched by name only.
_FILLER = frozenset({"the", "of", "and", "forces", "force", "group", "militia", "militants"})
MIN_CONTAINED = 4  # characters a name needs to be found inside another name
STATE_FORCES, EXTERNAL_FORCES = 1, 8  # ACLED inter codes


def fold_actor(name: str) -> str:
    """An actor name reduced for comparison: accents, case, parentheses ("(2000-)", "(Kenya)"),
    punctuation and a leading "the" dropped ("al-Shabaab" == "Al Shabaab")."""
    text = _PARENTHESES.sub(" ", bare(name)).replace("'", "").replace("’", "")
    words = re.findall(r"[a-z0-9]+", text)
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def gold_actor_parts(actor1: str) -> list[str]:
    """The names a gold actor1 gives: each side of "and/or", and for "JNIM: Group for Support of
    Islam and Muslims" both the acronym and the long name."""
    parts = []
    for alternative in re.split(r"\s+and/or\s+", actor1):
        pieces = [alternative, *alternative.split(":", 1)] if ":" in alternative else [alternative]
        parts.extend(p.strip() for p in pieces if p.strip())
    return list(dict.fromkeys(parts))


def _filler(folded: str) -> bool:
    return set(folded.split()) <= _FILLER


def _contains(longer: str, shorter: str) -> bool:
    # a short name ("is", "kdf") inside a longer one is too often another word of it
    return len(shorter) >= MIN_CONTAINED and f" {shorter} " in f" {longer} "


def same_actor(
    gold: str,
    actor: Actor,
    *,
    event_country: str | None = None,
    resolve: Resolve | None = None,
) -> bool:
    """Whether ``actor`` (one of an event's actors) is the gold ``actor1``, loosely:

    * a gold in ACLED's "Military/Police Forces of <country> (...)" form is matched by state
      forces (``kind`` state_forces or ACLED ``inter`` 1) of that country (the actor's own,
      else the event's, ``event_country`` being an ACLED country name), or by external forces
      (``inter`` 8) registered with that country when it is not the event's (a state's army
      abroad: "French Armed Forces" in Burkina Faso; not a UN mission, registered with its
      host); by this rule only, since its words ("police") say too little;
    * any other gold when the registry resolves a part of it to the actor (``resolve``: name ->
      canonical name, the registry's own reading: "Al Shabaab" -> "al-Shabaab", and also
      "Protesters (Kenya)" -> "civilians");
    * or when a part of the gold name (:func:`gold_actor_parts`) and the actor's name or one of its
      aliases are equal once folded (:func:`fold_actor`), or one contains the other as whole
      words ("Taliban" in "Taliban militants"), ignoring parts made only of filler words and,
      for containment, names under ``MIN_CONTAINED`` characters.
    """
    state = _STATE_FORCES.match(gold.strip())
    if state is not None:  # a kind of force and a country: the words alone ("police") say too little
        return _same_state_forces(actor, state.group("country"), event_country)
    if resolve is not None and any(resolve(part) == actor.name for part in gold_actor_parts(gold)):
        return True
    # names made of filler words only ("group", "forces") name no one in particular
    names = [n for n in (fold_actor(a) for a in (actor.name, *actor.aliases)) if n and not _filler(n)]
    parts = [p for p in (fold_actor(part) for part in gold_actor_parts(gold)) if p and not _filler(p)]
    return any(n == p or _contains(n, p) or _contains(p, n) for p in parts for n in names)


def _same_state_forces(actor: Actor, country: str, event_country: str | None) -> bool:
    """Whether ``actor`` is the state forces of ``country`` (an ACLED country name)."""
    from fogofwar.export.countries import country_info

    info = country_info(actor.country)
    if actor.kind == "state_forces" or actor.inter == STATE_FORCES:
        return same_name(info.name if info else event_country, country)
    # A state's army abroad (French Armed Forces: FR) is "external" and registered with its own
    # country; a mission (MINUSMA) with its host's, the event's: only the former is an army.
    if actor.kind == "external" or actor.inter == EXTERNAL_FORCES:
        return info is not None and not same_name(info.name, event_country) and same_name(info.name, country)
    return False


# -- scoring ---------------------------------------------------------------------------------------


def score_acled(
    notes: Sequence[AcledNote],
    gold: Mapping[str, AcledGold],
    predictions: Mapping[str, AcledPrediction],
    *,
    resolve: Resolve | None = None,
) -> dict[str, float | int]:
    """The ACLED metrics (keys ``ACLED_KEYS``; rules: module docstring).

    notes: the notes read (those without a gold row are not scored).
    predictions: note id -> its predicted event; a note missing has no event.
    resolve: actor name -> registry canonical name, for ``actor1_recall`` (None: names only).
    """
    scored = [n for n in notes if n.id in gold]
    covered, exact, clean, near, types, subtypes = [], [], [], [], [], []
    country, admin1, located, dated, actor1, shared = [], [], [], [], [], []
    for note in scored:
        truth, found = gold[note.id], predictions.get(note.id)
        killed = found.killed if found else 0
        covered.append(found is not None)
        exact.append(killed == truth.fatalities)
        if not has_coder_remark(note.text):
            clean.append(killed == truth.fatalities)
        near.append(fatalities_within(killed, truth.fatalities))
        if found is None:
            for values in (types, subtypes, country, admin1, located, dated, actor1, shared):
                values.append(False)
            continue
        types.append(found.event_type == truth.event_type)
        subtypes.append(found.sub_event_type == truth.sub_event_type)
        country.append(same_name(found.country, truth.country))
        admin1.append(same_admin1(found.admin1, truth.admin1))
        km = km_between(found, truth)
        located.append(km is not None and km <= NEAR_KM)
        dated.append(within_days(found.start, truth.event_date))
        actor1.append(
            bool(truth.actor1)
            and any(
                same_actor(truth.actor1, a, event_country=found.country, resolve=resolve)
                for a in found.actors
            )
        )
        shared.append(bool(found.note_ids - {note.id}))
    return {
        "n": len(scored),
        "coverage": rate(covered),
        "fatalities_exact": rate(exact),
        "fatalities_exact_clean": rate(clean),
        "fatalities_within20": rate(near),
        "event_type_accuracy": rate(types),
        "sub_event_type_accuracy": rate(subtypes),
        "country_accuracy": rate(country),
        "admin1_accuracy": rate(admin1),
        "location_within_25km": rate(located),
        "date_within1": rate(dated),
        "actor1_recall": rate(actor1),
        "rows_sharing_event": rate(shared),
    }


# -- running the pipeline ------------------------------------------------------------------------


def note_predictions(
    note_article_id: Mapping[str, str],
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    events: Sequence[Event],
) -> dict[str, AcledPrediction]:
    """Note id -> its predicted event (:func:`note_event`) for the notes whose article is in a
    run (``articles``, with their ``extractions`` and the run's ``events``)."""
    by_id = {a.id: a for a in articles}
    extraction_of = {e.article_id: e for e in extractions}
    notes_of = texts_by_article(note_article_id)
    predictions = {}
    for note_id, article_id in note_article_id.items():
        extraction = extraction_of.get(article_id)
        event = note_event(extraction, events) if extraction is not None else None
        if event is not None:
            predictions[note_id] = predicted_event(event, by_id, notes_of)
    return predictions


def mode_predictions(
    mode: str,
    pipeline: Any,
    articles: Sequence[Article],
    extractions: Sequence[Extraction],
    note_article_id: Mapping[str, str],
) -> dict[str, AcledPrediction]:
    """Note id -> its predicted event (:func:`note_predictions`) with the notes' articles linked
    as ``mode`` says: ``pooled``, all of them through one ``Pipeline.run`` (as one ingest of all
    of them); ``per_note``, each through its own run, so that no note can be merged with another.
    Each article's extraction is given, so nothing is extracted again."""
    extraction_of = {e.article_id: e for e in extractions}
    notes_of = texts_by_article(note_article_id)
    batches = [articles] if mode == POOLED else [[article] for article in articles]
    predictions: dict[str, AcledPrediction] = {}
    linked = copies = events = 0
    for batch in batches:
        run = pipeline.run(batch, extractions=[extraction_of[a.id] for a in batch])
        own = {n: a.id for a in batch for n in notes_of.get(a.id, ())}
        predictions.update(note_predictions(own, run.articles, run.extractions, run.events))
        linked += len(run.articles)
        copies += sum(a.duplicate_of is not None for a in run.articles)
        events += len(run.events)
    log.info("acled %s: %d articles (%d marked copies), %d events", mode, linked, copies, events)
    return predictions


def evaluate_acled(
    path: Path, *, settings: Settings, limit: int | None = None, modes: Iterable[str] = MODES
) -> dict[str, dict[str, float | int]]:
    """Extract the ACLED notes in ``path`` once, link them per mode and score each mode.

    path: the set's directory (``../shared/eval/dev/acled``).
    settings: the run's settings (spaCy model, worker processes, link window, reconcile rule).
    limit: only the first ``limit`` notes.
    modes: any of ``MODES`` (``pooled``, ``per_note``), in the order the result lists them.
    RETURNS: mode -> metrics (keys ``ACLED_KEYS``; rules: module docstring); rates are NaN
        when nothing could be scored.
    RAISES: ConfigError E050 when ``path`` lacks the set's files; ValueError for an unknown mode.
    """
    from fogofwar.pipeline import Pipeline

    modes = list(dict.fromkeys(modes))
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise ValueError(f"unknown mode(s) {', '.join(unknown)}: choose from {', '.join(MODES)}")
    notes = load_notes(path, limit=limit)
    gold = load_gold(path)
    articles, note_article_id = text_articles(notes)
    pipeline = Pipeline(settings)
    extractions = pipeline.extract(articles)
    resolve = registry_lookup(pipeline.extractor.registry)
    results = {}
    for mode in modes:
        predictions = mode_predictions(mode, pipeline, articles, extractions, note_article_id)
        results[mode] = score_acled(notes, gold, predictions, resolve=resolve)
    log.info("acled: %d notes, %d articles, modes %s", len(notes), len(articles), ", ".join(modes))
    return results


__all__ = [
    "ACLED_KEYS",
    "CODER_REMARK",
    "MODES",
    "PER_NOTE",
    "POOLED",
    "AcledGold",
    "AcledNote",
    "AcledPrediction",
    "evaluate_acled",
    "fatalities_within",
    "fold_actor",
    "gold_actor_parts",
    "gold_row",
    "has_coder_remark",
    "km_between",
    "load_gold",
    "load_notes",
    "mode_predictions",
    "note_event",
    "note_predictions",
    "predicted_event",
    "same_actor",
    "same_name",
    "score_acled",
    "within_days",
]
