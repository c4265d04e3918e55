"""GET endpoints of the JSON API against a real SQLite file: events, filters, one event, articles,
search, export, the OpenAPI description; and the output models against the records."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.api.webserver import BATTLE_EVENT, load_battle
from pydantic import BaseModel
from test_store_records import load_records

from fogofwar.api import create_app, schemas
from fogofwar.model import Actor, ActorRole, Article, Claim, Event, Mention, Place, Reconciled, Record, Span
from fogofwar.reconcile import TOTAL_OUTCOMES, totals_by_outcome
from fogofwar.settings import Settings
from fogofwar.store import Store

ARTICLES, EXTRACTIONS, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)


def ids(response) -> list[str]:
    return [e["id"] for e in response.json()["events"]]


def test_api_events_list_all(client: TestClient) -> None:
    response = client.get("/api/events")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == len(EVENTS) and body["limit"] == 100 and body["offset"] == 0
    assert {e["id"] for e in body["events"]} == {e.id for e in EVENTS}
    battle = next(e for e in body["events"] if e["id"] == BATTLE_EVENT)
    # the record's to_dict(), exactly, with its totals (reconcile.totals_by_outcome) beside it
    assert battle == json.loads(json.dumps({**BATTLE.to_dict(), **totals_by_outcome(BATTLE)}))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=ML", {"battle", "drone"}),
        ("country=bf", {"attack"}),
        ("country=Mali", {"battle", "drone"}),  # names and alpha-3 codes too, as the CLI takes
        ("country=BFA", {"attack"}),
        ("country=burkina%20faso", {"attack"}),
        ("admin1=kidal", {"battle", "drone"}),
        ("since=2024-08-01", {"drone", "attack"}),
        ("until=2024-07-31", {"battle"}),
        ("since=2024-07-26&until=2024-07-26", {"battle"}),  # inside the battle's date range
        ("event_type=Battles", {"battle"}),
        ("event_type=air/drone strike", {"drone"}),
        ("actor=wagner", {"battle"}),
        ("actor=FAMa", {"battle", "drone"}),  # an alias
        ("min_killed=84", {"battle", "attack"}),
        ("min_killed=301", set()),
        ("country=ML&min_killed=22", {"battle"}),
    ],
)
def test_api_events_filters(client: TestClient, query: str, expected: set[str]) -> None:
    names = {BATTLE_EVENT: "battle"}
    for event in EVENTS:
        if event.sub_event_type == "Air/drone strike":
            names[event.id] = "drone"
        elif event.sub_event_type == "Attack":
            names[event.id] = "attack"
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 200
    assert {names[i] for i in ids(response)} == expected
    assert response.json()["total"] == len(expected)


def test_api_events_unknown_country_is_422(client: TestClient) -> None:
    response = client.get("/api/events?country=Atlantis")
    assert response.status_code == 422
    assert "unknown country" in response.text


def test_api_events_pagination(client: TestClient) -> None:
    everything = ids(client.get("/api/events"))
    assert ids(client.get("/api/events?limit=2")) == everything[:2]
    assert ids(client.get("/api/events?limit=2&offset=2")) == everything[2:]
    assert client.get("/api/events?limit=2&offset=2").json()["total"] == len(everything)


@pytest.mark.parametrize("query", ["limit=0", "limit=5000", "offset=-1", "since=yesterday", "min_killed=-3"])
def test_api_events_bad_query_is_422(client: TestClient, query: str) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert all("input" not in err for err in response.json()["detail"])  # input is not echoed back


def test_api_events_one_with_claims_evidence_articles(client: TestClient) -> None:
    response = client.get(f"/api/events/{BATTLE_EVENT}")
    assert response.status_code == 200
    body = response.json()
    assert body["event"]["id"] == BATTLE_EVENT
    texts = {a["id"]: a["text"] for a in body["articles"]}
    assert set(texts) == set(BATTLE.article_ids)
    for claim in body["event"]["claims"]:
        evidence = claim["evidence"]
        assert texts[claim["article_id"]][evidence["start"] : evidence["end"]] == evidence["text"]
    figures = sorted(
        c["figure"] for c in body["event"]["claims"] if c["victims"] == "Wagner Group" and c["figure"]
    )
    assert figures == [20, 50, 84]
    assert {m["id"] for m in body["mentions"]} == set(BATTLE.mention_ids)
    assert body["corrections"] == [] and body["rejected_claims"] == [] and body["merged_from"] == []


def test_api_events_one_by_prefix(client: TestClient) -> None:
    assert client.get(f"/api/events/{BATTLE_EVENT[:5]}").json()["event"]["id"] == BATTLE_EVENT


def test_api_events_unknown_is_404(client: TestClient) -> None:
    response = client.get("/api/events/ffffffffffffffff")
    assert response.status_code == 404
    assert response.json() == {"detail": "[E021] no event with id 'ffffffffffffffff'"}


def test_api_events_articles_without_text_by_default(client: TestClient) -> None:
    body = client.get("/api/articles").json()
    assert body["total"] == len(ARTICLES)
    assert [a["id"] for a in body["articles"]] == [a.id for a in ARTICLES]
    assert all(a["text"] is None for a in body["articles"])
    with_text = client.get("/api/articles?with_text=true&limit=1").json()["articles"]
    assert with_text[0]["text"] == ARTICLES[0].text


def test_api_events_articles_by_source(client: TestClient) -> None:
    body = client.get("/api/articles?source=sahel desk").json()
    assert {a["source"] for a in body["articles"]} == {"Sahel Desk"} and body["total"] == 2


def test_api_events_one_article(client: TestClient) -> None:
    article = ARTICLES[0]
    body = client.get(f"/api/articles/{article.id}").json()
    assert body["article"]["text"] == article.text
    assert body["event_ids"] == [BATTLE_EVENT]
    assert {c["id"] for c in body["claims"]} == {c.id for c in EXTRACTIONS[0].claims}
    assert client.get("/api/articles/0000000000000000").status_code == 404


def test_api_events_search(client: TestClient) -> None:
    body = client.get("/api/search?q=Wagner toll").json()
    assert body["query"] == "Wagner toll"
    hits = body["hits"]
    assert [h["article"]["title"] for h in hits] == ["Mali rebels raise toll of Wagner losses"]
    assert "toll" in hits[0]["snippet"] and hits[0]["event_ids"] == [BATTLE_EVENT]
    assert client.get("/api/search?q=nothinglikethis").json()["hits"] == []
    assert client.get("/api/search?q=").status_code == 422


def test_api_events_search_operators_are_words(client: TestClient) -> None:
    # FTS5 syntax in the query is matched as plain words, never an error.
    assert client.get('/api/search?q=Wagner OR "NEAR(').status_code == 200


def test_api_events_records_fixture_of_the_cli(tmp_path: Path) -> None:
    articles, extractions, events = load_records()
    db = tmp_path / "cli.db"
    with Store.open(db) as store:
        store.add_articles(articles)
        store.save_extractions(extractions)
        store.replace_events(events)
    client = TestClient(create_app(Settings(db_path=db), environ={}))
    body = client.get(f"/api/events/{events[0].id}").json()
    assert body["event"] == json.loads(json.dumps({**events[0].to_dict(), **totals_by_outcome(events[0])}))


def test_api_events_export_jsonl_applies_filters(client: TestClient) -> None:
    pytest.importorskip("fogofwar.export")
    from fogofwar.export import FORMATS

    if "jsonl" not in FORMATS:
        pytest.skip("this build has no jsonl exporter")
    response = client.get("/api/export?format=jsonl&country=BF")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/x-ndjson")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.count(b"\n") == 1


def test_api_events_export_unknown_format_is_400(client: TestClient) -> None:
    response = client.get("/api/export?format=excel")
    assert response.status_code in (400, 501)
    if response.status_code == 400:
        assert response.json()["detail"].startswith("[E020]")


def test_api_events_openapi_lists_the_paths(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {
        "/api/events",
        "/api/events/{event_id}",
        "/api/articles",
        "/api/search",
        "/api/export",
        "/api/corrections",
    } <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/corrections"] and "/" not in spec["paths"]


def test_api_events_docs_page_is_local(client: TestClient) -> None:
    html = client.get("/api/docs").text
    assert "/api/events/{event_id}" in html and "min_killed" in html
    assert "cdn" not in html.lower() and "<script" not in html.lower()
    assert client.get("/docs").status_code == 404  # no Swagger UI: it would load from a CDN


OUTPUTS: list[tuple[type[BaseModel], type[Record]]] = [
    (schemas.SpanOut, Span),
    (schemas.PlaceOut, Place),
    (schemas.ActorOut, Actor),
    (schemas.ActorRoleOut, ActorRole),
    (schemas.ClaimOut, Claim),
    (schemas.ReconciledOut, Reconciled),
    (schemas.EventOut, Event),
    (schemas.MentionOut, Mention),
    (schemas.ArticleOut, Article),
]


@pytest.mark.parametrize(("model", "record"), OUTPUTS, ids=lambda x: x.__name__)
def test_api_events_output_models_mirror_records(model: type[BaseModel], record: type[Record]) -> None:
    # A new record field must appear in the API: this fails until schemas.py has it.
    totals = set(TOTAL_OUTCOMES) if record is Event else set()  # an event's JSON carries its totals
    assert set(model.model_fields) == {f.name for f in dataclasses.fields(record)} | totals  # type: ignore[arg-type]
