"""Records round-trip exactly through to_dict()/from_dict()."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import assume, given
from hypothesis import strategies as st

from fogofwar.model import (
    Actor,
    ActorRole,
    Article,
    Claim,
    Event,
    Extraction,
    Mention,
    Place,
    Reconciled,
    Span,
    article_id,
    normalise_text,
)

texts = st.text(min_size=1, max_size=200)
dates = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)))
places = st.builds(
    Place,
    name=texts,
    lat=st.one_of(st.none(), st.floats(-90, 90)),
    lon=st.one_of(st.none(), st.floats(-180, 180)),
    admin1=st.one_of(st.none(), texts),
    country=st.one_of(st.none(), st.sampled_from(["ML", "SD", "UA"])),
)
actors = st.builds(Actor, name=texts, aliases=st.tuples(texts), inter=st.one_of(st.none(), st.integers(1, 8)))
spans = st.builds(Span, start=st.integers(0, 1000), end=st.integers(0, 1000), text=texts)
claims = st.builds(
    Claim,
    id=texts,
    article_id=texts,
    claimant=texts,
    victims=texts,
    outcome=st.sampled_from(["killed", "injured"]),
    evidence=spans,
    claim_date=dates,
    figure=st.one_of(st.none(), st.integers(0, 10_000)),
)
mentions = st.builds(
    Mention,
    id=texts,
    article_id=texts,
    sentence=spans,
    trigger=texts,
    event_type=texts,
    sub_event_type=texts,
    date_start=dates,
    date_end=dates,
    place=st.one_of(st.none(), places),
    actors=st.lists(st.builds(ActorRole, actor=actors), max_size=3).map(tuple),
)
events = st.builds(
    Event,
    id=texts,
    event_type=texts,
    sub_event_type=texts,
    start=dates,
    place=st.one_of(st.none(), places),
    claims=st.lists(claims, max_size=3).map(tuple),
    reconciled=st.lists(
        st.builds(Reconciled, victims=texts, outcome=texts, low=st.none(), best=st.none(), high=st.none()),
        max_size=2,
    ).map(tuple),
)


@given(st.builds(Article, id=texts, text=texts, published=dates, dateline_date=dates))
def test_model_article_round_trip(article: Article) -> None:
    assert Article.from_dict(json.loads(json.dumps(article.to_dict()))) == article


@given(claims)
def test_model_claim_round_trip(claim: Claim) -> None:
    assert Claim.from_dict(json.loads(json.dumps(claim.to_dict()))) == claim


@given(mentions)
def test_model_mention_round_trip(mention: Mention) -> None:
    assert Mention.from_dict(json.loads(json.dumps(mention.to_dict()))) == mention


@given(events)
def test_model_event_round_trip(event: Event) -> None:
    assert Event.from_dict(json.loads(json.dumps(event.to_dict()))) == event


@given(st.lists(mentions, max_size=2), st.lists(claims, max_size=2))
def test_model_extraction_round_trip(ms: list[Mention], cs: list[Claim]) -> None:
    extraction = Extraction(article_id="a", mentions=tuple(ms), claims=tuple(cs))
    assert Extraction.from_dict(json.loads(json.dumps(extraction.to_dict()))) == extraction


@given(texts)
def test_model_article_id_ignores_case_and_spacing(text: str) -> None:
    # Some letters have no case partner to come back to ("ı".upper() is "I", which folds to "i").
    assume(normalise_text(text.upper()) == normalise_text(text))
    assert article_id(text) == article_id("  " + text.upper().replace(" ", "\n  ") + "\n")
    assert len(article_id(text)) == 16
    assert normalise_text(text) == normalise_text(normalise_text(text))


def test_article_blank_dateline_keeps_offsets_and_the_text_around_it() -> None:
    text = "Shooting in Richmond leaves four hurt\nRICHMOND, Ind. (April 11, 2014) - Four men were shot."
    start = text.index("RICHMOND")
    end = text.index("Four men")
    article = Article(id="a", text=text, dateline_start=start, dateline_end=end)
    blanked = article.blank_dateline(0, len(text))
    assert len(blanked) == len(text)
    assert blanked[:start] == text[:start]  # the title line before the dateline still speaks
    assert blanked[start:end].strip() == ""
    assert blanked[end:] == text[end:]
    assert article.blank_dateline(end, len(text)) == text[end:]  # a piece after it is untouched
    assert article.in_dateline(start) and not article.in_dateline(end) and not article.in_dateline(0)
    bare = Article(id="b", text=text)
    assert bare.blank_dateline(0, 10) == text[:10] and not bare.in_dateline(start)
