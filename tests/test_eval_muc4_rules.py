"""Rules fitted while scoring MUC-4: who the text says did it (registry doer cues), and which
side_a actors can fill the key's PERP: ORGANIZATION ID. Texts are invented."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from fogofwar.eval.muc4 import is_battle, is_civil_authority, is_named_in, predict_muc4
from fogofwar.extract.actors import ActorRegistry
from fogofwar.model import Actor, ActorRole, Article, Claim, Extraction, Mention, Span

REBELS = Actor(name="Northern Front", aliases=("NF",), kind="rebel_group", country="SV")
ARMY = Actor(name="Salvadoran Armed Forces", aliases=("Salvadoran army",), kind="state_forces")
GOVERNMENT = Actor(name="Government of El Salvador", aliases=("Salvadoran government",), kind="state_forces")
POLICE = Actor(name="Colombian National Police", aliases=("Colombian police",), kind="state_forces")


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    return ActorRegistry.load()


def _span(registry: ActorRegistry, text: str, name: str, country: str | None = None) -> tuple[int, int]:
    return next((s, e) for s, e, actor in registry.find_all(text, country=country) if actor.name == name)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Two farmers were shot dead by a band of FMLN guerrillas on Sunday.", "FMLN", True),
        ("The bombing was carried out by alleged members of the ELN.", "ELN", True),
        ('Officers attributed the car bomb to "the Extraditables".', "Medellin Cartel", True),
        ("A judge blamed the MRTA for the fire at the bank.", "MRTA", True),
        ("The MRTA held a congress in the jungle.", "MRTA", False),
        ("Soldiers clashed with the FMLN near the river.", "FMLN", False),
    ],
)
def test_eval_muc4_rules_lead_cue(registry: ActorRegistry, text: str, name: str, expected: bool) -> None:
    start, _ = _span(registry, text, name)
    assert (registry.lead_cue(text, start) is not None) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The ELN claimed responsibility for blowing up the pipeline.", True),
        ("THE ELN HAS CLAIMED RESPONSIBILITY FOR THE BLAST.", True),
        ("The ELN said the pipeline was not its target.", False),
    ],
)
def test_eval_muc4_rules_follow_cue(registry: ActorRegistry, text: str, expected: bool) -> None:
    _, end = _span(registry, text, "ELN", "CO")
    assert registry.has_follow_cue(text, end) is expected


@pytest.mark.parametrize(
    ("actor", "expected"),
    [(GOVERNMENT, True), (POLICE, True), (Actor(name="Police", kind="state_forces"), True), (ARMY, False)],
)
def test_eval_muc4_rules_civil_authority(actor: Actor, expected: bool) -> None:
    assert is_civil_authority(actor) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen of the Northern Front fired on a bus.", True),
        ("THE NF ATTACKED A BUS.", True),
        ("The guerrillas fired on a bus.", False),  # a generic word the registry reads in context
        ("The NFL season opened.", False),  # whole words only
    ],
)
def test_eval_muc4_rules_named_in(text: str, expected: bool) -> None:
    assert is_named_in(REBELS, text) is expected


def _mention(sub_event: str, *actors: Actor) -> Mention:
    return Mention(
        id="m1",
        article_id="a",
        sentence=Span(0, 5, "s"),
        trigger="attack",
        event_type="Battles" if sub_event == "Armed clash" else "Violence against civilians",
        sub_event_type=sub_event,
        date_start=date(1990, 1, 2),
        date_end=date(1990, 1, 2),
        date_precision=1,
        actors=tuple(ActorRole(actor, "side_a") for actor in actors),
    )


@pytest.mark.parametrize(
    ("text", "sub_event", "actors", "expected"),
    [
        # the state's forces fighting a clash are in a battle, which the key does not template
        ("The army fought the Northern Front.", "Armed clash", (ARMY, REBELS), ["Northern Front"]),
        ("The army shot three students.", "Attack", (ARMY,), ["Salvadoran Armed Forces"]),
        # a government or police that "condemned" or "investigates" is no perpetrator
        ("The government condemned the murder.", "Attack", (GOVERNMENT, POLICE), []),
        # a group the text calls only "the guerrillas" does not fill the slot
        ("The guerrillas burned a bus.", "Attack", (REBELS,), []),
    ],
)
def test_eval_muc4_rules_perpetrators(
    text: str, sub_event: str, actors: tuple[Actor, ...], expected: list[str]
) -> None:
    article = Article(id="a", text=text, origin="DEV-MUC3-0000")
    extraction = Extraction(article_id="a", mentions=(_mention(sub_event, *actors),))
    assert [a.name for a in predict_muc4(article, extraction).perpetrators] == expected


def test_eval_muc4_rules_arrests_still_skipped() -> None:
    article = Article(id="a", text="The Northern Front men were arrested by the army.", origin="X")
    arrest = replace(_mention("Attack", ARMY), sub_event_type="Arrests")
    assert predict_muc4(article, Extraction(article_id="a", mentions=(arrest,))).perpetrators == ()


# --- places in ALL CAPS wire text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # a surname a few words after a person's title is the person
        ("COLONEL JUAN PEREZ VARGAS VISITED THE TROOPS.", None, []),
        ("THE DEFENSE MINISTER GEN LUIS LOPEZ SPOKE.", "CO", []),
        # a place cue before the name keeps it a place
        ("THE COLONEL ARRIVED IN SAN SALVADOR.", "SV", ["San Salvador"]),
        # Salvadoran municipalities GeoNames lacks come from the supplement
        ("REBELS ENTERED PERQUIN AND ARCATAO AT DAWN.", "SV", ["Perquín", "Arcatao"]),
        ("SHOTS WERE HEARD IN TECUN UMAN.", "GT", ["Tecún Umán"]),
    ],
)
def test_eval_muc4_rules_caps_places(gazetteer, text: str, country: str | None, expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [place.name for _s, _e, place in gazetteer.find_places(text, country=country)] == expected


# --- deaths outside battles ----------------------------------------------------------------------


def _claim(mention_id: str, victims: str, figure: int) -> Claim:
    return Claim(
        id=f"{mention_id}-{victims}",
        article_id="a",
        claimant="outlet",
        victims=victims,
        outcome="killed",
        evidence=Span(0, 5, "claim"),
        mention_id=mention_id,
        figure=figure,
        low=figure,
        high=figure,
    )


@pytest.mark.parametrize(
    ("sub_event", "actors", "expected"),
    [
        ("Armed clash", (ARMY, REBELS), True),  # soldiers and guerrillas fighting: a battle
        ("Armed clash", (REBELS,), False),  # guerrillas firing on a village
        ("Attack", (ARMY, REBELS), False),
    ],
)
def test_eval_muc4_rules_is_battle(sub_event: str, actors: tuple[Actor, ...], expected: bool) -> None:
    assert is_battle(_mention(sub_event, *actors)) is expected


def test_eval_muc4_rules_battle_deaths_not_counted() -> None:
    battle = replace(_mention("Armed clash", ARMY, REBELS), id="m1")
    bombing = replace(_mention("Attack", REBELS), id="m2")
    claims = (_claim("m1", "Northern Front", 12), _claim("m2", "civilians", 2))
    extraction = Extraction(article_id="a", mentions=(battle, bombing), claims=claims)
    article = Article(id="a", text="The Northern Front ...", origin="X")
    assert predict_muc4(article, extraction).deaths == 2


@pytest.mark.parametrize(
    ("victims", "counted"),
    [
        ("civilians", True),
        ("Salvadoran Armed Forces", True),  # soldiers are targets too
        ("Northern Front", False),  # rebels killed while attacking
        ("Unidentified Armed Group", False),  # "the assailant was killed"
    ],
)
def test_eval_muc4_rules_attackers_dead_not_counted(victims: str, counted: bool) -> None:
    bombing = replace(_mention("Attack", REBELS, ARMY), id="m2")
    extraction = Extraction(article_id="a", mentions=(bombing,), claims=(_claim("m2", victims, 3),))
    article = Article(id="a", text="The Northern Front ...", origin="X")
    assert predict_muc4(article, extraction).deaths == (3 if counted else 0)


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        (
            "Leaflets signed by the Gerardo Barrios Civic Force were found.",
            "SV",
            "Gerardo Barrios Civic Force",
        ),
        ("A bomb claimed by the Comando Rodrigo Franco went off.", "PE", "Rodrigo Franco Command"),
        ("The ADO kidnapped a manager.", "CO", "ADO (Colombia)"),
        ("The Zarate Wilka group left a note.", "BO", "Zarate Willka Armed Forces of Liberation"),
        ("A letter from the Extraditables group arrived.", "CO", "Medellin Cartel"),
    ],
)
def test_eval_muc4_rules_registry_knows_era_groups(
    registry: ActorRegistry, text: str, country: str, name: str
) -> None:
    assert name in [actor.name for _s, _e, actor in registry.find_all(text, country=country)]
