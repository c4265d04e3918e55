"""Shared derivation rules: foreground selection, lead-first main mention, victim counting."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fogofwar.eval.derive import (
    count_victims,
    foreground_claims,
    foreground_mentions,
    is_additive,
    main_date,
    main_place,
    normalise_name,
)
from fogofwar.model import Claim, Extraction, Mention, Place, Span


def mention(
    mid: str,
    start: int,
    *,
    place: Place | None = None,
    day: date | None = None,
    background: bool = False,
) -> Mention:
    return Mention(
        id=mid,
        article_id="a",
        sentence=Span(start, start + 10, "s"),
        trigger="killed",
        event_type="Battles",
        sub_event_type="Armed clash",
        date_start=day,
        date_end=day,
        date_precision=1 if day else 4,
        place=place,
        background=background,
    )


def claim(
    victims: str,
    figure: int | None,
    *,
    start: int = 0,
    text: str = "killed",
    outcome: str = "killed",
    low: int | None = None,
    mention_id: str | None = None,
    stance: str = "claims",
) -> Claim:
    return Claim(
        id=f"{victims}-{figure}-{start}-{outcome}",
        article_id="a",
        claimant="ISAF",
        victims=victims,
        outcome=outcome,
        evidence=Span(start, start + len(text), text),
        mention_id=mention_id,
        stance=stance,
        figure=figure,
        low=low,
        high=figure,
    )


def by_victims(c: Claim) -> str:
    return c.victims


def test_eval_derive_foreground_drops_background_mentions_their_claims_and_denials() -> None:
    old = mention("m-old", 50, background=True)
    new = mention("m-new", 0)
    claims = (
        claim("Taliban", 50, start=60, mention_id="m-old"),
        claim("Taliban", 2, start=5, mention_id="m-new"),
        claim("Taliban", 9, start=30, stance="denies"),
        claim("civilians", 1, start=40),
    )
    extraction = Extraction(article_id="a", mentions=(old, new), claims=claims)
    assert [m.id for m in foreground_mentions(extraction)] == ["m-new"]
    assert [c.figure for c in foreground_claims(extraction)] == [2, 1]


def test_eval_derive_main_place_and_date_are_lead_first() -> None:
    helmand = Place(name="Lashkar Gah", admin1="Helmand", country="AF")
    mentions = [
        mention("m1", 0, day=date(2011, 3, 2)),
        mention("m2", 20, place=helmand, day=date(2011, 2, 1)),
        mention("m3", 40, place=Place(name="Kabul", admin1="Kabul")),
    ]
    assert main_place(mentions) == helmand
    assert main_date(mentions) == date(2011, 3, 2)
    assert main_place([]) is None
    assert main_date([]) is None


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # the summary and the detail are the same people: the larger figure, never the sum
        ([claim("Taliban", 17, start=0), claim("Taliban", 3, start=50), claim("Taliban", 7, start=90)], 17),
        # different victim groups add
        ([claim("Taliban", 4, start=0), claim("civilians", 2, start=50)], 6),
        # an additive phrase adds to what the group had
        ([claim("Taliban", 2, start=0), claim("Taliban", 3, start=50, text="killed three more")], 5),
        # ... but not when it is the first claim about the group
        ([claim("Taliban", 3, start=0, text="three more insurgents were killed")], 3),
        # ... and an additive phrase with unknown victims continues the previous group
        ([claim("Taliban", 2, start=0), claim("unknown", 3, start=50, text="and three more died")], 5),
        # combined groups may include their members' own counts
        ([claim("ANA + Taliban", 7, start=0), claim("ANA", 3, start=50), claim("civilians", 1, start=90)], 8),
        ([claim("ANA + Taliban", 2, start=0), claim("ANA", 3, start=50), claim("Taliban", 4, start=90)], 7),
        # unknown victims may be the named ones: max(sum of named, unknown)
        ([claim("Taliban", 4, start=0), claim("unknown", 4, start=50)], 4),
        ([claim("Taliban", 2, start=0), claim("unknown", 5, start=50)], 5),
        # vague amounts use low; no figure at all counts nothing
        ([claim("Taliban", None, low=3, start=0), claim("Taliban", None, start=20)], 3),
        ([], 0),
    ],
)
def test_eval_derive_count_victims(claims: list[Claim], expected: int) -> None:
    assert count_victims(claims, frozenset({"killed"}), group_of=by_victims) == expected


def test_eval_derive_count_victims_filters_outcomes_and_groups() -> None:
    claims = [
        claim("Taliban", 2, outcome="killed"),
        claim("Taliban", 5, outcome="captured", start=10),
        claim("ANA", 3, outcome="killed", start=20),
    ]
    enemy_only = lambda c: None if c.victims == "ANA" else c.victims  # noqa: E731
    assert count_victims(claims, frozenset({"killed"}), group_of=enemy_only) == 2
    assert count_victims(claims, frozenset({"captured", "arrested"}), group_of=enemy_only) == 5


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("killed three more insurgents", 3, True),
        ("detained four additional suspects", 4, True),
        ("detained 4 other suspects", 4, True),
        ("another two fighters died", 2, True),
        ("killed two insurgents and detained four additional suspects", 2, False),
        ("killing more than five insurgents", 6, False),
        ("killed three insurgents", 3, False),
    ],
)
def test_eval_derive_is_additive(text: str, figure: int, expected: bool) -> None:
    assert is_additive(claim("Taliban", figure, text=text)) is expected


@pytest.mark.parametrize(("qualifier", "expected"), [("vague", True), ("exact", False)])
def test_eval_derive_is_additive_vague(qualifier: str, expected: bool) -> None:
    vague = replace(
        claim("Taliban", None, low=3, text="detained multiple additional suspects"), qualifier=qualifier
    )
    assert is_additive(vague) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Extraditables", "extraditables"),
        ('"THE EXTRADITABLES"', "extraditables"),
        ("Farabundo Martí National Liberation Front", "farabundo marti national liberation front"),
        ("SAN SALVADOR", "san salvador"),
        ("The", "the"),
    ],
)
def test_eval_derive_normalise_name(name: str, expected: str) -> None:
    assert normalise_name(name) == expected
