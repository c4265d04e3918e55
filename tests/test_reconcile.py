"""Reconciliation: low / best / high per (victims, outcome), never adding claims."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.model import UNNAMED_ARMED_GROUP, Claim, Span
from fogofwar.reconcile import CREDIBLE, REVISION_DAYS, RULES, named_enemies, reconcile, timeline, totals


def claim(
    claimant: str,
    victims: str,
    figure: int | None,
    *,
    outcome: str = "killed",
    qualifier: str = "exact",
    stance: str = "claims",
    article: str = "a1",
    day: int | None = None,
    low: int | None = None,
    high: int | None = None,
    kind: str = "rebel_group",
) -> Claim:
    return Claim(
        id=f"{claimant}-{victims}-{figure}-{article}",
        article_id=article,
        claimant=claimant,
        victims=victims,
        outcome=outcome,
        evidence=Span(0, 1, "x"),
        stance=stance,
        claim_date=date(2024, 7, day) if day else None,
        figure=figure,
        low=figure if low is None else low,
        high=high if high is not None else (None if qualifier == "at_least" else figure),
        qualifier=qualifier,
        claimant_kind=kind,
    )


SEED_LIKE = [
    claim("Russian military bloggers", "Wagner", 20, qualifier="at_least", stance="reports", day=28),
    claim("JNIM", "Wagner", 50, article="a2"),
    claim("CSP-PSD", "Wagner", 84, qualifier="at_least", article="a2", day=31),
    claim("FAMa", "FAMa", 2, stance="admits", kind="state_forces"),
    claim("CSP-PSD", "FAMa", 47, qualifier="at_least", article="a2"),
    claim("FAMa", "CSP-PSD", 20, qualifier="about", kind="state_forces"),
    claim("CSP-PSD", "CSP-PSD", 7, stance="admits"),
    claim("CSP-PSD", "FAMa + Wagner", None, outcome="casualties", qualifier="vague"),
]


def test_reconcile_seed_like_ranges() -> None:
    rows = {(r.victims, r.outcome): r for r in reconcile(SEED_LIKE)}
    assert (rows["Wagner", "killed"].low, rows["Wagner", "killed"].high) == (20, 84)
    assert (rows["FAMa", "killed"].low, rows["FAMa", "killed"].high) == (2, 47)
    assert (rows["CSP-PSD", "killed"].low, rows["CSP-PSD", "killed"].high) == (7, 20)
    assert rows["Wagner", "killed"].contradiction
    assert rows["FAMa + Wagner", "casualties"].low is None
    assert totals(reconcile(SEED_LIKE)) == (29, 151)


def test_reconcile_conservative_best_is_low() -> None:
    for row in reconcile(SEED_LIKE, rule="conservative.v1"):
        assert row.best == row.low


def test_reconcile_weighted_prefers_admissions() -> None:
    rows = {(r.victims, r.outcome): r for r in reconcile(SEED_LIKE, rule="weighted.v1")}
    # The army's admission of 2 dead (weight 3) outweighs the rebels' 47 (weight 1).
    assert rows["FAMa", "killed"].best == 2


def test_reconcile_repeated_claims_count_once() -> None:
    repeated = [claim("A", "B", 5), claim("A", "B", 5, article="a2")]
    (row,) = reconcile(repeated)
    assert len(row.claim_ids) == 1


def test_reconcile_copies_are_not_counted_again() -> None:
    claims = [claim("A", "B", 5), claim("C", "B", 5, article="copy")]
    (row,) = reconcile(claims, copies={"copy": "a1"})
    assert (row.low, row.high) == (5, 5)
    assert row.claim_ids == (claims[0].id,)


def test_reconcile_near_copy_with_a_revised_figure_counts() -> None:
    # A light rewrite of the wire story that changes the toll carries new information.
    claims = [claim("A", "B", 5, day=1), claim("A", "B", 9, article="copy", day=2)]
    (row,) = reconcile(claims, copies={"copy": "a1"})
    assert (row.low, row.high) == (5, 9)
    assert len(row.claim_ids) == 2


def unknown(figure: int, article: str, day: int, claimant: str = "outlet") -> Claim:
    return claim(claimant, "unknown", figure, article=article, day=day, kind="outlet")


def test_reconcile_revised_follows_the_latest_report() -> None:
    # The first report says one dead, the next day's says two (a victim died in hospital).
    claims = [unknown(1, "early", 1), unknown(2, "later", 2)]
    (conservative,) = reconcile(claims, rule="conservative.v1")
    (revised,) = reconcile(claims, rule="revised.v1")
    assert (conservative.low, conservative.best, conservative.high) == (1, 1, 2)
    assert (revised.low, revised.best, revised.high) == (1, 2, 2)


def test_reconcile_revised_follow_up_weeks_later_does_not_revise() -> None:
    # Reports of day 1 and 2 agree on one dead; an arrest report three weeks later mentions
    # "two killings" in passing: it restates, it does not revise (REVISION_DAYS).
    claims = [unknown(1, "early", 1), unknown(1, "next", 2), unknown(2, "arrest", 23)]
    (row,) = reconcile(claims, rule="revised.v1")
    assert row.best == 1
    # Within the window the later figure still replaces the earlier one.
    (row,) = reconcile([unknown(1, "early", 1), unknown(2, "later", 1 + REVISION_DAYS)], rule="revised.v1")
    assert row.best == 2


def test_reconcile_revised_takes_a_reports_total_not_its_parts() -> None:
    # One report names each victim ("a man was killed") and then gives the toll.
    claims = [unknown(1, "r1", 1), unknown(1, "r1", 1, claimant="Police"), unknown(3, "r1", 1)]
    (row,) = reconcile(claims, rule="revised.v1")
    assert row.best == 3
    # Two reports of the same day that disagree: the lower, as ACLED does.
    (row,) = reconcile([*claims, unknown(2, "r2", 1)], rule="revised.v1")
    assert row.best == 2


@pytest.mark.parametrize("rule", sorted(RULES))
def test_reconcile_low_is_a_reports_total_not_its_parts(rule: str) -> None:
    # "17 killed ... 14 were executed while 3 died of their wounds": the report admits no fewer than 17
    parts = [unknown(17, "r1", 1), unknown(14, "r1", 1), unknown(3, "r1", 1)]
    (row,) = reconcile(parts, rule=rule)
    assert (row.low, row.high) == (17, 17)
    # another report's lower toll is still the low
    (row,) = reconcile([*parts, unknown(12, "r2", 1)], rule=rule)
    assert row.low == 12


def test_reconcile_revised_keeps_parties_apart() -> None:
    # About armed victims, each party is its own voice, even inside one report: the lowest wins.
    rows = {(r.victims, r.outcome): r for r in reconcile(SEED_LIKE, rule="revised.v1")}
    assert rows["FAMa", "killed"].best == 2
    assert rows["Wagner", "killed"].best == 20
    assert rows["CSP-PSD", "killed"].best == 7


def test_reconcile_denial_is_a_contradiction() -> None:
    (row,) = reconcile([claim("A", "B", 5), claim("B", "B", 5, stance="denies", article="a2")])
    assert row.contradiction


def test_reconcile_combined_group_not_counted_twice() -> None:
    rows = reconcile([claim("A", "X", 3), claim("B", "X + Y", 10)])
    assert totals(rows) == (3, 3)
    assert totals(reconcile([claim("B", "X + Y", 10)])) == (10, 10)


def test_reconcile_unknown_rule_names_the_choices() -> None:
    with pytest.raises(KeyError, match=r"conservative\.v1"):
        reconcile(SEED_LIKE, rule="nope")


def test_reconcile_timeline_orders_by_claim_date() -> None:
    figures = [c.figure for c in timeline(SEED_LIKE) if c.victims == "Wagner"]
    assert figures[:2] == [20, 84]


figures = st.lists(
    st.tuples(st.integers(0, 500), st.integers(0, 50), st.sampled_from(["claims", "admits", "reports"])),
    min_size=1,
    max_size=8,
)


@given(figures, st.sampled_from(sorted(RULES)))
def test_reconcile_low_best_high_are_ordered(rows: list[tuple[int, int, str]], rule: str) -> None:
    claims = [
        claim(f"c{i}", "V", figure, stance=stance, high=figure + spread, article=f"a{i}")
        for i, (figure, spread, stance) in enumerate(rows)
    ]
    (row,) = reconcile(claims, rule=rule)
    assert row.low is not None and row.best is not None and row.high is not None
    assert row.low <= row.best <= row.high
    assert row.high == max(f + spread for f, spread, _ in rows)
    if rule in CREDIBLE:  # an uncorroborated figure is left out of low, never out of high
        assert row.low >= min(f for f, _, _ in rows)
        if len(set(f for f, _, _ in rows)) == len(rows):  # no two reports agree: nothing left out
            assert row.low == min(f for f, _, _ in rows)
    else:
        assert row.low == min(f for f, _, _ in rows)


def test_reconcile_denied_figure_is_not_counted() -> None:
    (row,) = reconcile([claim("A", "B", 5), claim("B", "B", 30, stance="denies", article="a2")])
    assert (row.low, row.best, row.high) == (5, 5, 5)
    assert row.contradiction


def test_reconcile_unattributed_claims_count_per_report() -> None:
    # Three reports with no named source: 1 dead, then 2, then 1 again. The third report is a
    # voice of its own (not "unattributed" repeating itself) and revises the second.
    claims = [
        unknown(1, "r1", 1, claimant="unattributed"),
        unknown(2, "r2", 2, claimant="unattributed"),
        unknown(1, "r3", 3, claimant="unattributed"),
    ]
    (row,) = reconcile(claims, rule="revised.v1")
    assert len(row.claim_ids) == 3
    assert row.best == 1
    # A named claimant repeating the same figure still counts once.
    (row,) = reconcile([unknown(1, "r1", 1, claimant="Police"), unknown(1, "r3", 3, claimant="Police")])
    assert len(row.claim_ids) == 1


def test_reconcile_corroborated_leaves_out_a_lone_figure() -> None:
    # One report says 1 dead, two others 5: the lone 1 is not credible (low and best), but it
    # stays in the claims and the group is still flagged as contradicted.
    claims = [unknown(1, "r1", 1), unknown(5, "r2", 1, claimant="Police"), unknown(5, "r3", 1, claimant="AP")]
    (revised,) = reconcile(claims, rule="revised.v1")
    (row,) = reconcile(claims, rule="corroborated.v1")
    assert (revised.low, revised.best, revised.high) == (1, 1, 5)
    assert (row.low, row.best, row.high) == (5, 5, 5)
    assert len(row.claim_ids) == 3 and row.contradiction
    # An outlier above the agreed figure is left out of best too, and kept in high.
    claims = [
        unknown(1, "r1", 1),
        unknown(1, "r2", 1, claimant="Police"),
        unknown(69, "r3", 1, claimant="AP"),
    ]
    (row,) = reconcile(claims, rule="corroborated.v1")
    assert (row.low, row.best, row.high) == (1, 1, 69)


def test_reconcile_corroborated_lone_later_report_does_not_revise() -> None:
    # Two reports agree on 3 dead; a report the next day says 1: no revision of a corroborated toll.
    claims = [unknown(3, "r1", 1), unknown(3, "r2", 1, claimant="Police"), unknown(1, "r3", 2, claimant="AP")]
    assert reconcile(claims, rule="revised.v1")[0].best == 1
    assert reconcile(claims, rule="corroborated.v1")[0].best == 3


def test_reconcile_corroborated_is_revised_without_agreement() -> None:
    # No two reports agree (or every figure is corroborated): nothing is left out.
    for claims in (
        [unknown(1, "r1", 1), unknown(2, "r2", 2)],
        [unknown(1, "r1", 1), unknown(2, "r2", 1), unknown(3, "r3", 1)],
        [
            unknown(1, "r1", 1),
            unknown(1, "r2", 1, claimant="AP"),
            unknown(3, "r3", 1),
            unknown(3, "r4", 1, claimant="AP"),
        ],
    ):
        (revised,) = reconcile(claims, rule="revised.v1")
        (row,) = reconcile(claims, rule="corroborated.v1")
        assert (row.low, row.best, row.high) == (revised.low, revised.best, revised.high)
    # The seed-like battle: parties' figures never agree, so the ranges are revised.v1's.
    rows = reconcile(SEED_LIKE, rule="corroborated.v1")
    assert [(r.low, r.best, r.high) for r in rows] == [
        (r.low, r.best, r.high) for r in reconcile(SEED_LIKE, rule="revised.v1")
    ]


def test_reconcile_corroborated_copies_and_repeats_do_not_corroborate() -> None:
    # A syndicated copy repeating the wire's 3 is the same report; so is a claimant repeating
    # itself: 3 has one source, so the other report's 1 is not outvoted.
    claims = [
        unknown(3, "wire", 1),
        unknown(3, "copy", 1, claimant="AP"),
        unknown(1, "r2", 1, claimant="Police"),
    ]
    (row,) = reconcile(claims, rule="corroborated.v1", copies={"copy": "wire"})
    assert (row.low, row.best) == (1, 1)
    claims = [unknown(3, "r1", 1), unknown(3, "r2", 1), unknown(1, "r3", 1, claimant="Police")]
    (row,) = reconcile(claims, rule="corroborated.v1")
    assert (row.low, row.best) == (1, 1)


# -- event totals: victim groups as analysts read them (module docstring, "Event totals") ------


def _total(claims: list[Claim], outcome: str = "killed"):
    from fogofwar.reconcile import event_totals

    return event_totals(reconcile(claims, rule="corroborated.v2"), outcome)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # a total contains its named subset: "32 people, among them two children"
        (
            [
                claim("Ministry", "unknown", 32, kind="state_forces"),
                claim("Ministry", "civilians", 2, kind="state_forces"),
            ],
            (32, 32, 32),
        ),
        # a breakdown adds up: "12 soldiers and 8 civilians"; "20 people died" is the same dead
        (
            [
                claim("Outlet", "Army", 12, kind="outlet"),
                claim("Outlet", "civilians", 8, kind="outlet"),
                claim("Police", "unknown", 20, kind="state_forces", article="a2"),
            ],
            (20, 20, 20),
        ),
        # each side's own dead add: the army admits 3, claims 40 fighters (no one says otherwise)
        (
            [
                claim("Army", "Army", 3, stance="admits", kind="state_forces"),
                claim("Army", "Rebels", 40, kind="state_forces"),
            ],
            (43, 43, 43),
        ),
        # rival accounts of one set of dead: the attacker's "40 terrorists" and the villagers' "45"
        (
            [
                claim("Army", "Rebels", 40, kind="state_forces"),
                claim("Residents", "civilians", 45, kind="civilians", article="a2"),
            ],
            (45, 45, 45),
        ),
        # the attacker's "more than 60 servicemen" against the victims' side's "35 people"
        (
            [
                claim("Attackers", "Defenders", 61, kind="state_forces", article="a2"),
                claim("Emergency service", "unknown", 35, kind="state_forces"),
                claim("Emergency service", "civilians", 2, kind="state_forces"),
            ],
            (35, 35, 61),
        ),
        # the unspecified toll of everyone contains an adversary's smaller count
        (
            [
                claim("WHO", "unknown", 700, kind="external"),
                claim("Government", "unknown", 3000, kind="state_forces", article="a2"),
                claim("Army", "Rebels", 12, kind="state_forces", article="a3"),
            ],
            (700, 700, 3000),
        ),
    ],
)
def test_reconcile_event_totals_victim_groups(claims: list[Claim], expected: tuple[int, int, int]) -> None:
    total = _total(claims)
    assert (total.low, total.best, total.high) == expected


def test_reconcile_event_totals_flags_rival_account_as_contested() -> None:
    claims = [
        claim("Attackers", "Militia", 300, kind="rebel_group"),
        claim("Families", "unknown", 401, qualifier="at_least", kind="unknown", article="a2"),
    ]
    total = _total(claims)
    assert (total.best, total.high, total.contested) == (401, 401, ("Militia",))


def test_reconcile_event_totals_same_claimant_breakdown_adds() -> None:
    # one claimant tells both groups: a breakdown, not rival accounts
    claims = [
        claim("Police", "Attackers", 2, kind="state_forces"),
        claim("Police", "civilians", 5, kind="state_forces"),
    ]
    total = _total(claims)
    assert (total.low, total.best, total.high, total.contested) == (7, 7, 7, ())


def test_reconcile_corroborated_v2_counts_one_article_once() -> None:
    # two names for one voice in one article do not outvote another report
    claims = [
        claim("Russia", "Ukraine forces", 61, article="a1", kind="state_forces"),
        claim("forces", "Ukraine forces", 61, article="a1", kind="state_forces"),
        claim("Kyiv", "Ukraine forces", 5, article="a2", kind="state_forces"),
    ]
    assert CREDIBLE["corroborated.v2"](claims) == claims
    assert len(CREDIBLE["corroborated.v1"](claims)) == 2


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Army", "Rebels", "civilians", "unknown"]),
            st.sampled_from(["Army", "Rebels", "Outlet"]),
            st.integers(min_value=0, max_value=300),
            st.sampled_from(["a1", "a2"]),
        ),
        max_size=6,
    )
)
def test_reconcile_event_totals_ordered(rows: list[tuple[str, str, int, str]]) -> None:
    kinds = {"Army": "state_forces", "Rebels": "rebel_group", "Outlet": "outlet"}
    claims = [claim(who, victims, n, article=a, kind=kinds[who]) for victims, who, n, a in rows]
    total = _total(claims)
    known = [v for v in (total.low, total.best, total.high) if v is not None]
    assert known == sorted(known)


def test_a_figure_restated_later_revises_an_earlier_rival_report() -> None:
    """An undated report dated at the attack gives 35, as the government does again a day later:
    the army's first "at least 9" of the attack day is revised by the later statement."""
    claims = [
        claim("army", "unknown", 9, qualifier="at_least", article="first", day=3, kind="state_forces"),
        claim("government", "unknown", 35, article="undated", day=3, kind="state_forces"),
        claim("government", "unknown", 35, article="next-day", day=4, kind="state_forces"),
    ]
    (row,) = reconcile(claims, rule="corroborated.v2")
    assert (row.best, row.high) == (35, 35)


