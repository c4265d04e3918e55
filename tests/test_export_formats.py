"""The exporter table: every format runs on the fixture records, unknown formats fail with E020."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fogofwar.errors import FogofwarError
from fogofwar.export import FORMATS, ExportFormat, export
from fogofwar.model import Article, Event

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def test_export_formats_table_names() -> None:
    assert set(FORMATS) == {"acled", "ucdp", "geojson", "parquet", "jsonl"}
    for entry in FORMATS.values():
        assert isinstance(entry, ExportFormat)
        assert entry.extension.startswith(".")
        assert callable(entry.function)
    assert [name for name, entry in FORMATS.items() if entry.binary] == ["parquet"]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_formats_run_on_fixture(fmt: str) -> None:
    events, articles = load()
    data = export(fmt, events, articles)
    assert isinstance(data, bytes) and data
    if not FORMATS[fmt].binary:
        data.decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_export_formats_run_on_nothing(fmt: str) -> None:
    assert isinstance(export(fmt, [], []), bytes)


@pytest.mark.parametrize("fmt", ["csv", "ACLED", "", "xlsx"])
def test_export_formats_unknown_raises_e020(fmt: str) -> None:
    with pytest.raises(FogofwarError) as info:
        export(fmt, [], [])
    assert info.value.code == "E020"
    for name in FORMATS:
        assert name in str(info.value)
    assert str(info.value).startswith("[E020]")


def test_export_formats_fixture_evidence_slices_back() -> None:
    events, articles = load()
    texts = {a.id: a.text for a in articles}
    for event in events:
        for claim in event.claims:
            span = claim.evidence
            assert texts[claim.article_id][span.start : span.end] == span.text


def test_export_formats_jsonl_round_trip() -> None:
    events, articles = load()
    lines = export("jsonl", events, articles).decode("utf-8").splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == events
