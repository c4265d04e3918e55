"""`fogofwar watch`: conditional GETs, seen feed entries, new files in folders, state kept in the ledger.

Feeds are served by a small http.server on 127.0.0.1 (a thread per test, shut down after it);
the feeds and reports are invented for these tests. Extraction is skipped with --no-extract or
replaced by a recording fake pipeline; one slow test runs the real one.
"""

from __future__ import annotations

import dataclasses
import functools
import socket
import threading
from collections.abc import Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_store_records import load_records
from typer.testing import CliRunner

import fogofwar.watch
from fogofwar import cli
from fogofwar.cli import app
from fogofwar.errors import InputRejected
from fogofwar.ingest.feed import FeedEntry, read_feed_entries
from fogofwar.ingest.sources import Fetched, FileSignature, fetch_if_changed
from fogofwar.link.incremental import LinkIndex
from fogofwar.model import Article, Event, Extraction, Rejection, article_id
from fogofwar.pipeline import RunResult
from fogofwar.settings import Settings
from fogofwar.store import Store
from fogofwar.store.watch_state import WatchState, load_watch_states, save_watch_states
from fogofwar.watch import parse_interval, repeat, source_keys, take_feed, take_files

# -- an invented feed, and a server for it -------------------------------------------------

ENTRIES = {
    "ferry": (
        "Ferry crossing shelled",
        "The ferry crossing at Lower Weir was shelled on Tuesday, wounding three workers, "
        "the river authority said.",
    ),
    "depot": (
        "Fuel depot burns",
        "A fuel depot outside Grenmoor burned through the night after a drone strike, "
        "the regional governor said.",
    ),
    "market": (
        "Market reopens after raid",
        "Traders in Ostvale reopened the covered market on Friday, a week after a raid that "
        "killed two guards, the town council said.",
    ),
}


