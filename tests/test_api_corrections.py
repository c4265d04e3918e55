"""POST /api/corrections: the token rules, validation, and what each correction does to the events."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.api.webserver import BATTLE_EVENT, TOKEN, load_battle

from fogofwar.api import create_app
from fogofwar.settings import Settings
from fogofwar.store import Store

AUTH = {"Authorization": f"Bearer {TOKEN}"}
_, _, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)
DRONE = next(e for e in EVENTS if e.sub_event_type == "Air/drone strike")
CLAIM_84 = next(c for c in BATTLE.claims if c.figure == 84)
REJECT = {"kind": "reject_claim", "claim_id": CLAIM_84.id, "author": "ana", "reason": "84 is a misreading"}


def wagner_killed(client: TestClient, event_id: str = BATTLE_EVENT) -> tuple[int, int]:
    event = client.get(f"/api/events/{event_id}").json()["event"]
    row = next(r for r in event["reconciled"] if r["victims"] == "Wagner Group" and r["outcome"] == "killed")
    return row["low"], row["high"]


def test_api_corrections_refused_when_no_token_is_set(battle_ledger: Path) -> None:
    client = TestClient(create_app(Settings(db_path=battle_ledger), environ={}))
    response = client.post("/api/corrections", json=REJECT, headers=AUTH)
    assert response.status_code == 403
    assert "FOGOFWAR_TOKEN" in response.json()["detail"] and "[E071]" in response.json()["detail"]
    assert client.get("/api/corrections").json() == []


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Basic {TOKEN}"}],
    ids=["none", "wrong", "no-scheme", "basic"],
)
def test_api_corrections_needs_the_bearer_token(client: TestClient, headers: dict[str, str]) -> None:
    response = client.post("/api/corrections", json=REJECT, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert "[E072]" in response.json()["detail"]
    assert wagner_killed(client) == (20, 84)


def test_api_corrections_token_is_checked_before_the_body(client: TestClient) -> None:
    assert client.post("/api/corrections", json={"kind": "nonsense"}).status_code == 401


def test_api_corrections_reject_claim(client: TestClient, battle_ledger: Path) -> None:
    response = client.post("/api/corrections", json=REJECT, headers=AUTH)
    assert response.status_code == 201
    body = response.json()
    assert body["id"] == 1 and body["status"] == "applied" and body["author"] == "ana"
    assert body["claim_id"] == CLAIM_84.id and body["at"]
    assert wagner_killed(client) == (20, 50)
    detail = client.get(f"/api/events/{BATTLE_EVENT}").json()
    assert [c["id"] for c in detail["rejected_claims"]] == [CLAIM_84.id]
    assert [c["id"] for c in detail["corrections"]] == [1]
    # The extracted event in the store is unchanged.
    with Store.open(battle_ledger) as store:
        assert CLAIM_84 in store.event(BATTLE_EVENT).claims  # type: ignore[union-attr]


def test_api_corrections_set_place(client: TestClient) -> None:
    place = {"name": "Kidal", "lat": 18.44, "lon": 1.41, "admin1": "Kidal", "country": "ml", "precision": 2}
    body = {
        "kind": "set_place",
        "event_id": BATTLE_EVENT[:6],
        "place": place,
        "author": "bo",
        "reason": "closer",
    }
    response = client.post("/api/corrections", json=body, headers=AUTH)
    assert response.status_code == 201
    assert response.json()["event_id"] == BATTLE_EVENT  # a prefix is stored as the full id
    event = client.get(f"/api/events/{BATTLE_EVENT}").json()["event"]
    assert (event["place"]["name"], event["place"]["country"], event["place"]["precision"]) == (
        "Kidal",
        "ML",
        2,
    )


def test_api_corrections_merge_and_old_id_leads_to_merged(client: TestClient) -> None:
    body = {
        "kind": "merge",
        "event_id": BATTLE_EVENT,
        "event_ids": [DRONE.id],
        "author": "bo",
        "reason": "same",
    }
    assert client.post("/api/corrections", json=body, headers=AUTH).status_code == 201
    listed = client.get("/api/events").json()
    assert listed["total"] == len(EVENTS) - 1
    merged = client.get(f"/api/events/{DRONE.id}").json()
    assert merged["event"]["id"] == BATTLE_EVENT and merged["merged_from"] == [DRONE.id]
    assert {c["id"] for c in merged["event"]["claims"]} == {c.id for c in BATTLE.claims + DRONE.claims}
    groups = {(r["victims"], r["outcome"]) for r in merged["event"]["reconciled"]}
    assert ("civilians", "killed") in groups and ("Wagner Group", "killed") in groups


def test_api_corrections_split(client: TestClient) -> None:
    body = {
        "kind": "split",
        "event_id": BATTLE_EVENT,
        "article_ids": [CLAIM_84.article_id],
        "author": "bo",
        "reason": "a later, separate clash",
    }
    assert client.post("/api/corrections", json=body, headers=AUTH).status_code == 201
    listed = client.get("/api/events").json()["events"]
    new = next(e for e in listed if e["id"] not in {e.id for e in EVENTS})
    assert new["article_ids"] == [CLAIM_84.article_id]
    assert client.get(f"/api/events/{new['id']}").json()["split_from"] == BATTLE_EVENT
    assert wagner_killed(client) == (20, 50) and wagner_killed(client, new["id"]) == (84, 84)


def test_api_corrections_revert(client: TestClient) -> None:
    client.post("/api/corrections", json=REJECT, headers=AUTH)
    body = {"kind": "revert", "reverts": 1, "author": "ana", "reason": "84 was right after all"}
    response = client.post("/api/corrections", json=body, headers=AUTH)
    assert response.status_code == 201
    assert wagner_killed(client) == (20, 84)
    trail = client.get("/api/corrections").json()
    assert [(c["id"], c["status"]) for c in trail] == [(1, "reverted by 2"), (2, "applied")]
    again = client.post("/api/corrections", json=body, headers=AUTH)
    assert again.status_code == 422 and "already withdrawn" in again.json()["detail"]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({**REJECT, "claim_id": "0000000000000000"}, 404),
        (
            {"kind": "set_place", "event_id": "ffff", "place": {"name": "X"}, "author": "a", "reason": "b"},
            404,
        ),
        (
            {
                "kind": "merge",
                "event_id": BATTLE_EVENT,
                "event_ids": [BATTLE_EVENT],
                "author": "a",
                "reason": "b",
            },
            422,
        ),
        (
            {
                "kind": "split",
                "event_id": BATTLE_EVENT,
                "article_ids": list(BATTLE.article_ids),
                "author": "a",
                "reason": "b",
            },
            422,
        ),
        (
            {
                "kind": "split",
                "event_id": BATTLE_EVENT,
                "mention_ids": ["nothere"],
                "author": "a",
                "reason": "b",
            },
            422,
        ),
        ({"kind": "revert", "reverts": 99, "author": "a", "reason": "b"}, 404),
        ({**REJECT, "author": ""}, 422),
        ({**REJECT, "reason": "   "}, 422),
        ({**REJECT, "kind": "delete_everything"}, 422),
        ({**REJECT, "extra": "field"}, 422),
        (
            {
                "kind": "set_place",
                "event_id": BATTLE_EVENT,
                "place": {"name": "X", "lat": 91, "lon": 0},
                "author": "a",
                "reason": "b",
            },
            422,
        ),
        ({**REJECT, "claim_id": "x' OR 1=1 --"}, 422),
    ],
    ids=[
        "claim",
        "event",
        "self-merge",
        "split-all",
        "split-unknown",
        "revert",
        "author",
        "reason",
        "kind",
        "extra",
        "lat",
        "id-shape",
    ],
)
def test_api_corrections_bad_requests(client: TestClient, body: dict, code: int) -> None:
    response = client.post("/api/corrections", json=body, headers=AUTH)
    assert response.status_code == code, response.text
    assert client.get("/api/corrections").json() == []


def test_api_corrections_trail_for_one_event(client: TestClient) -> None:
    client.post("/api/corrections", json=REJECT, headers=AUTH)
    place = {
        "kind": "set_place",
        "event_id": DRONE.id,
        "place": {"name": "Tinzaouaten"},
        "author": "a",
        "reason": "b",
    }
    client.post("/api/corrections", json=place, headers=AUTH)
    assert [c["id"] for c in client.get(f"/api/corrections?event_id={BATTLE_EVENT}").json()] == [1]
    assert [c["id"] for c in client.get(f"/api/corrections?event_id={DRONE.id}").json()] == [2]
    assert len(client.get("/api/corrections").json()) == 2


def test_api_corrections_survive_a_new_app(client: TestClient, battle_ledger: Path) -> None:
    client.post("/api/corrections", json=REJECT, headers=AUTH)
    with Store.open(battle_ledger) as store:
        store.replace_events(EVENTS)  # what a pipeline re-run does
    fresh = TestClient(create_app(Settings(db_path=battle_ledger), environ={}))
    assert wagner_killed(fresh) == (20, 50)


def test_api_corrections_no_cors(client: TestClient) -> None:
    preflight = client.options(
        "/api/corrections",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
    response = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
