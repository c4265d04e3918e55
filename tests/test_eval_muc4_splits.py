"""MUC-4 split selection: every keyed document by default, --splits chooses, an empty choice fails
loudly (exit 2), and the metrics come out as strict JSON (null, never NaN)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogofwar.eval as evaluation
from fogofwar.cli import app
from fogofwar.eval import metrics_json, muc4_splits, run_eval, strict_metrics
from fogofwar.eval.muc4 import NoDocumentsSelected, load_muc4
from fogofwar.model import Article, Extraction
from fogofwar.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "eval" / "muc4"
ALL_IDS = ["DEV-MUC3-9001", "TST1-MUC3-9001", "TST2-MUC4-9001", "TST2-MUC4-9002"]


class EmptyExtractor:
    """Stands in for the Extractor: an empty Extraction per article (no spaCy)."""

    registry = None

    def __init__(self) -> None:
        self.seen: list[Article] = []

    def extract(self, articles: list[Article]) -> list[Extraction]:
        self.seen.extend(articles)
        return [Extraction(article_id=a.id) for a in articles]


@pytest.fixture
def empty_extractor(monkeypatch: pytest.MonkeyPatch) -> EmptyExtractor:
    extractor = EmptyExtractor()
    monkeypatch.setattr(evaluation, "make_extractor", lambda settings: extractor)
    monkeypatch.setattr(evaluation, "registry_resolver", lambda extractor: None)
    return extractor


@pytest.fixture
def unkeyed(tmp_path: Path) -> Path:
    """The fixture set plus a document of a split label that has no key template."""
    shutil.copy(FIXTURES / "key_templates.jsonl", tmp_path)
    lines = (FIXTURES / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    extra = {"doc_id": "TST9-MUC4-9001", "split": "tst9", "text": "  LIMA, 1 MAY 90 (EFE) -- [TEXT] NOTHING."}
    (tmp_path / "documents.jsonl").write_text("\n".join([*lines, json.dumps(extra)]) + "\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        (None, None),
        ("all", None),
        ("dev", ("dev",)),
        ("dev,tst1", ("dev", "tst1")),
        ("tst1+tst2", ("tst1", "tst2")),
        (" dev , tst2 ", ("dev", "tst2")),
    ],
)
def test_eval_muc4_splits_variant(variant: str | None, expected: tuple[str, ...] | None) -> None:
    assert muc4_splits(variant) == expected


def test_eval_muc4_splits_default_reads_every_keyed_document() -> None:
    assert [item.doc_id for item in load_muc4(FIXTURES)] == ALL_IDS


def test_eval_muc4_splits_skip_documents_without_a_key(unkeyed: Path) -> None:
    assert [item.doc_id for item in load_muc4(unkeyed)] == ALL_IDS


@pytest.mark.parametrize("splits", [("tst9",), ("tst3", "tst4")])
def test_eval_muc4_splits_empty_choice_raises(unkeyed: Path, splits: tuple[str, ...]) -> None:
    with pytest.raises(NoDocumentsSelected) as error:
        load_muc4(unkeyed, splits=splits)
    assert error.value.code == "E050"
    assert error.value.found == ("dev", "tst1", "tst2")  # tst9 has a document but no key
    assert "splits found: dev, tst1, tst2" in str(error.value)
    assert "\n" not in str(error.value)


def test_eval_muc4_splits_no_keyed_document_at_all_raises(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "documents.jsonl", tmp_path)
    (tmp_path / "key_templates.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(NoDocumentsSelected, match="splits found: none"):
        load_muc4(tmp_path)


def test_eval_muc4_splits_run_eval_chooses(empty_extractor: EmptyExtractor) -> None:
    result = run_eval("muc4:dev,tst1", FIXTURES, settings=Settings())
    assert result["n"] == 2
    assert [a.origin for a in empty_extractor.seen] == ["DEV-MUC3-9001", "TST1-MUC3-9001"]


def test_eval_muc4_splits_run_eval_maps_nan_to_none(empty_extractor: EmptyExtractor) -> None:
    result = run_eval("muc4:dev", FIXTURES, settings=Settings())  # one irrelevant document
    assert result["n"] == 1
    assert all(result[k] is None for k in result if k != "n")


def test_eval_muc4_splits_metrics_json_is_strict() -> None:
    text = metrics_json({"n": 3, "deaths_exact": math.nan, "date_accuracy": 0.5})
    assert "NaN" not in text
    assert json.loads(text) == {"n": 3, "deaths_exact": None, "date_accuracy": 0.5}
    assert strict_metrics({"x": math.nan, "n": 0}) == {"x": None, "n": 0}


def test_eval_muc4_splits_cli_default_and_choice(tmp_path: Path, empty_extractor: EmptyExtractor) -> None:
    runner = CliRunner()
    db = str(tmp_path / "x.db")
    every = runner.invoke(app, ["--db", db, "eval", "muc4", str(FIXTURES), "--json"])
    assert every.exit_code == 0, every.output
    assert json.loads(every.stdout)["n"] == 4
    chosen = runner.invoke(
        app, ["--db", db, "eval", "muc4", str(FIXTURES), "--splits", "tst1,tst2", "--json"]
    )
    assert chosen.exit_code == 0, chosen.output
    assert json.loads(chosen.stdout)["n"] == 3
    dev_only = runner.invoke(app, ["--db", db, "eval", "muc4", str(FIXTURES), "--splits", "dev", "--json"])
    assert "NaN" not in dev_only.stdout
    assert json.loads(dev_only.stdout)["deaths_exact"] is None


def test_eval_muc4_splits_cli_empty_choice_exits_2(unkeyed: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["--db", str(tmp_path / "x.db"), "eval", "muc4", str(unkeyed), "--splits", "tst9"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "[E050]" in lines[0] and "splits found: dev, tst1, tst2" in lines[0]