def test_a_restated_figure_does_not_outvote_the_new_toll() -> None:
    """A report that gives the new toll (59) and restates another source's earlier 100: the new
    toll is the best, the 100 the high."""
    claims = [
        claim("Amnesty", "unknown", 100, qualifier="at_least", article="day1", day=14, kind="outlet"),
        claim("state government", "unknown", 43, article="day1", day=14, kind="state_forces"),
        claim("outlet", "unknown", 59, article="day2", day=15, stance="reports", kind="outlet"),
        claim("Amnesty", "unknown", 100, qualifier="at_least", article="day2", day=15, kind="outlet"),
    ]
    (row,) = reconcile(claims, rule="corroborated.v2")
    assert (row.best, row.high) == (59, 100)


def test_a_party_that_counts_both_groups_tells_them_apart_whoever_else_speaks() -> None:
    """The army counts 33 attackers killed and 26 hostages; the attackers claim 214 hostages.
    The army's 33 are no rival account of the hostages (it tells both): 26 + 33 = 59, high
    214 + 33."""
    claims = [
        claim("army", "Attackers", 33, kind="state_forces"),
        claim("army", "civilians", 26, kind="state_forces"),
        claim("Attackers", "civilians", 214, kind="rebel_group", article="a2"),
    ]
    total = _total(claims)
    assert (total.best, total.high, total.contested) == (59, 247, ())


