"""A disk cache for built indexes (the gazetteer's): a value slow to build from the installed data
is written once to a file named by the hash of its inputs, and read back by later runs.

This is I/O at the edge: the directory comes from ``Settings.cache_dir`` (None = the default of the
machine that runs it, :func:`fogofwar.settings.default_cache_dir`), given by whoever builds the
Extractor. Files are marshal dumps of plain values (str, bytes, numbers, dicts, lists), written to a
temporary file and renamed, so processes that build at once never read a half-written file. A
file that cannot be read is rebuilt; one that cannot be written only costs a rebuild next run.
"""

from __future__ import annotations

import logging
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fogofwar.settings import default_cache_dir

log = logging.getLogger(__name__)


def cached(
    name: str,
    key: str,
    build: Callable[[], dict[str, Any]],
    *,
    cache_dir: Path | None = None,
    is_valid: Callable[[dict[str, Any]], bool] = lambda value: True,
) -> dict[str, Any]:
    """The value of ``<cache_dir>/<name>-<key>.marshal``, or ``build()`` written there first.

    name: the kind of value ("gazetteer"); other ``<name>-*.marshal`` files in the directory were
    built from older inputs and are deleted once the new one is written.
    key: a hash of everything the value is built from (its code version included).
    is_valid: a check of a value read back (its layout version); a value that fails it is rebuilt.
    """
    directory = cache_dir if cache_dir is not None else default_cache_dir()
    path = directory / f"{name}-{key}.marshal"
    value = _read(path)
    if value is not None and is_valid(value):
        return value
    log.info("building the %s index (once; cached in %s)", name, directory)
    value = build()
    _write(directory, path, value, stale=f"{name}-*.marshal")
    return value


def _read(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError) as err:
        log.warning("cache file %s unreadable (%s); rebuilding", path, err)
        return None
    return value if isinstance(value, dict) else None


def _write(directory: Path, path: Path, value: dict[str, Any], *, stale: str) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Write then rename, so parallel workers never read a half-written file.
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as handle:
            handle.write(marshal.dumps(value))
        os.replace(handle.name, path)
        for old in directory.glob(stale):
            if old != path:  # built from older inputs: never read again
                old.unlink(missing_ok=True)
    except OSError as err:
        log.warning("could not write the cache file %s (%s); it will be rebuilt next run", path, err)
