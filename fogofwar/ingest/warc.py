"""Web archives (warcio): HTML response records become articles via trafilatura.

A gzipped archive is inflated here, one gzip member at a time, streamed and capped, and each
member's plain records are handed to warcio: a small file that inflates to gigabytes is
refused after ``max_record_bytes`` per member and ``max_inflated_bytes`` in all (E018),
never inflated whole into memory. After a member that is over the limit or damaged, reading
goes on at the next gzip member (found by its header), so one bad record is rejected alone.
"""

from __future__ import annotations

import io
import logging
import zlib
from dataclasses import dataclass

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.recordloader import ArcWarcRecord

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab
from fogofwar.ingest.dates import parse_published
from fogofwar.ingest.decode import decode_bytes
from fogofwar.ingest.formats import is_archive
from fogofwar.ingest.html import article_from_html, check_html_size, declared_charset
from fogofwar.ingest.result import ReadResult
from fogofwar.model import Rejection
from fogofwar.settings import Settings

logger = logging.getLogger(__name__)

# What a damaged archive raises while warcio iterates it (bad gzip member, truncated record;
# warcio meets some damaged headers with AttributeError, TypeError, KeyError or IndexError).
_ARCHIVE_ERRORS = (
    ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError,
    AttributeError, TypeError, KeyError, IndexError,
)  # fmt: skip
_GZIP_MAGIC = b"\x1f\x8b"
_MEMBER_HEADER = b"\x1f\x8b\x08"  # gzip magic and the deflate method byte
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
_HEAD_BYTES = 64
_CHUNK_BYTES = 64 * 1024
_PADDING = b" \t\r\n\x00"


class _OverLimit(Exception):
    """A gzip member inflated past its cap (not an OSError: warcio must not swallow it)."""


class _Damaged(Exception):
    """A gzip member that is not valid deflate data, or holds no WARC record."""


def read_warc(data: bytes, *, origin: str, settings: Settings | None = None) -> ReadResult:
    """Read the HTML pages in a WARC (or ARC) file, gzipped or not.

    Each HTML ``response``/``resource`` record with a success status becomes an article:
    url from WARC-Target-URI, publication date from the page or else the WARC-Date.
    Other records are skipped. Rejected alone, the rest read: a page without text (E009),
    a damaged record or gzip member (E011: truncated, failed digest, bad deflate data,
    unreadable bytes at the end), a gzip member over ``max_record_bytes`` once inflated
    (E018), a payload over ``max_record_bytes`` or a page over ``max_html_bytes`` (E019).
    Inflation past ``max_inflated_bytes`` in all stops the reading (E018).
    Origins are ``path#OFFSET``: the record's byte offset, or for a gzipped archive its
    member's offset (plus the record's offset inside it when a member holds several).
    RAISES: InputRejected E003 (empty), E011 (not a WARC/ARC file, or no readable record).
    """
    settings = settings or Settings()
    if not data.strip():
        raise InputRejected("E003", input=origin)
    if not is_archive(data[: vocab.SNIFF_BYTES]):
        # warcio's ARC reading would take almost any line for an ARC header
        raise InputRejected("E011", input=origin, detail="does not start with a WARC or ARC header")
    result = ReadResult()
    if data.startswith(_GZIP_MAGIC):
        _read_gzipped(data, origin=origin, settings=settings, into=result)
    else:
        _read_plain(data, origin=origin, settings=settings, into=result)
    return result


def _read_plain(data: bytes, *, origin: str, settings: Settings, into: ReadResult) -> None:
    """An uncompressed archive (already in memory, within ``max_bytes``)."""
    records = _read_records(io.BytesIO(data), origin=origin, base=0, settings=settings, into=into)
    if records.failure is not None:
        if records.count == 0:
            raise InputRejected("E011", input=origin, detail=records.failure)
        _reject(into, InputRejected("E011", input=f"{origin}#{records.end}", detail=records.failure))
    elif data[records.end :].strip():
        detail = f"{len(data) - records.end} bytes after the last complete record could not be read"
        _reject(into, InputRejected("E011", input=f"{origin}#{records.end}", detail=detail))


