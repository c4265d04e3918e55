"""The actor registry: aliases, context-scoped aliases, acronyms, ALL CAPS text, lookups."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from fogofwar.errors import ConfigError
from fogofwar.extract.actors import ActorRegistry, dateline_tags, is_acronym, is_all_caps
from fogofwar.ingest.dateline import with_dateline_span
from fogofwar.model import ACTOR_KINDS, Article


def _found(registry: ActorRegistry, text: str, country: str | None = None) -> list[tuple[str, str]]:
    return [(text[s:e], actor.name) for s, e, actor in registry.find_all(text, country=country)]


def test_actors_registry_is_large_and_well_formed(registry: ActorRegistry) -> None:
    assert len(registry) >= 150
    for actor in registry:
        assert actor.kind in ACTOR_KINDS, actor.name
        assert actor.inter in (None, 1, 2, 3, 4, 5, 6, 7, 8), actor.name
        assert actor.country is None or (len(actor.country) == 2 and actor.country.isupper()), actor.name
        assert registry.get(actor.name) == actor


@pytest.mark.parametrize(
    ("name", "inter", "country"),
    [
        ("CSP-PSD", 2, "ML"),
        ("Malian Armed Forces", 1, "ML"),
        ("Wagner Group", 8, "RU"),
        ("JNIM", 2, "ML"),
        ("Islamic State Sahel Province", 2, "ML"),
        ("Taliban", 2, "AF"),
        ("Haqqani network", 2, "AF"),
        ("Hezb-e-Islami Gulbuddin", 2, "AF"),
        ("ISAF", 8, "AF"),
        ("FMLN", 2, "SV"),
        ("Shining Path", 2, "PE"),
        ("Rapid Support Forces", 3, "SD"),
        ("Sudanese Armed Forces", 1, "SD"),
        ("Israel Defense Forces", 1, "IL"),
        ("Houthis", 2, "YE"),
        ("Tatmadaw", 1, "MM"),
        ("M23", 2, "CD"),
        ("al-Shabaab", 2, "SO"),
        ("civilians", 7, None),
        ("ELN", 2, "CO"),
        ("ARENA", 3, "SV"),
        ("ETA", 2, "ES"),
        ("MORENA (Colombia)", 3, "CO"),
        ("ACDEGAM", 3, "CO"),
        ("Lautaro Youth Movement", 2, "CL"),
        ("Zarate Willka Armed Forces of Liberation", 2, "BO"),
        ("Manuel Rodriguez Patriotic Front", 2, "CL"),
        ("MRTA", 2, "PE"),
        ("Medellin Cartel", 3, "CO"),
        ("Islamic Movement of Uzbekistan", 2, "AF"),
    ],
)
def test_actors_registry_covers_the_conflicts(
    registry: ActorRegistry, name: str, inter: int, country: str
) -> None:
    actor = registry.get(name)
    assert actor is not None
    assert (actor.inter, actor.country) == (inter, country)


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        (
            "Malian soldiers and Wagner mercenaries",
            None,
            [("Malian soldiers", "Malian Armed Forces"), ("Wagner mercenaries", "Wagner Group")],
        ),
        ("a Malian soldier was hurt", None, [("Malian soldier", "Malian Armed Forces")]),
        ("Mali’s army", None, [("Mali’s army", "Malian Armed Forces")]),
        ("the FAMa", None, [("FAMa", "Malian Armed Forces")]),
        ("The CSP-PSD said", None, [("CSP-PSD", "CSP-PSD")]),
        ("an al-Qaida-linked group", None, [("al-Qaida", "al-Qaeda")]),
        ("Pakistani Taliban fighters", None, [("Pakistani Taliban", "Tehrik-i-Taliban Pakistan")]),
        ("Hezb-E Islami Gulbuddin leader", None, [("Hezb-E Islami Gulbuddin", "Hezb-e-Islami Gulbuddin")]),
        (
            "Semyon Pegov, known as War Gonzo",
            None,
            [("Semyon Pegov", "Russian military bloggers"), ("War Gonzo", "Russian military bloggers")],
        ),
        ("Africa Corps", None, [("Africa Corps", "Wagner Group")]),
        ("the Burkinabè army", None, [("Burkinabè army", "Burkina Faso Armed Forces")]),
        # "M23 rebel" loses to the longer "rebel group"; the group's own name is still found
        ("The M23 rebel group said", "CD", [("M23", "M23"), ("rebel group", "Unidentified Armed Group")]),
        ("16 security personnel were killed", "SY", [("security personnel", "Syrian Armed Forces")]),
        # at home, a country's police are every bare police noun, not only those its context lists
        ("Police spokesman Ali Noor said", "SO", [("Police spokesman", "Somali Police Force")]),
        (
            "Egyptian military forces struck a camp",
            None,
            [("Egyptian military forces", "Egyptian Armed Forces")],
        ),
        ("the Koglweogo raided a village", None, [("Koglweogo", "Koglweogo")]),
        ("Imbonerakure attacked a party office", None, [("Imbonerakure", "Imbonerakure")]),
        (
            "military police officers shot two men",
            "BR",
            [("military police officers", "Military Police of Brazil")],
        ),
    ],
)
def test_actors_find_all_aliases(
    registry: ActorRegistry, text: str, country: str | None, expected: list
) -> None:
    assert _found(registry, text, country) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("rebels attacked", "ML", "CSP-PSD"),
        ("rebels attacked", "YE", "Houthis"),
        ("rebels attacked", None, "Unidentified Armed Group"),
        ("Tuareg rebels attacked", "ML", "CSP-PSD"),
        ("government troops", "ML", "Malian Armed Forces"),
        ("government troops", "SD", "Sudanese Armed Forces"),
        ("an al Qaeda-linked group", "ML", "JNIM"),
        ("an al Qaeda-linked group", "SO", "al-Shabaab"),
        ("Russian forces", "ML", "Wagner Group"),
        ("Russian forces", "UA", "Russian Armed Forces"),
        ("subversives", "SV", "FMLN"),
        ("insurgents", "AF", "Unidentified Armed Group"),
        ("paramilitaries", "SD", "Rapid Support Forces"),
        ("al-Shabaab insurgents", "MZ", "Islamic State Mozambique Province"),
    ],
)
def test_actors_context_aliases_apply_in_their_country(
    registry: ActorRegistry, text: str, country: str | None, expected: str
) -> None:
    actor = registry.lookup(text, country=country)
    assert actor is not None and actor.name == expected


@pytest.mark.parametrize(
    ("text", "country"),
    [("the CSP said", None), ("3 KIA", None), ("the AA fighters", "ML"), ("Tuareg rebels", "NE")],
)
def test_actors_context_aliases_do_not_leak(registry: ActorRegistry, text: str, country: str | None) -> None:
    names = [name for _, name in _found(registry, text, country)]
    assert "CSP-PSD" not in names and "Kachin Independence Army" not in names and "Arakan Army" not in names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Let them go", []),  # LeT (Lashkar-e-Taiba) is case-sensitive
        ("the LeT cell", [("LeT", "Lashkar-e-Taiba")]),
        ("fama and Fama", []),
    ],
)
def test_actors_acronyms_are_case_sensitive(registry: ActorRegistry, text: str, expected: list) -> None:
    assert _found(registry, text) == expected


def test_actors_all_caps_text(registry: ActorRegistry) -> None:
    text = "THE ATONAL BATTALION REPORTED THAT ONE EXTREMIST WAS KILLED BY THE FAMA AND FMLN TERRORISTS"
    assert is_all_caps(text)
    assert _found(registry, text, "SV") == [
        ("ATONAL BATTALION", "Salvadoran Armed Forces"),
        ("EXTREMIST", "FMLN"),
        ("FAMA", "Malian Armed Forces"),
        ("FMLN TERRORISTS", "FMLN"),
    ]


def test_actors_matches_do_not_overlap_and_prefer_the_longest(registry: ActorRegistry) -> None:
    matches = registry.find_all("the Malian army battalion supported by Wagner forces", country="ML")
    assert [a.name for _, _, a in matches] == ["Malian Armed Forces", "Wagner Group"]
    ends = [(s, e) for s, e, _ in matches]
    assert all(e1 <= s2 for (_, e1), (s2, _) in pairwise(ends))


def test_actors_aliases_do_not_span_commas(registry: ActorRegistry) -> None:
    assert _found(registry, "Malian, soldiers") == []


@pytest.mark.parametrize(
    ("phrase", "country", "expected"),
    [
        ("Malian soldiers", None, "Malian Armed Forces"),
        ("Russian Wagner mercenaries", None, "Wagner Group"),
        ("rebels", "ML", "CSP-PSD"),
        ("Malian army battalion supported by Wagner forces", "ML", "Malian Armed Forces"),
        ("Malian authorities", None, "Government of Mali"),
        ("the Baza Telegram channel", None, "Russian military bloggers"),
        ("reporters", None, None),
    ],
)
def test_actors_lookup(
    registry: ActorRegistry, phrase: str, country: str | None, expected: str | None
) -> None:
    actor = registry.lookup(phrase, country=country)
    assert (actor.name if actor else None) == expected


def test_actors_get_is_case_insensitive(registry: ActorRegistry) -> None:
    assert registry.get("wagner group") == registry.get("Wagner Group")
    assert registry.get("no such actor") is None


def test_actors_own_forces_of_a_government(registry: ActorRegistry) -> None:
    government = registry.get("Government of Mali")
    assert government is not None
    assert registry.own_forces(government).name == "Malian Armed Forces"
    wagner = registry.get("Wagner Group")
    assert wagner is not None and registry.own_forces(wagner) == wagner


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Mali's army said rebels attacked near Kidal; the Malian government and Russia ...", "ML"),
        ("SAN SALVADOR, 3 JAN 90 -- THE SALVADORAN ARMY REPORTED", "SV"),
        ("Talks in Geneva.", None),
    ],
)
def test_actors_guess_country(registry: ActorRegistry, text: str, country: str | None) -> None:
    assert registry.guess_country(text) == country


@pytest.mark.parametrize(
    ("alias", "acronym"),
    [
        ("FAMa", True),
        ("CSP-PSD", True),
        ("M23", True),
        ("LeT", True),
        ("Al-Shabaab", False),
        ("rebels", False),
    ],
)
def test_actors_is_acronym(alias: str, acronym: bool) -> None:
    assert is_acronym(alias) is acronym


def test_actors_bad_registry_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "actors.json"
    path.write_text(json.dumps({"actors": [{"name": "X", "kind": "dragons"}]}), encoding="utf-8")
    with pytest.raises(ConfigError, match="E061"):
        ActorRegistry.load(path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="E060"):
        ActorRegistry.load(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an agency's tag after a wire dateline, or a parenthesised agency name, is no actor
        ("LIMA, 9 MAR 90 (AFP) -- [TEXT] THE ARMY SAID TODAY", ["Peruvian Armed Forces"]),
        ("QUITO, 2 APR 90 (RADIO VENCEREMOS) -- [TEXT] A BOMB EXPLODED", []),
        ("A bomb exploded near Davao (AFP).", []),
        ("Cotabato (ACAN-EFE) - the NPA ambushed a convoy", ["New People's Army"]),
        # the same acronym outside parentheses still names the army
        ("The AFP said a bomb exploded.", ["Armed Forces of the Philippines"]),
    ],
)
def test_actors_news_agency_tags_are_never_actors(registry: ActorRegistry, text: str, expected: list) -> None:
    # The dateline's source is found from the span ingest found, as extraction reads it.
    quiet = dateline_tags(with_dateline_span(Article(id="a", text=text)))
    country = registry.guess_country(text)
    assert [m[2].name for m in registry.find_all(text, country=country, quiet=quiet)] == expected


def test_actors_dateline_tags_are_spans_of_the_given_text() -> None:
    text = "SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) -- [TEXT] THE FMLN ATTACKED"
    article = with_dateline_span(Article(id="a", text=text))
    ((start, end),) = dateline_tags(article)
    assert text[start:end] == "RADIO VENCEREMOS"
    sentence = text[14:60]  # a piece of the text starting at offset 14
    ((start, end),) = dateline_tags(article, 14, sentence)
    assert sentence[start:end] == "RADIO VENCEREMOS"
    assert dateline_tags(article, 0, "another text (RADIO VENCEREMOS)") == []  # not the article's
    assert dateline_tags(Article(id="b", text="A bomb (AFP) exploded.")) == []  # no dateline


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("GUERRILLAS OF THE ARMY OF NATIONAL LIBERATION KIDNAPPED TWO ENGINEERS", "CO", "ELN"),
        ("an attack blamed on the National Liberation Army near the border", "VE", "ELN"),
        (
            "a communique signed by the Zarate Willka Armed Forces of Liberation",
            "BO",
            "Zarate Willka Armed Forces of Liberation",
        ),
        ("leaflets of the Lautaro Youth Front were left at the bank", "CL", "Lautaro Youth Movement"),
        ("a member of the Basque Fatherland and Liberty group", None, "ETA"),
        ("the Movement of National Restoration claimed the killings", "CO", "MORENA (Colombia)"),
        ("the Nationalist Republican Alliance won the vote", "SV", "ARENA"),
    ],
)
def test_actors_cold_war_latin_american_groups(
    registry: ActorRegistry, text: str, country: str | None, name: str
) -> None:
    actor = registry.lookup(text, country=country)
    assert actor is not None and actor.name == name


def test_actors_international_organisations_are_their_own_voices(registry: ActorRegistry) -> None:
    # the WHO and the UN count the dead separately: two voices, both no party to the fighting
    found = registry.find_all("The WHO and the UN and the ICRC and MSF gave figures.")
    assert [(a.name, a.kind) for _s, _e, a in found] == [
        ("World Health Organization", "international"),
        ("United Nations", "international"),
        ("International Committee of the Red Cross", "international"),
        ("Médecins Sans Frontières", "international"),
    ]