def test_one_party_telling_one_count_two_ways_in_two_reports_is_no_breakdown() -> None:
    """The attackers say they killed 214 hostages in one report and 214 soldiers in another: one
    count described twice, a rival account of the army's 26 hostages, never added to them."""
    claims = [
        claim("army", "Attackers", 33, kind="state_forces"),
        claim("army", "civilians", 26, kind="state_forces"),
        claim("Attackers", "civilians", 214, kind="rebel_group", article="a2"),
        claim("Attackers", "army", 214, kind="rebel_group", article="a3"),
    ]
    rows = reconcile(claims)
    assert [r.apart for r in rows if r.victims == "army"] == [()]
    assert [r.apart for r in rows if r.victims == "Attackers"] == [("army",)]
    total = _total(claims)
    assert (total.best, total.high, total.contested) == (59, 247, ("army",))


def test_reconcile_an_unnamed_enemy_is_the_one_the_claimant_names_elsewhere() -> None:
    # the army's "about ten militants" in one report, "ten of the assailants" of ISSP in another
    army = "Niger Armed Forces"
    claims = [
        claim(army, army, 23, kind="state_forces", stance="admits", article="a1"),
        claim(army, UNNAMED_ARMED_GROUP, 10, kind="state_forces", article="a1"),
        claim(army, army, 23, kind="state_forces", stance="admits", article="a2"),
        claim(army, "Islamic State Sahel Province", 10, kind="state_forces", article="a2"),
    ]
    assert named_enemies(claims) == {army: "Islamic State Sahel Province"}
    rows = reconcile(claims)
    assert {r.victims for r in rows} == {army, "Islamic State Sahel Province"}
    assert totals(rows) == (33, 33)