def _read_gzipped(data: bytes, *, origin: str, settings: Settings, into: ReadResult) -> None:
    """A gzipped archive, member by member, each inflated under its cap."""
    budget, pos, count = settings.max_inflated_bytes, 0, 0
    while pos < len(data) and data[pos:].strip(_PADDING):
        member_origin = f"{origin}#{pos}"
        cap = min(settings.max_record_bytes, budget)
        stream = _MemberStream(data, pos, cap=cap)
        rejected = len(into.rejections)
        try:
            stream.check_head()
            records = _read_records(stream, origin=origin, base=pos, settings=settings, into=into)
            count += records.count
            if records.failure is not None:
                _reject(
                    into, InputRejected("E011", input=f"{origin}#{pos + records.end}", detail=records.failure)
                )
        except _OverLimit:
            whole = cap < settings.max_record_bytes  # the total ran out, not this member's share
            _reject(into, _over_limit(member_origin, settings=settings, whole=whole))
            if whole:
                return
        except _Damaged as e:
            if count == 0 and pos == 0:
                raise InputRejected("E011", input=origin, detail=str(e)) from e
            _reject(into, InputRejected("E011", input=member_origin, detail=str(e)))
        if stream.truncated and len(into.rejections) == rejected:
            _reject(into, InputRejected("E011", input=member_origin, detail="truncated gzip member"))
        budget -= stream.inflated
        # A member read to its end says where the next starts; else look for the next header.
        pos = stream.end if stream.end is not None else _next_member(data, pos + 1)
    if count == 0 and not into.articles and not into.rejections:
        raise InputRejected("E011", input=origin, detail="no WARC record")


def _over_limit(origin: str, *, settings: Settings, whole: bool) -> InputRejected:
    """E018 for a gzip member over ``max_record_bytes``, or (``whole``) an archive over
    ``max_inflated_bytes``, after which the rest of the file is not read."""
    if whole:
        remedy = "raise Settings.max_inflated_bytes to read it; the rest of the file is not read"
        return InputRejected(
            "E018", input=origin, what="the archive", limit=settings.max_inflated_bytes, remedy=remedy
        )
    remedy = "raise Settings.max_record_bytes to read it"
    return InputRejected(
        "E018", input=origin, what="a gzip member", limit=settings.max_record_bytes, remedy=remedy
    )


@dataclass
class _Records:
    """What reading one stream of records found: how many, where the last ended, what broke."""

    count: int = 0
    end: int = 0
    failure: str | None = None


def _read_records(
    stream: io.RawIOBase | io.BytesIO, *, origin: str, base: int, settings: Settings, into: ReadResult
) -> _Records:
    """Read the records of one plain (inflated) stream into ``into``; origins are base + offset."""
    found = _Records()
    iterator = ArchiveIterator(stream, arc2warc=True, check_digests=True)
    records = iter(iterator)
    while True:
        rejection: InputRejected | None = None
        payload = None
        try:  # only warcio's work: a crash in extraction is not archive damage
            record = next(records, None)
            if record is None:
                break
            found.count += 1
            try:
                payload = _html_payload(record, origin=origin, settings=settings)
            except InputRejected as e:
                rejection = e
            # Offsets are known only once the record has been read (warcio consumes it).
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            damage = _damage(record)
        except _ARCHIVE_ERRORS as e:
            found.failure = _detail(e)
            break
        found.end = offset + length
        record_origin = f"{origin}#{base + offset}"
        if damage is not None:
            _reject(into, InputRejected("E011", input=record_origin, detail=damage))
        elif rejection is not None:
            _reject(into, _renamed(rejection, record_origin))
        elif payload is not None:
            _add_article(record, payload, origin=record_origin, settings=settings, into=into)
    return found


