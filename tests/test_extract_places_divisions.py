"""Tests for the divisions a report writes with a place: the parenthesis after a town ("Mehrabpur
city (Naushahro Firoz, Sindh)"), a second-level division named bare after "in", and a town the
report places once by its region and names bare later. Example sentences are our own."""

from __future__ import annotations

from datetime import date

import pytest

from fogofwar.extract.events import extract_mentions
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import split_sentences
from fogofwar.model import Article, Place, article_id


def _found(gazetteer: Gazetteer, text: str, country: str | None = None) -> dict[str, Place]:
    """Each name's first place in ``text``."""
    found: dict[str, Place] = {}
    for start, end, place in gazetteer.find_places(text, country=country):
        found.setdefault(text[start:end], place)
    return found


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        # the index knows Mehrabpur in Balochistan only: the state the parenthesis ends with wins
        (
            "Police and traders clashed in Mehrabpur city (Naushahro Firoz, Sindh) on Tuesday.",
            "Mehrabpur",
            "PK",
            "Sindh",
        ),
        # a town named like its county: "(Isiolo)" is the county, not a second town
        ("Herders clashed in Mado Gashi market (Isiolo) after a raid.", "Mado Gashi", "KE", "Isiolo"),
        # Punjab is a state of India and a province of Pakistan: the town's own country's
        (
            "Journalists protested in Faisalabad city (Faisalabad, Punjab) on Monday.",
            "Faisalabad",
            "PK",
            "Punjab",
        ),
        # a second-level division the index knows is surer than the state the writer added
        ("Militants shelled troops in Goniri (Gujba LGA, Borno) at night.", "Goniri", "NG", "Yobe"),
    ],
)
def test_parenthesis_of_divisions_gives_the_towns_admin1(
    gazetteer: Gazetteer, text: str, name: str, country: str, admin1: str
) -> None:
    place = _found(gazetteer, text)[name]
    assert (place.country, place.admin1) == (country, admin1)


def test_parenthesis_division_abroad_outweighs_a_namesake_town(gazetteer: Gazetteer) -> None:
    # The index's Bama is Nigeria's; Houet is a province of Burkina Faso: the village is there,
    # known to its region only.
    place = _found(gazetteer, "Residents marched in Bama (Bama, Houet) against a land project.")["Bama"]
    assert (place.country, place.admin1, place.precision, place.geonames_id) == (
        "BF",
        "Hauts-Bassins",
        3,
        None,
    )


def test_a_list_of_towns_is_no_chain_of_divisions(gazetteer: Gazetteer) -> None:
    # "Sidon, Tripoli": two towns of Lebanon, not Sidon in Libya's Tripoli district
    found = _found(gazetteer, "Detained protesters from Sidon, Tripoli and Zahle were released.")
    assert found["Sidon"].country == "LB"


def test_a_division_named_bare_after_in(gazetteer: Gazetteer) -> None:
    # Trans Mara is only a second-level division in the index: after "in" it is that division
    place = _found(gazetteer, "Clashes took place in Trans Mara between two clans.")["Trans Mara"]
    assert (place.feature, place.country, place.admin1) == ("admin2", "KE", "Narok")


def test_a_division_after_in_yields_to_the_parenthesis_after_it(gazetteer: Gazetteer) -> None:
    # Tudun Wada is also a division of Kano; "(Kaduna North LGA, Kaduna)" says this is another
    # place, placed by its parenthesis
    found = _found(gazetteer, "A mob stoned police at a market in Tudun Wada (Kaduna North LGA, Kaduna).")
    assert "Tudun Wada" not in found
    assert found["Kaduna North"].admin1 == "Kaduna"


def test_a_town_placed_by_its_region_keeps_that_place_when_named_again(gazetteer: Gazetteer) -> None:
    text = (
        "On 28 April 2020, rebel forces fired mortars at army positions near Kamyanka, Donetsk. "
        "Monitors recorded two explosions near Kamyanka."
    )
    article = Article(id=article_id(text), text=text, published=date(2020, 4, 29))
    mentions = extract_mentions(article, split_sentences(text), gazetteer=gazetteer)
    assert len(mentions) == 2
    assert {(m.place.name, m.place.admin1) for m in mentions if m.place} == {("Kamyanka", "Donetsk")}