def test_reconcile_an_unnamed_enemy_stays_apart_when_one_report_counts_both() -> None:
    army = "Niger Armed Forces"
    claims = [
        claim(army, UNNAMED_ARMED_GROUP, 4, kind="state_forces", article="a1"),
        claim(army, "Islamic State Sahel Province", 10, kind="state_forces", article="a1"),
    ]
    assert named_enemies(claims) == {}
    # or two named enemies: which one the unnamed men were is not known
    claims = [
        claim(army, UNNAMED_ARMED_GROUP, 4, kind="state_forces", article="a1"),
        claim(army, "Islamic State Sahel Province", 10, kind="state_forces", article="a2"),
        claim(army, "JNIM", 3, kind="state_forces", article="a3"),
    ]
    assert named_enemies(claims) == {}


def test_reconcile_unnamed_armed_group_is_the_claims_lexicons() -> None:
    from fogofwar.extract.attribution import claim_lexicon

    assert claim_lexicon().unnamed_armed_group == UNNAMED_ARMED_GROUP


def test_dead_told_as_more_beside_the_others_are_not_among_them() -> None:
    """ "Five people were killed ... the two attackers were also killed": 7, not max(5, 2)."""
    from dataclasses import replace

    minister = "Interior Minister"
    people = claim(minister, "unknown", 5, kind="state_forces")
    attackers = replace(
        claim(minister, "PKK", 2, kind="state_forces"),
        evidence=Span(0, 45, "the two attackers were also killed"),
    )
    rows = reconcile([people, attackers])
    assert [r.beside for r in rows if r.victims == "PKK"] == [True]
    assert _total([people, attackers]).best == 7
    # without "also" the unspecified dead contain them
    assert _total([people, claim(minister, "PKK", 2, kind="state_forces")]).best == 5