class _MemberStream(io.RawIOBase):
    """One gzip member of ``data`` from ``start``, inflated as it is read, at most ``cap`` bytes.

    ``end`` is the offset just after the member once it has been read to its end; ``truncated``
    says the data ran out first. RAISES (from reads): _OverLimit, _Damaged.
    """

    def __init__(self, data: bytes, start: int, *, cap: int) -> None:
        super().__init__()
        self._data, self._pos, self._cap = data, start, cap
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._head = b""
        self.inflated = 0
        self.end: int | None = None
        self.truncated = False

    def readable(self) -> bool:
        return True

    def check_head(self) -> None:
        """Raise _Damaged unless the member's inflated start is a WARC or ARC header."""
        while len(self._head) < _HEAD_BYTES:
            chunk = self._inflate(_HEAD_BYTES - len(self._head))
            if not chunk:
                break
            self._head += chunk
        if not self._head.lstrip().startswith(_ARCHIVE_STARTS):
            # also keeps warcio from inflating a gzip nested inside, which it would do uncapped
            raise _Damaged("gzip member does not hold a WARC or ARC record")

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if not self._head:
            self._head = self._inflate(len(buffer))
        chunk, self._head = self._head[: len(buffer)], self._head[len(buffer) :]
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def _inflate(self, size: int) -> bytes:
        while self.end is None and not self.truncated:
            source = self._inflater.unconsumed_tail
            if not source:
                if self._pos >= len(self._data):
                    self.truncated = True
                    break
                source = self._data[self._pos : self._pos + _CHUNK_BYTES]
                self._pos += len(source)
            try:
                out = self._inflater.decompress(source, max(size, 1))
            except zlib.error as e:
                raise _Damaged(f"damaged gzip member: {e}") from e
            if self._inflater.eof:
                self.end = self._pos - len(self._inflater.unused_data)
            self.inflated += len(out)
            if self.inflated > self._cap:
                raise _OverLimit
            if out:
                return out
        return b""


def _next_member(data: bytes, start: int) -> int:
    """Offset of the next gzip member at or after ``start`` that holds a WARC/ARC record."""
    pos = data.find(_MEMBER_HEADER, start)
    while pos >= 0:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[pos : pos + 512], _HEAD_BYTES)
        except zlib.error:
            head = b""
        if head.lstrip().startswith(_ARCHIVE_STARTS):
            return pos
        pos = data.find(_MEMBER_HEADER, pos + 1)
    return len(data)


def _renamed(error: InputRejected, origin: str) -> InputRejected:
    """``error`` naming ``origin`` (the record) as its input."""
    return InputRejected(error.code, **{**error.fields, "input": origin})


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
    result.rejections.append(
        Rejection(input=input_name, reason=" ".join(str(error).split()), code=error.code)
    )


def _detail(error: Exception) -> str:
    return " ".join(str(error).split()) or type(error).__name__


def _html_payload(record: ArcWarcRecord, *, origin: str, settings: Settings) -> bytes | None:
    """The HTML page a successful response (or resource) record holds, else None (skipped).

    RAISES: InputRejected E019 when the payload is over ``max_record_bytes`` (only that much
    is read; warcio skips the rest).
    """
    content_type = _content_type(record)
    target = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type not in vocab.WARC_RECORD_TYPES or not _is_html(content_type):
        logger.debug("skipped %s record %s (%s)", record.rec_type, target, content_type)
        return None
    status = record.http_headers.get_statuscode() if record.http_headers else None
    if status is not None and not status.startswith("2"):
        logger.debug("skipped HTTP %s response %s", status, target)
        return None
    limit = settings.max_record_bytes
    payload = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        remedy = "raise Settings.max_record_bytes to read it"
        raise InputRejected(
            "E019", input=origin, what="WARC record payload", size=f"over {limit}", limit=limit, remedy=remedy
        )
    return payload


def _add_article(
    record: ArcWarcRecord, payload: bytes, *, origin: str, settings: Settings, into: ReadResult
) -> None:
    """Append the page's article, or its rejection, to ``into``."""
    content_type = _content_type(record)
    url = record.rec_headers.get_header("WARC-Target-URI")
    archived = parse_published(record.rec_headers.get_header("WARC-Date"))
    try:
        check_html_size(payload, origin=origin, settings=settings)
        declared = _charset(content_type) or declared_charset(payload)
        html = decode_bytes(payload, origin=origin, declared=declared)
        article = article_from_html(
            html, origin=origin, url=url, published=archived, max_chars=settings.max_text_chars
        )
        into.articles.append(article)
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
