"""Exports: stored events as ACLED- and UCDP GED-shaped CSV, GeoJSON, Parquet and JSON Lines.

``FORMATS`` is the name -> exporter table that the CLI (``fogofwar export --format NAME``)
and the API (``GET /export/NAME``) choose from; every exporter takes the events and the
articles they cite and returns the file's bytes. docs/EXPORTS.md says how each column is filled.

Example::

    from fogofwar.export import FORMATS, export
    data = export("acled", events, articles)
    Path("events" + FORMATS["acled"].extension).write_bytes(data)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from fogofwar.errors import FogofwarError
from fogofwar.export.acled import acled_csv
from fogofwar.export.geojson import geojson_bytes
from fogofwar.export.jsonl import jsonl_bytes
from fogofwar.export.ucdp import ucdp_csv
from fogofwar.model import Article, Event

Exporter = Callable[[Sequence[Event], Sequence[Article]], bytes]


class ExportFormat(NamedTuple):
    """One export format: the function, its HTTP media type, its file extension (with the dot), and
    whether its bytes are binary (not UTF-8 text)."""

    function: Exporter
    media_type: str
    extension: str
    binary: bool


def parquet_bytes(events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """Events as one Parquet file (see ``fogofwar.export.parquet``)."""
    # Imported on use: pyarrow takes a noticeable part of a second to import, and every CLI
    # command imports this package.
    from fogofwar.export.parquet import parquet_bytes as write

    return write(events, articles)


# A behaviour change of an exporter gets a new name here (STYLE.md); the layouts are also named
# inside the files where the format allows it (GeoJSON "layout", Parquet schema metadata).
FORMATS: dict[str, ExportFormat] = {
    "acled": ExportFormat(acled_csv, "text/csv; charset=utf-8", ".csv", False),
    "ucdp": ExportFormat(ucdp_csv, "text/csv; charset=utf-8", ".csv", False),
    "geojson": ExportFormat(geojson_bytes, "application/geo+json", ".geojson", False),
    "parquet": ExportFormat(parquet_bytes, "application/vnd.apache.parquet", ".parquet", True),
    "jsonl": ExportFormat(jsonl_bytes, "application/x-ndjson; charset=utf-8", ".jsonl", False),
}


def export(fmt: str, events: Sequence[Event], articles: Sequence[Article]) -> bytes:
    """The bytes of ``events`` in format ``fmt`` (a key of ``FORMATS``).

    ``articles`` are the articles the events cite (others are ignored): they give the outlets,
    headlines and dates of the sources. Raises FogofwarError E020, listing the valid formats,
    when ``fmt`` is unknown.
    """
    if fmt not in FORMATS:
        raise FogofwarError("E020", format=fmt, choices=", ".join(FORMATS))
    return FORMATS[fmt].function(events, articles)


__all__ = ["FORMATS", "ExportFormat", "Exporter", "export"]