def atom_feed(keys: Sequence[str]) -> bytes:
    """An Atom feed with one entry per key of ENTRIES, newest first as feeds are."""
    entries = "".join(
        f"<entry><id>urn:test:{key}</id><title>{ENTRIES[key][0]}</title>"
        f"<link href='https://wire.example/{key}'/><updated>2025-03-0{i + 1}T08:00:00Z</updated>"
        f"<summary>{ENTRIES[key][1]}</summary></entry>"
        for i, key in enumerate(keys)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>River Wire</title><id>urn:test:feed</id><updated>2025-03-05T08:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()


@dataclasses.dataclass
class FeedServer:
    """What the test server serves at /feed.xml, and the conditional headers each GET carried."""

    url: str = ""
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    honour_conditions: bool = True
    requests: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def publish(self, keys: Sequence[str], *, etag: str | None, last_modified: str | None = None) -> None:
        self.body, self.etag, self.last_modified = atom_feed(keys), etag, last_modified

    def statuses(self) -> list[int]:
        return [r["status"] for r in self.requests]


def _handler(feed: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen: dict[str, Any] = {
                "If-None-Match": self.headers.get("If-None-Match"),
                "If-Modified-Since": self.headers.get("If-Modified-Since"),
            }
            # recorded before the reply: the client may read ``requests`` as soon as it has one
            feed.requests.append(seen)
            if self.path != "/feed.xml":
                seen["status"] = 404
                self.send_error(404)
            elif feed.honour_conditions and (
                (feed.etag and seen["If-None-Match"] == feed.etag)
                or (not feed.etag and feed.last_modified and seen["If-Modified-Since"] == feed.last_modified)
            ):
                seen["status"] = 304
                self.send_response(304)
                self.end_headers()
            else:
                seen["status"] = 200
                self.send_response(200)
                self.send_header("Content-Type", "application/atom+xml")
                self.send_header("Content-Length", str(len(feed.body)))
                if feed.etag:
                    self.send_header("ETag", feed.etag)
                if feed.last_modified:
                    self.send_header("Last-Modified", feed.last_modified)
                self.end_headers()
                self.wfile.write(feed.body)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep the test output clean

    return Handler


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    served = FeedServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(served))
    server.timeout = 5
    served.url = f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def closed_port_url() -> str:
    """A loopback URL nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "ledger.db"


def watch(runner: CliRunner, db: Path, *args: str) -> Any:
    return runner.invoke(app, ["--db", str(db), "watch", *args])


def stored_titles(db: Path) -> list[str | None]:
    with Store.open(db) as store:
        return [a.title for a in store.articles()]


def summaries(stdout: str) -> list[str]:
    """The summary lines, without their leading timestamp."""
    return [line.split(" ", 1)[1] for line in stdout.splitlines() if line.strip()]


# -- the CLI over a feed -------------------------------------------------------------------


def test_watch_feed_etag_second_poll_not_modified_third_takes_only_the_new_entry(
    runner: CliRunner, db: Path, feed: FeedServer
) -> None:
    feed.publish(["depot", "ferry"], etag='"v1"')
    first = watch(runner, db, feed.url, "--once", "--no-extract")
    assert first.exit_code == 0, first.output
    assert summaries(first.stdout) == ["2 articles stored, 0 already stored, 0 rejected"]
    assert set(stored_titles(db)) == {"Ferry crossing shelled", "Fuel depot burns"}

    second = watch(runner, db, feed.url, "--once", "--no-extract")
    assert second.exit_code == 0, second.output
    assert second.stdout == ""  # nothing found, nothing printed
    assert feed.requests[1]["If-None-Match"] == '"v1"' and feed.statuses()[1] == 304

    feed.publish(["market", "depot", "ferry"], etag='"v2"')
    third = watch(runner, db, feed.url, "--once", "--no-extract")
    assert third.exit_code == 0, third.output
    assert summaries(third.stdout) == ["1 article stored, 0 already stored, 0 rejected"]
    assert feed.requests[2]["If-None-Match"] == '"v1"' and feed.statuses()[2] == 200
    assert stored_titles(db)[-1] == "Market reopens after raid" and len(stored_titles(db)) == 3
    with Store.open(db) as store:
        state = load_watch_states(store, [feed.url])[feed.url]
    assert state.etag == '"v2"'
    assert set(state.seen) == {"id:urn:test:ferry", "id:urn:test:depot", "id:urn:test:market"}


def test_watch_feed_last_modified_sent_back_as_if_modified_since(
    runner: CliRunner, db: Path, feed: FeedServer
) -> None:
    stamp = "Wed, 05 Mar 2025 08:00:00 GMT"
    feed.publish(["ferry"], etag=None, last_modified=stamp)
    assert watch(runner, db, feed.url, "--once", "--no-extract").exit_code == 0
    second = watch(runner, db, feed.url, "--once", "--no-extract")
    assert second.exit_code == 0 and second.stdout == ""
    assert feed.requests[1] == {"If-None-Match": None, "If-Modified-Since": stamp, "status": 304}


def test_watch_feed_without_validators_takes_entries_by_id_not_position(
    runner: CliRunner, db: Path, feed: FeedServer
) -> None:
    feed.honour_conditions = False
    feed.publish(["depot", "ferry"], etag=None)
    watch(runner, db, feed.url, "--once", "--no-extract")
    again = watch(runner, db, feed.url, "--once", "--no-extract")
    assert again.exit_code == 0 and again.stdout == ""
    feed.publish(["market", "depot", "ferry"], etag=None)  # every old entry moved down one place
    third = watch(runner, db, feed.url, "--once", "--no-extract")
    assert summaries(third.stdout) == ["1 article stored, 0 already stored, 0 rejected"]
    assert feed.statuses() == [200, 200, 200]


# -- the CLI over folders, bad sources, the loop -------------------------------------------


def test_watch_folder_takes_only_new_and_changed_files(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ferry.txt").write_text(ENTRIES["ferry"][1] + "\n", encoding="utf-8")
    first = watch(runner, db, str(inbox), "--once", "--no-extract")
    assert summaries(first.stdout) == ["1 article stored, 0 already stored, 0 rejected"]
    assert watch(runner, db, f"{inbox}/", "--once", "--no-extract").stdout == ""  # the same source

    (inbox / "depot.txt").write_text(ENTRIES["depot"][1] + "\n", encoding="utf-8")
    (inbox / ".market.txt.tmp").write_text("half written", encoding="utf-8")  # hidden: never read
    third = watch(runner, db, str(inbox), "--once", "--no-extract")
    assert summaries(third.stdout) == ["1 article stored, 0 already stored, 0 rejected"]
    with Store.open(db) as store:
        texts = [a.text for a in store.articles()]
    assert len(texts) == 2 and texts[1].startswith("A fuel depot")

    (inbox / "ferry.txt").write_text(ENTRIES["ferry"][1] + " Two of them later died.\n", encoding="utf-8")
    fourth = watch(runner, db, str(inbox), "--once", "--no-extract")
    assert summaries(fourth.stdout) == ["1 article stored, 0 already stored, 0 rejected"]


def test_watch_bad_sources_warn_and_the_others_go_in(
    runner: CliRunner, db: Path, tmp_path: Path, closed_port_url: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ferry.txt").write_text(ENTRIES["ferry"][1] + "\n", encoding="utf-8")
    missing = tmp_path / "no-such-folder"
    result = watch(runner, db, closed_port_url, str(missing), str(inbox), "--once", "--no-extract")
    assert result.exit_code == 1
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2 and all(line.startswith("warning: ") for line in warnings)
    assert "[E002]" in warnings[0] and closed_port_url in warnings[0]
    assert "[E001]" in warnings[1] and "no-such-folder" in warnings[1]
    assert summaries(result.stdout) == ["1 article stored, 0 already stored, 0 rejected"]


def test_watch_rejected_file_is_not_rejected_again(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "empty.txt").write_text("", encoding="utf-8")
    first = watch(runner, db, str(inbox), "--once", "--no-extract")
    assert first.exit_code == 1 and "rejected: " in first.stderr
    second = watch(runner, db, str(inbox), "--once", "--no-extract")
    assert second.exit_code == 0 and second.stdout == "" and second.stderr == ""


@pytest.mark.parametrize("args", [["--every", "soon"], ["--every", "0"], ["-"], [""], []])
def test_watch_usage_errors_exit_2(runner: CliRunner, db: Path, args: list[str]) -> None:
    result = watch(runner, db, *args, "--once")
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_watch_loop_polls_every_interval_and_stops_on_ctrl_c(
    runner: CliRunner, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 1:  # a report arrives during the first wait
            (inbox / "depot.txt").write_text(ENTRIES["depot"][1] + "\n", encoding="utf-8")
        else:
            raise KeyboardInterrupt

    monkeypatch.setattr(fogofwar.watch, "repeat", functools.partial(repeat, sleep=sleep))
    (inbox / "ferry.txt").write_text(ENTRIES["ferry"][1] + "\n", encoding="utf-8")
    result = watch(runner, db, str(inbox), "--every", "1h", "--no-extract")
    assert result.exit_code == 0, result.output
    assert len(summaries(result.stdout)) == 2  # two polls found one file each
    assert len(waits) == 2 and all(3590 < w <= 3600 for w in waits)
    assert result.stderr.strip() == "stopped"


# -- with a pipeline -----------------------------------------------------------------------

Calls = list[list[str]]


@pytest.fixture
def pipeline(monkeypatch: pytest.MonkeyPatch) -> Calls:
    """Replace fogofwar's Pipeline with one that records the article ids of each run."""
    calls: Calls = []

    class RecordingPipeline:
        def __init__(self, settings: Settings) -> None:
            self.settings = settings
            # The CLI's batches are incremental: the stored events are read by key.
            self.link_index = LinkIndex(settings)

        def iter_extract(self, articles: Sequence[Article]) -> list[Extraction]:
            return [Extraction(article_id=a.id) for a in articles]

        def run(self, articles: Sequence[Article], *, events: Sequence[Event] = (), **_: object) -> RunResult:
            calls.append([a.id for a in articles])
            template = load_records()[2][0]
            event = dataclasses.replace(
                template, id=f"event{len(calls)}", article_ids=(articles[0].id,), claims=()
            )
            extractions = [Extraction(article_id=a.id) for a in articles]
            return RunResult(articles=list(articles), extractions=extractions, events=[*events, event])

    monkeypatch.setattr(cli, "Pipeline", RecordingPipeline)
    return calls


def test_watch_extracts_only_the_new_entry_each_poll(
    runner: CliRunner, db: Path, feed: FeedServer, pipeline: Calls
) -> None:
    feed.publish(["ferry"], etag='"a"')
    first = watch(runner, db, feed.url, "--once")
    assert first.exit_code == 0, first.output
    assert len(first.stdout.splitlines()) == 1  # one line, extraction included
    assert "extracted 1 article" in first.stdout and "1 new and 0 updated events" in first.stdout
    feed.publish(["market", "ferry"], etag='"b"')
    watch(runner, db, feed.url, "--once")
    market = read_feed_entries(atom_feed(["market"]), origin="x")[0].record.id
    assert pipeline[1] == [market]


@pytest.mark.slow
def test_watch_with_real_extraction(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "raid.txt").write_text(
        "Gunmen attacked a police post in Ostvale on Saturday, killing four officers, "
        "the interior ministry said.\n",
        encoding="utf-8",
    )
    result = watch(runner, db, str(inbox), "--once")
    assert result.exit_code == 0, result.output
    assert "1 article stored" in result.stdout and "extracted 1 article" in result.stdout
    with Store.open(db) as store:
        assert len(store.extractions()) == 1


# -- the parts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("15m", 900), ("1h", 3600), ("90", 90), ("2.5", 2.5), ("1.5h", 5400), (" 10 M ", 600)],
)
def test_watch_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "0s", "-5", "15 minutes", "1d", "h", "nan", "inf", "1e3"])
def test_watch_parse_interval_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="30s, 15m, 1h"):
        parse_interval(text)


