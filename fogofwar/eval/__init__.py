"""``fogofwar eval``: score the extract stage against public evaluation sets.

Each evaluation reads its directory, turns every item into an Article (the ingest stage's
``article_from_text``, as any other text), runs :class:`fogofwar.extract.Extractor` over
them, reduces each Extraction to a prediction in the gold's terms with a documented, pure
``predict_*`` function, and scores the (gold, prediction) pairs with a pure ``score_*``
function. The rules are in each module's docstring:

* ``isaf`` — :mod:`fogofwar.eval.isaf` (ISAF press releases: killed, captured, province,
  date, event type);
* ``muc4`` — :mod:`fogofwar.eval.muc4` (MUC-4 terrorism reports: deaths, injuries,
  perpetrator organisation, location, date); ``muc4`` (or ``muc4:all``) scores every
  document with a key template, ``muc4:dev,tst1`` the documents of the named splits;
* ``gva`` — :mod:`fogofwar.eval.gva` (the linking evaluation: document -> incident
  clustering scored with :func:`fogofwar.eval.metrics.b_cubed` and
  :func:`fogofwar.eval.metrics.ceaf_e`, then per-incident counts); imported only when run;
* ``conflict`` — :mod:`fogofwar.eval.conflict` (our own conflict set, ``evaldata/conflict``:
  reports -> events, reconciled killed totals, claimants, places, dates); imported only when run.

``fogofwar eval acled`` (:mod:`fogofwar.eval.acled`: ACLED's event notes, one note per event,
against ACLED's coding) is not in :data:`EVALUATIONS`: it scores two runs (notes linked together,
and each note alone) from one extraction, so its result is one metrics dict per mode; the CLI
calls :func:`fogofwar.eval.acled.evaluate_acled` directly.

A new set adds a module with its loader, ``predict_*`` and ``score_*``, and one entry in
:data:`EVALUATIONS`.

Metric values are floats in [0, 1] (MAEs: people), or None when no item could be scored
(the scorers' NaN, mapped by :func:`run_eval` so that the result is strict JSON: see
:func:`metrics_json`); ``n`` is the number of items read.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from fogofwar.errors import ConfigError
from fogofwar.eval.isaf import isaf_article, load_isaf, predict_isaf, score_isaf
from fogofwar.eval.muc4 import (
    Resolver,
    load_muc4,
    muc4_article,
    predict_muc4,
    resolver_from_actors,
    score_muc4,
)
from fogofwar.model import Actor
from fogofwar.settings import Settings

log = logging.getLogger(__name__)

Metrics = dict[str, float | int | None]


class EvaluationRunner(Protocol):
    """Reads an evaluation directory, predicts and scores; ``variant`` is the part after ':'."""

    def __call__(
        self, path: Path, *, settings: Settings, limit: int | None, variant: str | None
    ) -> Metrics: ...


def make_extractor(settings: Settings) -> Any:
    """The extract stage's Extractor for ``settings`` (imported here: loading spaCy is slow)."""
    from fogofwar.extract import Extractor

    return Extractor(settings)


def registry_actors(extractor: Any) -> list[Actor]:
    """The actors of the extractor's registry (for kinds and aliases); empty when it lists none."""
    actors = getattr(extractor.registry, "actors", None)
    if callable(actors):
        actors = actors()
    if isinstance(actors, dict):
        actors = actors.values()
    listed = [a for a in actors or () if isinstance(a, Actor)]
    if not listed:
        log.warning("the actor registry lists no actors; names are matched without its aliases")
    return listed


def registry_resolver(extractor: Any) -> Resolver:
    """Read MUC-4 key strings with the extractor's actor registry, in the key's country.

    A key string names a registry actor when one of the actor's aliases spans the whole
    string (an optional leading "the" aside), matched by the registry's own ``find_all(text,
    country=ISO2)`` so that context aliases apply ("ARMY" in a Colombian key is the
    Colombian Armed Forces) but a partial match does not ("ARMY OF NATIONAL LIBERATION" is
    not an army). Without ``find_all``, the actors' names and global aliases are used.
    """
    registry = extractor.registry
    fallback = resolver_from_actors(registry_actors(extractor))
    find_all = getattr(registry, "find_all", None)
    guess_country = getattr(registry, "guess_country", None)
    if not (callable(find_all) and callable(guess_country)):
        return fallback
    countries: dict[str, str | None] = {}  # per run: the key names few countries

    def resolve(text: str, country: str | None) -> str | None:
        if country is not None and country not in countries:
            countries[country] = guess_country(country.title())
        phrase = re.sub(r"^\s*the\s+", "", text, flags=re.IGNORECASE).strip(" \"'")
        matches = find_all(phrase, country=countries.get(country) if country else None)
        whole = [actor for start, end, actor in matches if start == 0 and end == len(phrase)]
        if whole and isinstance(whole[0], Actor):
            return whole[0].name
        return fallback(text, country)

    return resolve


def _no_variant(name: str, variant: str | None) -> None:
    if variant:
        raise ConfigError("E051", name=f"{name}:{variant}", detail=f"{name} has no variants")


def evaluate_isaf(path: Path, *, settings: Settings, limit: int | None, variant: str | None) -> Metrics:
    """Score the ISAF set in directory ``path`` (rules: :mod:`fogofwar.eval.isaf`)."""
    _no_variant("isaf", variant)
    items = load_isaf(path, limit=limit)
    articles = [isaf_article(item) for item in items]
    extractor = make_extractor(settings)
    kinds = {actor.name: actor.kind for actor in registry_actors(extractor)}
    extractions = extractor.extract(articles)
    predictions = [
        predict_isaf(article, extraction, actor_kinds=kinds)
        for article, extraction in zip(articles, extractions, strict=True)
    ]
    return score_isaf(zip((item.gold for item in items), predictions, strict=True))


