"""POST /api/corrections for the kinds beyond reject/place/merge/split: an actor's side, the event
type, the dates, a claim's victims and claimant. Each is checked, kept in the audit trail, and
seen wherever the event is read: GET /api/events, the event page, and the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.api.webserver import BATTLE_EVENT, TOKEN, load_battle

from fogofwar.corrections import Correction, correct, event_types
from fogofwar.store import Store

AUTH = {"Authorization": f"Bearer {TOKEN}"}
_, _, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)
DRONE = next(e for e in EVENTS if e.sub_event_type == "Air/drone strike")
CLAIM_84 = next(c for c in BATTLE.claims if c.figure == 84)
CLAIM_47 = next(c for c in BATTLE.claims if c.figure == 47)
WHO = {"author": "ana", "reason": "read the reports again"}


def post(client: TestClient, body: dict) -> dict:
    response = client.post("/api/corrections", json={**WHO, **body}, headers=AUTH)
    assert response.status_code == 201, response.text
    return response.json()


def event(client: TestClient, event_id: str = BATTLE_EVENT) -> dict:
    return client.get(f"/api/events/{event_id}").json()["event"]


def exported(client: TestClient, event_id: str = BATTLE_EVENT) -> dict:
    from fogofwar.export import FORMATS

    if "jsonl" not in FORMATS:
        pytest.skip("this build has no jsonl exporter")
    lines = client.get("/api/export?format=jsonl").text.splitlines()
    return next(row for line in lines if (row := json.loads(line)).get("id") == event_id)


def test_api_corrections_kinds_set_actor_side(client: TestClient) -> None:
    body = post(
        client, {"kind": "set_actor", "event_id": BATTLE_EVENT[:6], "actor": "wagner", "role": "side_b"}
    )
    assert body["event_id"] == BATTLE_EVENT and body["status"] == "applied" and body["role"] == "side_b"
    roles = {a["actor"]["name"]: a["role"] for a in event(client)["actors"]}
    assert roles == {"Malian Armed Forces": "side_a", "Wagner Group": "side_b", "CSP-DPA": "side_b"}
    # An actor the event does not list is added in that role.
    post(
        client,
        {"kind": "set_actor", "event_id": BATTLE_EVENT, "actor": "Algerian mediators", "role": "claimant"},
    )
    assert {"Algerian mediators": "claimant"}.items() <= {
        a["actor"]["name"]: a["role"] for a in event(client)["actors"]
    }.items()
    assert [a["actor"]["name"] for a in exported(client)["actors"]].count("Wagner Group") == 1
    assert "wagner is side B (target)" in client.get(f"/events/{BATTLE_EVENT}").text


def test_api_corrections_kinds_set_type(client: TestClient) -> None:
    post(
        client,
        {
            "kind": "set_type",
            "event_id": BATTLE_EVENT,
            "event_type": "Battles",
            "sub_event_type": "Non-state actor overtakes territory",
        },
    )
    assert event(client)["sub_event_type"] == "Non-state actor overtakes territory"
    assert exported(client)["sub_event_type"] == "Non-state actor overtakes territory"
    # The list filters on the corrected type.
    listed = client.get("/api/events?event_type=Non-state actor overtakes territory").json()
    assert [e["id"] for e in listed["events"]] == [BATTLE_EVENT]


@pytest.mark.parametrize(
    ("types", "problem"),
    [
        ({"event_type": "Skirmish", "sub_event_type": "Armed clash"}, "event type 'Skirmish'"),
        (
            {"event_type": "Battles", "sub_event_type": "Air/drone strike"},
            "sub-event type 'Air/drone strike'",
        ),
    ],
)
def test_api_corrections_kinds_set_type_checks_the_vocabulary(
    client: TestClient, types: dict, problem: str
) -> None:
    response = client.post(
        "/api/corrections", json={**WHO, "kind": "set_type", "event_id": BATTLE_EVENT, **types}, headers=AUTH
    )
    assert response.status_code == 422
    assert "[E070]" in response.json()["detail"] and problem in response.json()["detail"]
    assert client.get("/api/corrections").json() == []


def test_api_corrections_kinds_event_types_come_from_the_resource() -> None:
    types = event_types()
    assert "Armed clash" in types["Battles"] and "Air/drone strike" in types["Explosions/Remote violence"]


def test_api_corrections_kinds_set_dates(client: TestClient) -> None:
    post(client, {"kind": "set_dates", "event_id": BATTLE_EVENT, "start": "2024-07-26"})
    corrected = event(client)
    assert (corrected["start"], corrected["end"], corrected["date_precision"]) == ("2024-07-26", None, 1)
    assert exported(client)["start"] == "2024-07-26"
    post(client, {"kind": "set_dates", "event_id": BATTLE_EVENT, "start": "2024-07-20", "end": "2024-07-29"})
    corrected = event(client)
    assert (corrected["start"], corrected["end"], corrected["date_precision"]) == (
        "2024-07-20",
        "2024-07-29",
        2,
    )
    assert [e["id"] for e in client.get("/api/events?until=2024-07-21").json()["events"]] == [BATTLE_EVENT]


@pytest.mark.parametrize(
    ("dates", "status"),
    [
        ({"start": "2024-07-29", "end": "2024-07-20"}, 422),  # end before start
        ({"start": "2024-07-20", "date_precision": 7}, 422),
        ({"start": "not a date"}, 422),
        ({}, 422),
    ],
)
def test_api_corrections_kinds_set_dates_invalid(client: TestClient, dates: dict, status: int) -> None:
    body = {**WHO, "kind": "set_dates", "event_id": BATTLE_EVENT, **dates}
    assert client.post("/api/corrections", json=body, headers=AUTH).status_code == status
    assert client.get("/api/corrections").json() == []


def test_api_corrections_kinds_set_victims_recomputes_figures(client: TestClient) -> None:
    post(client, {"kind": "set_victims", "claim_id": CLAIM_84.id, "victims": "civilians"})
    detail = event(client)
    claim = next(c for c in detail["claims"] if c["id"] == CLAIM_84.id)
    assert claim["victims"] == "civilians"
    wagner = next(
        r for r in detail["reconciled"] if r["victims"] == "Wagner Group" and r["outcome"] == "killed"
    )
    civilians = next(
        r for r in detail["reconciled"] if r["victims"] == "civilians" and r["outcome"] == "killed"
    )
    assert wagner["high"] == 50 and civilians["claim_ids"] == [CLAIM_84.id]
    assert next(c for c in exported(client)["claims"] if c["id"] == CLAIM_84.id)["victims"] == "civilians"


def test_api_corrections_kinds_set_claimant(client: TestClient) -> None:
    body = post(
        client,
        {
            "kind": "set_claimant",
            "claim_id": CLAIM_47.id,
            "claimant": "Malian Armed Forces",
            "claimant_kind": "state_forces",
        },
    )
    assert body["claimant"] == "Malian Armed Forces"
    claim = next(c for c in event(client)["claims"] if c["id"] == CLAIM_47.id)
    assert (claim["claimant"], claim["claimant_kind"]) == ("Malian Armed Forces", "state_forces")
    # The sources page lists the claim under its corrected claimant.
    sources = client.get("/sources").text
    assert sources.index(f"#claim-{CLAIM_47.id}") > sources.index("<td>Malian Armed Forces</td>")


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "set_claimant", "claim_id": CLAIM_47.id, "claimant": "x", "claimant_kind": "aliens"},
        {"kind": "set_claimant", "claim_id": CLAIM_47.id, "claimant": "two\nlines"},
        {"kind": "set_victims", "claim_id": CLAIM_47.id, "victims": ""},
        {"kind": "set_victims", "claim_id": CLAIM_47.id, "victims": "x" * 201},
        {"kind": "set_actor", "event_id": BATTLE_EVENT, "actor": "Wagner", "role": "referee"},
        {"kind": "set_actor", "event_id": BATTLE_EVENT, "role": "side_a"},
    ],
)
def test_api_corrections_kinds_invalid_bodies(client: TestClient, body: dict) -> None:
    assert client.post("/api/corrections", json={**WHO, **body}, headers=AUTH).status_code == 422


@pytest.mark.parametrize(
    "body",
    [
        {"kind": "set_victims", "claim_id": "0000000000000000", "victims": "civilians"},
        {"kind": "set_dates", "event_id": "ffffffffffffffff", "start": "2024-07-20"},
    ],
)
def test_api_corrections_kinds_unknown_target_is_404(client: TestClient, body: dict) -> None:
    assert client.post("/api/corrections", json={**WHO, **body}, headers=AUTH).status_code == 404


def test_api_corrections_kinds_audit_trail_and_revert(client: TestClient, battle_ledger: Path) -> None:
    first = post(client, {"kind": "set_victims", "claim_id": CLAIM_84.id, "victims": "civilians"})
    post(client, {**WHO, "kind": "revert", "reverts": first["id"]})
    assert next(c for c in event(client)["claims"] if c["id"] == CLAIM_84.id)["victims"] == "Wagner Group"
    trail = client.get("/api/corrections").json()
    assert [(c["kind"], c["status"]) for c in trail] == [
        ("set_victims", "reverted by 2"),
        ("revert", "applied"),
    ]
    with Store.open(battle_ledger) as store:  # the extracted claim is never rewritten
        assert CLAIM_84 in store.event(BATTLE_EVENT).claims  # type: ignore[union-attr]


def test_api_corrections_kinds_survive_a_merge() -> None:
    # Type and dates set on an event stay when another event is merged into it.
    log = [
        Correction(
            "set_type",
            "ana",
            "r",
            event_id=BATTLE_EVENT,
            event_type="Battles",
            sub_event_type="Armed clash",
            id=1,
        ),
        Correction("set_dates", "ana", "r", event_id=DRONE.id, start=DRONE.start, id=2),
        Correction("set_actor", "ana", "r", event_id=DRONE.id, actor="Wagner Group", role="side_b", id=3),
        Correction("merge", "ana", "r", event_id=DRONE.id, event_ids=(BATTLE_EVENT,), id=4),
    ]
    result = correct(EVENTS, log)
    merged = result.event(BATTLE_EVENT)
    assert result.notes == ["applied"] * 4
    assert merged is not None and merged.id == DRONE.id
    assert (merged.start, merged.end, merged.date_precision) == (DRONE.start, None, 1)
    assert merged.sub_event_type == "Armed clash"  # the absorbed event's analyst type, the target had none
    assert {a.role for a in merged.actors if a.actor.name == "Wagner Group"} == {"side_b"}


def test_api_corrections_kinds_round_trip() -> None:
    c = Correction(
        "set_dates", "ana", "r", event_id="e1", start=BATTLE.start, end=BATTLE.end, date_precision=2
    )
    assert Correction.from_dict(json.loads(json.dumps(c.to_dict()))) == c
