"""JSON lines (and whole JSON files): one article per object.

Each object has the text under ``text`` (or ``content``/``body``) and optional ``title``,
``url``, ``source`` and ``published`` (or ``date``/``dct``; ISO date or datetime). In JSON
lines a broken line is rejected alone (E007, E008) and the other lines still go in. A file
that is one JSON document (a pretty-printed object, or a list of objects) is read whole.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.decode import decode_bytes
from fogofwar.ingest.result import ReadResult
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Article, Rejection

logger = logging.getLogger(__name__)


def read_jsonl(data: bytes, *, origin: str) -> ReadResult:
    """Read JSON lines; one Article per good line, one Rejection per bad line.

    RAISES: InputRejected E003/E004/E006 when the file cannot be decoded, E016 when it is
    one JSON document that holds no article objects.
    """
    text = decode_bytes(data, origin=origin)
    document = _whole_document(text)
    if document is not None:
        return _read_document(document, origin=origin)
    result = ReadResult()
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = _parse_line(line, origin=origin, number=number)
            if _text(record) is None:
                raise InputRejected("E008", input=origin, line=number)
            result.articles.append(_article(record, origin=f"{origin}:{number}"))
        except InputRejected as e:
            _reject(result, f"{origin}:{number}", e)
    return result


def _whole_document(text: str) -> Any:
    """The file parsed as one JSON value when it is one (not JSON lines), else None."""
    if "\n" not in text.strip():
        return None  # a single line is JSON lines with one line
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def _read_document(document: Any, *, origin: str) -> ReadResult:
    records = document if isinstance(document, list) else [document]
    if not any(isinstance(r, Mapping) and _text(r) is not None for r in records):
        raise InputRejected("E016", input=origin)
    result = ReadResult()
    for number, record in enumerate(records, start=1):
        item_origin = f"{origin}[{number}]"
        try:
            if not isinstance(record, Mapping) or _text(record) is None:
                raise InputRejected("E017", input=origin, item=number)
            result.articles.append(_article(record, origin=item_origin))
        except InputRejected as e:
            _reject(result, item_origin, e)
    return result


def _parse_line(line: str, *, origin: str, number: int) -> Mapping[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputRejected("E007", input=origin, line=number, detail=e.msg) from e
    if not isinstance(record, Mapping):
        detail = f"expected an object, got {type(record).__name__}"
        raise InputRejected("E007", input=origin, line=number, detail=detail)
    return record


def _article(record: Mapping[str, Any], *, origin: str) -> Article:
    return article_from_text(
        _text(record) or "",
        origin=origin,
        published=parse_published(_first(record, vocab.JSONL_PUBLISHED_KEYS)),
        source=_first_string(record, vocab.JSONL_SOURCE_KEYS),
        url=_first_string(record, vocab.JSONL_URL_KEYS),
        title=_first_string(record, vocab.JSONL_TITLE_KEYS),
    )


def _reject(result: ReadResult, item: str, error: InputRejected) -> None:
    logger.info("%s", error)
    result.rejections.append(Rejection(input=item, reason=str(error), code=error.code))


def _text(record: Mapping[str, Any]) -> str | None:
    text = _first_string(record, vocab.JSONL_TEXT_KEYS)
    return text if text and text.strip() else None


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if record.get(key) not in (None, ""):
            return record[key]
    return None


def _first_string(record: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    value = _first(record, keys)
    return value if isinstance(value, str) else None
