"""Claims read from the headline when the body states none (texts written for these tests)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.claims import extract_claims, is_claim_candidate
from fogofwar.extract.headline import headline_claims, headline_sentence, parse_form
from fogofwar.extract.sentences import split_sentences
from fogofwar.model import Article, Claim, article_id


def _read(title: str, text: str, nlp: Any, registry: ActorRegistry) -> tuple[list[Claim], list[Claim]]:
    article = Article(
        id=article_id(text), text=text, title=title, source="testwire", published=date(2016, 5, 2)
    )
    sentences = split_sentences(text)
    chosen = [s for s in sentences if is_claim_candidate(s.text)]
    for sentence, doc in zip(chosen, nlp.pipe([s.text for s in chosen]), strict=True):
        sentence.doc = doc
    body = extract_claims(article, sentences, registry=registry)
    headline = headline_sentence(title)
    if headline is None:
        return body, []
    headline.doc = nlp(headline.text)
    found = headline_claims(article, headline, body, [], registry=registry)
    for claim in found:
        assert claim.part == "title"
        assert claim.evidence.text == title[claim.evidence.start : claim.evidence.end]
    return body, found


def _rows(claims: list[Claim]) -> list[tuple[Any, ...]]:
    return [(c.claimant, c.outcome, c.figure, c.evidence.text) for c in claims]


def test_headline_parse_form_sentence_cases_title_case_only() -> None:
    assert parse_form("Teen Shot To Death In Pacoima") == "Teen shot to death in pacoima"
    assert parse_form("Two killed in Kidal crash") == "Two killed in Kidal crash"
    assert parse_form("Dies") == "Dies"
    assert len(parse_form("Man Killed On İstiklal Street")) == len("Man Killed On İstiklal Street")


def test_headline_without_a_figure_is_not_parsed() -> None:
    assert headline_sentence("City council approves new budget") is None
    assert headline_sentence(None) is None
    assert headline_sentence("Teen killed in crash") is not None


@pytest.mark.slow
def test_headline_gives_the_toll_the_body_leaves_out(nlp: Any, registry: ActorRegistry) -> None:
    body, found = _read(
        "Teen Shot To Death In Pacoima",
        "Police are looking for the driver of a grey sedan seen near Eustace Street on Sunday.",
        nlp,
        registry,
    )
    assert body == []
    assert _rows(found) == [("testwire", "killed", 1, "Teen Shot")]


@pytest.mark.slow
def test_headline_never_repeats_what_the_body_claims(nlp: Any, registry: ActorRegistry) -> None:
    body, found = _read(
        "2 killed, 3 wounded in Eastside shooting",
        "Two men were killed on Main Street late on Friday, police said.",
        nlp,
        registry,
    )
    assert [(c.outcome, c.figure) for c in body] == [("killed", 2)]
    assert [(c.outcome, c.figure) for c in found] == [("injured", 3)]


@pytest.mark.slow
def test_headline_one_person_shot_is_the_one_who_died(nlp: Any, registry: ActorRegistry) -> None:
    _, found = _read(
        "Girl Accidentally Shot, Killed In Henderson County", "Deputies were called on Sunday.", nlp, registry
    )
    assert [(c.outcome, c.figure) for c in found] == [("killed", 1)]
    _, found = _read(
        "Child shot when handgun discharges", "A two-year-old boy died on Sunday.", nlp, registry
    )
    assert found == []


@pytest.mark.slow
def test_body_participle_with_a_by_agent_is_passive(nlp: Any, registry: ActorRegistry) -> None:
    body, _ = _read("", "A toddler fatally shot by a gunman in front of his parents.", nlp, registry)
    assert [(c.outcome, c.figure) for c in body] == [("killed", 1)]


@pytest.mark.slow
def test_headline_mention_only_when_the_body_has_none() -> None:
    from fogofwar.extract import Extractor
    from fogofwar.settings import Settings

    extractor = Extractor(Settings())
    bare = Article(
        id="bare",
        text="Do you have information? Call the newsroom.",
        title="Toddler shot dead in Fresno",
        source="testwire",
        published=date(2016, 5, 2),
    )
    full = replace(bare, id="full", text="A toddler was shot dead in Fresno on Sunday, police said.")
    by_id = {x.article_id: x for x in extractor.extract([bare, full])}
    [mention] = by_id["bare"].mentions
    assert mention.part == "title" and mention.sentence.text == bare.title
    assert mention.place is not None and mention.place.name == "Fresno"
    [claim] = by_id["bare"].claims
    assert (claim.part, claim.outcome, claim.figure, claim.mention_id) == ("title", "killed", 1, mention.id)
    assert all(m.part == "text" for m in by_id["full"].mentions)
    assert all(c.part == "text" for c in by_id["full"].claims)