def muc4_splits(variant: str | None) -> tuple[str, ...] | None:
    """The split labels a ``muc4`` variant names: ``"dev,tst1"`` (or ``"dev+tst1"``) -> both;
    none or ``"all"`` -> None (every split)."""
    if not variant or variant == "all":
        return None
    splits = tuple(s.strip() for s in re.split(r"[,+]", variant) if s.strip())
    return splits or None


def evaluate_muc4(path: Path, *, settings: Settings, limit: int | None, variant: str | None) -> Metrics:
    """Score the MUC-4 set in directory ``path`` (rules and split: :mod:`fogofwar.eval.muc4`)."""
    items = load_muc4(path, splits=muc4_splits(variant), limit=limit)
    articles = [muc4_article(item) for item in items]
    extractor = make_extractor(settings)
    resolve = registry_resolver(extractor)
    extractions = extractor.extract(articles)
    predictions = [
        predict_muc4(article, extraction) for article, extraction in zip(articles, extractions, strict=True)
    ]
    return score_muc4(zip((item.gold for item in items), predictions, strict=True), resolve=resolve)


def evaluate_gva(path: Path, *, settings: Settings, limit: int | None, variant: str | None) -> Metrics:
    """Score the GVA linking set in directory ``path`` (rules: :mod:`fogofwar.eval.gva`)."""
    _no_variant("gva", variant)
    from fogofwar.eval.gva import evaluate_gva as run_gva  # imported here: it needs the link stage

    return run_gva(path, settings=settings, limit=limit)


def evaluate_conflict(path: Path, *, settings: Settings, limit: int | None, variant: str | None) -> Metrics:
    """Score the conflict set in directory ``path`` (rules: :mod:`fogofwar.eval.conflict`)."""
    _no_variant("conflict", variant)
    from fogofwar.eval.conflict import evaluate_conflict as run_conflict  # it needs the whole pipeline

    return run_conflict(path, settings=settings, limit=limit)


# name -> runner; a new evaluation set adds one entry (and its module).
EVALUATIONS: dict[str, EvaluationRunner] = {
    "isaf": evaluate_isaf,
    "muc4": evaluate_muc4,
    "gva": evaluate_gva,
    "conflict": evaluate_conflict,
}


def run_eval(name: str, path: Path, *, settings: Settings, limit: int | None = None) -> Metrics:
    """Score the evaluation set ``name`` read from directory ``path``.

    name: ``isaf``, ``muc4`` (every keyed document), ``muc4:dev``, ``muc4:tst1,tst2`` ..., ``gva``.
    path: the set's directory (e.g. ``../shared/eval/dev/isaf``).
    settings: the run's settings (spaCy model, batch size ...).
    limit: score only the first ``limit`` items (documents of the chosen split for MUC-4).
    RETURNS: metric name -> value; the keys are fixed per set (``ISAF_KEYS``, ``MUC4_KEYS``);
        a metric no item could be scored for is None, never NaN.
    RAISES: ConfigError E050 when ``path`` lacks the set's files (for MUC-4 also
        :class:`fogofwar.eval.muc4.NoDocumentsSelected` when no keyed document has a chosen
        split), E051 for an unknown or unavailable evaluation.
    """
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be >= 0, got {limit}")
    base, _, variant = name.partition(":")
    runner = EVALUATIONS.get(base)
    if runner is None:
        detail = "choose one of: " + ", ".join(sorted(EVALUATIONS))
        raise ConfigError("E051", name=name, detail=detail)
    return strict_metrics(runner(path, settings=settings, limit=limit, variant=variant or None))


def strict_metrics(metrics: Metrics) -> Metrics:
    """``metrics`` with every NaN replaced by None (JSON has no NaN: ``null`` says "not scored")."""
    return {k: None if isinstance(v, float) and math.isnan(v) else v for k, v in metrics.items()}


def metrics_json(metrics: Metrics) -> str:
    """``metrics`` as indented strict JSON (NaN written as ``null``; never the non-standard ``NaN``)."""
    return json.dumps(strict_metrics(metrics), ensure_ascii=False, indent=2, allow_nan=False)


def _format_value(value: float | int | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, int):  # bool is an int too
        return str(value)
    return "–" if math.isnan(value) else f"{value:.3f}"


def format_table(result: Metrics) -> str:
    """The metrics as a two-column plain-text table, in the dict's order (None or NaN shown as "–")."""
    rows: Iterable[tuple[str, str]] = [(k, _format_value(v)) for k, v in result.items()]
    rows = list(rows)
    if not rows:
        return ""
    width = max(len(k) for k, _ in rows)
    value_width = max(len(v) for _, v in rows)
    return "\n".join(f"{k:<{width}}  {v:>{value_width}}" for k, v in rows)


__all__ = [
    "EVALUATIONS",
    "EvaluationRunner",
    "Metrics",
    "evaluate_conflict",
    "evaluate_gva",
    "evaluate_isaf",
    "evaluate_muc4",
    "format_table",
    "make_extractor",
    "metrics_json",
    "muc4_splits",
    "registry_actors",
    "registry_resolver",
    "run_eval",
    "strict_metrics",
]
