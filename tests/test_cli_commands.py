"""The listing, show, export, demo and eval commands; help texts; exit codes."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer.main
from test_store_records import load_records
from typer.testing import CliRunner

import fogofwar.eval
import fogofwar.ingest
from fogofwar import cli
from fogofwar.cli import app
from fogofwar.errors import ConfigError
from fogofwar.model import Article, Event
from fogofwar.store import SCHEMA_VERSION, Store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


@pytest.fixture
def filled_db(db: Path) -> Path:
    """A database holding the invented records of tests/fixtures/cli/records.json."""
    stored_articles, extractions, events = load_records()
    with Store.open(db) as store:
        store.add_articles(stored_articles)
        store.save_extractions(extractions)
        store.replace_events(events)
    return db


def invoke(runner: CliRunner, db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def _command_paths(command: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    # Typer vendors its own Click, so groups are recognised by their `commands`, not by class.
    paths = [prefix]
    if hasattr(command, "commands"):
        for name, sub in command.commands.items():
            paths += _command_paths(sub, (*prefix, name))
    return paths


COMMANDS = _command_paths(typer.main.get_command(app))


def test_cli_commands_all_listed() -> None:
    names = {" ".join(p) for p in COMMANDS}
    expected = {"", "ingest", "articles", "events", "show", "export", "demo", "eval"}
    assert expected | {"eval isaf", "eval muc4", "eval gva"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "fogofwar")
def test_cli_commands_help_shows_an_example(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    examples = result.stdout.replace("--db demo.db ", "").replace("--db war.db ", "")
    assert "fogofwar " + " ".join(path) in examples


# -- articles -------------------------------------------------------------------------------


def test_cli_commands_articles_json_keys(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "articles", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    required = {"id", "title", "published", "dateline_place", "dateline_date", "agency", "source", "url"}
    assert all(required <= set(row) and "text" not in row for row in rows)
    first = rows[0]
    assert first["published"] == "2024-03-03"
    assert first["dateline_date"] == "2024-03-03"
    assert rows[1]["dateline_place"] is None


def test_cli_commands_articles_with_text(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "articles", "--format", "json", "--with-text")
    rows = json.loads(result.stdout)
    assert [Article.from_dict(row) for row in rows] == load_records()[0]


def test_cli_commands_articles_csv(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "articles", "-f", "csv")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split(",")[:3] == ["id", "title", "source"]
    assert len(rows) == 2


def test_cli_commands_articles_table(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "articles")
    assert result.exit_code == 0
    for article in load_records()[0]:
        assert article.id in result.stdout


def test_cli_commands_articles_empty(runner: CliRunner, db: Path) -> None:
    result = invoke(runner, db, "articles")
    assert result.exit_code == 0
    assert result.stdout == "no articles stored\n"
    assert invoke(runner, db, "articles", "--format", "json").stdout == ""


def test_cli_commands_unknown_list_format_exits_2(runner: CliRunner, db: Path) -> None:
    result = invoke(runner, db, "articles", "--format", "xml")
    assert result.exit_code == 2


# -- events ---------------------------------------------------------------------------------


def test_cli_commands_events_empty(runner: CliRunner, db: Path) -> None:
    table = invoke(runner, db, "events")
    assert table.exit_code == 0
    assert table.stdout == "no events stored\n"
    for fmt in ("json", "csv"):
        result = invoke(runner, db, "events", "--format", fmt)
        assert result.exit_code == 0
        assert result.stdout == ""


def test_cli_commands_events_table_row(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "events")
    assert result.exit_code == 0, result.output
    event = load_records()[2][0]
    row = next(line for line in result.stdout.splitlines() if line.startswith(event.id))
    assert "2024-03-03" in row
    assert "16–24" in row  # civilians 12–20 plus RSF fighters 4–4: groups' lows and highs summed
    assert row.rstrip().endswith("2")  # two articles


def test_cli_commands_events_json(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "events", "--format", "json")
    assert result.exit_code == 0
    (row,) = json.loads(result.stdout)
    assert row["type"] == row["event_type"] == "Battles"
    assert row["sub_type"] == row["sub_event_type"] == "Armed clash"
    assert {"name", "lat", "lon", "admin1", "country"} <= set(row["place"])
    assert Event.from_dict(row) == load_records()[2][0]


def test_cli_commands_events_csv(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "events", "--format", "csv")
    header, row = result.stdout.splitlines()
    values = dict(zip(header.split(","), row.split(","), strict=True))
    assert (values["killed_low"], values["killed_high"], values["articles"]) == ("16", "24", "2")
    assert values["place"] == "Omdurman"


# -- show -----------------------------------------------------------------------------------


def test_cli_commands_show_article_lists_claims(runner: CliRunner, filled_db: Path) -> None:
    article = load_records()[0][0]
    result = invoke(runner, filled_db, "show", article.id[:6])
    assert result.exit_code == 0, result.output
    assert f"article {article.id}" in result.stdout
    assert "Ministry of Health claims: at least 12 killed (victims: civilians)" in result.stdout
    assert "monitor-example" not in result.stdout  # the other article's claim
    assert "\u201ckilled at least 12 civilians\u201d" in result.stdout
    assert "Rapid Support Forces admits: 4 killed" in result.stdout


def test_cli_commands_show_event_timeline_sorted(runner: CliRunner, filled_db: Path) -> None:
    event = load_records()[2][0]
    result = invoke(runner, filled_db, "show", event.id)
    assert result.exit_code == 0, result.output
    timeline = result.stdout.split("timeline", 1)[1]
    dated = [line.split()[0] for line in timeline.splitlines() if line.startswith("  20")]
    assert dated == sorted(dated) and len(dated) == 3
    assert "\u201c20 civilians died\u201d" in timeline
    assert "killed (civilians): low 12, best 12, high 20" in result.stdout


def test_cli_commands_show_json(runner: CliRunner, filled_db: Path) -> None:
    article = load_records()[0][0]
    result = invoke(runner, filled_db, "show", article.id, "--json")
    data = json.loads(result.stdout)
    assert data["article"]["text"] == article.text
    assert len(data["claims"]) == 2
    assert data["events"] == [load_records()[2][0].id]


def test_cli_commands_show_marks_claims_in_no_event(runner: CliRunner, db: Path) -> None:
    stored_articles, extractions, events = load_records()
    article = stored_articles[0]
    kept, dropped = extractions[0].claims[0], extractions[0].claims[1]
    # The event no longer holds one of the article's claims: show must say so, not hide it.
    thinned = [
        dataclasses.replace(e, claims=tuple(c for c in e.claims if c.id != dropped.id)) for e in events
    ]
    with Store.open(db) as store:
        store.add_articles(stored_articles)
        store.save_extractions(extractions)
        store.replace_events(thinned)
    data = json.loads(invoke(runner, db, "show", article.id, "--json").stdout)
    assert data["unlinked_claims"] == [dropped.id]
    text = invoke(runner, db, "show", article.id).stdout
    assert "claims (2, 1 in no event):" in text
    marked = [line for line in text.splitlines() if "[in no event]" in line]
    assert len(marked) == 1 and dropped.claimant in marked[0] and kept.id not in marked[0]


@pytest.mark.parametrize("id", ["0000000000000000", "zz", ""])
def test_cli_commands_show_unknown_id_exits_1(runner: CliRunner, filled_db: Path, id: str) -> None:
    result = invoke(runner, filled_db, "show", id)
    assert result.exit_code == 1
    assert "[E022]" in result.stderr
    assert result.stdout == ""


def test_cli_commands_show_missing_id_exits_2(runner: CliRunner, filled_db: Path) -> None:
    assert invoke(runner, filled_db, "show").exit_code == 2


# -- export ---------------------------------------------------------------------------------


def test_cli_commands_export_events_jsonl(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "export")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == load_records()[2]


def test_cli_commands_export_articles_to_file(runner: CliRunner, filled_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    result = invoke(runner, filled_db, "export", "--format", "articles-jsonl", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "wrote 2 articles" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [Article.from_dict(json.loads(line)) for line in lines] == load_records()[0]


def test_cli_commands_export_unwritable_out_exits_1(
    runner: CliRunner, filled_db: Path, tmp_path: Path
) -> None:
    result = invoke(runner, filled_db, "export", "--out", str(tmp_path / "no-such-folder" / "events.jsonl"))
    assert result.exit_code == 1
    assert "[E026]" in result.stderr


@pytest.mark.parametrize("fmt", ["acled-v9", "xml", ""])
def test_cli_commands_export_unknown_format_exits_2(runner: CliRunner, filled_db: Path, fmt: str) -> None:
    result = invoke(runner, filled_db, "export", "--format", fmt)
    assert result.exit_code == 2
    assert "[E020]" in result.stderr
    assert "acled, ucdp, geojson, parquet, jsonl, articles-jsonl" in result.stderr


# -- database problems ----------------------------------------------------------------------


def test_cli_commands_newer_database_exits_1(runner: CliRunner, db: Path) -> None:
    Store.open(db).close()
    raw = sqlite3.connect(db)
    raw.execute(
        "INSERT INTO migrations (version, name, applied_at) VALUES (?, 'future', '2099-01-01')",
        (SCHEMA_VERSION + 1,),
    )
    raw.commit()
    raw.close()
    result = invoke(runner, db, "events")
    assert result.exit_code == 1
    assert "[E030]" in result.stderr


def test_cli_commands_unopenable_database_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    result = invoke(runner, tmp_path / "missing-folder" / "x.db", "articles")
    assert result.exit_code == 1
    assert "[E032]" in result.stderr


# -- demo -----------------------------------------------------------------------------------


def test_cli_commands_demo_prints_tables_and_summary(
    runner: CliRunner, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(fogofwar.ingest, "read_inputs"):
        pytest.skip("fogofwar.ingest.read_inputs is not written yet")
    examples = tmp_path / "examples"
    examples.mkdir()
    (examples / "one.txt").write_text("Rebels took the border crossing on Thursday, residents said.\n")
    monkeypatch.setattr(cli, "examples_dir", lambda: examples)
    result = invoke(runner, db, "demo", "--no-extract")
    assert result.exit_code == 0, result.output
    assert "1 article stored" in result.stdout
    assert "Articles" in result.stdout and "Events" in result.stdout
    assert "no events stored" in result.stdout
    assert "The demo read the example reports" in result.stdout


def test_cli_commands_demo_without_examples_exits_1(
    runner: CliRunner, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "examples_dir", lambda: tmp_path / "nowhere")
    result = invoke(runner, db, "demo")
    assert result.exit_code == 1
    assert "[E024]" in result.stderr


def test_cli_commands_examples_dir_is_beside_the_package() -> None:
    assert cli.examples_dir() == Path(cli.__file__).resolve().parents[2] / "examples"  # fogofwar/cli/


# -- eval -----------------------------------------------------------------------------------


@pytest.fixture
def fake_eval(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Path, int | None]]:
    calls: list[tuple[str, Path, int | None]] = []

    def run_eval(
        name: str, path: Path, *, settings: object, limit: int | None = None
    ) -> dict[str, float | int]:
        calls.append((name, path, limit))
        return {"precision": 0.75, "recall": 0.5, "documents": 4}

    monkeypatch.setattr(fogofwar.eval, "run_eval", run_eval, raising=False)
    return calls


@pytest.mark.parametrize("name", ["isaf", "muc4", "gva"])
def test_cli_commands_eval_prints_metrics(
    runner: CliRunner, db: Path, tmp_path: Path, fake_eval: list[tuple[str, Path, int | None]], name: str
) -> None:
    table = invoke(runner, db, "eval", name, str(tmp_path))
    assert table.exit_code == 0, table.output
    assert "0.750" in table.stdout and "documents" in table.stdout
    as_json = invoke(runner, db, "eval", name, str(tmp_path), "--json", "--limit", "3")
    assert json.loads(as_json.stdout) == {"precision": 0.75, "recall": 0.5, "documents": 4}
    assert fake_eval == [(name, tmp_path, None), (name, tmp_path, 3)]


def test_cli_commands_eval_unavailable_exits_1(
    runner: CliRunner, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run_eval(name: str, path: Path, *, settings: object, limit: int | None = None) -> dict[str, float]:
        raise ConfigError("E051", name=name, detail="not written yet")

    monkeypatch.setattr(fogofwar.eval, "run_eval", run_eval, raising=False)
    result = invoke(runner, db, "eval", "gva", str(tmp_path))
    assert result.exit_code == 1
    assert "[E051]" in result.stderr


def test_cli_commands_eval_missing_folder_exits_2(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    result = invoke(runner, db, "eval", "isaf", str(tmp_path / "absent"))
    assert result.exit_code == 2


@pytest.mark.parametrize("fmt", ["acled", "ucdp", "geojson", "jsonl"])
def test_cli_commands_export_text_formats(runner: CliRunner, filled_db: Path, fmt: str) -> None:
    result = invoke(runner, filled_db, "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_cli_commands_export_parquet_to_file(runner: CliRunner, filled_db: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    result = invoke(runner, filled_db, "export", "--format", "parquet", "--out", str(target))
    assert result.exit_code == 0, result.output
    assert pq.read_table(target).num_rows >= 1


def test_cli_commands_report_names_claimants(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "report")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()


def test_cli_commands_report_rejects_bad_date(runner: CliRunner, filled_db: Path) -> None:
    result = invoke(runner, filled_db, "report", "--since", "July")
    assert result.exit_code == 2


@pytest.mark.parametrize("how", ["option", "environment"])
def test_cli_commands_rule_chooses_the_reconcile_rule(runner: CliRunner, filled_db: Path, how: str) -> None:
    args = ["--db", str(filled_db), "events", "--format", "json"]
    if how == "option":
        result = runner.invoke(app, ["--rule", "conservative.v1", *args])
    else:
        result = runner.invoke(app, args, env={"FOGOFWAR_RULE": "conservative.v1"})
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert row["reconciled"] and {r["rule"] for r in row["reconciled"]} == {"conservative.v1"}
    for group in row["reconciled"]:
        assert group["best"] == group["low"]  # conservative: the lowest credible figure


def test_cli_commands_unknown_rule_exits_2(runner: CliRunner, filled_db: Path) -> None:
    result = runner.invoke(app, ["--rule", "generous.v9", "--db", str(filled_db), "events"])
    assert result.exit_code == 2
    assert "generous.v9" in result.output


@pytest.mark.parametrize(
    ("error", "status", "said"),
    [
        (RuntimeError("boom\nsecond line"), 1, "unexpected error (RuntimeError: boom second line)"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_cli_main_turns_an_unexpected_error_into_one_line(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    status: int,
    said: str,
) -> None:
    def crash() -> None:
        raise error

    monkeypatch.setattr(cli, "app", crash)
    with pytest.raises(SystemExit) as exited:
        cli.main()
    assert exited.value.code == status
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.fixture
def varied_db(db: Path) -> Path:
    """Three events made from the fixture's one: Sudan (Battles), Mali (Explosions), Sudan later."""
    stored_articles, extractions, events = load_records()
    base = events[0]
    mali = dataclasses.replace(
        base,
        id="mali000000000001",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        start=date(2024, 7, 27),
        end=date(2024, 7, 27),
        place=dataclasses.replace(base.place, name="Tinzaouaten", country="ML", admin1="Kidal"),
    )
    later = dataclasses.replace(base, id="sudan00000000002", start=date(2024, 5, 1), end=date(2024, 5, 2))
    with Store.open(db) as store:
        store.add_articles(stored_articles)
        store.save_extractions(extractions)
        store.replace_events([base, mali, later])
    return db


