"""correct: pure functions over the battle fixture's events."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fixtures.api.webserver import BATTLE_EVENT, load_battle
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.corrections import (
    Correction,
    CorrectionInvalid,
    correct,
    merge_events,
    split_event,
    validate_correction,
)
from fogofwar.model import Event, Place
from fogofwar.reconcile import reconcile

ARTICLES, EXTRACTIONS, EVENTS = load_battle()
MENTIONS = {m.id: m for x in EXTRACTIONS for m in x.mentions}
BY_ID = {e.id: e for e in EVENTS}
BATTLE = BY_ID[BATTLE_EVENT]
DRONE = next(e for e in EVENTS if e.sub_event_type == "Air/drone strike")
ATTACK = next(e for e in EVENTS if e.place and e.place.name == "Barsalogho")
CLAIM_84 = next(c for c in BATTLE.claims if c.figure == 84)
REUTERS = CLAIM_84.article_id  # the article that reports 84 and 47


def fix(kind: str, id: int, **fields: object) -> Correction:
    return Correction(kind=kind, author="analyst", reason="checked the sources", id=id, **fields)  # type: ignore[arg-type]


def group(event: Event, victims: str, outcome: str = "killed"):
    return next(r for r in event.reconciled if r.victims == victims and r.outcome == outcome)


def test_corrections_apply_nothing_changes_nothing() -> None:
    assert correct(EVENTS, []).events == EVENTS


def test_corrections_apply_reject_claim_recomputes_figures_and_keeps_input() -> None:
    result = correct(EVENTS, [fix("reject_claim", 1, claim_id=CLAIM_84.id)])
    battle = result.event(BATTLE_EVENT)
    assert battle is not None
    assert CLAIM_84.id not in {c.id for c in battle.claims}
    assert (group(battle, "Wagner Group").low, group(battle, "Wagner Group").high) == (20, 50)
    assert result.rejected[CLAIM_84.id].claim == CLAIM_84
    assert result.rejected[CLAIM_84.id].event_id == BATTLE_EVENT
    assert result.notes == ["applied"]
    # What was extracted is untouched.
    assert CLAIM_84 in BY_ID[BATTLE_EVENT].claims
    assert group(BY_ID[BATTLE_EVENT], "Wagner Group").high == 84


def test_corrections_apply_set_place() -> None:
    kidal = Place("Kidal", 18.44, 1.41, "Kidal", "ML", precision=1)
    events = correct(EVENTS, [fix("set_place", 1, event_id=BATTLE_EVENT, place=kidal)]).events
    assert next(e for e in events if e.id == BATTLE_EVENT).place == kidal
    assert [e.place for e in events if e.id != BATTLE_EVENT] == [
        e.place for e in EVENTS if e.id != BATTLE_EVENT
    ]


def test_corrections_apply_merge_unites_and_reconciles() -> None:
    result = correct(EVENTS, [fix("merge", 1, event_id=BATTLE_EVENT, event_ids=(DRONE.id,))])
    assert [e.id for e in result.events] == [e.id for e in EVENTS if e.id != DRONE.id]
    merged = result.event(BATTLE_EVENT)
    assert merged is not None and result.event(DRONE.id) == merged  # the old id leads to the merged event
    assert result.merged_into == {DRONE.id: BATTLE_EVENT}
    assert merged.claims == BATTLE.claims + DRONE.claims
    assert merged.article_ids == BATTLE.article_ids + DRONE.article_ids
    assert merged.mention_ids == BATTLE.mention_ids + DRONE.mention_ids
    assert merged.reconciled == tuple(reconcile(merged.claims))
    assert (merged.start, merged.end) == (BATTLE.start, DRONE.end)
    assert {r.actor.name for r in merged.actors} >= {"Wagner Group", "civilians"}


def test_corrections_apply_merge_counts_outlets_once_with_articles() -> None:
    articles = {a.id: a for a in ARTICLES}
    merged = correct(
        EVENTS, [fix("merge", 1, event_id=BATTLE_EVENT, event_ids=(DRONE.id,))], articles=articles
    ).event(BATTLE_EVENT)
    # Sahel Desk wrote one battle report and the drone report: three outlets, not four.
    assert merged is not None and merged.sources == 3


def test_corrections_apply_split_moves_article_with_its_claims() -> None:
    result = correct(
        EVENTS, [fix("split", 1, event_id=BATTLE_EVENT, article_ids=(REUTERS,))], mentions=MENTIONS
    )
    kept = result.event(BATTLE_EVENT)
    new_id = next(i for i in result.split_from)
    moved = result.event(new_id)
    assert kept is not None and moved is not None
    assert [e.id for e in result.events] == [BATTLE_EVENT, new_id, DRONE.id, ATTACK.id]
    assert moved.article_ids == (REUTERS,)
    assert {c.article_id for c in moved.claims} == {REUTERS}
    assert REUTERS not in kept.article_ids and all(c.article_id != REUTERS for c in kept.claims)
    assert len(kept.claims) + len(moved.claims) == len(BATTLE.claims)
    assert group(kept, "Wagner Group").high == 50 and group(moved, "Wagner Group").low == 84
    assert moved.place == BATTLE.place and moved.event_type == BATTLE.event_type


def test_corrections_apply_split_by_mention_id_is_stable() -> None:
    mention = MENTIONS[BATTLE.mention_ids[0]]
    split = fix("split", 1, event_id=BATTLE_EVENT, mention_ids=(mention.id,))
    first = correct(EVENTS, [split], mentions=MENTIONS)
    again = correct(EVENTS, [split], mentions=MENTIONS)
    assert list(first.split_from) == list(again.split_from)  # same new id on every read
    moved = first.event(next(iter(first.split_from)))
    assert moved is not None and moved.mention_ids == (mention.id,)
    assert moved.article_ids == (mention.article_id,)  # its only mention left, so the article went too


@pytest.mark.parametrize(
    ("correction", "why"),
    [
        (fix("reject_claim", 1, claim_id="0000000000000000"), "is in no event"),
        (fix("set_place", 1, event_id="gone", place=Place("Gao")), "not stored"),
        (fix("merge", 1, event_id=BATTLE_EVENT, event_ids=("gone",)), "not stored"),
        (fix("split", 1, event_id=BATTLE_EVENT, article_ids=("elsewhere",)), "not in event"),
        (fix("split", 1, event_id=DRONE.id, article_ids=DRONE.article_ids), "empty"),
    ],
    ids=["claim", "place", "merge", "split-unknown", "split-all"],
)
def test_corrections_apply_stale_target_is_skipped(correction: Correction, why: str) -> None:
    result = correct(EVENTS, [correction])
    assert result.events == EVENTS
    assert result.notes[0].startswith("skipped:") and why in result.notes[0]


def test_corrections_apply_revert_withdraws() -> None:
    result = correct(EVENTS, [fix("reject_claim", 1, claim_id=CLAIM_84.id), fix("revert", 2, reverts=1)])
    assert result.events == EVENTS
    assert result.notes == ["reverted by 2", "applied"]
    assert result.rejected == {}


def test_corrections_apply_revert_of_a_revert_is_skipped() -> None:
    log = [
        fix("reject_claim", 1, claim_id=CLAIM_84.id),
        fix("revert", 2, reverts=1),
        fix("revert", 3, reverts=2),
    ]
    result = correct(EVENTS, log)
    assert result.notes[1] == "applied" and result.notes[2].startswith("skipped:")


def test_corrections_apply_follow_merged_ids() -> None:
    gao = Place("Gao", 16.27, -0.04, "Gao", "ML")
    log = [
        fix("merge", 1, event_id=BATTLE_EVENT, event_ids=(DRONE.id,)),
        fix("merge", 2, event_id=ATTACK.id, event_ids=(BATTLE_EVENT,)),
        fix("set_place", 3, event_id=DRONE.id, place=gao),  # the drone strike is inside ATTACK now
    ]
    result = correct(EVENTS, log)
    assert [e.id for e in result.events] == [ATTACK.id]
    assert result.merged_into == {DRONE.id: ATTACK.id, BATTLE_EVENT: ATTACK.id}
    assert result.events[0].place == gao
    assert result.notes == ["applied"] * 3


def test_corrections_apply_analyst_place_survives_merge() -> None:
    gao = Place("Gao", 16.27, -0.04, "Gao", "ML", precision=3)
    log = [
        fix("set_place", 1, event_id=DRONE.id, place=gao),
        fix("merge", 2, event_id=BATTLE_EVENT, event_ids=(DRONE.id,)),
    ]
    assert correct(EVENTS, log).events[0].place == gao


def test_corrections_apply_reject_then_rerun_keeps_rejection() -> None:
    # A re-run of the pipeline gives new event objects (here: a new source count); the log still applies.
    rerun = [replace(e, sources=e.sources + 1) for e in EVENTS]
    battle = correct(rerun, [fix("reject_claim", 1, claim_id=CLAIM_84.id)]).event(BATTLE_EVENT)
    assert battle is not None and CLAIM_84.id not in {c.id for c in battle.claims}


@pytest.mark.parametrize(
    "correction",
    [
        Correction("reject_claim", "a", "b"),
        Correction("set_place", "a", "b", event_id="x"),
        Correction("set_place", "a", "b", event_id="x", place=Place("Gao", lat=95.0, lon=1.0)),
        Correction("set_place", "a", "b", event_id="x", place=Place("Gao", lat=15.0)),
        Correction("merge", "a", "b", event_id="x", event_ids=("x",)),
        Correction("split", "a", "b", event_id="x"),
        Correction("revert", "a", "b"),
        Correction("reject_claim", " ", "b", claim_id="c"),
        Correction("rename", "a", "b"),
    ],
    ids=[
        "no-claim",
        "no-place",
        "lat",
        "half-coords",
        "self-merge",
        "empty-split",
        "no-target",
        "no-author",
        "kind",
    ],
)
def test_corrections_apply_invalid_is_refused(correction: Correction) -> None:
    with pytest.raises(CorrectionInvalid, match=r"\[E070\]"):
        validate_correction(correction)


def test_corrections_apply_merge_events_prefers_precise_place() -> None:
    vague = replace(DRONE, place=Place("Kidal region", precision=3))
    assert merge_events(vague, [BATTLE]).place == BATTLE.place
    assert merge_events(vague, [BATTLE], keep_place=True).place == vague.place


def test_corrections_apply_split_event_refuses_nothing_or_everything() -> None:
    assert split_event(BATTLE, [], []) is None
    assert split_event(BATTLE, [], list(BATTLE.article_ids)) is None


def test_corrections_apply_record_round_trip() -> None:
    c = fix("split", 7, event_id="e", mention_ids=("m1", "m2"), article_ids=("a",))
    assert Correction.from_dict(c.to_dict()) == c
    p = fix("set_place", 8, event_id="e", place=Place("Gao", 16.27, -0.04), at="2024-08-01T10:00:00+00:00")
    assert Correction.from_dict(p.to_dict()) == p


@given(st.lists(st.sampled_from([c.id for e in EVENTS for c in e.claims]), max_size=6))
def test_corrections_apply_rejections_never_lose_or_invent_claims(claim_ids: list[str]) -> None:
    log = [fix("reject_claim", i, claim_id=c) for i, c in enumerate(claim_ids, start=1)]
    result = correct(EVENTS, log)
    remaining = {c.id for e in result.events for c in e.claims}
    everything = {c.id for e in EVENTS for c in e.claims}
    assert remaining == everything - set(claim_ids)
    assert set(result.rejected) == set(claim_ids)
    for event in result.events:
        for row in event.reconciled:
            assert row.low is None or row.high is None or row.low <= row.best <= row.high  # type: ignore[operator]
