"""Claims of issue 19 (second round) in ALL CAPS wire copy and plain prose: two full names
listed under one verb, "WAS MURDERED" parsed as "was" + an adjective, a passive whose subject the
parser hung on the dateline, a named person who died after a wounding of several, a threat to
kill read by word order, "not a single person", and a war's toll in the perfect. Example
sentences are our own, with invented names.
"""

from __future__ import annotations

from typing import Any

import pytest

from fogofwar.extract.actors import ActorRegistry
from fogofwar.model import Claim
from tests.test_claims_wire_caps import _claims

DATELINE = "QUITO, 2 FEB 90 (EFE) -- [TEXT] "


def _figures(claims: list[Claim], outcome: str) -> list[int | None]:
    return [c.figure for c in claims if c.outcome == outcome]


def test_two_full_names_listed_in_caps_are_two_people(nlp: Any, registry: ActorRegistry) -> None:
    text = DATELINE + "PEDRO ANTONIO SALAS, 33, AND MIGUEL ANGEL TORO, 40, WERE MURDERED BY A GANG."
    assert sum(f or 0 for f in _figures(_claims(text, nlp, registry), "killed")) == 2


def test_names_after_a_count_in_caps_are_the_people_counted(nlp: Any, registry: ActorRegistry) -> None:
    text = DATELINE + "THE GUNMEN KILLED TWO TEACHERS, PEDRO ANTONIO SALAS AND MIGUEL ANGEL TORO, TODAY."
    assert _figures(_claims(text, nlp, registry), "killed") == [2]


def test_was_murdered_read_as_was_and_an_adjective_is_a_passive(nlp: Any, registry: ActorRegistry) -> None:
    # the parser may read "WAS" as the main verb and "MURDERED" as its complement
    text = DATELINE + "WELL-KNOWN MERCHANT PEDRO ANTONIO SALAS WAS MURDERED TODAY BY A GROUP OF MEN."
    assert _figures(_claims(text, nlp, registry), "killed") == [1]


def test_a_named_subject_before_an_apposition_in_caps_counts_one(nlp: Any, registry: ActorRegistry) -> None:
    # the parser hangs the name on the dateline's "[EXCERPT]", leaving "WAS KILLED" no subject
    text = (
        "LIMA, 3 MAR 89 (EFE) -- [EXCERPT] MARTIN OSORIO, A CHILEAN REPORTER FROM A CHILEAN NEWSPAPER,"
        " WAS KILLED TODAY IN A SHOOTOUT NEAR THE BORDER."
    )
    assert _figures(_claims(text, nlp, registry), "killed") == [1]


def test_a_named_person_who_died_leaves_the_wounded_one_fewer(nlp: Any, registry: ActorRegistry) -> None:
    text = "Lima, 2 Feb -- Ana Ruiz and Tomas Vera were shot on Monday night. Ana Ruiz died in hospital."
    claims = _claims(text, nlp, registry)
    assert _figures(claims, "injured") == [1]
    assert _figures(claims, "killed") == [1]


@pytest.mark.parametrize(
    "sentence",
    [
        "THE GANG HAS PUBLICLY THREATENED TO KILL 20 JUDGES FOR EVERY MAN SENT ABROAD.",
        "THE GANG, WHICH HAS SWORN TO KILL 20 JUDGES, SENT A LETTER TODAY.",
        "THE JUDGE RECEIVED THE THREAT TO KILL 20 JUDGES FOR EVERY MAN SENT ABROAD.",
    ],
)
def test_a_threat_to_kill_is_no_claim(nlp: Any, registry: ActorRegistry, sentence: str) -> None:
    assert _figures(_claims(DATELINE + sentence, nlp, registry), "killed") == []


@pytest.mark.parametrize(
    "sentence",
    ["NOT A SINGLE PERSON WAS KILLED IN THE CITY LAST NIGHT.", "Not one soldier died in the raid."],
)
def test_not_a_single_person_is_zero(nlp: Any, registry: ActorRegistry, sentence: str) -> None:
    assert _figures(_claims(DATELINE + sentence, nlp, registry), "killed") == [0]


@pytest.mark.parametrize(
    "sentence",
    [
        "SO FAR, OVER 3,000 PEOPLE HAVE DIED IN THE VIOLENCE.",
        "THE OFFENSIVE, WHICH BEGAN IN MAY, HAS LEFT SOME 2,000 DEAD.",
    ],
)
def test_a_perfect_count_of_thousands_is_a_tally(nlp: Any, registry: ActorRegistry, sentence: str) -> None:
    assert _figures(_claims(DATELINE + sentence, nlp, registry), "killed") == []


def test_a_perfect_count_of_a_few_is_still_a_claim(nlp: Any, registry: ActorRegistry) -> None:
    text = "Lima, 2 Feb -- Twelve people have died in the attack on the market, police said."
    assert _figures(_claims(text, nlp, registry), "killed") == [12]
