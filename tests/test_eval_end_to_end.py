"""run_eval end to end on our own fixture items: ingest -> spaCy extraction -> predictions -> scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogofwar.eval import run_eval
from fogofwar.eval.isaf import ISAF_KEYS
from fogofwar.eval.muc4 import MUC4_KEYS
from fogofwar.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "eval"


def in_range(value: float | int | None) -> bool:
    return value is None or (isinstance(value, float) and value >= 0.0)  # None: nothing scored


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "directory", "keys", "n", "floors"),
    [
        # the fixtures are plain one-incident reports: most of them should come out right
        ("isaf", "isaf", ISAF_KEYS, 4, {"killed_exact": 0.5, "province_accuracy": 0.5}),
        ("muc4", "muc4", MUC4_KEYS, 4, {"deaths_exact": 0.5, "date_accuracy": 0.5}),
    ],
)
def test_eval_end_to_end_on_fixtures(
    name: str, directory: str, keys: tuple[str, ...], n: int, floors: dict[str, float]
) -> None:
    result = run_eval(name, FIXTURES / directory, settings=Settings())
    assert all(result[k] >= floor for k, floor in floors.items()), result
    assert tuple(result) == keys
    assert result["n"] == n
    assert all(in_range(result[k]) for k in keys if k != "n")
    rates = [k for k in keys if k != "n" and not k.endswith("_mae")]
    assert all(result[k] is None or result[k] <= 1.0 for k in rates)
