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


def test_settings_environment_sets_the_input_limits() -> None:
    env = {
        "FOGOFWAR_MAX_INFLATED_BYTES": "1000",
        "FOGOFWAR_MAX_TEXT_CHARS": "500",
        "FOGOFWAR_ARTICLE_TIME_BUDGET": "2.5",
        "FOGOFWAR_MAX_PARSED_SENTENCES": "",  # empty: the default
    }
    settings = Settings.from_env(env)
    assert (settings.max_inflated_bytes, settings.max_text_chars, settings.article_time_budget_s) == (
        1000,
        500,
        2.5,
    )
    assert settings.max_parsed_sentences == Settings().max_parsed_sentences


@pytest.mark.parametrize("value", ["lots", "-5"])
def test_settings_environment_names_a_bad_variable(value: str) -> None:
    with pytest.raises(ValueError, match=r"FOGOFWAR_MAX_TEXT_CHARS|max_text_chars"):
        Settings.from_env({"FOGOFWAR_MAX_TEXT_CHARS": value})
