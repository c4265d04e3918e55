"""Tests for Kenya's wards in the gazetteer (fogofwar.extract.places.wards, read from the
kenya-data package that ``make install`` installs): a village a ward is named after places a
report in Kenya where GeoNames' towns do not reach. Example sentences are our own."""

from __future__ import annotations

import importlib.util

import pytest

from fogofwar.extract.places import Gazetteer
from fogofwar.extract.places.wards import _ward, kenya_divisions, kenya_wards

needs_kenya_data = pytest.mark.skipif(
    importlib.util.find_spec("kenya_data") is None,
    reason="the kenya-data package is not installed (make install installs it)",
)


def test_places_ward_names_and_the_place_a_part_is_named_after() -> None:
    assert _ward("Shimanzi/Ganjoni", "Mombasa", 0.0, 0.0).names == ("Shimanzi", "Ganjoni")
    north = _ward("Kayole North", "Nairobi", 0.0, 0.0)
    assert (north.names, north.part_of) == (("Kayole North",), ("Kayole",))
    assert _ward("Nyalenda 'a'", "Kisumu", 0.0, 0.0).part_of == ("Nyalenda",)
    assert _ward("Dandora Area Iv", "Nairobi", 0.0, 0.0).part_of == ("Dandora",)
    # English words name no village
    assert _ward("Airport", "Mombasa", 0.0, 0.0).names == ()
    assert _ward("Central Ward", "Nairobi", 0.0, 0.0).names == ()


@needs_kenya_data
def test_places_kenya_wards_read_from_the_package() -> None:
    wards = kenya_wards()
    assert len(wards) > 1400
    counties = {name: ward.county for ward in wards for name in ward.names}
    assert counties["Mutha"] == "Kitui"
    assert counties["Hulugho"] == "Garissa"
    assert all(-5.0 < w.lat < 5.5 and 33.5 < w.lon < 42.5 for w in wards)  # inside Kenya


def _places(gazetteer: Gazetteer, text: str, country: str | None = None) -> dict[str, tuple]:
    return {
        text[s:e]: (p.name, p.admin1, p.country, p.feature)
        for s, e, p in gazetteer.find_places(text, country=country)
    }


@needs_kenya_data
@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # after a place cue, with no country known: the ward's village in its county
        (
            "Camel herders attacked three men in Mutha on Tuesday.",
            None,
            {"Mutha": ("Mutha", "Kitui", "KE", "admin3")},
        ),
        (
            "Residents of the village of Chepchoina fled.",
            None,
            {"Chepchoina": ("Chepchoina", "Trans Nzoia", "KE", "admin3")},
        ),
        # a part's name: "Kayole" for the wards Kayole North, Central and South
        ("Police clashed with a gang in Kayole.", None, {"Kayole": ("Kayole", "Nairobi", "KE", "admin3")}),
        # in a Kenyan report the bare name is enough
        (
            "Hulugho villagers said soldiers opened fire.",
            "KE",
            {"Hulugho": ("Hulugho", "Garissa", "KE", "admin3")},
        ),
        # with no country known and no cue, a bare name is not enough
        ("Hulugho villagers said soldiers opened fire.", None, {}),
        # part of a longer name: a company, not the place
        ("Nzoia Sugar Company workers went on strike.", "KE", {}),
    ],
)
def test_places_a_ward_places_its_village(
    gazetteer: Gazetteer, text: str, country: str | None, expected: dict[str, tuple]
) -> None:
    assert _places(gazetteer, text, country) == expected


@needs_kenya_data
def test_places_a_ward_named_like_a_known_place_leaves_it_be(gazetteer: Gazetteer) -> None:
    # Mandera, Meru and Wajir are GeoNames towns of Kenya: their own rows, with their own points
    for town in ("Mandera", "Meru", "Wajir"):
        place = gazetteer.resolve(town, country="KE")
        assert place is not None and place.feature != "admin3"
    # "Airport" in a Kenyan report is no ward of Mombasa
    assert (gazetteer.resolve("Airport", country="KE") or gazetteer.resolve("Airport")).feature != "admin3"


@needs_kenya_data
def test_places_kenya_constituencies_and_sub_counties_read_from_the_package() -> None:
    divisions = {d.name: d for d in kenya_divisions()}
    assert len(divisions) > 280
    assert divisions["Lamu East"].county == "Lamu"
    assert divisions["Kanduyi"].county == "Bungoma"


@needs_kenya_data
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a constituency after "in" is that division, as any second-level division is
        ("A sugar company director was kidnapped in Kanduyi on Monday.", [("Kanduyi", "Bungoma", "admin2")]),
        # a division named by a compass part needs no kind word: no town is named so
        (
            "Gunmen wounded three officers in Ramacha, Baringo South.",
            [("Baringo South", "Baringo", "admin2")],
        ),
    ],
)
def test_places_a_constituency_places_its_events(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [(p.name, p.admin1, p.feature) for _s, _e, p in gazetteer.find_places(text)] == expected
