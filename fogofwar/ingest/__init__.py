"""fogofwar.ingest: input files, folders, stdin and feed URLs -> Article records.

Entry point: :func:`read_inputs` yields an :class:`~fogofwar.model.Article` for every report
read and a :class:`~fogofwar.model.Rejection` (input, one-line reason, error code) for every
input or part of an input that could not be read; one bad input never stops the others.

Readers (one per format, chosen by file name ending, else by sniffing the content) all have
the signature ``reader(data: bytes, *, origin: str, settings: Settings | None = None) ->
ReadResult`` (None: the default limits). They raise
:class:`~fogofwar.errors.InputRejected` when the whole input is unreadable and return the
per-item rejections (a broken JSON line, a feed entry without text, a damaged WARC record)
inside the :class:`ReadResult` beside the articles, so the good part of an input still goes in.

Formats: ``text`` (.txt .text .md, and anything undetected that decodes), ``jsonl`` (.jsonl
.ndjson .json), ``html`` (.html .htm), ``feed`` (.xml .rss .atom; http(s) URLs), ``warc``
(.warc .warc.gz .arc .arc.gz). Other names are sniffed (WARC header, feed root, HTML tags,
a leading ``{``), else read as text. Folder walks skip hidden entries and files that are not
reports by their name (code, configuration, media, README/LICENSE); named explicitly, such a
file is read.

Limits (all in :class:`~fogofwar.settings.Settings`): ``max_bytes`` caps what is read from
disk, stdin or the network (E005); ``max_inflated_bytes`` caps all a compressed input inflates
to and ``max_record_bytes`` each gzip member and WARC record payload (E018: inflation stops
there, streamed, never the whole thing in memory); ``max_html_bytes`` caps a page given to
trafilatura (E019). Each over-limit record is rejected alone and the rest of the input read.
``max_text_chars`` is not a rejection: a longer article text is cut at a line break before
the limit, with a logged warning, and the article kept.

Origins: an Article's ``origin`` is the path (or URL, or ``<stdin>``), with ``:LINE`` for a
JSON line, ``[N]`` for an item of a JSON list, ``#N`` for a feed entry and ``#OFFSET`` for a
WARC record; a Rejection's ``input`` names the same thing. A path that is not valid UTF-8
is shown with backslash escapes (``bad\\xff.txt``) and still read.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import BinaryIO, Literal

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.ingest.dateline import Header, parse_header, with_dateline_span
from fogofwar.ingest.feed import read_feed
from fogofwar.ingest.formats import detect_format
from fogofwar.ingest.html import read_html
from fogofwar.ingest.jsonl import read_jsonl
from fogofwar.ingest.result import ReadResult
from fogofwar.ingest.sources import STDIN, display_path, fetch_url, is_url, iter_files, read_file, read_stream
from fogofwar.ingest.text import article_from_text, read_text
from fogofwar.ingest.warc import read_warc
from fogofwar.model import Article, Rejection
from fogofwar.settings import Settings

logger = logging.getLogger(__name__)

Reader = Callable[..., ReadResult]
OnError = Literal["record", "raise"]

# Format name -> reader. Every reader takes (data: bytes, *, origin: str, settings: Settings | None).
READERS: Mapping[str, Reader] = MappingProxyType(
    {
        "text": read_text,
        "jsonl": read_jsonl,
        "html": read_html,
        "feed": read_feed,
        "warc": read_warc,
    }
)
STDIN_ORIGIN = "<stdin>"


def read_inputs(
    paths: Sequence[str],
    *,
    settings: Settings,
    stdin: BinaryIO | None = None,
    on_error: OnError = "record",
) -> Iterator[Article | Rejection]:
    """Read every input and yield its articles, and a Rejection for whatever could not be read.

    paths: files, folders (read recursively in name order, hidden entries skipped), ``-`` for
        standard input (format sniffed), or http(s) URLs of feeds.
    settings: ``max_bytes`` caps each input (E005), checked with ``stat`` before reading.
    stdin: the stream ``-`` reads (default ``sys.stdin.buffer``).
    on_error: what to do with an *unexpected* exception from a reader (a bug, or a library
        crashing on odd data): ``record`` turns it into a Rejection (E015) and goes on,
        ``raise`` re-raises it (tests). Expected bad input is always a Rejection.
    YIELDS: Article and Rejection records, input by input, in the order given.
    """
    if on_error not in ("record", "raise"):
        raise ValueError(f"on_error must be 'record' or 'raise', got {on_error!r}")
    return _read_all(paths, settings=settings, stdin=stdin, on_error=on_error)


def _read_all(
    paths: Sequence[str], *, settings: Settings, stdin: BinaryIO | None, on_error: OnError
) -> Iterator[Article | Rejection]:
    counts: Counter[str] = Counter()
    for path in paths:
        for item in _read_path(path, settings=settings, stdin=stdin, on_error=on_error):
            counts["rejected" if isinstance(item, Rejection) else "read"] += 1
            yield item
    if counts["rejected"]:
        logger.warning(
            "%d input(s) or part(s) rejected, %d article(s) read", counts["rejected"], counts["read"]
        )


def _read_path(
    path: str, *, settings: Settings, stdin: BinaryIO | None, on_error: OnError
) -> Iterator[Article | Rejection]:
    if path == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer

        def load_stdin() -> ReadResult:
            data = read_stream(stream, origin=STDIN_ORIGIN, max_bytes=settings.max_bytes)
            reader = READERS[detect_format(None, data[: vocab.SNIFF_BYTES])]
            return reader(data, origin=STDIN_ORIGIN, settings=settings)

        yield from _guarded(STDIN_ORIGIN, load_stdin, on_error=on_error)
    elif is_url(path):
        # Only feeds are fetched: a page URL would need a crawler's politeness rules.
        def load_feed() -> ReadResult:
            return read_feed(fetch_url(path, max_bytes=settings.max_bytes), origin=path, settings=settings)

        yield from _guarded(path, load_feed, on_error=on_error)
    elif Path(path).is_dir():
        for entry in iter_files(Path(path)):
            if isinstance(entry, Rejection):
                yield entry
            else:
                yield from _read_local(entry, settings=settings, on_error=on_error)
    else:
        yield from _read_local(Path(path), settings=settings, on_error=on_error)


def _read_local(path: Path, *, settings: Settings, on_error: OnError) -> Iterator[Article | Rejection]:
    origin = display_path(path)

    def load() -> ReadResult:
        data = read_file(path, max_bytes=settings.max_bytes)
        reader = READERS[detect_format(path.name, data[: vocab.SNIFF_BYTES])]
        return reader(data, origin=origin, settings=settings)

    yield from _guarded(origin, load, on_error=on_error)


def _guarded(
    origin: str, load: Callable[[], ReadResult], *, on_error: OnError
) -> Iterator[Article | Rejection]:
    """Run one input's ``load`` and yield its records, or its Rejection when it fails."""
    try:
        result = load()
    except InputRejected as e:
        logger.info("%s", e)
        yield _rejection(origin, e)
        return
    except Exception as e:  # the batch edge: one input's crash must not stop the others
        if on_error == "raise":
            raise
        logger.exception("unexpected error while reading %s", origin)
        detail = f"{type(e).__name__}: {e}"[: vocab.REJECTION_DETAIL_CHARS]
        yield _rejection(origin, InputRejected("E015", input=origin, detail=detail))
        return
    yield from result


def _rejection(origin: str, error: InputRejected) -> Rejection:
    return Rejection(input=origin, reason=" ".join(str(error).split()), code=error.code)


__all__ = [
    "READERS",
    "Header",
    "ReadResult",
    "article_from_text",
    "parse_header",
    "read_feed",
    "read_html",
    "read_inputs",
    "read_jsonl",
    "read_text",
    "read_warc",
    "with_dateline_span",
]
