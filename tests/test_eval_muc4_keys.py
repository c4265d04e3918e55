"""MUC-4 answer keys: filler syntax, numbers, dates, locations, casualty totals."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.eval.muc4_keys import (
    DateRange,
    Filler,
    GoldPlace,
    Target,
    acceptable_totals,
    filler_lines,
    number_values,
    parse_date,
    parse_filler,
    parse_location,
    split_top_level,
    targets_with,
    template_from_slots,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"SHINING PATH"', Filler(heads=("SHINING PATH",))),
        ('"ARMY OF NATIONAL LIBERATION" / "ELN"', Filler(heads=("ARMY OF NATIONAL LIBERATION", "ELN"))),
        ('? "COLOMBIAN MILITARY"', Filler(heads=("COLOMBIAN MILITARY",), optional=True)),
        (
            '"\\"THE EXTRADITABLES\\"" / "THE EXTRADITABLES"',
            Filler(heads=('"THE EXTRADITABLES"', "THE EXTRADITABLES")),
        ),
        ('4: "STUDENTS"', Filler(heads=("4",), refs=frozenset({"STUDENTS"}))),
        ('PLURAL / - 15: "ESCORTS"', Filler(heads=("PLURAL", "- 15"), refs=frozenset({"ESCORTS"}))),
        (
            'DEATH: "JESUIT PRIESTS" / "PRIESTS"',
            Filler(heads=("DEATH",), refs=frozenset({"JESUIT PRIESTS", "PRIESTS"})),
        ),
        ('(INJURY / DEATH): "GUARD"', Filler(heads=("INJURY", "DEATH"), refs=frozenset({"GUARD"}))),
        ('? DEATH: "POLICEMEN"', Filler(heads=("DEATH",), refs=frozenset({"POLICEMEN"}), optional=True)),
        ('?1: "MAYOR"', Filler(heads=("1",), refs=frozenset({"MAYOR"}), optional=True)),
        (
            'NO INJURY OR DEATH / NO INJURY: "-"',
            Filler(heads=("NO INJURY OR DEATH", "NO INJURY"), refs=frozenset({"-"})),
        ),
        ("-", None),
        ("*", None),
        (";;; an annotator's note", None),
    ],
)
def test_eval_muc4_keys_parse_filler(line: str, expected: Filler | None) -> None:
    assert parse_filler(line) == expected


def test_eval_muc4_keys_filler_lines_drop_comments_and_nulls() -> None:
    assert filler_lines(["-", "*", ";;; note", ' "A" ', ""]) == ['"A"']


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("6", {6}),
        ("~100", {100}),
        ("6-", {6}),
        ("23 -", {23}),
        ("- 15", {15}),
        ("-15", {15}),
        ("6-8", {6, 7, 8}),
        ("? 1", {1}),
        ("PLURAL", None),
        ("-", None),
        ("SEVERAL", None),
    ],
)
def test_eval_muc4_keys_number_values(head: str, expected: set[int] | None) -> None:
    assert number_values(head) == (None if expected is None else frozenset(expected))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("21 JAN 89", [(date(1989, 1, 21), date(1989, 1, 21))]),
        ("15 JAN 89 - 21 JAN 89", [(date(1989, 1, 15), date(1989, 1, 21))]),
        ("- 21 JAN 89", [(date(1988, 12, 21), date(1989, 1, 21))]),
        ("-09 DEC 89", [(date(1989, 11, 8), date(1989, 12, 9))]),
        (
            "(08 MAR 90) / (07 MAR 90 - 08 MAR 90)",
            [(date(1990, 3, 8), date(1990, 3, 8)), (date(1990, 3, 7), date(1990, 3, 8))],
        ),
        ("MAR 90", [(date(1990, 3, 1), date(1990, 3, 31))]),
        ("12 Feb 90", [(date(1990, 2, 12), date(1990, 2, 12))]),
        ("25 MARCH 90", [(date(1990, 3, 25), date(1990, 3, 25))]),
        ("16 NOV", []),
        ("-", []),
    ],
)
def test_eval_muc4_keys_parse_date(line: str, expected: list[tuple[date, date]]) -> None:
    assert parse_date(line) == tuple(DateRange(s, e) for s, e in expected)


def test_eval_muc4_keys_split_top_level_ignores_parenthesised_separators() -> None:
    assert split_top_level("A (CITY / DEPARTMENT) / B", " / ") == ["A (CITY / DEPARTMENT)", "B"]


def test_eval_muc4_keys_parse_location_paths() -> None:
    (path,) = parse_location("PERU: LIMA (CITY): SAN ISIDRO (NEIGHBORHOOD)")
    assert path == (
        (GoldPlace("PERU"),),
        (GoldPlace("LIMA", frozenset({"CITY"})),),
        (GoldPlace("SAN ISIDRO", frozenset({"NEIGHBORHOOD"})),),
    )
    (between,) = parse_location("PERU: ANCASH (DEPARTMENT): CHAVIN (TOWN) - HUARI (TOWN)")
    assert [p.name for p in between[-1]] == ["CHAVIN", "HUARI"]
    (multi,) = parse_location("EL SALVADOR: USULUTAN (CITY / COUNTY / DEPARTMENT)")
    assert multi[-1][0].types == {"CITY", "COUNTY", "DEPARTMENT"}


@pytest.mark.parametrize(
    ("line", "last_names"),
    [
        ("(EL SALVADOR: SAN SALVADOR (CITY)) / (EL SALVADOR)", [["SAN SALVADOR"], ["EL SALVADOR"]]),
        ("HONDURAS / EL SALVADOR", [["HONDURAS"], ["EL SALVADOR"]]),
        ("COLOMBIA", [["COLOMBIA"]]),
    ],
)
def test_eval_muc4_keys_parse_location_alternatives(line: str, last_names: list[list[str]]) -> None:
    assert [[p.name for p in path[-1]] for path in parse_location(line)] == last_names


def slots(numbers: list[str], effects: list[str], *, names: list[str] = ("-",), total: str = "-") -> dict:  # type: ignore[assignment]
    return {
        "HUM TGT: NAME": list(names),
        "HUM TGT: NUMBER": numbers,
        "HUM TGT: EFFECT OF INCIDENT": effects,
        "HUM TGT: TOTAL NUMBER": [total, ";;; a note"],
    }


def totals(targets: tuple[Target, ...]) -> set[int] | None:
    result = acceptable_totals(targets)
    return None if result is None else set(result)


@pytest.mark.parametrize(
    ("slot_values", "deaths", "injuries"),
    [
        # one group killed
        (slots(['3: "PEASANTS"'], ['DEATH: "PEASANTS"']), {3}, {0}),
        # killed and wounded groups are told apart by their cross-references
        (slots(['2: "SOLDIERS"', '5: "CIVILIANS"'], ['DEATH: "SOLDIERS"', 'INJURY: "CIVILIANS"']), {2}, {5}),
        # alternatives: any one is right
        (slots(['5/6: "PRIESTS"'], ['DEATH: "PRIESTS"']), {5, 6}, {0}),
        # an optional effect may be counted or not
        (slots(['4: "POLICEMEN"'], ['? DEATH: "POLICEMEN"']), {0, 4}, {0}),
        (slots(['4: "GUARDS"'], ['(INJURY / DEATH): "GUARDS"']), {0, 4}, {0, 4}),
        # PLURAL: unknown
        (slots(['PLURAL: "PEASANTS"'], ['DEATH: "PEASANTS"']), None, {0}),
        # a dummy cross-reference has no number
        (slots([], ['DEATH: "-"']), None, {0}),
        # no casualties at all
        (slots(['1: "JUDGE"'], ['NO INJURY OR DEATH: "JUDGE"']), {0}, {0}),
        # the TOTAL NUMBER settles overlapping descriptions when everyone has the outcome
        (
            slots(
                ['6: "JESUITS"', '1: "IGNACIO ELLACURIA"', '5/6: "PRIESTS"', '2: "WOMEN"'],
                ['DEATH: "WOMEN"', 'DEATH: "PRIESTS"', 'DEATH: "IGNACIO ELLACURIA"', 'DEATH: "JESUITS"'],
                names=['"IGNACIO ELLACURIA"'],
                total="8",
            ),
            {8},
            {0},
        ),
        # without a total, a named person may be one of a killed group
        (
            slots(
                ['6: "CLERGYMEN"', '1: "MAID"', '1: "JOSE LOPEZ"'],
                ['DEATH: "JOSE LOPEZ"', 'DEATH: "MAID"', 'DEATH: "CLERGYMEN"'],
                names=['"JOSE LOPEZ"'],
            ),
            {7, 8},
            {0},
        ),
        # ... but two named people alone are two
        (
            slots(
                ['1: "ANA PEREZ"', '1: "LUIS GOMEZ"'],
                ['DEATH: "ANA PEREZ"', 'DEATH: "LUIS GOMEZ"'],
                names=['"ANA PEREZ"', '"LUIS GOMEZ"'],
            ),
            {2},
            {0},
        ),
    ],
)
def test_eval_muc4_keys_casualty_totals(
    slot_values: dict, deaths: set[int] | None, injuries: set[int] | None
) -> None:
    assert totals(targets_with("DEATH", slot_values)) == deaths
    assert totals(targets_with("INJURY", slot_values)) == injuries


def test_eval_muc4_keys_optional_template_makes_targets_optional() -> None:
    template = template_from_slots("D1", "1 (OPTIONAL)", slots(['3: "PEASANTS"'], ['DEATH: "PEASANTS"']))
    assert template.optional
    assert totals(template.deaths) == {0, 3}


def test_eval_muc4_keys_acceptable_totals_add_across_targets() -> None:
    targets = (
        Target(frozenset({2}), optional=False),
        Target(frozenset({1, 3}), optional=False),
        Target(frozenset({5}), optional=True),
    )
    assert acceptable_totals(targets) == {3, 5, 8, 10}
    assert acceptable_totals(()) == {0}
    assert acceptable_totals((Target(None, optional=True),)) is None


def test_eval_muc4_keys_template_reads_scored_slots() -> None:
    template = template_from_slots(
        "D2",
        "2",
        {
            "INCIDENT: DATE": ["- 03 JAN 90"],
            "INCIDENT: LOCATION": ["EL SALVADOR: APOPA (CITY)"],
            "PERP: ORGANIZATION ID": ['"FMLN" / "FARABUNDO MARTI NATIONAL LIBERATION FRONT"', '? "ARMY"'],
        },
    )
    assert template.dates == (DateRange(date(1989, 12, 3), date(1990, 1, 3)),)
    assert template.locations[0][-1] == (GoldPlace("APOPA", frozenset({"CITY"})),)
    assert [f.optional for f in template.organizations] == [False, True]
    assert template.deaths == ()
