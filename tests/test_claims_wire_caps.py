"""Claims of issue 19 in ALL CAPS wire copy: a named person killed when the parser takes the
participle after "WAS" for a noun, a death owned by a person's full name, a civilian's title
before a name, a name a relative clause kills, a murder rejected (no denial), wrapped lines
parsed as one line, and a count between two outcome verbs. Example sentences are our own,
with invented names.
"""

from __future__ import annotations

from typing import Any

import pytest

from fogofwar.extract import unwrapped
from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.claims import extract_claims, is_claim_candidate
from fogofwar.extract.sentences import split_sentences
from fogofwar.ingest.text import article_from_text
from fogofwar.model import Claim


def _claims(text: str, nlp: Any, registry: ActorRegistry) -> list[Claim]:
    article = article_from_text(text, origin="test", published=None)
    sentences = split_sentences(article.text)
    chosen = [s for s in sentences if is_claim_candidate(s.text)]
    for sentence, doc in zip(chosen, nlp.pipe([unwrapped(s.text) for s in chosen]), strict=True):
        sentence.doc = doc
    return extract_claims(article, sentences, registry=registry)


def _killed(claims: list[Claim]) -> list[int | None]:
    return [c.figure for c in claims if c.outcome == "killed"]


@pytest.mark.parametrize(
    "text",
    [
        # "SHOT" after "WAS", parsed as a noun: its subject is still the victim
        "QUITO, 2 FEB 90 (EFE) -- [TEXT] FORMER COUNCILMAN ANDRES PALACIOS ROJAS, 51, WAS SHOT TO\n"
        "DEATH BY TWO GUNMEN ON A MOTORCYCLE TODAY.",
        # a death owned by a full name
        "QUITO, 2 FEB 90 (EFE) -- [TEXT] THE JUDGES WENT ON STRIKE AFTER MAGISTRATE ANDRES PALACIOS\n"
        "MORENO'S MURDER.",
        # a civilian's title before the name says who, not that it is a group
        "QUITO, 2 FEB 90 (EFE) -- [TEXT] JOURNALIST ANDRES PALACIOS WAS KILLED TODAY IN GUAYAQUIL.",
    ],
)
def test_a_named_person_killed_in_caps_counts_one(nlp: Any, registry: ActorRegistry, text: str) -> None:
    assert _killed(_claims(text, nlp, registry)) == [1]


def test_a_noun_after_was_names_no_victim_without_an_outcome(nlp: Any, registry: ActorRegistry) -> None:
    # "WAS THE TARGET": no outcome word, no claim
    text = "QUITO, 2 FEB 90 (EFE) -- [TEXT] THE MAYOR WAS THE TARGET OF A BOMB THAT DAMAGED HIS HOUSE."
    assert _killed(_claims(text, nlp, registry)) == []


def test_a_commanders_death_by_title_alone_is_no_new_count(nlp: Any, registry: ActorRegistry) -> None:
    # only a full name owns the death; "the commander's death" recalls a deed told elsewhere
    text = "Officials met after the commander's death to discuss the road."
    assert _killed(_claims(text, nlp, registry)) == []


def test_a_named_person_a_relative_clause_kills_in_caps(nlp: Any, registry: ActorRegistry) -> None:
    text = (
        "QUITO, 2 FEB 90 (EFE) -- [TEXT] ANDRES PALACIOS ROJAS, WHO WAS KILLED ON FRIDAY, WAS BURIED TODAY."
    )
    assert _killed(_claims(text, nlp, registry)) == [1]


def test_rejecting_a_murder_is_no_denial_of_it(nlp: Any, registry: ActorRegistry) -> None:
    text = "QUITO, 2 FEB 90 (EFE) -- [TEXT] ALL PARTIES HAVE REJECTED THE MURDER OF ANDRES PALACIOS MORENO."
    claims = [c for c in _claims(text, nlp, registry) if c.outcome == "killed"]
    assert [(c.figure, c.stance) for c in claims] == [(1, "reports")]
    # a statement rejected is still denied
    text = "The ministry rejected reports that 40 civilians were killed in the strike."
    assert [c.stance for c in _claims(text, nlp, registry) if c.outcome == "killed"] == ["denies"]


def test_unwrapped_keeps_offsets_and_paragraphs() -> None:
    text = "DEPUTY PABLO\nLOPEZ WAS MURDERED.\n\nTHE POLICE CAME."
    flat = unwrapped(text)
    assert len(flat) == len(text)
    assert flat == "DEPUTY PABLO LOPEZ WAS MURDERED.\n\nTHE POLICE CAME."


def test_a_count_between_two_outcome_verbs_gives_each_its_own(nlp: Any, registry: ActorRegistry) -> None:
    # "killed or wounded" shares one count; "2 killed and 30 wounded" are two
    text = (
        "QUITO, 2 FEB 90 (EFE) -- [TEXT] A BOMB WENT OFF AT THE MARKET: 2 PEOPLE WERE KILLED AND 30 WOUNDED."
    )
    rows = sorted((c.outcome, c.figure) for c in _claims(text, nlp, registry))
    assert rows == [("injured", 30), ("killed", 2)]
