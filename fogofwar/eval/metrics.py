"""Scoring primitives: precision/recall/F1 from counts, rates, MAE, and clustering F1.

The clustering scores (B³ and CEAF-e) are for the linking evaluation (GVA, later): ``gold`` and
``pred`` map each item (a mention id) to its cluster (an event id). Items present on only one
side are scored as singletons on the other side, so a linker that drops a mention is penalised
in recall rather than silently ignored.

References: Bagga & Baldwin (1998), "Algorithms for scoring coreference chains" (B³);
Luo (2005), "On coreference resolution performance metrics" (CEAF, entity similarity φ4);
Pradhan et al. (2014), "Scoring coreference partitions of predicted mentions".
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from typing import NamedTuple

Item = Hashable
Cluster = Hashable


class Scores(NamedTuple):
    """Precision, recall and their harmonic mean (F1); all 0.0 when there is nothing to score."""

    precision: float
    recall: float
    f1: float


def harmonic(precision: float, recall: float) -> float:
    """F1 of ``precision`` and ``recall`` (0.0 when both are 0)."""
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def f1_from_counts(tp: int, fp: int, fn: int) -> Scores:
    """Micro precision/recall/F1 from true positives, false positives and false negatives.

    With no predictions precision is 0.0 (nothing right was said); with no gold recall is 0.0.
    """
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Scores(precision, recall, harmonic(precision, recall))


def rate(flags: Iterable[bool]) -> float:
    """Share of true values; NaN when ``flags`` is empty (no item could be scored)."""
    values = list(flags)
    return sum(values) / len(values) if values else math.nan


def within_days(predicted: date | None, gold: date | None, days: int = 1) -> bool:
    """Whether two dates are at most ``days`` apart (False when either is unknown)."""
    return predicted is not None and gold is not None and abs((predicted - gold).days) <= days


def mean_absolute_error(pairs: Iterable[tuple[int, int]]) -> float:
    """Mean of ``|gold - predicted|`` over ``(gold, predicted)`` pairs; NaN when empty."""
    errors = [abs(gold - predicted) for gold, predicted in pairs]
    return sum(errors) / len(errors) if errors else math.nan


def clusters_of(assignment: Mapping[Item, Cluster]) -> dict[Cluster, frozenset[Item]]:
    """Invert an item -> cluster mapping into cluster -> items."""
    members: dict[Cluster, set[Item]] = defaultdict(set)
    for item, cluster in assignment.items():
        members[cluster].add(item)
    return {cluster: frozenset(items) for cluster, items in members.items()}


def _with_singletons(
    gold: Mapping[Item, Cluster], pred: Mapping[Item, Cluster]
) -> tuple[dict[Item, Cluster], dict[Item, Cluster]]:
    """Both assignments over the union of items; a missing item becomes its own cluster.

    The singleton key is a tuple tagged with a sentinel so it cannot collide with a real cluster id.
    Items keep their order (gold's, then pred's others): a set's order changes with the string
    hash seed of each process, and with it the float sums of the scores in their last digit.
    """
    items = dict.fromkeys([*gold, *pred])
    full_gold = {i: gold.get(i, ("\x00missing", i)) for i in items}
    full_pred = {i: pred.get(i, ("\x00missing", i)) for i in items}
    return full_gold, full_pred


def b_cubed(gold: Mapping[Item, Cluster], pred: Mapping[Item, Cluster]) -> Scores:
    """B³ precision, recall and F1 of the clustering ``pred`` against ``gold`` (item -> cluster).

    For each item, precision is the share of its predicted cluster that shares its gold cluster,
    recall the share of its gold cluster found in its predicted cluster; both are averaged over
    items (equal item weights). Empty input scores (0, 0, 0).
    """
    if not gold and not pred:
        return Scores(0.0, 0.0, 0.0)
    full_gold, full_pred = _with_singletons(gold, pred)
    gold_members = clusters_of(full_gold)
    pred_members = clusters_of(full_pred)
    precisions, recalls = [], []
    for item in full_gold:
        g = gold_members[full_gold[item]]
        p = pred_members[full_pred[item]]
        overlap = len(g & p)
        precisions.append(overlap / len(p))
        recalls.append(overlap / len(g))
    # fsum: the correctly rounded sum, whatever the items' order (the same figure on every run)
    n = len(full_gold)
    precision, recall = math.fsum(precisions) / n, math.fsum(recalls) / n
    return Scores(precision, recall, harmonic(precision, recall))


def phi4(key: frozenset[Item], response: frozenset[Item]) -> float:
    """Luo's entity similarity φ4: ``2 |K ∩ R| / (|K| + |R|)``."""
    return 2 * len(key & response) / (len(key) + len(response))


def ceaf_e(gold: Mapping[Item, Cluster], pred: Mapping[Item, Cluster]) -> Scores:
    """Entity-based CEAF (φ4) precision, recall and F1 of ``pred`` against ``gold``.

    Gold and predicted clusters are aligned one-to-one to maximise the summed φ4 similarity
    (Hungarian algorithm); precision divides that sum by the number of predicted clusters,
    recall by the number of gold clusters. Empty input scores (0, 0, 0).
    """
    if not gold and not pred:
        return Scores(0.0, 0.0, 0.0)
    # scipy is a scikit-learn dependency; imported here so that importing metrics stays cheap.
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    full_gold, full_pred = _with_singletons(gold, pred)
    keys = list(clusters_of(full_gold).values())
    responses = list(clusters_of(full_pred).values())
    similarity = np.array([[phi4(k, r) for r in responses] for k in keys])
    rows, cols = linear_sum_assignment(similarity, maximize=True)
    total = math.fsum(similarity[rows, cols].tolist())  # correctly rounded, as in b_cubed
    precision = total / len(responses)
    recall = total / len(keys)
    return Scores(precision, recall, harmonic(precision, recall))


__all__ = [
    "Scores",
    "b_cubed",
    "ceaf_e",
    "clusters_of",
    "f1_from_counts",
    "harmonic",
    "mean_absolute_error",
    "phi4",
    "rate",
]