# -- a coder's recorded count (totals step 5) ------------------------------------------------------


def _range(total) -> tuple[int | None, int | None, int | None]:
    return total.low, total.best, total.high


def _noted(c: Claim, text: str) -> Claim:
    return replace(c, id=f"{c.id}-noted", evidence=Span(0, len(text), text))


def test_reconcile_recorded_count_replaces_the_figures_it_was_settled_from() -> None:
    # "Taliban militants attacked a post, killing 15 soldiers. Fatalities coded as 0 (VoJ reported 15)."
    claims = [
        claim("Taliban", "unknown", 15),
        _noted(claim("Outlet", "unknown", 0, kind="outlet"), "Fatalities coded as 0"),
    ]
    (row,) = reconcile(claims, rule="corroborated.v2")
    assert (row.low, row.best, row.high, row.recorded) == (0, 0, 15, True)
    assert _range(_total(claims)) == (0, 0, 15)


def test_reconcile_recorded_total_stands_for_the_named_groups() -> None:
    # "5 policemen were killed ... also 9 Taliban militants were killed. Total fatalities coded as 14."
    claims = [
        claim("Outlet", "ANP", 5, kind="outlet"),
        replace(claim("Outlet", "Taliban", 9, kind="outlet"), evidence=Span(0, 4, "also")),
        _noted(claim("Outlet", "unknown", 14, kind="outlet"), "Total fatalities coded as 14"),
    ]
    assert _range(_total(claims)) == (14, 14, 14)
    # without the coder's note the dead told as more (9) add to the unspecified 14
    assert _range(_total([*claims[:2], claim("Outlet", "unknown", 14, kind="outlet")])) == (23, 23, 23)


