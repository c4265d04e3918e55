"""Extraction on a Dask cluster (fogofwar.parallel) gives what a local run gives, in input order.

The cluster is a LocalCluster of two worker processes with one thread each, started once for
the module; each worker loads spaCy, the registry and the gazetteer once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogofwar.parallel
from fogofwar.cli import app
from fogofwar.errors import ConfigError
from fogofwar.extract import Extractor
from fogofwar.ingest import read_inputs
from fogofwar.model import Article, Extraction
from fogofwar.parallel import Cluster, _worker_settings
from fogofwar.pipeline import Pipeline
from fogofwar.settings import Settings

distributed = pytest.importorskip("distributed")

# bokeh is not installed, so a LocalCluster has no dashboard, only the scheduler's small HTTP
# server; dashboard_address=None would still bind it to port 8787 (failing when that is taken).
NO_DASHBOARD = ":0"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Invented reports, two of them about one raid, so that linking has something to join.
INVENTED = {
    "raid.txt": (
        "date: 2024-03-11\nRaid on Kidal market\n\n"
        "KIDAL, Mali (March 11, 2024) - Gunmen on motorbikes attacked the cattle market in Kidal on "
        "Sunday, killing 14 civilians, a local official said. The army said it had killed six of the "
        "attackers in the fighting that followed.\n"
    ),
    "raid_followup.txt": (
        "date: 2024-03-12\nKidal toll rises\n\n"
        "The toll of Sunday's attack on the cattle market in Kidal has risen to 19 dead, hospital staff "
        "said on Monday. Residents said at least 20 people were wounded.\n"
    ),
    "quiet.txt": "date: 2024-03-12\nTalks resume\n\nDelegates met in Algiers on Tuesday to resume talks.\n",
}


def example_articles() -> list[Article]:
    paths = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in {".txt", ".jsonl", ".xml", ".html"}]
    return [item for item in read_inputs(paths, settings=Settings()) if isinstance(item, Article)]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a two-worker LocalCluster (worker processes: spaCy is not shared across threads)."""
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=NO_DASHBOARD
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    for name, text in INVENTED.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cluster_worker_settings_extract_locally() -> None:
    settings = Settings(scheduler="tcp://10.0.0.5:8786", n_process=4, cache_dir=Path("/client/cache"))
    worker = _worker_settings(settings)
    assert (worker.scheduler, worker.n_process, worker.cache_dir) == (None, 1, None)
    assert worker.max_parsed_sentences == settings.max_parsed_sentences


def test_cluster_scheduler_from_env() -> None:
    assert Settings.from_env({"FOGOFWAR_SCHEDULER": "tcp://10.0.0.5:8786"}).scheduler == "tcp://10.0.0.5:8786"
    assert Settings.from_env({}).scheduler is None


@pytest.mark.parametrize(
    ("address", "timeout_s"),
    [("nonsense", 1.0), ("", 1.0), ("http://127.0.0.1:8786", 1.0), ("tcp://127.0.0.1:1", 0.5)],
)
def test_cluster_bad_address_is_config_error(address: str, timeout_s: float) -> None:
    with pytest.raises(ConfigError, match=r"^\[E041\] cannot reach the Dask scheduler") as caught:
        Cluster.connect(Settings(scheduler=address), timeout_s=timeout_s)
    assert "\n" not in str(caught.value)


def test_cluster_without_workers_is_config_error() -> None:
    with (
        distributed.LocalCluster(n_workers=0, dashboard_address=NO_DASHBOARD, processes=False) as empty,
        pytest.raises(ConfigError, match=r"^\[E042\] .* has no workers after 0.5 s"),
    ):
        Cluster.connect(Settings(scheduler=empty.scheduler_address), workers_timeout_s=0.5)


def test_cluster_cli_bad_scheduler_exits_1(tmp_path: Path, reports: Path) -> None:
    db = tmp_path / "ledger.db"
    result = CliRunner().invoke(app, ["--db", str(db), "--scheduler", "nonsense", "ingest", str(reports)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "Error: [E041] cannot reach the Dask scheduler 'nonsense': missing port number in address "
        "'nonsense'; start one with `dask scheduler` (it prints its tcp:// address), or leave out "
        "--scheduler / FOGOFWAR_SCHEDULER"
    ]


@pytest.mark.slow
def test_cluster_extractions_match_local_run(scheduler: str) -> None:
    articles = example_articles()
    assert len(articles) >= 5
    local = list(Extractor(Settings()).extract(articles))
    with Cluster.connect(Settings(scheduler=scheduler, batch_size=2)) as cluster:
        remote = list(cluster.extract(articles))
        assert sum(cluster.client.nthreads().values()) == 2
    assert [e.article_id for e in remote] == [a.id for a in articles]
    assert [e.to_dict() for e in remote] == [e.to_dict() for e in local]


@pytest.mark.slow
def test_cluster_pipeline_events_match_local_run(scheduler: str) -> None:
    articles = example_articles()
    local = Pipeline(Settings()).run(articles)
    pipeline = Pipeline(Settings(scheduler=scheduler, batch_size=3))
    try:
        remote = pipeline.run(articles)
    finally:
        pipeline.extractor.cluster.close()
    assert local.events
    assert [e.to_dict() for e in remote.extractions] == [e.to_dict() for e in local.extractions]
    assert [e.to_dict() for e in remote.events] == [e.to_dict() for e in local.events]


@pytest.mark.slow
def test_cluster_cli_ingest_matches_local(scheduler: str, reports: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    listings = []
    for name, options in [("local", []), ("cluster", ["--scheduler", scheduler])]:
        db = tmp_path / f"{name}.db"
        result = runner.invoke(app, ["--db", str(db), *options, "ingest", str(reports)])
        assert result.exit_code == 0, result.output
        assert result.stdout.strip().startswith("3 articles stored")
        events = runner.invoke(app, ["--db", str(db), "events", "--format", "json"])
        assert events.exit_code == 0, events.output
        listings.append(json.loads(events.stdout))
    assert listings[0]
    assert listings[1] == listings[0]


def test_cluster_failed_chunk_rejects_its_articles_only(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_extract(settings: Settings, articles: list[Article]) -> list[Extraction]:
        if any(a.origin == "bad" for a in articles):
            raise RuntimeError("worker lost")
        return [Extraction(article_id=a.id) for a in articles]

    monkeypatch.setattr(fogofwar.parallel, "_extract_on_worker", fake_extract)
    origins = ["a", "b", "bad", "c", "d", "e", "f"]
    articles = [Article(id=f"id-{o}", text=f"Report {o}.", origin=o) for o in origins]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=NO_DASHBOARD
        ) as lc,
        Cluster.connect(Settings(scheduler=lc.scheduler_address, batch_size=2)) as cluster,
    ):
        extractions = list(cluster.extract(articles))
    assert [e.article_id for e in extractions] == [a.id for a in articles]
    assert [e.failure for e in extractions] == [
        None,
        None,
        *["RuntimeError: worker lost"] * 2,
        None,
        None,
        None,
    ]
