"""The ACLED notes evaluation (fogofwar.eval.acled): loaders, comparison rules, the scorer on
hand-built records, the note -> event rule, and the CLI on a tiny invented fixture (and on the
shared dev set when it is present)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fogofwar.cli import app
from fogofwar.errors import ConfigError
from fogofwar.eval.acled import (
    ACLED_KEYS,
    AcledGold,
    AcledNote,
    AcledPrediction,
    fatalities_within,
    fold_actor,
    gold_actor_parts,
    has_coder_remark,
    km_between,
    load_gold,
    load_notes,
    note_event,
    same_actor,
    same_name,
    score_acled,
    within_days,
)
from fogofwar.model import Actor, Claim, Event, Extraction, Mention, Reconciled, Span

MINI = Path(__file__).resolve().parent / "fixtures" / "acled_mini"
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev" / "acled"


def gold(note_id: str = "N1", **fields: object) -> AcledGold:
    values: dict[str, object] = {
        "id": note_id,
        "event_date": date(2021, 5, 3),
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Unidentified Armed Group (Burkina Faso)",
        "country": "Burkina Faso",
        "admin1": "Centre-Nord",
        "location": "Kaya",
        "latitude": 13.0917,
        "longitude": -1.0844,
        "fatalities": 4,
    }
    values.update(fields)
    return AcledGold(**values)  # type: ignore[arg-type]


def prediction(note_id: str = "N1", **fields: object) -> AcledPrediction:
    values: dict[str, object] = {
        "event_id": f"e-{note_id}",
        "note_ids": frozenset({note_id}),
        "killed": 4,
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "country": "Burkina Faso",
        "admin1": "Centre-Nord Region",
        "latitude": 13.10,
        "longitude": -1.09,
        "start": date(2021, 5, 3),
        "actors": (Actor("Unidentified Armed Group", kind="militia", inter=3),),
    }
    values.update(fields)
    return AcledPrediction(**values)  # type: ignore[arg-type]


def note(note_id: str = "N1", text: str = "On 3 May 2021, gunmen killed 4 civilians in Kaya.") -> AcledNote:
    return AcledNote(note_id, text, published=date(2021, 5, 4))


# -- loaders ---------------------------------------------------------------------------------


def test_eval_acled_loads_the_fixture_notes_and_gold():
    notes = load_notes(MINI)
    assert [n.id for n in notes] == ["TST0001", "TST0002", "TST0003", "TST0004"]
    assert notes[0].published == date(2021, 5, 4)
    assert [n.id for n in load_notes(MINI, limit=2)] == ["TST0001", "TST0002"]
    coded = load_gold(MINI)
    assert coded["TST0003"].fatalities == 0
    assert coded["TST0002"].latitude == pytest.approx(0.3546)
    assert coded["TST0001"].event_date == date(2021, 5, 3)


def test_eval_acled_missing_files_raise_e050(tmp_path):
    with pytest.raises(ConfigError, match="E050"):
        load_notes(tmp_path)
    with pytest.raises(ConfigError, match="E050"):
        load_gold(tmp_path)


# -- comparison rules ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Fatalities coded as 0 (one outlet reported 2).",
        "Unknown fatalities coded as 10.",
        "The deaths are split across two events.",
        "Fatalities split between 2 locations.",
        "Three dead were distributed across three days.",
        "A local radio reported 5 dead, coded 0 here.",
    ],
)
def test_eval_acled_coder_remarks_are_found(text):
    assert has_coder_remark(f"On 2 May 2020, militants attacked a post. {text}")


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May 2020, militants attacked a post, killing 2 soldiers.",
        "No fatalities were reported.",
        "The location was coded to the district capital.",
        "Police split the crowd with tear gas.",
    ],
)
def test_eval_acled_plain_notes_carry_no_coder_remark(text):
    assert not has_coder_remark(text)


def test_eval_acled_fatalities_within_twenty_percent():
    assert fatalities_within(0, 0) and not fatalities_within(1, 0)
    assert fatalities_within(12, 10) and fatalities_within(8, 10)
    assert not fatalities_within(13, 10)


def test_eval_acled_names_dates_and_distances():
    assert same_name("Côte d'Ivoire", "cote d'ivoire")
    assert not same_name(None, "Kenya") and not same_name("Kenya", "Uganda")
    assert within_days(date(2021, 5, 4), date(2021, 5, 3))
    assert not within_days(date(2021, 5, 5), date(2021, 5, 3)) and not within_days(None, date(2021, 5, 3))
    assert km_between(prediction(), gold()) == pytest.approx(1.3, abs=0.3)
    assert km_between(prediction(latitude=None), gold()) is None


def test_eval_acled_actor_names_fold_and_split():
    assert fold_actor("Military Forces of Russia (2000-)") == "military forces of russia"
    assert fold_actor("al-Shabaab") == fold_actor("Al Shabaab")
    assert gold_actor_parts("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)") == [
        "JNIM: Group for Support of Islam and Muslims",
        "JNIM",
        "Group for Support of Islam and Muslims",
        "Islamic State (Sahel)",
    ]


def test_eval_acled_actor_match_by_name_alias_and_words():
    assert same_actor("Al Shabaab", Actor("al-Shabaab"))
    assert same_actor("JNIM: Group for Support of Islam and Muslims", Actor("JNIM", kind="rebel_group"))
    assert same_actor("Taliban", Actor("Islamic Emirate", aliases=("Taliban fighters",)))
    assert same_actor("Unidentified Armed Group (Kenya)", Actor("Unidentified Armed Group"))
    # a short alias inside a long gold name, or filler words alone, are no match
    assert not same_actor(
        "Islamic State (West Africa) and/or Boko Haram", Actor("Islamic Jihad", aliases=("IS",))
    )
    assert not same_actor("Unidentified Armed Group (Kenya)", Actor("Group", aliases=("forces",)))


def test_eval_acled_actor_match_through_the_registry():
    def resolve(name: str) -> str | None:
        return {"Ansaroul Islam": "Ansarul Islam", "Police Forces of Kenya (2013-)": "Police"}.get(name)

    assert same_actor("Ansaroul Islam", Actor("Ansarul Islam", kind="rebel_group"), resolve=resolve)
    assert not same_actor("Ansaroul Islam", Actor("Ansarul Islam", kind="rebel_group"))
    # ACLED's state forces are matched by country, whatever the registry reads in the name
    police = Actor("Police", kind="state_forces", inter=1)
    assert not same_actor("Police Forces of Kenya (2013-)", police, event_country="Uganda", resolve=resolve)


def test_eval_acled_state_forces_match_by_country():
    army = Actor("Kenya Defence Forces", kind="state_forces", inter=1, country="KE")
    assert same_actor("Military Forces of Kenya (2013-)", army)
    assert not same_actor("Military Forces of Uganda (1986-)", army)
    police = Actor("Police", kind="state_forces", inter=1)  # no country: the event's
    assert same_actor("Police Forces of Kenya (2013-) Rural Border Patrol", police, event_country="Kenya")
    assert not same_actor("Police Forces of Kenya (2013-)", police, event_country="Tanzania")
    # an army abroad counts; a mission registered with its host country does not
    french = Actor("French Armed Forces", kind="external", inter=8, country="FR")
    assert same_actor("Military Forces of France (2017-)", french, event_country="Burkina Faso")
    mission = Actor("MINUSMA", kind="external", inter=8, country="ML")
    assert not same_actor("Military Forces of Mali (2012-)", mission, event_country="Mali")


# -- scoring ---------------------------------------------------------------------------------


def test_eval_acled_score_all_right():
    scores = score_acled([note()], {"N1": gold()}, {"N1": prediction()})
    assert tuple(scores) == ACLED_KEYS
    assert scores["n"] == 1
    assert all(scores[k] == 1.0 for k in ACLED_KEYS if k not in ("n", "rows_sharing_event"))
    assert scores["rows_sharing_event"] == 0.0


def test_eval_acled_score_a_note_without_event_is_wrong_but_its_zero_may_be_right():
    notes = [note("N1"), note("N2", "On 5 May 2021, residents protested in Kaya.")]
    coded = {"N1": gold("N1"), "N2": gold("N2", fatalities=0, event_type="Protests")}
    scores = score_acled(notes, coded, {"N1": prediction("N1")})
    assert scores["coverage"] == 0.5
    assert scores["fatalities_exact"] == 1.0  # no event reads as 0 dead, which is N2's gold
    assert scores["event_type_accuracy"] == 0.5
    assert scores["country_accuracy"] == 0.5


def test_eval_acled_score_fields_one_by_one():
    wrong = prediction(
        killed=5,
        event_type="Battles",
        sub_event_type="Armed clash",
        country="Mali",
        admin1="Mopti",
        latitude=13.5,
        longitude=-1.0,
        start=date(2021, 5, 5),
        actors=(Actor("Police", kind="state_forces", inter=1),),
    )
    scores = score_acled([note()], {"N1": gold()}, {"N1": wrong})
    assert scores["coverage"] == 1.0
    assert scores["fatalities_exact"] == 0.0 and scores["fatalities_within20"] == 0.0
    for key in ACLED_KEYS[5:-1]:
        assert scores[key] == 0.0, key
    assert (
        score_acled([note()], {"N1": gold()}, {"N1": prediction(killed=5, admin1="Centre Nord")})[
            "admin1_accuracy"
        ]
        == 1.0
    )


def test_eval_acled_score_clean_fatalities_leave_out_coder_remarks():
    remark = note("N2", "On 3 May 2021, a bomb killed 2 soldiers. Fatalities coded as 0 (radio reported 2).")
    coded = {"N1": gold("N1"), "N2": gold("N2", fatalities=0)}
    predicted = {"N1": prediction("N1"), "N2": prediction("N2", killed=2)}
    scores = score_acled([note("N1"), remark], coded, predicted)
    assert scores["fatalities_exact"] == 0.5
    assert scores["fatalities_exact_clean"] == 1.0


def test_eval_acled_score_rows_sharing_an_event():
    merged = frozenset({"N1", "N2"})
    predicted = {"N1": prediction("N1", note_ids=merged), "N2": prediction("N2", note_ids=merged)}
    notes = [note("N1"), note("N2"), note("N3")]
    scores = score_acled(notes, {n.id: gold(n.id) for n in notes}, predicted)
    assert scores["rows_sharing_event"] == pytest.approx(2 / 3)


def test_eval_acled_score_nothing_scored_is_nan():
    scores = score_acled([note()], {}, {})
    assert scores["n"] == 0
    assert all(math.isnan(scores[k]) for k in ACLED_KEYS if k != "n")


# -- the note's event ------------------------------------------------------------------------


def mention(mention_id: str, start: int) -> Mention:
    return Mention(mention_id, "a1", Span(start, start + 1, "A"), "attacked", "Battles", "Armed clash")


def killed(event: Event, figure: int) -> Event:
    claim = Claim("c-" + event.id, "a1", "police", "unknown", "killed", Span(0, 1, "A"), figure=figure)
    row = Reconciled("unknown", "killed", figure, figure, figure, claim_ids=(claim.id,))
    return Event(**{**event.__dict__, "claims": (claim,), "reconciled": (row,)})


def test_eval_acled_note_event_most_mentions_then_killed_then_first():
    extraction = Extraction("a1", (mention("m1", 0), mention("m2", 10), mention("m3", 20)))
    lead = Event("e1", "Battles", "Armed clash", mention_ids=("m1",), article_ids=("a1",))
    looting = Event("e2", "Strategic developments", "Looting/property destruction", mention_ids=("m2",))
    both = Event("e3", "Battles", "Armed clash", mention_ids=("m2", "m3"), article_ids=("a1",))
    assert note_event(extraction, [lead, both]).id == "e3"  # most of the note's mentions
    assert note_event(extraction, [looting, lead]).id == "e1"  # a tie: the first in the text
    assert note_event(extraction, [lead, killed(looting, 3)]).id == "e2"  # a tie: the larger toll
    assert note_event(extraction, []) is None
    only_article = Event("e4", "Battles", "Armed clash", article_ids=("a1",))
    assert note_event(Extraction("a1"), [only_article]).id == "e4"


# -- the command -----------------------------------------------------------------------------


def run_cli(tmp_path: Path, *args: str):
    return CliRunner().invoke(app, ["--db", str(tmp_path / "unused.db"), "eval", "acled", *args])


def test_eval_acled_cli_on_the_fixture(tmp_path):
    result = run_cli(tmp_path, str(MINI), "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert list(scores) == ["pooled", "per_note"]
    for mode in scores.values():
        assert tuple(mode) == ACLED_KEYS
        assert mode["n"] == 4
        assert all(0.0 <= v <= 1.0 for k, v in mode.items() if k != "n" and v is not None)
        assert mode["coverage"] >= 0.5
        assert mode["country_accuracy"] >= 0.5  # the Kaya attack, at least, is placed in Burkina Faso
    assert scores["per_note"]["rows_sharing_event"] == 0.0

    table = run_cli(tmp_path, str(MINI), "--mode", "per_note", "--limit", "2")
    assert table.exit_code == 0, table.output
    assert "per_note" in table.stdout and "pooled" not in table.stdout
    assert "fatalities_exact_clean" in table.stdout


def test_eval_acled_cli_bad_folder_exits_2(tmp_path):
    missing_files = run_cli(tmp_path, str(tmp_path))
    assert missing_files.exit_code == 2
    assert "[E050]" in missing_files.stderr and len(missing_files.stderr.strip().splitlines()) == 1
    assert run_cli(tmp_path, str(tmp_path / "absent")).exit_code == 2
    assert run_cli(tmp_path, str(MINI), "--mode", "both_ways").exit_code == 2


@pytest.mark.skipif(
    not DEV.exists(), reason="../shared/eval/dev/acled not present (the dev set lives beside the repo)"
)
def test_eval_acled_cli_on_forty_dev_notes(tmp_path):
    result = run_cli(tmp_path, str(DEV), "--json", "--limit", "40")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    pooled, alone = scores["pooled"], scores["per_note"]
    assert pooled["n"] == alone["n"] == 40
    assert alone["rows_sharing_event"] == 0.0
    # the same extractions in both modes: as many notes reach an event
    assert pooled["coverage"] == alone["coverage"] > 0.5
    assert alone["fatalities_exact"] > 0.5 and alone["country_accuracy"] > 0.3
