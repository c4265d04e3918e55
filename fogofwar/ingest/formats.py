"""Which reader an input needs: by file name ending, else by sniffing its first bytes."""

from __future__ import annotations

import zlib

from fogofwar.ingest import vocab

_GZIP_MAGIC = b"\x1f\x8b"
_ARCHIVE_STARTS = (b"WARC/", b"filedesc://")
_BOMS = (b"\xef\xbb\xbf",)


def detect_format(name: str | None, head: bytes) -> str:
    """The reader format (``text``, ``jsonl``, ``html``, ``feed``, ``warc``) of an input.

    name: the file name, or None for stdin. head: the input's first bytes.
    RETURNS: the format its extension says, else what its content looks like, else ``text``.
    """
    by_name = format_by_name(name) if name else None
    return by_name or sniff_format(head) or "text"


def format_by_name(name: str) -> str | None:
    """The format a file name's ending (``.warc.gz``, ``.jsonl`` ...) stands for, if known."""
    lowered = name.lower()
    for ending in sorted(vocab.EXTENSION_FORMATS, key=len, reverse=True):
        if lowered.endswith(ending):
            return vocab.EXTENSION_FORMATS[ending]
    return None


def sniff_format(head: bytes) -> str | None:
    """The format the first bytes of an input suggest, or None when they look like text."""
    if is_archive(head):
        return "warc"
    if head.startswith(_GZIP_MAGIC):
        return None
    stripped = _strip_bom(head).lstrip()
    if stripped.startswith(b"<"):
        lowered = stripped[: vocab.SNIFF_BYTES].lower()
        if any(marker in lowered for marker in vocab.FEED_MARKERS):
            return "feed"
        if any(marker in lowered for marker in vocab.HTML_MARKERS):
            return "html"
        return "feed" if lowered.startswith(b"<?xml") else "html"
    if stripped.startswith(b"{"):
        return "jsonl"
    return None


def is_archive(head: bytes) -> bool:
    """True when ``head`` (gzipped or not) starts like a WARC or ARC file."""
    if head.startswith(_GZIP_MAGIC):
        head = _gunzip_head(head)
    return head.lstrip().startswith(_ARCHIVE_STARTS)


def _gunzip_head(head: bytes) -> bytes:
    """As much of a gzip stream's start as ``head`` holds (a partial stream is fine)."""
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _strip_bom(head: bytes) -> bytes:
    for bom in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :]
    return head
