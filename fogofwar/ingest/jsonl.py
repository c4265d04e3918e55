"""JSON lines (and whole JSON files): one article per object.

Each object has the text under ``text`` (or ``content``/``body``) and optional ``title``,
``url``, ``source`` (the outlet's name; or ``site``, ``outlet``, ``publisher`` -- a string or an
object with a ``name`` --, ``sitename``, ``site_name``) and ``published`` (or ``date``/``dct``;
ISO date or datetime). In JSON
lines each line is decoded and parsed on its own: a broken line (bad JSON, nesting too deep,
undecodable bytes) is rejected alone (E006, E007, E008) naming ``path:LINE``, and the other
lines still go in. A line that is mostly UTF-8 keeps its few bad bytes as U+FFFD; lone
surrogates (``"\\ud800"``) become U+FFFD when the article is built. A file that is one JSON
document (a pretty-printed object, or a list of objects) is read whole.
"""

from __future__ import annotations

import codecs
import json
import logging
from collections.abc import Mapping
from typing import Any

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.decode import check_text_like, decode_bytes, decode_utf8_or_legacy, wide_encoding
from fogofwar.ingest.result import ReadResult
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article, Rejection
from fogofwar.settings import DEFAULT_MAX_TEXT_CHARS, Settings

logger = logging.getLogger(__name__)


def read_jsonl(data: bytes, *, origin: str, settings: Settings | None = None) -> ReadResult:
    """Read JSON lines; one Article per good line, one Rejection per bad line.

    settings: ``max_text_chars`` caps each article's text (see ``article_from_text``).
    RAISES: InputRejected E003/E004 when the file is empty or binary, E016 when it is one
    JSON document that holds no article objects.
    """
    max_chars = settings.max_text_chars if settings else DEFAULT_MAX_TEXT_CHARS
    check_text_like(data, origin=origin)
    lines = _lines(data, origin=origin)
    if sum(1 for _, line in lines if line.strip()) > 1:
        document = _whole_document(data, origin=origin)
        if document is not None:
            return _read_document(document, origin=origin, max_chars=max_chars)
    result = ReadResult()
    for number, line in lines:
        if not line.strip():
            continue
        try:
            record = _parse_line(line, origin=origin, number=number)
            if _text(record) is None:
                raise InputRejected("E008", input=f"{origin}:{number}", line=number)
            result.articles.append(_article(record, origin=f"{origin}:{number}", max_chars=max_chars))
        except InputRejected as e:
            _reject(result, f"{origin}:{number}", e)
    return result


def _lines(data: bytes, *, origin: str) -> list[tuple[int, str | bytes]]:
    """Numbered lines, still bytes (each decoded alone) unless the file is UTF-16/32."""
    if wide_encoding(data) is not None:
        return list(enumerate(decode_bytes(data, origin=origin).split("\n"), start=1))
    data = data.removeprefix(codecs.BOM_UTF8)
    return [(number, line.rstrip(b"\r")) for number, line in enumerate(data.split(b"\n"), start=1)]


def _whole_document(data: bytes, *, origin: str) -> Any:
    """The file parsed as one JSON value when it is one (not JSON lines), else None."""
    try:
        return json.loads(decode_bytes(data, origin=origin))
    except (InputRejected, ValueError, RecursionError):
        return None


def _read_document(document: Any, *, origin: str, max_chars: int) -> ReadResult:
    records = document if isinstance(document, list) else [document]
    if not any(isinstance(r, Mapping) and _text(r) is not None for r in records):
        raise InputRejected("E016", input=origin)
    result = ReadResult()
    for number, record in enumerate(records, start=1):
        item_origin = f"{origin}[{number}]"
        try:
            if not isinstance(record, Mapping) or _text(record) is None:
                raise InputRejected("E017", input=item_origin, item=number)
            result.articles.append(_article(record, origin=item_origin, max_chars=max_chars))
        except InputRejected as e:
            _reject(result, item_origin, e)
    return result


def _parse_line(line: str | bytes, *, origin: str, number: int) -> Mapping[str, Any]:
    if isinstance(line, bytes):
        line = decode_utf8_or_legacy(line, origin=f"{origin}:{number}")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputRejected("E007", input=f"{origin}:{number}", line=number, detail=e.msg) from e
    except RecursionError as e:
        raise InputRejected(
            "E007", input=f"{origin}:{number}", line=number, detail="nested too deeply"
        ) from e
    except ValueError as e:  # e.g. an integer with more digits than int() converts
        raise InputRejected("E007", input=f"{origin}:{number}", line=number, detail=_one_line(e)) from e
    if not isinstance(record, Mapping):
        detail = f"expected an object, got {type(record).__name__}"
        raise InputRejected("E007", input=f"{origin}:{number}", line=number, detail=detail)
    return record


def _article(record: Mapping[str, Any], *, origin: str, max_chars: int) -> Article:
    return article_from_text(
        _text(record) or "",
        origin=origin,
        published=parse_published(_first(record, vocab.JSONL_PUBLISHED_KEYS)),
        source=_source(record),
        url=_first_string(record, vocab.JSONL_URL_KEYS),
        title=_first_string(record, vocab.JSONL_TITLE_KEYS),
        max_chars=max_chars,
    )


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__


def _reject(result: ReadResult, item: str, error: InputRejected) -> None:
    logger.info("%s", error)
    result.rejections.append(Rejection(input=item, reason=" ".join(str(error).split()), code=error.code))


def _text(record: Mapping[str, Any]) -> str | None:
    text = _first_string(record, vocab.JSONL_TEXT_KEYS)
    return text if text and text.strip() else None


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _source(record: Mapping[str, Any]) -> str | None:
    """The outlet's name: the first of the source keys holding a name (a string, or an object's
    ``name``, as schema.org writes ``publisher``)."""
    for key in vocab.JSONL_SOURCE_KEYS:
        value = record.get(key)
        if isinstance(value, Mapping):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value
    return None


def _first_string(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    value = _first(record, keys)
    return value if isinstance(value, str) else None
