"""Where input bytes come from: files, folders, standard input and feed URLs.

Every failure here is an :class:`InputRejected` (E001 missing, E002 unreadable, E005 too
large); nothing is read before its size is known to be within the limit. For polling
(``fogofwar watch``): :func:`fetch_if_changed` (a conditional GET) and :func:`file_signature`
(size and modification time) tell what changed since the last look.
"""

from __future__ import annotations

import logging
import os
import stat
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.model import Rejection

logger = logging.getLogger(__name__)

STDIN = "-"
URL_SCHEMES = ("http://", "https://")


def is_url(path: str) -> bool:
    """True for an http(s) URL."""
    return path.lower().startswith(URL_SCHEMES)


def iter_files(root: Path) -> Iterator[Path | Rejection]:
    """Files under ``root``, recursively, sorted by name.

    Hidden entries (``.name``) are skipped, and so are files that are not reports by their
    name (``is_skipped_in_folder``: code, configuration, media, README and LICENSE files).

    Symbolic links to folders are followed once (a loop is not re-entered). A folder that
    cannot be listed yields a Rejection (E002) and the walk goes on.
    """
    yield from _walk(root, seen=set())


def _walk(folder: Path, *, seen: set[tuple[int, int]]) -> Iterator[Path | Rejection]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as e:
        error = InputRejected("E002", input=display_path(folder), detail=e.strerror or type(e).__name__)
        yield Rejection(input=display_path(folder), reason=str(error), code=error.code)
        return
    if (info.st_dev, info.st_ino) in seen:
        logger.debug("%s: folder already read (symbolic link loop)", folder)
        return
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        if entry.name.startswith("."):
            logger.debug("%s: hidden, skipped", entry.path)
        elif _is_folder(entry):
            yield from _walk(Path(entry.path), seen=seen)
        elif is_skipped_in_folder(entry.name):
            logger.debug("%s: not a report (code, media or documentation), skipped", entry.path)
        else:
            yield Path(entry.path)


def display_path(path: Path | str) -> str:
    """``path`` as printable text: bytes of a name that are not UTF-8 as ``\\xff`` escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def is_skipped_in_folder(name: str) -> bool:
    """True for files a folder walk passes over: code, configuration, media, README/LICENSE."""
    path = Path(name.lower())
    return path.suffix in vocab.FOLDER_SKIP_SUFFIXES or path.stem in vocab.FOLDER_SKIP_STEMS


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False  # reported when the entry is read as a file


def read_file(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of one regular file, after checking its size with ``stat``.

    RAISES: InputRejected E001 (missing), E002 (broken link, not a regular file, no
    permission, read error), E005 (larger than ``max_bytes``).
    """
    origin = display_path(path)
    try:
        info = path.stat()
    except FileNotFoundError as e:
        if path.is_symlink():
            raise InputRejected("E002", input=origin, detail="broken symbolic link") from e
        raise InputRejected("E001", input=origin) from e
    except OSError as e:
        raise InputRejected("E002", input=origin, detail=e.strerror or type(e).__name__) from e
    if not stat.S_ISREG(info.st_mode):
        # FIFOs, sockets and devices would block or never end: never open them.
        raise InputRejected("E002", input=origin, detail="not a regular file")
    if info.st_size > max_bytes:
        raise InputRejected("E005", input=origin, size=info.st_size, limit=max_bytes)
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as e:
        raise InputRejected("E002", input=origin, detail=e.strerror or type(e).__name__) from e
    if len(data) > max_bytes:  # grew after stat
        raise InputRejected("E005", input=origin, size=len(data), limit=max_bytes)
    return data


