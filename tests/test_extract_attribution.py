"""Tests for fogofwar.extract.attribution: datelines, the claims lexicon, statement dates, and who
states a casualty figure (through the functions extract.claims calls). Sentences are our own;
the parsed ones use the pinned spaCy model."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.attribution import (
    ArticleContext,
    Attribution,
    actor_in,
    attribute,
    claim_lexicon,
    clause_subject,
    dateline_end,
    resolve_date,
    subject_party,
)
from fogofwar.extract.sentences import Sentence
from fogofwar.ingest import with_dateline_span
from fogofwar.model import Actor, Article, article_id

SATURDAY = date(2024, 7, 27)
OUTLET = "Example Wire"
ARMY = "Malian Armed Forces"


# -- no parse ------------------------------------------------------------------------------------


def _first_sentence_dateline_end(text: str) -> int:
    """``dateline_end`` for the first sentence of an article read from ``text`` (span set as ingest does)."""
    article = with_dateline_span(Article(id=article_id(text), text=text))
    return dateline_end(article, Sentence(start=0, end=len(text), text=text, paragraph=0, index=0))


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("BAMAKO, July 27 (Reuters) - Mali's rebels claimed they killed 47 soldiers.", "Mali's"),
        ("LIMA, 3 MAR 90 (RADIO) -- [TEXT] ALLEGED GUERRILLAS KILLED TWO POLICEMEN.", "ALLEGED"),
        ("KABUL, Afghanistan (Jan. 25, 2013) Coalition forces detained two suspects.", "Coalition"),
    ],
)
def test_attribution_dateline_end(text: str, subject: str) -> None:
    assert text[_first_sentence_dateline_end(text) :].lstrip().startswith(subject)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels said on Saturday, July 27, that 12 soldiers died.",
        "Twelve soldiers died in Kidal.",
        "",
    ],
)
def test_attribution_no_dateline(text: str) -> None:
    assert _first_sentence_dateline_end(text) == 0


def test_attribution_dateline_only_in_the_first_sentence() -> None:
    text = "BAMAKO, July 27 (Reuters) - Rebels said 12 soldiers died. Officials denied it."
    article = with_dateline_span(Article(id=article_id(text), text=text))
    second = text.index("Officials")
    sentence = Sentence(start=second, end=len(text), text=text[second:], paragraph=0, index=1)
    assert dateline_end(article, sentence) == 0


def test_attribution_lexicon_is_loaded_once() -> None:
    assert claim_lexicon() is claim_lexicon()


@pytest.mark.parametrize(
    ("verb", "stance"),
    [
        ("said", "claims"),
        ("Claimed", "claims"),
        ("confirmed", "confirms"),
        ("denied", "denies"),
        ("admitted", "admits"),
        ("reported", "reports"),
        ("indicated", "reports"),
        ("ate", None),
    ],
)
def test_attribution_stance_of_a_reporting_verb(verb: str, stance: str | None) -> None:
    assert claim_lexicon().stance_of(verb) == stance


@pytest.mark.parametrize(
    ("text", "reference", "latest", "expected"),
    [
        # a weekday: the latest such day on or before the article's latest date
        ("on Thursday", SATURDAY, SATURDAY, date(2024, 7, 25)),
        ("on Saturday", SATURDAY, SATURDAY, SATURDAY),
        ("on Friday", None, None, None),
        ("yesterday", SATURDAY, None, date(2024, 7, 26)),
        ("July 3", SATURDAY, None, date(2024, 7, 3)),
        # "Month D" more than a week after the reference: the year before
        ("July 29", date(2024, 1, 3), None, date(2023, 7, 29)),
        ("March 5, 2020", None, None, date(2020, 3, 5)),
        ("July 3", None, None, None),  # no year and no reference
        ("February 29", date(2025, 3, 1), None, None),  # no such day in 2025
    ],
)
def test_attribution_resolve_date(
    text: str, reference: date | None, latest: date | None, expected: date | None
) -> None:
    lex = claim_lexicon()
    match = lex.date_pattern.search(text)
    assert match is not None
    assert resolve_date(match, (reference, latest), lex) == expected


def _context(registry: ActorRegistry, text: str, *, country: str | None = "ML") -> ArticleContext:
    article = with_dateline_span(Article(id=article_id(text), text=text, source=OUTLET, published=SATURDAY))
    ctx = ArticleContext(registry=registry, article=article, country=country)
    ctx.matches = registry.find_all(text, country=country)  # as extract_claims sets them per sentence
    ctx.dateline_end = _first_sentence_dateline_end(text)
    return ctx


def test_attribution_actor_in_prefers_the_head(registry: ActorRegistry) -> None:
    ctx = _context(registry, "unused")
    first, second = Actor(name="First", kind="rebel_group"), Actor(name="Second", kind="militia")
    ctx.matches = [(0, 5, first), (10, 16, second)]
    assert actor_in(ctx, 0, 20) is second  # no head: the last one inside
    assert actor_in(ctx, 0, 20, head_idx=2) is first
    assert actor_in(ctx, 0, 12) is first  # the second is not wholly inside
    assert actor_in(ctx, 6, 9) is None


def test_attribution_context_outlet_and_latest_date(registry: ActorRegistry) -> None:
    ctx = _context(registry, "Twelve soldiers died.")
    assert ctx.outlet == OUTLET and ctx.latest_date == SATURDAY
    ctx.article = Article(id="a", text="x", agency="AFP", source=OUTLET, dateline_date=date(2024, 7, 29))
    assert ctx.outlet == "AFP" and ctx.latest_date == date(2024, 7, 29)
    ctx.article = Article(id="a", text="x")
    assert ctx.outlet == "unattributed" and ctx.latest_date is None


# -- parsed sentences ------------------------------------------------------------------------------


def _attribute(
    nlp: Any, registry: ActorRegistry, text: str, trigger: str, **state: Any
) -> tuple[str, str, str, date | None]:
    ctx = _context(registry, text)
    for name, value in state.items():
        setattr(ctx, name, value)
    doc = nlp(text)
    token = next(t for t in doc if t.text == trigger)
    found = attribute(token, 0, ctx)
    return found.claimant, found.stance, found.source, found.stated


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # the subject of the reporting verb, through the registry's aliases in the article's country
        (
            "The Malian army said 12 rebels were killed near Kidal.",
            "killed",
            (ARMY, "claims", "explicit", None),
        ),
        # a reporting verb after the statement, with its own date (a weekday before the publication)
        (
            "Twelve rebels were killed near Kidal, the army said on Thursday.",
            "killed",
            (ARMY, "claims", "explicit", date(2024, 7, 25)),
        ),
        (
            "According to the United Nations, 40 civilians were killed in the raid.",
            "killed",
            ("United Nations", "claims", "explicit", None),
        ),
        # no one named: the outlet's own report
        ("Forty civilians were killed in the raid.", "killed", (OUTLET, "reports", "outlet", None)),
        # a dateline is no one's subject
        (
            "BAMAKO, July 27 (Reuters) - Mali's rebels claimed they killed 47 soldiers.",
            "killed",
            ("CSP-PSD", "claims", "explicit", SATURDAY),
        ),
    ],
)
def test_attribution_claimant(
    nlp: Any, registry: ActorRegistry, text: str, trigger: str, expected: tuple[Any, ...]
) -> None:
    assert _attribute(nlp, registry, text, trigger) == expected


@pytest.mark.slow
def test_attribution_pronoun_is_the_last_named_party(nlp: Any, registry: ActorRegistry) -> None:
    wagner = registry.get("Wagner Group")
    assert wagner is not None
    text = "They denied that 30 soldiers were killed."
    assert _attribute(nlp, registry, text, "killed", last_party=wagner) == (
        "Wagner Group",
        "denies",
        "pronoun",
        None,
    )
    # with no party named before: the outlet's, with the verb's stance
    assert _attribute(nlp, registry, text, "killed")[:3] == (OUTLET, "denies", "outlet")


@pytest.mark.slow
def test_attribution_paragraph_keeps_its_claimant(nlp: Any, registry: ActorRegistry) -> None:
    army = registry.get(ARMY)
    assert army is not None
    speaker = Attribution(army.name, army.kind, "confirms", None, army, "explicit")
    found = _attribute(
        nlp, registry, "Forty civilians were killed in the raid.", "killed", paragraph_speaker={0: speaker}
    )
    assert found == (ARMY, "confirms", "paragraph", None)


@pytest.mark.slow
def test_attribution_clause_subject(nlp: Any) -> None:
    doc = nlp("No casualties were reported.")
    assert clause_subject(next(t for t in doc if t.text == "reported")) == (None, True)  # agentless passive
    doc = nlp("The army said twelve rebels died.")
    subject, passive = clause_subject(next(t for t in doc if t.text == "said"))
    assert subject is not None and subject.text == "army" and not passive
    doc = nlp("Twelve rebels were killed by the army.")
    subject, passive = clause_subject(next(t for t in doc if t.text == "killed"))
    assert subject is not None and subject.text == "army" and not passive  # the agent


@pytest.mark.slow
def test_attribution_subject_party(nlp: Any, registry: ActorRegistry) -> None:
    text = "Malian soldiers attacked a rebel base near Kidal."
    assert subject_party(nlp(text), _context(registry, text)) == registry.get(ARMY)
    text = "They attacked a rebel base near Kidal."  # a pronoun names no party
    assert subject_party(nlp(text), _context(registry, text)) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        # the voice as the article names it, beside the normalised actor
        ("Mali's defence ministry said 12 rebels were killed near Kidal.", "Mali's defence ministry"),
        ("A spokesman for the army said 12 rebels were killed near Kidal.", "spokesman for the army"),
        (
            "According to regional governor Amadou Traore, 12 people were killed.",
            "regional governor Amadou Traore",
        ),
        # a pronoun's owner keeps its own words too
        ("The United Nations said it had confirmed that 40 civilians were killed.", "United Nations"),
        # no one named: no words
        ("Forty civilians were killed in the raid.", ""),
    ],
)
def test_attribution_keeps_the_claimants_own_words(
    nlp: Any, registry: ActorRegistry, text: str, words: str
) -> None:
    doc = nlp(text)
    token = next(t for t in doc if t.text == "killed")
    assert attribute(token, 0, _context(registry, text)).words == words


@pytest.mark.slow
def test_attribution_paragraph_carries_the_speakers_words(nlp: Any, registry: ActorRegistry) -> None:
    army = registry.get(ARMY)
    assert army is not None
    speaker = Attribution(army.name, army.kind, "claims", None, army, "explicit", words="army spokesman")
    ctx = _context(registry, "Forty civilians were killed in the raid.")
    ctx.paragraph_speaker = {0: speaker}
    doc = nlp("Forty civilians were killed in the raid.")
    found = attribute(next(t for t in doc if t.text == "killed"), 0, ctx)
    assert (found.claimant, found.words, found.source) == (ARMY, "army spokesman", "paragraph")
