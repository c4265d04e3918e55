"""run_eval end to end on our own fixture items: ingest -> spaCy extraction -> predictions -> scores."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from fogofwar.eval import run_eval
from fogofwar.eval.isaf import ISAF_KEYS
from fogofwar.eval.muc4 import MUC4_KEYS
from fogofwar.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def in_range(value: float | int) -> bool:
    return isinstance(value, float) and (math.isnan(value) or value >= 0.0)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "directory", "keys", "n"),
    [("isaf", "isaf", ISAF_KEYS, 4), ("muc4", "muc4", MUC4_KEYS, 3)],
)
def test_eval_end_to_end_on_fixtures(name: str, directory: str, keys: tuple[str, ...], n: int) -> None:
    result = run_eval(name, FIXTURES / directory, settings=Settings())
    assert tuple(result) == keys
    assert result["n"] == n
    assert all(in_range(result[k]) for k in keys if k != "n")
    rates = [k for k in keys if k != "n" and not k.endswith("_mae")]
    assert all(math.isnan(result[k]) or result[k] <= 1.0 for k in rates)
