"""Tests for the place rules of issue 19 (old ALL CAPS wire copy): the dateline's town before a
foreign place borrowed from another sentence, a town before the region the sentence puts it
in, a surname a title showed to be a person's is no town elsewhere in the article, no foreign
place borrowed where the article names its country, no town a distance is measured from, no
cartel's town, and villages the gazetteer lacks when a kind word marks them.

Example sentences are our own; the places named are real but the village.
"""

from __future__ import annotations

from fogofwar.extract.events import extract_mentions
from fogofwar.extract.events.mention_place import _town_inside
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.places.unlisted import marked_place_names
from fogofwar.extract.sentences import split_sentences
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Mention, Place, PlacePrecision


def _mentions(gazetteer: Gazetteer, text: str) -> list[Mention]:
    article = article_from_text(text, origin="test", published=None)
    mentions = extract_mentions(article, split_sentences(article.text), gazetteer=gazetteer)
    assert mentions, text
    return mentions


def _places(gazetteer: Gazetteer, text: str) -> list[str | None]:
    return [m.place.name if m.place else None for m in _mentions(gazetteer, text)]


def test_dateline_town_before_a_foreign_place_of_another_sentence(gazetteer: Gazetteer) -> None:
    text = (
        "SAN SALVADOR, 4 MAR 90 (EFE) -- [TEXT] UNIDENTIFIED MEN ATTACKED A BUS WITH GRENADES THIS\n"
        "MORNING.\n\n"
        "THE MEETING THE PARTIES HAD PLANNED TO HOLD IN CARACAS NEXT WEEK WAS POSTPONED.\n"
    )
    assert _places(gazetteer, text)[0] == "San Salvador"


def test_a_foreign_place_is_borrowed_when_the_dateline_is_abroad(gazetteer: Gazetteer) -> None:
    # Filed in Madrid about a Salvadoran bombing: the dateline's town is no place of the event
    # (the article's country is El Salvador), so the sentence's own place still decides.
    text = (
        "MADRID (SPAIN), 4 MAR 90 (EFE) -- [TEXT] A BOMB EXPLODED IN SAN MIGUEL, EL SALVADOR,\n"
        "KILLING A SALVADORAN SOLDIER, THE SALVADORAN ARMY SAID.\n"
    )
    assert _places(gazetteer, text)[0] == "San Miguel"


def _at(name: str, feature: str, admin1: str, start: int) -> tuple[int, int, Place]:
    precision = PlacePrecision.REGION if feature == "admin1" else PlacePrecision.TOWN
    place = Place(name=name, admin1=admin1, country="CO", feature=feature, precision=precision)
    return start, start + len(name), place


def test_town_inside_the_nearest_region_is_the_place() -> None:
    town, region = _at("Achí", "populated_place", "Bolívar", 10), _at("Bolívar", "admin1", "Bolívar", 40)
    assert _town_inside(region, [town, region]) == town
    # a town of another region, or a region alone, leaves the region
    other = _at("Cali", "populated_place", "Valle del Cauca", 10)
    assert _town_inside(region, [other, region]) == region
    assert _town_inside(region, [region]) == region
    # a town nearest stays whatever else the sentence names
    assert _town_inside(town, [town, region]) == town


def test_a_surname_after_a_title_is_the_person_throughout(gazetteer: Gazetteer) -> None:
    text = (
        "GUATEMALA CITY, 4 MAR 90 (EFE) -- [TEXT] INTERIOR MINISTER JORGE\n"
        "MORALES SAID TODAY THAT GUNMEN SHOT A JUDGE IN ZONE 1 OF THE CAPITAL.\n\n"
        "MORALES SAID THAT THE POLICE HAVE ARRESTED TWO SUSPECTS AFTER THE ATTACK.\n"
    )
    assert "morales" in gazetteer.person_names(text)
    assert "Morales" not in _places(gazetteer, text)


def test_person_names_only_in_all_caps(gazetteer: Gazetteer) -> None:
    # mixed case tells names apart by itself
    assert gazetteer.person_names("Interior Minister Jorge Morales said the police came.") == frozenset()


def test_a_foreign_place_is_not_borrowed_when_the_article_names_its_country(gazetteer: Gazetteer) -> None:
    # filed abroad about Colombia, the talks' city named in another sentence is not the place
    text = (
        "BONN (WEST GERMANY), 4 MAR 90 (DPA) -- [TEXT] GUERRILLAS ATTACKED A PATROL IN COLOMBIA\n"
        "YESTERDAY, A COLOMBIAN SPOKESMAN SAID.\n\n"
        "THE SPOKESMAN SPOKE AT A MEETING IN PARIS.\n"
    )
    assert _places(gazetteer, text)[0] == "Colombia"


def test_a_town_a_distance_is_measured_from_is_not_the_place(gazetteer: Gazetteer) -> None:
    text = (
        "LIMA, 4 MAR 90 (EFE) -- [TEXT] REBELS ATTACKED A POLICE POST IN HUARAZ, 400 KM NORTH OF\n"
        "LIMA, LAST NIGHT.\n"
    )
    assert _places(gazetteer, text)[0] == "Huaraz"


def test_where_a_bus_was_bound_for_is_not_the_place(gazetteer: Gazetteer) -> None:
    text = "An attack on a bus bound for Mopti killed four passengers near Douentza.\n"
    assert _places(gazetteer, text)[0] == "Douentza"


def test_a_neighbouring_place_is_not_the_place(gazetteer: Gazetteer) -> None:
    text = (
        "Clashes between two communities near Molo left four people dead on Tuesday. The clashes "
        "are spillover from fighting in neighbouring Narok over stolen cattle.\n"
    )
    assert set(_places(gazetteer, text)) == {"Molo"}


def test_a_coders_placing_beats_the_name_nearest_the_trigger(gazetteer: Gazetteer) -> None:
    # "Lozivskyi" alone is a hamlet of Donetsk; the note says where the event is coded
    text = "On 8 June 2022, Russian forces shelled the Lozivskyi district (coded to Lozova, Kharkiv).\n"
    assert _places(gazetteer, text)[0] == "Lozova"


def test_a_cartel_named_for_a_town_is_no_place(gazetteer: Gazetteer) -> None:
    text = (
        "BOGOTA, 4 MAR 90 (EFE) -- [TEXT] GUNMEN OF THE MEDELLIN CARTEL KILLED A JUDGE IN CARTAGENA\nTODAY.\n"
    )
    assert "Medellín" not in _places(gazetteer, text)


def test_a_village_the_gazetteer_lacks_is_a_place_of_the_article(gazetteer: Gazetteer) -> None:
    text = (
        "LIMA, 4 MAR 90 (EFE) -- [TEXT] REBELS KILLED TWO PEASANTS IN THE VILLAGE OF QOCHAPAMPILLA,\n"
        "AYACUCHO DEPARTMENT, YESTERDAY.\n"
    )
    place = _mentions(gazetteer, text)[0].place
    assert place is not None
    assert (place.name, place.country, place.admin1, place.lat) == ("Qochapampilla", "PE", "Ayacucho", None)


def test_marked_place_names() -> None:
    text = "THEY ATTACKED LA TIENDITA CANTON AND THE SMALL TOWN OF HOSTIGAL, IN THE NORTH."
    assert [text[s:e] for s, e in marked_place_names(text)] == ["LA TIENDITA", "HOSTIGAL"]
    # "settlement of" names agreements and peoples too; a word before "town" is as often an adjective
    assert marked_place_names("THE SETTLEMENT OF FORCES, IN A BORDER TOWN NEAR THE RIVER.") == []
