"""Vocabularies and thresholds of the ingest stage, kept in one place (read-only data).

They live beside the code that uses them rather than in ``fogofwar/resources/`` because
they describe input *formats* (dateline grammar, file sniffing), not the domain; nothing
here is tuned per corpus. Every value is immutable (tuples, frozensets, mappings built once).
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

# --- header / dateline -------------------------------------------------------------------

# Month names and the abbreviations wire services use, lower-cased (``Sept.`` = ``sept``).
MONTHS: MappingProxyType[str, int] = MappingProxyType(
    {
        "january": 1, "jan": 1,
        "february": 2, "feb": 2,
        "march": 3, "mar": 3,
        "april": 4, "apr": 4,
        "may": 5,
        "june": 6, "jun": 6,
        "july": 7, "jul": 7,
        "august": 8, "aug": 8,
        "september": 9, "sept": 9, "sep": 9,
        "october": 10, "oct": 10,
        "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    }
)  # fmt: skip

# Dashes that end a dateline: hyphen, en dash, em dash, horizontal bar, minus, double hyphen.
DATELINE_DASHES = ("--", "-", "\u2013", "\u2014", "\u2015", "\u2212")

# Lower-case particles allowed inside a title-case place name (Deir al-Balah, Rio de Janeiro).
PLACE_PARTICLES = ("al", "el", "ad", "ar", "as", "an", "ash", "at", "az", "de", "del", "da", "do",
                   "dos", "du", "des", "la", "le", "les", "au", "aux", "en", "es", "sur", "bin", "ibn",
                   "of", "on", "upon", "am")  # fmt: skip

# A dateline "place" that names no place (MUC: ``NO CITY (EL SALVADOR), 5 FEB 89``).
NO_PLACE = frozenset({"no city", "no place", "no dateline"})

# FBIS/MUC bracket labels after the dashes: "[REPORT] [SOURCE] [TEXT]". Labels are the kinds
# of item; the group after a kind and before [TEXT]/[EXCERPT] names who issued it.
MUC_BODY_LABELS = frozenset({"text", "excerpt", "excerpts", "continued"})
MUC_KIND_LABELS = frozenset(
    {
        "report", "article", "commentary", "station commentary", "communique", "statement",
        "speech", "editorial", "editorial report", "announcement", "letter", "column",
    }
)  # fmt: skip

# Longest wire-agency name read from parentheses, in words ("VENEZOLANA DE TELEVISION CANAL 8").
AGENCY_MAX_WORDS = 8

# The header (leading ``date YYYY-MM-DD`` marker, title, press-release ids, dateline) is looked
# for only this far into the text: datelines come first or after a few header lines.
DATELINE_WINDOW = 400
# Longest stretch a dateline may occupy once it has started inside the window.
DATELINE_MAX_LENGTH = 300

# A first line is a title when it is short and does not read as a sentence or a fragment.
TITLE_MAX_WORDS = 20
TITLE_MIN_WORDS = 2
TITLE_MAX_CHARS = 200
TITLE_BAD_ENDINGS = (".", ",", ";", ":", "-", "\u2013", "\u2014", ".\u201d", '."', ".'")

# A dateline date without a year takes the publication year; if that puts it after
# publication by more than this many days (time zones allow one or two), the previous year.
DATELINE_FUTURE_TOLERANCE_DAYS = 2
# Two-digit years (MUC ``3 JAN 90``) without a publication date: 69-99 -> 1900s, 00-68 ->
# 2000s, the POSIX ``strptime('%y')`` convention.
TWO_DIGIT_YEAR_PIVOT = 69

# Publication and dateline dates outside this range are unknown (None): placeholders such as
# 0001-01-01 or 9999-12-31 would overflow date arithmetic in later stages.
PUBLISHED_RANGE = (date(1900, 1, 1), date(2100, 12, 31))

# --- decoding ----------------------------------------------------------------------------

# Only the first bytes are inspected when deciding whether data is binary.
BINARY_SNIFF_BYTES = 8192
# Share of C0 control bytes (other than tab, newlines, form feed, escape) above which
# data is binary rather than text.
BINARY_CONTROL_RATIO = 0.10
# Non-UTF-8 data that is at least this ASCII is read as windows-1252 without detection:
# charset detection on a handful of high bytes is unreliable.
MOSTLY_ASCII_RATIO = 0.90
FALLBACK_SINGLE_BYTE = "cp1252"
# Data that is not valid UTF-8 stays UTF-8 (bad bytes replaced) when at least this share of
# its non-ASCII sequences are valid UTF-8: windows-1252 text almost never forms one by chance.
UTF8_MIN_VALID_SHARE = 0.5
# UTF-16 without a BOM: at least this share of one byte column is NUL, at most the stray share
# of the other, over at least this many byte pairs (ASCII-range text in UTF-16).
UTF16_NUL_SHARE = 0.3
UTF16_STRAY_NUL_SHARE = 0.05
UTF16_MIN_PAIRS = 4
# Declared charsets that browsers (WHATWG) read as windows-1252.
DECLARED_CHARSET_ALIASES: MappingProxyType[str, str] = MappingProxyType(
    {"iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
     "us-ascii": "cp1252", "ascii": "cp1252"}
)  # fmt: skip

# --- formats -----------------------------------------------------------------------------

# File name endings -> reader format. Longest endings are tried first.
EXTENSION_FORMATS: MappingProxyType[str, str] = MappingProxyType(
    {
        ".txt": "text", ".text": "text", ".md": "text",
        ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
        ".html": "html", ".htm": "html", ".xhtml": "html",
        ".xml": "feed", ".rss": "feed", ".atom": "feed",
        ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    }
)  # fmt: skip
# Files a folder walk passes over (read only when named explicitly): code, configuration,
# media and a folder's own documentation are not reports.
FOLDER_SKIP_SUFFIXES = frozenset(
    {".py", ".pyc", ".sh", ".toml", ".cfg", ".ini", ".yaml", ".yml", ".csv", ".tsv", ".png", ".jpg",
     ".jpeg", ".gif", ".svg", ".webp", ".pdf", ".zip", ".tar", ".lock", ".log", ".db", ".sqlite"}
)  # fmt: skip
FOLDER_SKIP_STEMS = frozenset({"readme", "license", "licence", "copying", "changelog", "notice", "authors"})
# How many leading bytes are read to sniff a format.
SNIFF_BYTES = 4096
# Markers of a syndication feed's root element, and of an HTML page (lower-cased bytes).
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<p>", b"<div")

# --- JSON lines --------------------------------------------------------------------------

JSONL_TEXT_KEYS = ("text", "content", "body")
JSONL_PUBLISHED_KEYS = ("published", "date", "dct")
JSONL_TITLE_KEYS = ("title", "headline")
JSONL_URL_KEYS = ("url", "link")
# The outlet's name; a ``publisher`` object (schema.org Organization) gives its ``name``.
JSONL_SOURCE_KEYS = ("source", "site", "outlet", "publisher", "sitename", "site_name")

# --- HTML / WARC -------------------------------------------------------------------------

# Fewer words than this extracted from a page is navigation debris ("Home"), not an article.
HTML_MIN_WORDS = 5
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
WARC_RECORD_TYPES = ("response", "resource")
# Block-level tags after which feed summaries get a line break when HTML becomes text.
BLOCK_TAGS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "tr", "table", "section", "article", "header", "footer", "pre", "hr", "figure", "figcaption"}
)  # fmt: skip

# Longest detail (an exception's message) quoted in a rejection reason, in characters.
REJECTION_DETAIL_CHARS = 300

# --- network -----------------------------------------------------------------------------

FETCH_TIMEOUT_S = 30.0
FETCH_USER_AGENT = "fogofwar/0.1 (+https://github.com/; feed reader)"