def listed_ids(runner: CliRunner, db: Path, *args: str) -> list[str]:
    result = invoke(runner, db, "events", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return [e["id"] for e in json.loads(result.stdout or "[]")]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((), ["fb51a414736ffca1", "sudan00000000002", "mali000000000001"]),
        (("--country", "Mali"), ["mali000000000001"]),
        (("--country", "ml"), ["mali000000000001"]),
        (("--country", "SDN"), ["fb51a414736ffca1", "sudan00000000002"]),
        (("--admin1", "kidal"), ["mali000000000001"]),
        (("--since", "2024-04-01"), ["sudan00000000002", "mali000000000001"]),
        (("--until", "2024-04-01"), ["fb51a414736ffca1"]),
        (("--type", "Air/drone strike"), ["mali000000000001"]),
        (("--type", "battles"), ["fb51a414736ffca1", "sudan00000000002"]),
        (("--actor", "rapid support"), ["fb51a414736ffca1", "sudan00000000002", "mali000000000001"]),
        (("--actor", "wagner"), []),
        (("--sort", "-start", "--limit", "2"), ["mali000000000001", "sudan00000000002"]),
        (("--limit", "1", "--offset", "1"), ["sudan00000000002"]),
    ],
)
def test_cli_events_filters_sort_and_page(
    runner: CliRunner, varied_db: Path, args: tuple[str, ...], expected
) -> None:
    assert listed_ids(runner, varied_db, *args) == expected