def _article(text: str, origin: str) -> Article:
    return Article(id=article_id(text), text=text, origin=origin)


def test_watch_take_feed_revised_entry_is_taken_again_repeated_key_once() -> None:
    state = WatchState(source="u", etag='"1"', seen={"id:a": article_id("Two killed.")})
    entries = [
        FeedEntry(key="id:a", record=_article("Three killed.", "u#1")),  # same entry, toll revised
        FeedEntry(key="id:b", record=_article("A bridge fell.", "u#2")),
        FeedEntry(key="id:b", record=_article("A bridge fell twice.", "u#3")),  # key repeated
    ]
    items, after = take_feed(state, Fetched(url="u", data=b"...", etag='"2"'), entries)
    assert items == [entries[0].record, entries[1].record]
    assert after.etag == '"2"' and after.last_modified is None
    assert after.seen == {"id:a": article_id("Three killed."), "id:b": article_id("A bridge fell.")}
    assert take_feed(after, Fetched(url="u", data=b"...", etag='"2"'), entries)[0] == []


def test_watch_take_feed_rejected_entry_taken_again_once_it_has_text() -> None:
    rejected = Rejection(input="u#1", reason="feed entry without text: u#1", code="E014")
    items, after = take_feed(
        WatchState(source="u"), Fetched(url="u", data=b"x"), [FeedEntry("id:a", rejected)]
    )
    assert items == [rejected]
    assert take_feed(after, Fetched(url="u", data=b"x"), [FeedEntry("id:a", rejected)])[0] == []
    filled = _article("Now it has text.", "u#1")
    assert take_feed(after, Fetched(url="u", data=b"x"), [FeedEntry("id:a", filled)])[0] == [filled]