def read_stream(stream: BinaryIO, *, origin: str, max_bytes: int) -> bytes:
    """Up to ``max_bytes`` from a stream (stdin). RAISES: E002 (read error), E005 (too large)."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as e:
        raise InputRejected("E002", input=origin, detail=e.strerror or type(e).__name__) from e
    if len(data) > max_bytes:
        raise InputRejected("E005", input=origin, size=f"at least {len(data)}", limit=max_bytes)
    return data


def fetch_url(url: str, *, max_bytes: int, timeout: float = vocab.FETCH_TIMEOUT_S) -> bytes:
    """GET an http(s) URL. RAISES: E002 (network or HTTP error), E005 (too large)."""
    fetched = fetch_if_changed(url, max_bytes=max_bytes, timeout=timeout)
    if fetched.data is None:  # only an unasked 304; no validators were sent
        raise InputRejected("E002", input=url, detail="HTTP Error 304: Not Modified")
    return fetched.data


@dataclass(frozen=True)
class Fetched:
    """What a (conditional) GET answered.

    data: the body, or None when the server said 304 Not Modified (nothing new).
    etag, last_modified: the validators to send next time (``ETag``, ``Last-Modified``);
        after a 304 the ones sent, unless the server gave new ones.
    """

    url: str
    data: bytes | None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: the resource is as it was."""
        return self.data is None


def fetch_if_changed(
    url: str,
    *,
    max_bytes: int,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = vocab.FETCH_TIMEOUT_S,
) -> Fetched:
    """GET ``url`` unless it is unchanged: a conditional GET sending ``If-None-Match`` (``etag``)
    and ``If-Modified-Since`` (``last_modified``) when given.

    RETURNS: Fetched with the body and the response's validators, or with ``data`` None on
    304 Not Modified. At most ``max_bytes`` are read; ``timeout`` bounds each socket operation.
    RAISES: InputRejected E002 (network or HTTP error), E005 (larger than ``max_bytes``).
    """
    headers = {"User-Agent": vocab.FETCH_USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            answer = response.headers
    except urllib.error.HTTPError as e:
        # urllib raises for every status outside 2xx, 304 included: that one means "unchanged".
        if e.code != HTTPStatus.NOT_MODIFIED:
            raise InputRejected("E002", input=url, detail=_error_detail(e)) from e
        logger.debug("%s: not modified", url)
        return Fetched(
            url=url,
            data=None,
            etag=e.headers.get("ETag") or etag,
            last_modified=e.headers.get("Last-Modified") or last_modified,
        )
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise InputRejected("E002", input=url, detail=_error_detail(e)) from e
    if len(data) > max_bytes:
        raise InputRejected("E005", input=url, size=f"at least {len(data)}", limit=max_bytes)
    return Fetched(url=url, data=data, etag=answer.get("ETag"), last_modified=answer.get("Last-Modified"))


def _error_detail(error: Exception) -> str:
    reason = " ".join(str(getattr(error, "reason", error)).split()) or type(error).__name__
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {reason}"
    return reason


def file_signature(path: Path) -> str:
    """What tells a changed file from the one read before, without reading it: ``SIZE:MTIME_NS``.

    RAISES: InputRejected E001 (missing), E002 (cannot be looked at).
    """
    try:
        info = path.stat()
    except FileNotFoundError as e:
        raise InputRejected("E001", input=display_path(path)) from e
    except OSError as e:
        raise InputRejected("E002", input=display_path(path), detail=e.strerror or type(e).__name__) from e
    return f"{info.st_size}:{info.st_mtime_ns}"


@dataclass(frozen=True)
class FileSignature:
    """A file as last looked at: its path and :func:`file_signature`."""

    path: Path
    signature: str


def file_signatures(path: Path) -> Iterator[FileSignature | Rejection]:
    """The signature of the file ``path``, or of every file a folder walk of it reads (:func:`iter_files`).

    A file that vanishes or cannot be looked at during the walk, or a folder that cannot be
    listed, yields a Rejection and the walk goes on.
    RAISES: InputRejected E001 when ``path`` does not exist (nothing to walk).
    """
    if not path.is_dir():
        if not path.exists() and not path.is_symlink():
            raise InputRejected("E001", input=display_path(path))
        yield _signed(path)
        return
    for entry in iter_files(path):
        yield entry if isinstance(entry, Rejection) else _signed(entry)


def _signed(path: Path) -> FileSignature | Rejection:
    try:
        return FileSignature(path=path, signature=file_signature(path))
    except InputRejected as e:
        return Rejection(input=display_path(path), reason=" ".join(str(e).split()), code=e.code)
