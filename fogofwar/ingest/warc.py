"""Web archives (warcio): HTML response records become articles via trafilatura."""

from __future__ import annotations

import io
import logging
import zlib

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.decode import decode_bytes
from fogofwar.ingest.formats import is_archive
from fogofwar.ingest.html import article_from_html, declared_charset
from fogofwar.ingest.result import ReadResult
from fogofwar.model import Rejection

logger = logging.getLogger(__name__)

# What a damaged archive raises while being iterated (bad gzip member, truncated record).
_ARCHIVE_ERRORS = (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError)


def read_warc(data: bytes, *, origin: str) -> ReadResult:
    """Read the HTML pages in a WARC (or ARC) file, gzipped or not.

    Each HTML ``response``/``resource`` record with a success status becomes an article:
    url from WARC-Target-URI, publication date from the page or else the WARC-Date.
    Other records are skipped. A page without text (E009) or a damaged record (E011:
    truncated, failed digest, unreadable bytes at the end) is rejected alone; what was
    read before the damage is kept.
    RAISES: InputRejected E003 (empty), E011 (not a WARC/ARC file, or no readable record).
    """
    if not data.strip():
        raise InputRejected("E003", input=origin)
    if not is_archive(data[: vocab.SNIFF_BYTES]):
        # warcio's ARC reading would take almost any line for an ARC header
        raise InputRejected("E011", input=origin, detail="does not start with a WARC or ARC header")
    result = ReadResult()
    iterator = ArchiveIterator(io.BytesIO(data), arc2warc=True, check_digests=True)
    records, end = 0, 0
    try:
        for record in iterator:
            records += 1
            payload = _html_payload(record)
            # Offsets are known only once the record has been read (warcio consumes it).
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            end = offset + length
            record_origin = f"{origin}#{offset}"
            damage = _damage(record)
            if damage is not None:
                _reject(result, InputRejected("E011", input=record_origin, detail=damage))
            elif payload is not None:
                _add_article(record, payload, origin=record_origin, into=result)
    except _ARCHIVE_ERRORS as e:
        if records == 0:
            raise InputRejected("E011", input=origin, detail=_detail(e)) from e
        _reject(result, InputRejected("E011", input=f"{origin}#{end}", detail=_detail(e)))
    else:
        if data[end:].strip():
            detail = f"{len(data) - end} bytes after the last complete record could not be read"
            _reject(result, InputRejected("E011", input=f"{origin}#{end}", detail=detail))
    return result


def _damage(record: ArcWarcRecord) -> str | None:
    """Why a fully read record cannot be trusted (truncated, digest mismatch), or None."""
    remaining = getattr(record.raw_stream, "limit", None)
    if remaining is None:
        return "incomplete record header"
    if remaining > 0:
        return f"record truncated ({remaining} bytes missing)"
    if record.digest_checker.passed is False:
        return "digest mismatch: " + "; ".join(record.digest_checker.problems)
    return None


def _reject(result: ReadResult, error: InputRejected) -> None:
    logger.info("%s", error)
    input_name = str(error.fields.get("input"))
    result.rejections.append(Rejection(input=input_name, reason=str(error), code=error.code))


def _detail(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _html_payload(record: ArcWarcRecord) -> bytes | None:
    """The HTML page a successful response (or resource) record holds, else None (skipped)."""
    content_type = _content_type(record)
    target = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type not in vocab.WARC_RECORD_TYPES or not _is_html(content_type):
        logger.debug("skipped %s record %s (%s)", record.rec_type, target, content_type)
        return None
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status is not None and not status.startswith("2"):
        logger.debug("skipped HTTP %s response %s", status, target)
        return None
    return record.content_stream().read()


def _add_article(record: ArcWarcRecord, payload: bytes, *, origin: str, into: ReadResult) -> None:
    """Append the page's article, or its rejection, to ``into``."""
    content_type = _content_type(record)
    url = record.rec_headers.get_header("WARC-Target-URI")
    archived = parse_published(record.rec_headers.get_header("WARC-Date"))
    try:
        declared = _charset(content_type) or declared_charset(payload)
        html = decode_bytes(payload, origin=origin, declared=declared)
        into.articles.append(article_from_html(html, origin=origin, url=url, published=archived))
    except InputRejected as e:
        _reject(into, e)


def _content_type(record: ArcWarcRecord) -> str:
    http = record.rec_type == "response" and record.http_headers is not None
    headers = record.http_headers if http else record.rec_headers
    return (headers.get_header("Content-Type") or "").lower()


def _is_html(content_type: str) -> bool:
    return content_type.split(";")[0].strip() in vocab.HTML_CONTENT_TYPES


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