@pytest.mark.parametrize(
    ("sources", "keys"),
    [
        (["inbox/", "inbox", "./inbox"], ["inbox"]),
        (["https://wire.example/feed/", "a//b/"], ["https://wire.example/feed/", "a/b"]),
    ],
)
def test_watch_source_keys(sources: list[str], keys: list[str]) -> None:
    assert source_keys(sources) == keys


def test_watch_take_files_new_changed_and_deleted() -> None:
    state = WatchState(source="in", seen={"in/a.txt": "10:1", "in/b.txt": "20:1", "in/gone.txt": "5:1"})
    files = [
        FileSignature(Path("in/a.txt"), "10:1"),
        FileSignature(Path("in/b.txt"), "21:2"),
        FileSignature(Path("in/c.txt"), "3:3"),
    ]
    changed, after = take_files(state, files)
    assert changed == [Path("in/b.txt"), Path("in/c.txt")]
    assert after.seen == {"in/a.txt": "10:1", "in/b.txt": "21:2", "in/c.txt": "3:3"}


def test_watch_state_round_trips_and_forgets_deleted_keys(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.db") as store:
        assert load_watch_states(store, ["in"]) == {"in": WatchState(source="in")}
        save_watch_states(store, [WatchState(source="in", etag='"e"', seen={"a": "1", "b": "2"})])
        save_watch_states(store, [WatchState(source="in", etag=None, last_modified="then", seen={"a": "1"})])
        assert load_watch_states(store, ["in"])["in"] == WatchState(
            source="in", etag=None, last_modified="then", seen={"a": "1"}
        )


def test_watch_repeat_starts_polls_every_interval() -> None:
    now = [0.0]
    waits: list[float] = []

    def poll_once() -> None:
        now[0] += 4.0  # each poll takes 4 s

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    repeat(poll_once, every_s=10.0, times=3, sleep=sleep, clock=lambda: now[0])
    assert waits == [6.0, 6.0]


def test_watch_fetch_if_changed_size_cap_and_http_error(feed: FeedServer) -> None:
    feed.publish(["ferry", "depot"], etag='"big"')
    with pytest.raises(InputRejected) as too_big:
        fetch_if_changed(feed.url, max_bytes=100)
    assert too_big.value.code == "E005"
    with pytest.raises(InputRejected) as missing:
        fetch_if_changed(feed.url.replace("feed.xml", "nothing.xml"), max_bytes=10_000)
    assert missing.value.code == "E002" and "HTTP 404 Not Found" in str(missing.value)
    fetched = fetch_if_changed(feed.url, max_bytes=10_000, etag='"big"')
    assert fetched.not_modified and fetched.etag == '"big"'