def test_reconcile_plain_figures_are_not_recorded() -> None:
    (row,) = reconcile([_noted(claim("Outlet", "unknown", 3, kind="outlet"), "3 people were killed")])
    assert not row.recorded


def test_reconcile_low_keeps_each_claimant_of_one_report_apart() -> None:
    # one report: the UN verified "at least 100 deaths", the government says "more than 400"
    claims = [
        claim("United Nations", "unknown", 100, qualifier="at_least", kind="external"),
        claim("Government", "unknown", 401, qualifier="at_least", kind="state_forces"),
    ]
    (row,) = reconcile(claims, rule="corroborated.v2")
    assert (row.low, row.best, row.high) == (100, 401, 401)


def test_reconcile_a_lone_toll_risen_since_every_other_report_revises_them() -> None:
    # a minister's toll: 80 in two reports, then 84 a day later; a lone 84 before them is outvoted
    def said(figure: int, article: str, day: int) -> Claim:
        return claim("Minister", "unknown", figure, article=article, day=day, kind="state_forces")

    risen = [said(80, "a1", 15), said(80, "a2", 15), said(84, "a3", 16)]
    (row,) = reconcile(risen, rule="corroborated.v2")
    assert (row.best, row.high) == (84, 84)
    stale = [said(84, "a1", 15), said(80, "a2", 16), said(80, "a3", 16)]
    (row,) = reconcile(stale, rule="corroborated.v2")
    assert (row.best, row.high) == (80, 84)


@pytest.mark.parametrize(
    ("shot", "injured"),
    [
        # "four people were shot ... one died": the dead are among the people hit
        ("Four people were shot", 3),
        # the wounded told as such, or as more beside the dead, are not
        ("Four people were shot and wounded", 4),
        ("four others were shot", 4),
    ],
)
def test_reconcile_people_shot_include_the_dead_among_them(shot: str, injured: int) -> None:
    from fogofwar.reconcile import event_totals

    claims = [
        _noted(claim("Outlet", "unknown", 4, outcome="injured", kind="outlet"), shot),
        claim("Outlet", "unknown", 1, kind="outlet"),
    ]
    total = event_totals(reconcile(claims, rule="corroborated.v2"), "injured")
    assert (total.low, total.best, total.high) == (injured, injured, injured)
