"""The data fogofwar ships with (lexicons, gazetteer supplements, vocabularies), and the one
loader every stage reads it through."""

from __future__ import annotations

import functools
import json
from importlib import resources
from typing import Any

from fogofwar.errors import ConfigError


@functools.cache
def read_text(name: str) -> str:
    """The text of ``resources/<name>``; raises ConfigError (E029) when it is unreadable."""
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError("E029", path=name, detail=str(e)) from e


def load_json(name: str) -> Any:
    """The parsed JSON of ``resources/<name>`` (a fresh copy each call, callers may change it);
    raises ConfigError (E029) when it is unreadable or not JSON."""
    try:
        return json.loads(read_text(name))
    except ValueError as e:
        raise ConfigError("E029", path=name, detail=str(e)) from e
