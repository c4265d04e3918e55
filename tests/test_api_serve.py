"""fogofwar.api.serve and create_app: what `fogofwar serve` calls."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI

from fogofwar.api import create_app, serve
from fogofwar.errors import ConfigError
from fogofwar.settings import Settings
from fogofwar.store import SCHEMA_VERSION, Store


def test_api_serve_runs_uvicorn_on_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append((app, options)))
    monkeypatch.setenv("FOGOFWAR_TOKEN", "from-the-environment")
    serve(Settings(db_path=tmp_path / "serve.db"), port=8765)
    ((app, options),) = calls
    assert isinstance(app, FastAPI) and app.state.token == "from-the-environment"
    assert (options["host"], options["port"]) == ("127.0.0.1", 8765)


def test_api_serve_creates_and_migrates_the_database(tmp_path: Path) -> None:
    create_app(Settings(db_path=tmp_path / "new.db"), environ={})
    with Store.open(tmp_path / "new.db") as store:
        assert store.schema_version() == SCHEMA_VERSION


def test_api_serve_bad_database_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[E032\]"):
        create_app(Settings(db_path=tmp_path / "missing-folder" / "x.db"), environ={})
