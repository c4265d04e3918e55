"""MUC-4 evaluation: reading documents and keys, deriving predictions, scoring."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import ConfigError
from fogofwar.eval.muc4 import (
    MUC4_KEYS,
    Muc4Gold,
    Muc4Prediction,
    date_hit,
    load_muc4,
    location_hit,
    location_targets,
    perpetrator_counts,
    predict_muc4,
    resolver_from_actors,
    score_muc4,
)
from fogofwar.eval.muc4_keys import DateRange, Filler, parse_location
from fogofwar.model import Actor, ActorRole, Article, Claim, Extraction, Mention, Place, Span

FIXTURES = Path(__file__).parent / "fixtures" / "eval" / "muc4"
ARTICLE = Article(id="a", text="A report that names the FMLN.", origin="TST1-MUC3-0000")
FMLN = Actor(
    name="Farabundo Martí National Liberation Front",
    aliases=("FMLN",),
    kind="rebel_group",
    country="SV",
)
ARMY = Actor(name="Salvadoran Armed Forces", aliases=("Salvadoran army",), kind="state_forces")


def mention(
    mid: str,
    start: int,
    *,
    actors: tuple[ActorRole, ...] = (),
    place: Place | None = None,
    day: date | None = None,
    background: bool = False,
) -> Mention:
    return Mention(
        id=mid,
        article_id="a",
        sentence=Span(start, start + 5, "s"),
        trigger="attack",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        date_start=day,
        date_end=day,
        date_precision=1,
        place=place,
        actors=actors,
        background=background,
    )


def claim(
    victims: str, figure: int, outcome: str = "killed", *, start: int = 0, mention_id: str = "m1"
) -> Claim:
    return Claim(
        id=f"{victims}-{figure}-{outcome}-{start}",
        article_id="a",
        claimant="outlet",
        victims=victims,
        outcome=outcome,
        evidence=Span(start, start + 5, "claim"),
        mention_id=mention_id,
        figure=figure,
        low=figure,
        high=figure,
    )


def gold(**changes: object) -> Muc4Gold:
    base: dict[str, object] = {
        "doc_id": "D",
        "relevant": True,
        "deaths": frozenset({3}),
        "injuries": frozenset({0}),
        "organizations": (Filler(heads=("FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN")),),
        "locations": parse_location("EL SALVADOR: SAN SALVADOR (CITY): ESCALON (NEIGHBORHOOD)"),
        "dates": (DateRange(date(1989, 11, 11), date(1989, 11, 12)),),
    }
    return Muc4Gold(**(base | changes))  # type: ignore[arg-type]


# --- reading -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("splits", "limit", "doc_ids"),
    [
        (("tst1", "tst2"), None, ["TST1-MUC3-9001", "TST2-MUC4-9001", "TST2-MUC4-9002"]),
        (None, None, ["DEV-MUC3-9001", "TST1-MUC3-9001", "TST2-MUC4-9001", "TST2-MUC4-9002"]),
        (("dev",), None, ["DEV-MUC3-9001"]),
        (("tst1", "tst2"), 2, ["TST1-MUC3-9001", "TST2-MUC4-9001"]),
    ],
)
def test_eval_muc4_load_selects_splits_and_limit(
    splits: tuple[str, ...] | None, limit: int | None, doc_ids: list[str]
) -> None:
    assert [i.doc_id for i in load_muc4(FIXTURES, splits=splits, limit=limit)] == doc_ids


def test_eval_muc4_load_reads_gold() -> None:
    by_id = {i.doc_id: i.gold for i in load_muc4(FIXTURES, splits=None)}
    assert not by_id["DEV-MUC3-9001"].relevant
    peru = by_id["TST1-MUC3-9001"]
    assert (peru.relevant, peru.deaths, peru.injuries) == (True, {3}, {0})
    assert peru.organizations == (Filler(heads=("SHINING PATH",)),)
    assert peru.dates == (DateRange(date(1990, 3, 4), date(1990, 3, 4)),)
    assert by_id["TST2-MUC4-9001"].injuries == {7}
    assert (peru.country, by_id["TST2-MUC4-9001"].country) == ("PERU", "COLOMBIA")


def test_eval_muc4_load_raises_e050_when_a_file_is_missing(tmp_path: Path) -> None:
    (tmp_path / "documents.jsonl").write_text("")
    with pytest.raises(ConfigError) as error:
        load_muc4(tmp_path)
    assert error.value.code == "E050"
    assert "key_templates.jsonl" in str(error.value)


# --- prediction ----------------------------------------------------------------------------------


def test_eval_muc4_predict_counts_all_victim_groups_and_side_a_perpetrators() -> None:
    city = Place(name="San Salvador", country="SV")
    mentions = (
        mention("m1", 0, actors=(ActorRole(FMLN, "side_a"), ActorRole(ARMY, "side_b")), place=city),
        mention("m2", 50, actors=(ActorRole(ARMY, "side_a"),), day=date(1989, 11, 12)),
        mention(
            "m0",
            90,
            actors=(ActorRole(Actor(name="Contras", kind="rebel_group"), "side_a"),),
            background=True,
        ),
    )
    claims = (
        claim("civilians", 3, start=0),
        claim("Salvadoran Armed Forces", 2, start=20),
        claim("civilians", 3, start=40),  # the same civilians again
        claim("civilians", 5, "injured", start=60),
        claim("civilians", 40, start=95, mention_id="m0"),  # background
    )
    result = predict_muc4(ARTICLE, Extraction(article_id="a", mentions=mentions, claims=claims))
    assert (result.deaths, result.injuries) == (5, 5)
    assert [a.name for a in result.perpetrators] == [FMLN.name, ARMY.name]
    assert (result.place, result.date) == (city, date(1989, 11, 12))


def test_eval_muc4_predict_skips_civilian_unnamed_and_outlet_actors() -> None:
    roles = (
        ActorRole(Actor(name="civilians", kind="civilians"), "side_a"),
        ActorRole(Actor(name="Unidentified Armed Group", kind="militia"), "side_a"),
        ActorRole(Actor(name="EFE", kind="outlet"), "side_a"),
        ActorRole(FMLN, "side_b"),
    )
    result = predict_muc4(ARTICLE, Extraction(article_id="a", mentions=(mention("m1", 0, actors=roles),)))
    assert result.perpetrators == ()


def test_eval_muc4_predict_skips_arresting_forces() -> None:
    arrest = replace(mention("m1", 0, actors=(ActorRole(ARMY, "side_a"),)), sub_event_type="Arrests")
    result = predict_muc4(ARTICLE, Extraction(article_id="a", mentions=(arrest,)))
    assert result.perpetrators == ()


# --- scoring -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold_fillers", "predicted", "expected"),
    [
        # acronym in the key, full name predicted: matched through the actor's aliases
        ((Filler(heads=("FMLN",)),), (FMLN,), (1, 0, 0)),
        ((Filler(heads=("FARABUNDO MARTI NATIONAL LIBERATION FRONT",)),), (FMLN,), (1, 0, 0)),
        ((Filler(heads=("SHINING PATH",)),), (FMLN,), (0, 1, 1)),
        ((Filler(heads=("ARMY",), optional=True),), (), (0, 0, 0)),
        ((Filler(heads=("SALVADORAN ARMY",), optional=True),), (ARMY,), (1, 0, 0)),
        ((), (ARMY,), (0, 1, 0)),
        ((Filler(heads=("FMLN",)), Filler(heads=("SALVADORAN ARMED FORCES",))), (ARMY, FMLN), (2, 0, 0)),
    ],
)
def test_eval_muc4_perpetrator_counts(
    gold_fillers: tuple[Filler, ...], predicted: tuple[Actor, ...], expected: tuple[int, int, int]
) -> None:
    counts = perpetrator_counts(gold(organizations=gold_fillers), Muc4Prediction(perpetrators=predicted))
    assert tuple(counts) == expected


def test_eval_muc4_perpetrator_counts_use_the_resolver() -> None:
    bare = Actor(name="Farabundo Martí National Liberation Front", kind="rebel_group")  # no aliases
    prediction = Muc4Prediction(perpetrators=(bare,))
    key = gold(organizations=(Filler(heads=("FMLN",)),))
    assert tuple(perpetrator_counts(key, prediction)) == (0, 1, 1)
    assert tuple(perpetrator_counts(key, prediction, resolve=resolver_from_actors([FMLN]))) == (1, 0, 0)


def test_eval_muc4_resolver_receives_the_keys_country() -> None:
    seen: list[tuple[str, str | None]] = []

    def resolve(text: str, country: str | None) -> str | None:
        seen.append((text, country))
        return ARMY.name if text == "ARMY" else None

    key = gold(organizations=(Filler(heads=("ARMY",)),), country="EL SALVADOR")
    assert tuple(perpetrator_counts(key, Muc4Prediction(perpetrators=(ARMY,)), resolve=resolve)) == (1, 0, 0)
    assert ("ARMY", "EL SALVADOR") in seen
    assert {country for _, country in seen} == {"EL SALVADOR"}


def test_eval_muc4_location_targets_are_most_specific_place_and_city() -> None:
    (path,) = parse_location("EL SALVADOR: SAN SALVADOR (CITY): ESCALON (NEIGHBORHOOD)")
    assert location_targets(path) == {"escalon", "san salvador"}
    (country,) = parse_location("COLOMBIA")
    assert location_targets(country) == {"colombia"}
    (department,) = parse_location("EL SALVADOR: SAN MIGUEL (DEPARTMENT): SAN LUIS (TOWN)")
    assert location_targets(department) == {"san luis"}


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place(name="San Salvador"), True),
        (Place(name="Escalón"), True),
        (Place(name="El Salvador", feature="country", precision=4), False),
        (Place(name="Santa Ana"), False),
        (None, False),
    ],
)
def test_eval_muc4_location_hit(place: Place | None, expected: bool) -> None:
    assert location_hit(gold(), Muc4Prediction(place=place)) is expected


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (Place(name="Medellín", country="CO"), True),
        (Place(name="Colombia", country="CO", feature="country", precision=4), True),
        (Place(name="Bogota", country="US"), False),  # Bogota, New Jersey
        (Place(name="Bogota"), False),  # no country: names are compared
    ],
)
def test_eval_muc4_location_hit_country_only_key(place: Place, expected: bool) -> None:
    key = gold(locations=parse_location("COLOMBIA"))
    assert location_hit(key, Muc4Prediction(place=place)) is expected


def test_eval_muc4_hits_are_none_when_not_scored() -> None:
    irrelevant = Muc4Gold(doc_id="D", relevant=False)
    assert location_hit(irrelevant, Muc4Prediction()) is None
    assert date_hit(irrelevant, Muc4Prediction()) is None
    assert date_hit(gold(dates=()), Muc4Prediction(date=date(1989, 1, 1))) is None


@pytest.mark.parametrize(
    ("day", "expected"),
    [(date(1989, 11, 11), True), (date(1989, 11, 12), True), (date(1989, 11, 13), False), (None, False)],
)
def test_eval_muc4_date_hit(day: date | None, expected: bool) -> None:
    assert date_hit(gold(), Muc4Prediction(date=day)) is expected


def test_eval_muc4_score_on_hand_built_pairs() -> None:
    right = Muc4Prediction(
        deaths=3, injuries=0, perpetrators=(FMLN,), place=Place(name="San Salvador"), date=date(1989, 11, 11)
    )
    pairs = [
        (gold(), right),
        # wrong deaths, unknown injuries (not scored), spurious perpetrator, no place, no date
        (gold(injuries=None, organizations=()), Muc4Prediction(deaths=1, perpetrators=(ARMY,))),
        # irrelevant: counts in n only
        (Muc4Gold(doc_id="X", relevant=False), right),
    ]
    result = score_muc4(pairs)
    assert tuple(result) == MUC4_KEYS
    assert result["n"] == 3
    assert result["deaths_exact"] == pytest.approx(0.5)
    assert result["injuries_exact"] == pytest.approx(1.0)
    assert result["perpetrator_org_f1"] == pytest.approx(2 / 3)  # tp 1, fp 1, fn 0
    assert result["location_accuracy"] == pytest.approx(0.5)
    assert result["date_accuracy"] == pytest.approx(0.5)


def test_eval_muc4_score_is_nan_without_relevant_documents() -> None:
    result = score_muc4([(Muc4Gold(doc_id="X", relevant=False), Muc4Prediction())])
    assert result["n"] == 1
    assert all(math.isnan(result[k]) for k in MUC4_KEYS if k != "n")
