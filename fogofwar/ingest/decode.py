"""Bytes to text: BOMs, UTF-16 without a BOM, a declared charset, UTF-8, then detection.

Binary data (NUL bytes, many control bytes) is rejected with E004, empty or whitespace-only
data with E003, and data no encoding fits with E006. Line ends are normalised to ``\\n``.

Data that is overwhelmingly UTF-8 (most of its non-ASCII sequences are valid UTF-8) stays
UTF-8, its few invalid bytes replaced by U+FFFD with a logged warning: one stray byte does
not turn a UTF-8 file into windows-1252 mojibake. Windows-1252 (or detection) is used only
when the high bytes do not read as UTF-8 at all. UTF-16 without a BOM is recognised by its
NUL bytes at every other position (ASCII-range text) and decoded rather than called binary.
"""

from __future__ import annotations

import codecs
import logging
import re

import charset_normalizer

from fogofwar.errors import InputRejected
from fogofwar.ingest import vocab

logger = logging.getLogger(__name__)

# Longest BOMs first: the UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 control bytes that plain text does not contain (tab, LF, VT, FF, CR and ESC allowed).
_CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B} | {0x7F}
_CONTROL_CHARS = frozenset(chr(byte) for byte in _CONTROL_BYTES | {0x00})
_SURROGATE = re.compile("[\ud800-\udfff]")


def decode_bytes(data: bytes, *, origin: str, declared: str | None = None) -> str:
    """Decode ``data`` read from ``origin`` to text.

    declared: a charset named by the container (HTTP header, HTML meta), tried after a BOM.
    RETURNS: the text with ``\\r\\n`` and ``\\r`` turned into ``\\n``.
    RAISES: InputRejected E003 (empty), E004 (binary), E006 (undecodable).
    """
    check_text_like(data, origin=origin)
    text = _decode(data, origin=origin, declared=declared)
    if not text.strip():
        raise InputRejected("E003", input=origin)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_text_like(data: bytes, *, origin: str) -> None:
    """Raise E003 for empty or blank data and E004 for binary data; else return."""
    if not data.strip():
        raise InputRejected("E003", input=origin)
    if _bom_encoding(data) is None and utf16_without_bom(data) is None and is_binary(data):
        raise InputRejected("E004", input=origin)


def is_binary(data: bytes) -> bool:
    """True when the head of ``data`` has a NUL byte or too many control bytes for text."""
    head = data[: vocab.BINARY_SNIFF_BYTES]
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte in _CONTROL_BYTES)
    return controls > vocab.BINARY_CONTROL_RATIO * max(len(head), 1)


def wide_encoding(data: bytes) -> str | None:
    """The UTF-16/32 encoding ``data`` is in (by its BOM, or UTF-16 by its NULs), else None."""
    bom = _bom_encoding(data)
    if bom is not None:
        return None if bom[0] == "utf-8" else bom[0]
    return utf16_without_bom(data)


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when ``data`` has NULs at every other byte (and not between)."""
    head = data[: vocab.BINARY_SNIFF_BYTES]
    pairs = len(head) // 2
    if pairs < vocab.UTF16_MIN_PAIRS:
        return None
    even_nuls, odd_nuls = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if odd_nuls >= vocab.UTF16_NUL_SHARE * pairs and even_nuls <= vocab.UTF16_STRAY_NUL_SHARE * pairs:
        return "utf-16-le"
    if even_nuls >= vocab.UTF16_NUL_SHARE * pairs and odd_nuls <= vocab.UTF16_STRAY_NUL_SHARE * pairs:
        return "utf-16-be"
    return None


def decode_utf8_or_legacy(data: bytes, *, origin: str) -> str:
    """``data`` as UTF-8 when it is (or mostly is: invalid bytes become U+FFFD), else detected.

    For a piece of a file (a JSON line) as much as a whole one. RAISES: InputRejected E006.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _mostly_utf8(data)
    if text is not None:
        logger.warning("%s: invalid UTF-8 bytes replaced by U+FFFD (the rest is UTF-8)", origin)
        return text
    return _detect(data, origin=origin)


def replace_surrogates(text: str) -> str:
    """``text`` with lone surrogates (JSON ``\\ud800``, undecodable file names) as U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def _decode(data: bytes, *, origin: str, declared: str | None) -> str:
    bom = _bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        try:
            return data[skip:].decode(encoding)
        except UnicodeDecodeError as e:
            text = _mostly_utf8(data[skip:]) if encoding == "utf-8" else None
            if text is None:
                raise InputRejected("E006", input=origin) from e
            logger.warning("%s: invalid UTF-8 bytes replaced by U+FFFD (the rest is UTF-8)", origin)
            return text
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return _decode_utf16(data, utf16, origin=origin)
    if declared is not None:
        text = _try_declared(data, declared)
        if text is not None:
            return text
    return decode_utf8_or_legacy(data, origin=origin)


def _decode_utf16(data: bytes, encoding: str, *, origin: str) -> str:
    text = data[: len(data) - len(data) % 2].decode(encoding, errors="replace")
    head = text[: vocab.BINARY_SNIFF_BYTES // 2]
    controls = sum(1 for char in head if char in _CONTROL_CHARS)
    if controls > vocab.BINARY_CONTROL_RATIO * max(len(head), 1):
        raise InputRejected("E004", input=origin)
    logger.debug("%s: %s without a byte-order mark", origin, encoding)
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 with replacement when most non-ASCII sequences are valid, else None."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - invalid
    if valid and valid >= vocab.UTF8_MIN_VALID_SHARE * (valid + invalid):
        return text
    return None


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _try_declared(data: bytes, declared: str) -> str | None:
    name = vocab.DECLARED_CHARSET_ALIASES.get(declared.strip().lower(), declared.strip())
    try:
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        logger.debug("declared charset %r does not decode the data; detecting", declared)
        return None


def _detect(data: bytes, *, origin: str) -> str:
    """Charset of non-UTF-8 data: Western single-byte when mostly ASCII, else detected.

    Detection on a handful of high bytes is unreliable (charset_normalizer reads a latin-1
    "è" in French text as cp1250 "č", or one "é" as Big5), and mostly-ASCII text that is not
    UTF-8 is nearly always windows-1252 / latin-1 in news feeds.
    """
    ascii_share = sum(1 for byte in data if byte < 0x80) / len(data)
    if ascii_share >= vocab.MOSTLY_ASCII_RATIO:
        logger.debug("%s: mostly ASCII, not UTF-8: reading as %s", origin, vocab.FALLBACK_SINGLE_BYTE)
        try:
            return data.decode(vocab.FALLBACK_SINGLE_BYTE)
        except UnicodeDecodeError:
            return data.decode("latin-1")  # defines all 256 bytes
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputRejected("E006", input=origin)
    logger.debug("%s: detected charset %s", origin, best.encoding)
    return str(best)
