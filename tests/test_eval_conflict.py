"""The conflict evaluation set (evaldata/conflict) and its scorer (fogofwar.eval.conflict)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import fogofwar.eval
from fogofwar.cli import app
from fogofwar.eval import metrics_json, run_eval
from fogofwar.eval.conflict import (
    CONFLICT_KEYS,
    ConflictSet,
    Figure,
    GoldClaim,
    GoldEvent,
    PredictedEvent,
    Report,
    fold_admin1,
    load_conflict,
    predicted_event,
    same_claimant,
    score_conflict,
    validate_gold,
)
from fogofwar.model import Claim, Event, Span
from fogofwar.settings import Settings

CONFLICT_DIR = Path(__file__).resolve().parents[1] / "evaldata" / "conflict"
ACLED_TYPES = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
}


@pytest.fixture(scope="module")
def conflict_set() -> ConflictSet:
    return load_conflict(CONFLICT_DIR)


def test_eval_conflict_gold_matches_articles(conflict_set):
    assert validate_gold(conflict_set) == []


def test_eval_conflict_set_size(conflict_set):
    event_reports = {a for e in conflict_set.events for a in e.article_ids}
    assert len(conflict_set.events) >= 40
    assert len(event_reports) >= 100
    assert len(conflict_set.distractors) >= 10


def test_eval_conflict_articles_are_well_formed():
    rows = [json.loads(line) for line in (CONFLICT_DIR / "articles.jsonl").read_text("utf-8").splitlines()]
    assert len({row["id"] for row in rows}) == len(rows)
    assert len({row["text"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"id", "title", "text", "published", "source", "url"}
        assert 80 <= len(row["text"].split()) <= 300, row["id"]
        assert row["published"] is None or date.fromisoformat(row["published"])
        assert row["source"] and row["url"].split("/")[2].endswith(".example")


def test_eval_conflict_gold_fields(conflict_set):
    for event in conflict_set.events:
        assert event.sub_event_type in ACLED_TYPES[event.event_type], event.id
        assert len(event.country) == 2 and event.country.isupper()
        assert event.admin1 and event.place and event.side_a and event.side_b
        assert event.killed is not None
        assert event.claims


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("Oleh Syniehubov", "regional governor Oleh Syniehubov", True),
        ("Russia's Defence Ministry", "Russia Defence Ministry", True),
        ("the army", "army", True),
        ("JNIM", "CSP-PSD", False),
        ("WHO", "World Health Organization", False),  # only the registry can fold these
    ],
)
def test_eval_conflict_same_claimant_by_name(gold, predicted, expected):
    assert same_claimant(gold, predicted) is expected


def test_eval_conflict_predicted_claimants_include_their_own_words():
    # the gold names a voice ("defence ministry"); the claim keeps it beside the actor
    claim = Claim(
        id="c1",
        article_id="a1",
        claimant="Niger Armed Forces",
        victims="Niger Armed Forces",
        outcome="killed",
        evidence=Span(0, 4, "text"),
        figure=23,
        claimant_words="Niger's defence ministry",
    )
    event = Event(
        id="e1", event_type="Battles", sub_event_type="Armed clash", claims=(claim,), article_ids=("a1",)
    )
    found = predicted_event(event, {"a1": ["r1"]})
    assert found.claimants == ("Niger Armed Forces", "Niger's defence ministry")
    assert any(same_claimant("defence ministry", p) for p in found.claimants)


def test_eval_conflict_same_claimant_by_registry():
    aliases = {
        "Bamako": "Government of Mali",
        "Mali's army": "Malian Armed Forces",
        "FAMa": "Malian Armed Forces",
    }
    assert same_claimant("Mali's army", "FAMa", resolve=aliases.get)
    assert not same_claimant("Bamako", "FAMa", resolve=aliases.get)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ("unattributed", "unattributed", True),
        ("unattributed", "Harbour Courier", True),
        ("unattributed", "Northline", False),
    ],
)
def test_eval_conflict_same_claimant_unattributed(gold, predicted, expected):
    assert same_claimant(gold, predicted, outlet="Harbour Courier") is expected


@pytest.mark.parametrize(
    ("predicted", "gold"),
    [
        ("Kharkiv Oblast", "Kharkiv"),
        ("South Governorate", "South"),
        ("Boucle du Mouhoun", "Boucle du Mouhoun"),
    ],
)
def test_eval_conflict_fold_admin1(predicted, gold):
    assert fold_admin1(predicted) == fold_admin1(gold)


def _gold_event(event_id: str, article_ids: tuple[str, ...], killed: Figure, claims=()) -> GoldEvent:
    return GoldEvent(
        id=event_id,
        article_ids=article_ids,
        date=date(2024, 5, 25),
        country="UA",
        admin1="Kharkiv",
        place="Kharkiv",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        side_a=("Russian Armed Forces",),
        side_b=("civilians",),
        killed=killed,
        injured=None,
        captured=None,
        claims=tuple(claims),
    )


def test_eval_conflict_score_hand_built_prediction():
    gold = ConflictSet(
        reports=tuple(
            Report(id=i, text="...", source="Northline") for i in ("a1", "a2", "a3", "b1", "b2", "d1")
        ),
        events=(
            _gold_event(
                "E1",
                ("a1", "a2", "a3"),
                Figure(19, 19, 19),
                [
                    GoldClaim("a1", "Oleh Syniehubov", "killed", 12, "civilians"),
                    GoldClaim("a3", "mayor", "killed", 19, ""),
                ],
            ),
            _gold_event(
                "E2", ("b1", "b2"), Figure(21, 21, 30), [GoldClaim("b1", "unattributed", "killed", 21, "")]
            ),
        ),
        distractors=("d1",),
    )
    # a1, a2 and the distractor in one event (16 killed, place and date right); a3 alone;
    # b1 and b2 in one event that counted 60 (over the gold high), placed in Kharkiv Oblast.
    events = {
        "P1": PredictedEvent(
            "P1",
            frozenset({"a1", "a2", "d1"}),
            16,
            19,
            "UA",
            "Kharkiv Oblast",
            date(2024, 5, 26),
            ("Oleh Syniehubov",),
        ),
        "P2": PredictedEvent(
            "P2", frozenset({"b1", "b2"}), 60, 60, "UA", "Odesa", date(2024, 5, 20), ("Northline",)
        ),
        "P3": PredictedEvent("P3", frozenset({"a3"}), 19, 19, "UA", "Kharkiv", date(2024, 5, 25), ("mayor",)),
    }
    clusters = {"a1": "P1", "a2": "P1", "d1": "P1", "a3": "P3", "b1": "P2", "b2": "P2"}
    scores = score_conflict(gold, clusters, events)
    assert tuple(scores) == CONFLICT_KEYS
    assert scores["n_events"] == 2 and scores["n_articles"] == 6 and scores["n_predicted_events"] == 3
    # B3 by hand: precision (2/3+2/3+1/3+1+1+1)/6 = 7/9; recall (2/3+2/3+1/3+1+1+1)/6 = 7/9.
    assert scores["bcubed_f1"] == pytest.approx(7 / 9)
    assert scores["killed_best_exact"] == 0.0  # 16 vs 19, 60 vs 21
    assert scores["killed_best_within25"] == 0.5  # 16 is within 25% of 19
    assert scores["killed_high_within25"] == 0.5  # 19 == 19; 60 vs 30
    assert scores["no_overlap_sum"] == 0.5  # 60 > 30
    assert scores["claimant_recall"] == pytest.approx(2 / 3)  # the mayor's claim is in P3, not P1
    assert scores["country_accuracy"] == 1.0
    assert scores["admin1_accuracy"] == 0.5
    assert scores["date_within1"] == 0.5
    assert scores["distractors_merged"] == 1


def test_eval_conflict_score_nothing_linked():
    gold = ConflictSet(
        reports=(Report(id="a1", text="..."), Report(id="a2", text="...")),
        events=(_gold_event("E1", ("a1", "a2"), Figure(0, 0, 0)),),
        distractors=(),
    )
    scores = score_conflict(gold, {}, {})
    assert scores["killed_best_exact"] == 1.0  # no event, nothing killed: 0 == 0
    assert scores["country_accuracy"] == 0.0
    assert math.isnan(scores["claimant_recall"])  # no gold claim to recall
    assert scores["distractors_merged"] == 0


@pytest.mark.slow
def test_eval_conflict_end_to_end_first_events():
    """The first three gold events (8 reports) and the same-day distractor, through run_eval."""
    scores = run_eval("conflict", CONFLICT_DIR, settings=Settings(), limit=3)
    assert tuple(scores) == CONFLICT_KEYS
    assert scores["n_events"] == 3 and scores["n_articles"] == 9
    assert all(v is None or 0.0 <= v <= 1.0 for k, v in scores.items() if not k.startswith(("n_", "distr")))
    assert scores["bcubed_f1"] > 0.5
    json.loads(metrics_json(scores))  # strict JSON: no NaN


def test_eval_conflict_cli_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls = []

    def fake_run_eval(name: str, path: Path, *, settings: object, limit: int | None = None) -> dict:
        calls.append((name, path, limit))
        return {"n_events": 2, "bcubed_f1": 0.5, "no_overlap_sum": None}

    monkeypatch.setattr(fogofwar.eval, "run_eval", fake_run_eval)
    db = str(tmp_path / "f.db")
    result = CliRunner().invoke(
        app, ["--db", db, "eval", "conflict", str(CONFLICT_DIR), "--json", "--limit", "2"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"n_events": 2, "bcubed_f1": 0.5, "no_overlap_sum": None}
    assert calls == [("conflict", CONFLICT_DIR, 2)]


def test_eval_conflict_reads_the_realnews_layout(tmp_path: Path) -> None:
    # ../shared/eval/dev/realnews: gold.json is one list, distractors marked in it, actors a plain
    # list, claims without their report but with aliases, a second reading of the dead, captured
    # as a number, and publication times rather than dates.
    rows = [
        {"id": "n01-a", "source": "Wire", "title": "Blast", "published": "2016-01-14T04:48:31+00:00",
         "text": "A bomb exploded in the capital on Thursday, killing two people, police said."},
        {"id": "x1", "source": "Wire", "title": "Crash", "published": "2016-01-14T09:00:00+00:00",
         "text": "A plane crashed on landing; all 61 people on board died."},
    ]  # fmt: skip
    (tmp_path / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    gold = [
        {"event": "n01 capital bombing", "article_ids": ["n01-a"], "date": "2016-01-14", "country": "ID",
         "admin1": "Jakarta", "place": "Jakarta", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Suicide bomb", "actors": ["Islamic State", "Civilians (Indonesia)"],
         "killed": {"low": 2, "best": 2, "high": 2}, "killed_alt": {"low": 2, "best": 7, "high": 7},
         "injured": None, "captured": 1,
         "claims": [{"claimant": "national police", "claimant_aliases": ["police"], "outcome": "killed",
                     "figure": 2, "victims": "civilians"}]},
        {"event": "distractor: plane crash", "distractor": True, "article_ids": ["x1"], "date": "2016-01-14",
         "country": "RU", "killed": None, "claims": []},
    ]  # fmt: skip
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    conflict = load_conflict(tmp_path)
    assert validate_gold(conflict) == []
    (event,) = conflict.events
    assert event.id == "n01" and event.side_a == () and event.captured == Figure(1, 1, 1)
    assert event.killed_alt == Figure(2, 7, 7) and event.claims[0].aliases == ("police",)
    assert conflict.distractors == ("x1",)
    assert conflict.reports[0].published == date(2016, 1, 14)
    # a predicted 7 fits the second reading; "police" is one of the claimant's names
    events = {
        "P": PredictedEvent("P", frozenset({"n01-a"}), 7, 7, "ID", "Jakarta", date(2016, 1, 14), ("Police",))
    }
    scores = score_conflict(conflict, {"n01-a": "P"}, events)
    assert scores["killed_best_exact"] == 1.0 and scores["no_overlap_sum"] == 1.0
    assert scores["claimant_recall"] == 1.0
    assert math.isnan(scores["side_a_accuracy"])  # no sides given: nothing scored
