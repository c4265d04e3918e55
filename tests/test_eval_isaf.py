"""ISAF evaluation: reading the set, deriving predictions from Extractions, scoring."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import ConfigError
from fogofwar.eval.isaf import (
    ISAF_KEYS,
    IsafGold,
    IsafItem,
    IsafPrediction,
    is_friendly,
    isaf_article,
    load_isaf,
    predict_isaf,
    province_key,
    release_id,
    release_month_end,
    score_isaf,
    target_groups,
)
from fogofwar.model import Actor, ActorRole, Article, Claim, Extraction, Mention, Place, Span

FIXTURES = Path(__file__).parent / "fixtures" / "eval" / "isaf"
ARTICLE = Article(id="a", text="release text", origin="isaf:test")
TALIBAN = Actor(name="Taliban", kind="rebel_group")
ANA = Actor(name="Afghan National Army", kind="state_forces", country="AF")
HELMAND = Place(name="Lashkar Gah", admin1="Helmand", country="AF")


def mention(
    mid: str,
    start: int,
    *,
    sub_event_type: str = "Armed clash",
    place: Place | None = HELMAND,
    day: date | None = date(2011, 3, 2),
    actors: tuple[ActorRole, ...] = (ActorRole(ANA, "side_a"), ActorRole(TALIBAN, "side_b")),
    background: bool = False,
) -> Mention:
    return Mention(
        id=mid,
        article_id="a",
        sentence=Span(start, start + 10, "s"),
        trigger="raid",
        event_type="Battles",
        sub_event_type=sub_event_type,
        date_start=day,
        date_end=day,
        date_precision=1,
        place=place,
        actors=actors,
        background=background,
    )


def claim(
    victims: str,
    figure: int | None,
    outcome: str = "killed",
    *,
    start: int = 0,
    text: str = "claim",
    mention_id: str | None = "m1",
    low: int | None = None,
) -> Claim:
    return Claim(
        id=f"{victims}-{outcome}-{start}",
        article_id="a",
        claimant="ISAF",
        victims=victims,
        outcome=outcome,
        evidence=Span(start, start + len(text), text),
        mention_id=mention_id,
        figure=figure,
        low=low if low is not None else figure,
        high=figure,
    )


def extraction(*claims: Claim, mentions: tuple[Mention, ...] | None = None) -> Extraction:
    return Extraction(
        article_id="a", mentions=(mention("m1", 0),) if mentions is None else mentions, claims=claims
    )


def gold(**changes: object) -> IsafGold:
    base = {
        "start_date": date(2011, 3, 2),
        "event_types": frozenset({"detention"}),
        "provinces": ("helmand",),
        "target_groups": frozenset({"taliban"}),
        "min_killed": 0,
        "min_captured": 1,
    }
    return IsafGold(**(base | changes))  # type: ignore[arg-type]


# --- reading -------------------------------------------------------------------------------------


def test_eval_isaf_load_reads_fixture_items_in_order() -> None:
    items = load_isaf(FIXTURES)
    assert [i.record_idx for i in items] == [1, 2, 3, 4]
    first = items[0].gold
    assert first.start_date == date(2012, 3, 2)
    assert first.event_types == {"captureandkill"}
    assert (first.min_killed, first.min_captured, first.provinces) == (2, 3, ("helmand",))
    assert items[2].gold.target_groups == frozenset()  # '' is no group
    assert len(load_isaf(FIXTURES, limit=2)) == 2


def test_eval_isaf_article_reads_the_dateline_and_dates_yearless_ones_by_release() -> None:
    items = {i.record_idx: i for i in load_isaf(FIXTURES)}
    dated = isaf_article(items[1])  # "KABUL, Afghanistan (March 3, 2012)"
    assert (dated.dateline_date, dated.published) == (date(2012, 3, 3), None)
    yearless = isaf_article(items[4])  # "KABUL, Afghanistan (May 5)", release 2011-05-S-010
    assert (yearless.dateline_date, yearless.published) == (date(2011, 5, 5), date(2011, 5, 5))
    assert yearless.reference_date == date(2011, 5, 5)


def test_eval_isaf_load_raises_e050_without_the_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as error:
        load_isaf(tmp_path)
    assert error.value.code == "E050"
    assert "isaf.jsonl" in str(error.value)


@pytest.mark.parametrize(
    ("pr_id", "expected"),
    [
        ("2011-02-S-154", date(2011, 2, 28)),
        ("2012-02-S-001", date(2012, 2, 29)),
        ("2010-09-CA-125", date(2010, 9, 30)),
        (None, None),
        ("[leader]", None),
        ("2011-13-S-001", None),
    ],
)
def test_eval_isaf_release_month_end(pr_id: str | None, expected: date | None) -> None:
    assert release_month_end(pr_id) == expected


# --- prediction ----------------------------------------------------------------------------------


def test_eval_isaf_predict_counts_enemy_not_own_forces() -> None:
    result = predict_isaf(
        ARTICLE,
        extraction(
            claim("Taliban", 31, start=0),
            claim("Afghan National Army", 2, start=40),  # own side, kind from the mention's actors
            claim("coalition soldiers", 1, start=60),  # own side, by name
        ),
    )
    assert result.killed == 31
    assert result.event_types == {"insurgentskilled"}


def test_eval_isaf_predict_unknown_victims_are_not_added_to_named_ones() -> None:
    result = predict_isaf(
        ARTICLE,
        extraction(claim("civilians", 3, start=0), claim("unknown", 3, start=50)),  # "three died"
    )
    assert (result.killed, result.event_types) == (3, {"civiliancasualty"})


def test_eval_isaf_predict_combined_group_with_an_enemy_member_is_enemy() -> None:
    result = predict_isaf(ARTICLE, extraction(claim("ISAF + Unidentified Armed Group", 3)))
    assert result.killed == 3


def test_eval_isaf_predict_adds_civilians_to_enemy_but_never_same_victims_twice() -> None:
    result = predict_isaf(
        ARTICLE,
        extraction(
            claim("Taliban", 17, start=0),
            claim("Taliban", 7, start=50),
            claim("Haqqani network", 3, start=80),  # another name for the same enemy
            claim("civilians", 2, start=120),
        ),
    )
    assert result.killed == 19


def test_eval_isaf_predict_captured_joins_captured_and_arrested() -> None:
    result = predict_isaf(
        ARTICLE,
        extraction(
            claim("Taliban", 1, "captured", start=0, text="captured a Taliban leader"),
            claim("unknown", 4, "arrested", start=40, text="detained four additional suspects"),
            claim("Taliban", 2, "killed", start=90),
        ),
    )
    assert (result.killed, result.captured) == (2, 5)
    assert result.event_types == {"captureandkill"}


def test_eval_isaf_predict_ignores_background_claims() -> None:
    old = mention("m0", 100, background=True)
    result = predict_isaf(
        ARTICLE,
        extraction(
            claim("Taliban", 2, start=0),
            claim("Taliban", 50, start=110, mention_id="m0"),  # "one of more than 50 killed this year"
            mentions=(mention("m1", 0), old),
        ),
    )
    assert result.killed == 2


@pytest.mark.parametrize(
    ("claims", "sub_event_type", "expected"),
    [
        ([claim("civilians", 3)], "Armed clash", {"civiliancasualty"}),
        (
            [claim("civilians", 1, "injured"), claim("Taliban", 2, start=20)],
            "Armed clash",
            {"insurgentskilled"},
        ),
        ([claim("Taliban", 5)], "Air/drone strike", {"airstrike"}),
        (
            [claim("Taliban", 5), claim("Taliban", 1, "captured", start=20)],
            "Air/drone strike",
            {"captureandkill"},
        ),
        ([], "Air/drone strike", {"airstrike"}),
        ([claim("Taliban", 3, "arrested")], "Armed clash", {"detention"}),
        ([claim("Taliban", None, low=3)], "Armed clash", {"insurgentskilled"}),
        ([claim("Taliban", None, low=None)], "Armed clash", set()),
        ([], "Armed clash", set()),
    ],
)
def test_eval_isaf_predict_event_type(claims: list[Claim], sub_event_type: str, expected: set[str]) -> None:
    ex = extraction(*claims, mentions=(mention("m1", 0, sub_event_type=sub_event_type),))
    assert predict_isaf(ARTICLE, ex).event_types == expected


def test_eval_isaf_predict_province_and_date_lead_first() -> None:
    district = Place(name="Nad Ali", admin1=None, feature="district")
    province = Place(name="Paktiya", admin1=None, feature="admin1", precision=3)
    mentions = (
        mention("m1", 0, place=district, day=None),
        mention("m2", 30, place=province, day=date(2011, 3, 1)),
        mention("m3", 60, place=HELMAND, day=date(2011, 3, 2)),
    )
    result = predict_isaf(ARTICLE, extraction(mentions=mentions))
    assert (result.province, result.date) == ("Paktiya", date(2011, 3, 1))


def test_eval_isaf_predict_empty_extraction() -> None:
    assert predict_isaf(ARTICLE, Extraction(article_id="a")) == IsafPrediction()


def test_eval_isaf_predict_uses_registry_kinds() -> None:
    ex = extraction(claim("Sangorian", 2), mentions=(mention("m1", 0, actors=()),))
    assert predict_isaf(ARTICLE, ex).killed == 2
    assert predict_isaf(ARTICLE, ex, actor_kinds={"Sangorian": "state_forces"}).killed == 0


@pytest.mark.parametrize(
    ("victims", "kinds", "expected"),
    [
        ("Afghan National Police", {}, True),
        ("ISAF", {}, True),
        ("coalition forces", {}, True),
        ("Taliban", {}, False),
        ("unknown", {}, False),
        ("Haqqani network", {"Haqqani network": "rebel_group"}, False),
        ("Afghan Local Police", {"Afghan Local Police": "state_forces"}, True),
        ("Militia X", {"Militia X": "unknown"}, False),
    ],
)
def test_eval_isaf_is_friendly(victims: str, kinds: dict[str, str], expected: bool) -> None:
    assert is_friendly(victims, kinds) is expected


def test_eval_isaf_target_groups() -> None:
    names = ["Taliban", "Haqqani Network", "Islamic Movement of Uzbekistan", "civilians", "al-Qaeda"]
    assert target_groups(names) == {"taliban", "haqqani", "imu", "aq"}


# --- scoring -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Helmand", "helmand"),
        ("Paktiyā Province", "paktya"),
        ("paktya", "paktya"),
        ("Sar-e Pol", "sarepul"),
        ("sar-e pul", "sarepul"),
        ("Konar", "kunar"),
        ("Maidan Wardak", "wardak"),
        ("Orūzgān", "uruzgan"),
    ],
)
def test_eval_isaf_province_key(name: str, key: str) -> None:
    assert province_key(name) == key


def test_eval_isaf_score_on_hand_built_pairs() -> None:
    pairs = [
        # all right
        (
            gold(min_killed=2, min_captured=3, event_types=frozenset({"captureandkill"})),
            IsafPrediction(2, 3, "Helmand Province", date(2011, 3, 2), frozenset({"captureandkill"})),
        ),
        # killed wrong by 2, captured right, wrong province, wrong date, wrong label
        (
            gold(min_killed=4, min_captured=0, event_types=frozenset({"insurgentskilled"})),
            IsafPrediction(2, 0, "Kandahar", date(2011, 3, 1), frozenset({"captureandkill"})),
        ),
        # nothing predicted
        (gold(), IsafPrediction()),
    ]
    result = score_isaf(pairs)
    assert tuple(result) == ISAF_KEYS
    assert result["n"] == 3
    assert result["killed_exact"] == pytest.approx(2 / 3)
    assert result["killed_exact_nonzero"] == pytest.approx(1 / 2)
    assert result["captured_exact"] == pytest.approx(2 / 3)
    assert result["killed_mae"] == pytest.approx(2 / 3)
    assert result["captured_mae"] == pytest.approx(1 / 3)
    assert result["province_accuracy"] == pytest.approx(1 / 3)
    assert result["date_accuracy"] == pytest.approx(1 / 3)
    assert result["date_within1"] == pytest.approx(2 / 3)  # a day early is within one day
    # labels: tp 1, fp 1, fn 2 -> p 1/2, r 1/3
    assert result["event_type_f1"] == pytest.approx(0.4)


def test_eval_isaf_score_nonzero_rate_is_nan_without_killed_items() -> None:
    result = score_isaf([(gold(), IsafPrediction(captured=1))])
    assert math.isnan(result["killed_exact_nonzero"])
    assert result["killed_exact"] == 1.0


@pytest.mark.parametrize(
    "pr_id,text,expected",
    [
        ("2010-03-CA-041", "Dec. 17: A patrol detained two suspects.", "2010-03-CA-041"),
        (None, "Dec. 17: A patrol detained two suspects. 2009-12-CA\u2013072", "2009-12-"),
        (None, "Release 2011-07-S-019: a patrol detained two suspects.", "2011-07-"),
        (None, "A patrol detained two suspects in 2011.", None),
    ],
)
def test_eval_isaf_release_id_from_record_or_text(pr_id: str | None, text: str, expected: str | None) -> None:
    item = IsafItem(record_idx=1, pr_id=pr_id, text=text, gold=gold())
    assert release_id(item) == expected
