"""The API at scale: corrected events materialised and queried in SQL (filters, sorts, pages),
rebuilt when stale; request bodies capped while read, the token checked first; hostile query
values (NUL, control characters, ids beyond SQLite's integers) answered 4xx, never 500."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.api.webserver import BATTLE_EVENT, TOKEN, load_battle, served

from fogofwar.api import create_app
from fogofwar.corrections import Correction, CorrectionLog, read_events, refresh_corrected_events
from fogofwar.settings import Settings
from fogofwar.store import MIGRATIONS, Store, queries
from fogofwar.store.migrations import migrate

AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLES, _, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)
DRONE = next(e for e in EVENTS if e.sub_event_type == "Air/drone strike")
CLAIM_84 = next(c for c in BATTLE.claims if c.figure == 84)
RULE = Settings().reconcile_rule
MERGE = {"kind": "merge", "event_id": BATTLE_EVENT, "event_ids": [DRONE.id], "author": "bo", "reason": "same"}


def ids(response) -> list[str]:
    return [e["id"] for e in response.json()["events"]]


# -- the materialised corrected events -----------------------------------------------------------


def test_api_scaling_written_events_are_stale_until_refreshed(battle_ledger: Path) -> None:
    with Store.open(battle_ledger) as store:
        assert not queries.is_fresh(store, rule=RULE)  # battle_db wrote events, nothing refreshed
        refresh_corrected_events(store, rule=RULE)
        assert queries.is_fresh(store, rule=RULE)
        assert not queries.is_fresh(store, rule="conservative.v1")  # built for another rule
        store.replace_events(EVENTS)
        assert not queries.is_fresh(store, rule=RULE)  # a trigger marked them stale


def test_api_scaling_reader_rebuilds_stale_events(client: TestClient, battle_ledger: Path) -> None:
    assert client.get("/api/events").json()["total"] == len(EVENTS)
    with Store.open(battle_ledger) as store:
        assert queries.is_fresh(store, rule=RULE)
        CorrectionLog(store).add(
            Correction("merge", "bo", "same", event_id=BATTLE_EVENT, event_ids=(DRONE.id,))
        )
        assert not queries.is_fresh(store, rule=RULE)  # written behind the API's back
    assert client.get("/api/events").json()["total"] == len(EVENTS) - 1


def test_api_scaling_refresh_joins_an_outer_transaction(battle_ledger: Path) -> None:
    with Store.open(battle_ledger) as store:
        refresh_corrected_events(store, rule=RULE)
        with pytest.raises(RuntimeError), store.writing():
            store.replace_events(EVENTS[:1])
            refresh_corrected_events(store, rule=RULE)
            assert queries.count_events(store) == 1  # seen inside the batch
            raise RuntimeError("the batch fails")
        assert queries.count_events(store) == len(EVENTS)  # rolled back with it
        assert queries.is_fresh(store, rule=RULE)
        with store.writing():
            store.replace_events(EVENTS[:1])
            refresh_corrected_events(store, rule=RULE)
        assert queries.count_events(store) == 1 and queries.is_fresh(store, rule=RULE)


def test_api_scaling_materialised_equals_replay(client: TestClient, battle_ledger: Path) -> None:
    reject = {"kind": "reject_claim", "claim_id": CLAIM_84.id, "author": "ana", "reason": "misread"}
    assert client.post("/api/corrections", json=MERGE, headers=AUTH).status_code == 201
    assert client.post("/api/corrections", json=reject, headers=AUTH).status_code == 201
    with Store.open(battle_ledger) as store:
        replayed = read_events(store, rule=RULE)
        stored = queries.select_events(store, queries.EventQuery())
        assert sorted(stored, key=lambda e: e.id) == sorted(replayed.events, key=lambda e: e.id)
        assert queries.resolve_event_id(store, DRONE.id) == BATTLE_EVENT  # the merged id redirects
        assert [r.claim.id for r in queries.rejected_claims(store, event_ids=[BATTLE_EVENT])] == [CLAIM_84.id]
        assert queries.correction_notes(store) == {1: "applied", 2: "applied"}


def test_api_scaling_migrated_database_is_rebuilt_on_first_read(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    db = sqlite3.connect(path, isolation_level=None)
    migrate(db, migrations=MIGRATIONS[:2])  # a database from before the materialised table
    db.close()
    articles, extractions, events = load_battle()
    with Store.open(path) as store:  # migrates to the latest version: the table is empty and stale
        store.add_articles(articles)
        store.save_extractions(extractions)
        store.replace_events(events)
        assert queries.count_events(store) == 0 and not queries.is_fresh(store, rule=RULE)
    client = TestClient(create_app(Settings(db_path=path), environ={}))
    assert client.get("/api/events").json()["total"] == len(EVENTS)


# -- filters, sorts, pages in SQL ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("start", lambda e: (e.start is None, e.start, e.id)),
        ("sources", lambda e: (e.sources, e.id)),
    ],
)
def test_api_scaling_sort(client: TestClient, sort: str, key) -> None:
    assert ids(client.get(f"/api/events?sort={sort}")) == [e.id for e in sorted(EVENTS, key=key)]


def test_api_scaling_sort_by_killed_descending(client: TestClient) -> None:
    highs = [
        max((r["high"] or 0 for r in e["reconciled"] if r["outcome"] == "killed"), default=0)
        for e in client.get("/api/events?sort=-killed").json()["events"]
    ]
    assert highs[0] == max(highs)


@pytest.mark.parametrize("query", ["sort=name", "sort=", "offset=99999999999999999999", "min_killed=1e99"])
def test_api_scaling_bad_sort_or_page_is_422(client: TestClient, query: str) -> None:
    assert client.get(f"/api/events?{query}").status_code == 422


def test_api_scaling_pages_cover_every_event_once(client: TestClient) -> None:
    everything = ids(client.get("/api/events?sort=-start"))
    pages = [ids(client.get(f"/api/events?sort=-start&limit=1&offset={i}")) for i in range(len(EVENTS) + 1)]
    assert [i for page in pages for i in page] == everything and pages[-1] == []


def test_api_scaling_list_body_is_stored_json(client: TestClient) -> None:
    response = client.get("/api/events?limit=1")
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"total", "limit", "offset", "events"} and body["limit"] == 1


def test_api_scaling_articles_list_has_no_text(client: TestClient) -> None:
    body = client.get("/api/articles?limit=2&offset=1").json()
    assert body["total"] == len(ARTICLES)
    assert [a["id"] for a in body["articles"]] == [a.id for a in ARTICLES[1:3]]
    assert all(a["text"] is None for a in body["articles"])
    assert client.get(f"/api/articles/{ARTICLES[1].id}").json()["article"]["text"] == ARTICLES[1].text


def test_api_scaling_web_index_uses_the_same_query(client: TestClient) -> None:
    html = client.get("/?country=BF").text
    assert "1 of 3 events" in html


# -- hostile input: 4xx, never 500 ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/search?q=%00",
        "/api/search?q=wagner%00",
        "/api/search?q=%1b%5b2J",
        "/api/events?actor=%00",
        "/api/events?admin1=Kidal%0a",
        "/api/events?country=%00",
        "/api/events/%00",
        "/api/articles/%00",
        "/api/articles?source=%00",
        "/api/corrections?event_id=%00",
    ],
)
def test_api_scaling_control_characters_are_4xx(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500, (path, response.status_code)


@pytest.mark.parametrize("path", ["/search?q=%00", "/search?q=wagner%00toll", "/events/%00", "/?actor=%00"])
def test_api_scaling_control_characters_on_pages_never_500(client: TestClient, path: str) -> None:
    assert client.get(path).status_code < 500


@pytest.mark.parametrize(
    ("reverts", "code"),
    [(999, 404), (2**63 - 1, 404), (2**63, 422), (2**70, 422), (10**30, 422), (0, 422), (-1, 422)],
)
def test_api_scaling_revert_of_unknown_id_is_4xx(client: TestClient, reverts: int, code: int) -> None:
    body = {"kind": "revert", "reverts": reverts, "author": "ana", "reason": "oops"}
    assert client.post("/api/corrections", json=body, headers=AUTH).status_code == code


def test_api_scaling_revert_form_of_huge_id_is_4xx(client: TestClient) -> None:
    form = {"kind": "revert", "reverts": str(2**80), "author": "ana", "reason": "oops", "token": TOKEN}
    response = client.post(f"/events/{BATTLE_EVENT}/corrections", data=form)
    assert 400 <= response.status_code < 500
    assert client.get(f"/events/{BATTLE_EVENT}?done={'9' * 40}").status_code == 200


def test_api_scaling_corrections_naming_nothing_are_4xx(client: TestClient) -> None:
    for body in (
        {"kind": "reject_claim", "claim_id": "ffffffffffffffff", "author": "a", "reason": "r"},
        {**MERGE, "event_ids": ["ffffffffffffffff"]},
        {"kind": "split", "event_id": "0" * 64, "article_ids": ["x"], "author": "a", "reason": "r"},
    ):
        response = client.post("/api/corrections", json=body, headers=AUTH)
        assert response.status_code in (404, 422), body


# -- bodies --------------------------------------------------------------------------------------

CHUNK = b"x" * 65536
HUGE = 1536 * 1024 * 1024  # 1.5 GiB, never sent


class Counted:
    """A request body of HUGE bytes in CHUNK pieces, counting how many were pulled (the
    TestClient pulls them all when the app reads the body; none when it does not)."""

    def __init__(self) -> None:
        self.pulled = 0

    def __iter__(self) -> Iterator[bytes]:
        for _ in range(HUGE // len(CHUNK)):
            self.pulled += 1
            yield CHUNK


# Starlette's TestClient reads a request body whole before the app sees it, so these check the
# answers; the served tests below check that the server stops reading.
def test_api_scaling_large_body_is_413(client: TestClient) -> None:
    headers = {**AUTH, "content-type": "application/json"}
    response = client.post("/api/corrections", content=b" " * (2 * 1024 * 1024), headers=headers)
    assert response.status_code == 413


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_api_scaling_token_checked_before_reading(client: TestClient, headers: dict[str, str]) -> None:
    body = Counted()
    response = client.post("/api/corrections", content=iter(body), headers=headers)
    assert response.status_code == 401 and body.pulled == 0


def test_api_scaling_read_only_server_refuses_before_reading(battle_ledger: Path) -> None:
    body = Counted()
    client = TestClient(create_app(Settings(db_path=battle_ledger), environ={}))
    assert client.post("/api/corrections", content=iter(body), headers=AUTH).status_code == 403
    assert body.pulled == 0


def test_api_scaling_form_body_refused_at_its_cap(client: TestClient) -> None:
    headers = {"content-type": "application/x-www-form-urlencoded"}
    response = client.post(f"/events/{BATTLE_EVENT}/corrections", content=b"a" * 70_000, headers=headers)
    assert response.status_code == 413


def test_api_scaling_correction_body_not_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/corrections", content=b"{nope", headers={**AUTH, "content-type": "application/json"}
    )
    assert response.status_code == 422
    response = client.post(
        "/api/corrections", content=b"kind=x", headers={**AUTH, "content-type": "text/plain"}
    )
    assert response.status_code == 415


def _post_huge(base: str, headers: str, *, chunked: bool) -> tuple[int, int]:
    """POST a 1.5 GiB body over a real socket (declared, or chunked with no length), sending
    until the server answers; returns (status, bytes sent)."""
    host, port = base.removeprefix("http://").split(":")
    sent = 0
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        request = (
            f"POST /api/corrections HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            + ("Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {HUGE}\r\n")
            + f"{headers}\r\n"
        )
        piece = f"{len(CHUNK):x}\r\n".encode() + CHUNK + b"\r\n" if chunked else CHUNK
        sock.sendall(request.encode())
        answer = b""
        while sent < 64 * 1024 * 1024:
            readable, writable, _ = select.select([sock], [sock], [], 5)
            if readable:
                with contextlib.suppress(ConnectionResetError):  # closed once it answered
                    answer = sock.recv(4096)
                break
            if writable:
                try:
                    sent += sock.send(piece)
                except (BrokenPipeError, ConnectionResetError):
                    break
    status = int(answer.split(b" ")[1]) if answer.startswith(b"HTTP/1.1 ") else 0
    return status, sent


@pytest.mark.parametrize("chunked", [False, True], ids=["declared", "chunked"])
@pytest.mark.parametrize(
    ("headers", "code"),
    [("", 401), (f"Authorization: Bearer {TOKEN}\r\n", 413)],
    ids=["no-token", "token"],
)
def test_api_scaling_served_huge_body_is_refused_unread(
    battle_ledger: Path, headers: str, code: int, chunked: bool
) -> None:
    with served(battle_ledger, environ={"FOGOFWAR_TOKEN": TOKEN}) as base:
        status, sent = _post_huge(base, headers, chunked=chunked)
    assert status == code
    assert sent < 32 * 1024 * 1024  # the server answered long before 1.5 GiB


def test_api_scaling_openapi_documents_the_correction_body(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    body = spec["paths"]["/api/corrections"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/CorrectionIn"}
    assert {"RejectClaimIn", "RevertIn", "CorrectionIn"} <= set(spec["components"]["schemas"])
    assert "sort" in json.dumps(spec["paths"]["/api/events"])