def test_cli_events_min_killed_uses_the_killed_high(runner: CliRunner, varied_db: Path) -> None:
    assert len(listed_ids(runner, varied_db, "--min-killed", "24")) == 3  # civilians 12-20 + RSF 4
    assert listed_ids(runner, varied_db, "--min-killed", "25") == []


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--country", "Atlantis"), "unknown country"),
        (("--since", "July"), "not a date"),
        (("--sort", "size"), "unknown sort"),
        (("--limit", "-1"), "--limit"),
    ],
)
def test_cli_events_bad_filters_exit_2(
    runner: CliRunner, varied_db: Path, args: tuple[str, ...], said: str
) -> None:
    result = invoke(runner, varied_db, "events", *args)
    assert result.exit_code == 2 and said in result.stderr


def test_cli_export_and_report_take_the_same_filters(runner: CliRunner, varied_db: Path) -> None:
    exported = invoke(runner, varied_db, "export", "--format", "jsonl", "--country", "Mali")
    assert exported.exit_code == 0, exported.output
    assert [json.loads(line)["id"] for line in exported.stdout.splitlines()] == ["mali000000000001"]
    report = invoke(runner, varied_db, "report", "--type", "Battles", "--until", "2024-04-01")
    assert report.exit_code == 0, report.output
    assert "Khartoum" in report.stdout and "Tinzaouaten" not in report.stdout
