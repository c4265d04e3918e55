"""Shared fixtures: paths to the repo's own fixtures and to ../shared (seeds, evaluation data)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL_DEV = SHARED / "eval" / "dev"

needs_shared = pytest.mark.skipif(
    not SEEDS.exists(), reason="../shared/seeds not present (seed articles live beside the repo, not in it)"
)


@pytest.fixture
def examples_dir() -> Path:
    return REPO / "examples"
