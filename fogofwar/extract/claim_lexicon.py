"""The claims vocabulary (``resources/lexicon_claims.json``), loaded once: outcome words,
reporting verbs and stances, counting words, running tolls, cumulative counts, phrasal triggers.

Every claim rule reads its words from here (:func:`claim_lexicon`), never from a list of its own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from fogofwar.regex import alternation
from fogofwar.resources import load_json

_RESOURCE = "lexicon_claims.json"


# (outcome, preposition, nouns, syntactic class, state): "taken into custody" -> captured
PhrasalTrigger = tuple[str, str, frozenset[str], str, bool]


@dataclass(frozen=True)
class TollWords:
    """The words of a running toll ("the death toll rose to 45"; resource ``tolls``)."""

    nouns: frozenset[str] = frozenset()
    modifiers: Mapping[str, str] = field(default_factory=dict)  # "death" toll -> killed
    count_nouns: Mapping[str, str] = field(default_factory=dict)  # "number of dead" -> killed
    figure_prepositions: frozenset[str] = frozenset()
    # verbs whose subject states a toll it takes as object ("the families put the toll at 400")
    setting_verbs: frozenset[str] = frozenset()
    # verbs by which a dataset's coder states the count it recorded ("fatalities coded as 10")
    coding_verbs: frozenset[str] = frozenset()
    coding_prepositions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CumulativeWords:
    """The words of a count over many incidents ("have killed thousands"; resource ``cumulative``)."""

    perfect_auxiliaries: frozenset[str] = frozenset()
    magnitudes: frozenset[str] = frozenset()
    span_prepositions: frozenset[str] = frozenset()
    span_nouns: frozenset[str] = frozenset()
    # A count of at least this many in the perfect sums many incidents (0: no such rule).
    tally_figure: int = 0
    # Plural incidents that have killed a vague magnitude ("attacks that have killed dozens").
    incident_nouns: frozenset[str] = frozenset()
    incident_magnitudes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ClaimLexicon:
    """The vocabulary of claims and attribution (see the resource's ``about``)."""

    triggers: dict[str, tuple[str, frozenset[str]]]  # word -> (outcome, syntactic classes)
    own_loss_verbs: frozenset[str]
    life_verbs: frozenset[str]
    life_nouns: frozenset[str]
    noun_requires_of: frozenset[str]
    self_counted_nouns: frozenset[str]
    own_side_nouns: frozenset[str]
    collective_nouns: frozenset[str]
    copulas: frozenset[str]
    container_nouns: frozenset[str]
    linear_aux: frozenset[str]
    linear_stop: frozenset[str]
    irrealis: frozenset[str]
    irrealis_modals: frozenset[str]
    harm_verbs: frozenset[str]
    fatal_modifiers: frozenset[str]
    police_words: frozenset[str]
    zero_words: frozenset[str]
    zero_determiners: frozenset[str]
    zero_casualties_outcome: str
    suffer_verbs: frozenset[str]
    admission_verbs: frozenset[str]
    inflict_verbs: frozenset[str]
    victim_prepositions: frozenset[str]
    vague_intensity: frozenset[str]
    person_nouns: frozenset[str]
    anaphoric_nouns: frozenset[str]
    claimant_anaphors: frozenset[str]
    # "the group", "the alliance": a report's way to name its armed group again
    group_anaphors: frozenset[str]
    # "the wounded": people named by what befell them, a pool a later count is taken from
    pool_nouns: frozenset[str]
    pronouns: frozenset[str]
    single_person_pronouns: frozenset[str]
    possessive_pronouns: frozenset[str]
    singular_determiners: frozenset[str]
    stances: dict[str, str]  # verb form -> stance
    non_reporting_objects: dict[str, frozenset[str]]
    report_nouns: frozenset[str]
    according_to: tuple[str, ...]
    stance_rank: dict[str, int]
    weekdays: tuple[str, ...]
    months: dict[str, int]
    relative_days: dict[str, int]
    date_pattern: re.Pattern[str]
    joinable_kinds: frozenset[str] = frozenset()
    unnamed_armed_group: str = ""
    additive_words: frozenset[str] = frozenset()
    additive_adverbs: frozenset[str] = frozenset()
    accompaniment: frozenset[str] = frozenset()
    tally_prepositions: frozenset[str] = frozenset()
    reflexive_pronouns: frozenset[str] = frozenset()
    degree_adverbs: frozenset[str] = frozenset()
    non_person_entities: frozenset[str] = frozenset()
    # verb form -> [(outcome, preposition, nouns, syntactic class, state)]: "taken into custody"
    # is a capture; "are in custody" a state (see the resource's about)
    phrasal_triggers: dict[str, list[PhrasalTrigger]] = field(default_factory=dict)
    # verb -> (particle, outcome, syntactic class): "passed away" -> died
    particle_triggers: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    phrasal_objects: dict[str, frozenset[str]] = field(default_factory=dict)  # verb -> objects it needs
    kin_nouns: frozenset[str] = frozenset()
    period_nouns: frozenset[str] = frozenset()
    period_determiners: frozenset[str] = frozenset()
    long_ago_units: frozenset[str] = frozenset()
    tolls: TollWords = field(default_factory=lambda: TollWords())
    cumulative: CumulativeWords = field(default_factory=lambda: CumulativeWords())

    def stance_of(self, word: str) -> str | None:
        """The stance a reporting verb form expresses, or None."""
        return self.stances.get(word.lower())


def _date_pattern(data: dict[str, Any]) -> re.Pattern[str]:
    months = alternation(data["months"], escape=False)
    weekdays = "|".join(data["weekdays"])
    relative = alternation(data["relative_days"], escape=False, flexible_spaces=True)
    return re.compile(
        rf"\b(?:(?P<wd>{weekdays})"
        rf"|(?P<mon>{months})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?"
        rf"|(?P<day2>\d{{1,2}})\s+(?P<mon2>{months})\b\.?(?:,?\s+(?P<year2>\d{{4}}))?"
        rf"|(?P<rel>{relative}))\b",
        re.IGNORECASE,
    )


@functools.cache
def claim_lexicon() -> ClaimLexicon:
    """Load ``resources/lexicon_claims.json`` once."""
    data = load_json(_RESOURCE)
    triggers: dict[str, tuple[str, set[str]]] = {}
    for outcome, classes in data["triggers"].items():
        for cls, words in classes.items():
            for word in words:
                triggers.setdefault(word, (outcome, set()))[1].add(cls)
    for word in data["own_loss_verbs"]:
        triggers.setdefault(word, ("killed", set()))[1].add("own_loss")
    # Every word-set field is the resource's list of the same name.
    word_sets = {f.name: frozenset(data[f.name]) for f in fields(ClaimLexicon) if f.type == "frozenset[str]"}
    return ClaimLexicon(
        **word_sets,
        triggers={w: (o, frozenset(c)) for w, (o, c) in triggers.items()},
        zero_casualties_outcome=data["zero_casualties_outcome"],
        stances={form: stance for stance, forms in data["reporting_verbs"].items() for form in forms},
        non_reporting_objects={k: frozenset(v) for k, v in data["non_reporting_objects"].items()},
        according_to=tuple(data["according_to"]),
        stance_rank=dict(data["stance_rank"]),
        weekdays=tuple(data["weekdays"]),
        months=dict(data["months"]),
        relative_days={" ".join(k.split()): v for k, v in data["relative_days"].items()},
        date_pattern=_date_pattern(data),
        unnamed_armed_group=data["unnamed_armed_group"],
        phrasal_triggers=_phrasal_triggers(data),
        particle_triggers={
            verb: (entry["particle"], entry["outcome"], entry.get("class", "intransitive"))
            for entry in data.get("particle_triggers", [])
            for verb in entry["verbs"]
        },
        tolls=TollWords(
            nouns=frozenset(data["tolls"]["nouns"]),
            modifiers=dict(data["tolls"]["modifiers"]),
            count_nouns=dict(data["tolls"]["count_nouns"]),
            figure_prepositions=frozenset(data["tolls"]["figure_prepositions"]),
            setting_verbs=frozenset(data["tolls"].get("setting_verbs", ())),
            coding_verbs=frozenset(data["tolls"].get("coding_verbs", ())),
            coding_prepositions=frozenset(data["tolls"].get("coding_prepositions", ())),
        ),
        cumulative=CumulativeWords(
            **{
                k: v if isinstance(v, int) else frozenset(v)
                for k, v in data["cumulative"].items()
                if k != "about"
            }
        ),
        phrasal_objects={
            verb: frozenset(entry["objects"])
            for entry in data.get("phrasal_triggers", [])
            if entry.get("objects")
            for verb in entry["verbs"]
        },
    )


def _phrasal_triggers(data: dict[str, Any]) -> dict[str, list[PhrasalTrigger]]:
    found: dict[str, list[PhrasalTrigger]] = {}
    for entry in data.get("phrasal_triggers", []):
        value = (
            entry["outcome"],
            entry["preposition"],
            frozenset(entry["nouns"]),
            entry.get("class", "transitive"),
            bool(entry.get("state", False)),
        )
        for verb in entry["verbs"]:
            found.setdefault(verb, []).append(value)
    return found


__all__ = ["ClaimLexicon", "CumulativeWords", "PhrasalTrigger", "TollWords", "claim_lexicon"]
