"""Settings: defaults, environment overrides and validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from fogofwar.settings import Settings


def test_settings_defaults_leave_cache_dir_to_the_platform() -> None:
    settings = Settings.from_env({})
    assert settings.cache_dir is None and settings.db_path == Path("fogofwar.db")


def test_settings_environment_overrides() -> None:
    env = {"FOGOFWAR_DB": "war.db", "FOGOFWAR_MAX_BYTES": "1024", "FOGOFWAR_CACHE_DIR": "/srv/cache"}
    settings = Settings.from_env(env)
    assert settings.db_path == Path("war.db")
    assert settings.max_bytes == 1024
    assert settings.cache_dir == Path("/srv/cache")


def test_settings_with_ignores_none() -> None:
    settings = Settings().with_(n_process=2, cache_dir=None)
    assert settings.n_process == 2 and settings.cache_dir is None


@pytest.mark.parametrize("field,value", [("max_bytes", 0), ("n_process", 0)])
def test_settings_rejects_nonsense(field: str, value: int) -> None:
    with pytest.raises(ValueError, match=field):
        Settings(**{field: value})
