"""Parquet: typed columns, claims as list<struct>, and a round trip through pyarrow.parquet.read_table."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from fogofwar.export import export
from fogofwar.export.parquet import LAYOUT, SCHEMA
from fogofwar.model import Article, Event

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def read(events: list[Event], articles: list[Article]) -> pa.Table:
    return pq.read_table(io.BytesIO(export("parquet", events, articles)))


def test_export_parquet_round_trip_schema_and_rows() -> None:
    events, articles = load()
    table = read(events, articles)
    assert table.schema.equals(SCHEMA, check_metadata=False)
    assert table.schema.metadata[b"fogofwar.layout"] == LAYOUT.encode()
    assert table.num_rows == len(events)
    assert table.column("id").to_pylist() == [e.id for e in events]


def test_export_parquet_types() -> None:
    schema = read(*load()).schema
    assert schema.field("start").type == pa.date32()
    assert schema.field("latitude").type == pa.float64()
    assert schema.field("killed_low").type == pa.int64()
    assert schema.field("actors").type == pa.list_(pa.string())
    claims = schema.field("claims").type
    assert pa.types.is_list(claims) and pa.types.is_struct(claims.value_type)


def test_export_parquet_values() -> None:
    events, articles = load()
    rows = {r["place"]: r for r in read(events, articles).to_pylist()}
    battle = rows["Tinzaouaten"]
    assert (battle["start"], battle["end"]) == (date(2024, 7, 25), date(2024, 7, 26))
    assert (battle["killed_low"], battle["killed_high"]) == (29, 156)
    assert battle["side_b"] == ["Malian Armed Forces", "Wagner Group"]
    first = battle["claims"][0]
    assert (first["claimant"], first["figure"], first["high"]) == ("Russian military bloggers", 20, None)
    assert first["claim_date"] == date(2024, 7, 28)
    assert first["evidence"] == "at least 20 Wagner fighters died"
    assert {r["victims"]: r["contradiction"] for r in battle["reconciled"]}["Wagner Group"] is True
    kordofan = rows["North Kordofan"]
    assert kordofan["latitude"] is None and kordofan["end"] is None


def test_export_parquet_empty() -> None:
    table = read([], [])
    assert table.num_rows == 0
    assert table.schema.equals(SCHEMA, check_metadata=False)
