"""The extract stage as the ledger relies on it: unique ids, no crash on one article (texts
written for these tests)."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import date
from typing import Any

import pytest

from fogofwar.extract import Extractor
from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.attribution import claim_lexicon, resolve_date
from fogofwar.extract.claims import extract_claims
from fogofwar.extract.dates import resolve_dates
from fogofwar.extract.numbers import is_plausible, number_lexicon, parse_number
from fogofwar.extract.sentences import split_sentences
from fogofwar.link.cluster import report_window
from fogofwar.link.redate import resolution_base
from fogofwar.link.similarity import date_range, shift_days, weeks
from fogofwar.model import Article, Extraction, article_id
from fogofwar.settings import Settings


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    pytest.importorskip("spacy")
    return Extractor(Settings())


def _article(text: str, *, published: date | None = date(2019, 5, 4), title: str | None = None) -> Article:
    return Article(id=article_id(text), text=text, title=title, source="testwire", published=published)


def _extract(extractor: Extractor, *texts: str, **kwargs: Any) -> list[Extraction]:
    return list(extractor.extract([_article(t, **kwargs) for t in texts]))


@pytest.mark.slow
def test_extract_dash_glued_count_is_one_claim(extractor: Extractor) -> None:
    # A list item whose dash is glued to its count ("-Three"): the count starts inside the token,
    # and the linear pass used to read it a second time (the same id twice, UNIQUE failed).
    (extraction,) = _extract(
        extractor, "Police listed the toll.\n-Three additional officers were injured in the struggle.\n"
    )
    claims = [(c.evidence.text, c.outcome, c.figure) for c in extraction.claims]
    assert claims == [("Three additional officers were injured", "injured", 3)]


VARIED = [
    "Police listed the toll.\n-Three additional officers were injured in the struggle.\n-Two more were shot.",
    "Mali's army said on Monday that three of its troops were killed and nine were wounded near Gao.",
    "A gunman shot two people dead on Tuesday in Dayton, police said. A third victim died later. "
    "Police said two people were killed and two people were killed.",
    "FOUR PEOPLE KILLED, FIVE INJURED IN BOMBING OF BUS IN LIMA, POLICE SAID.",
    "At least 12 civilians were killed and 30 wounded when shells hit a market, the ministry said. "
    "Rebels said 40 soldiers had died. The army denied that and said it lost 4 soldiers.",
    "A man shot his son before killing himself, police said. The shooting was the third this year.",
    "",
    "Nothing happened here today.",
    "- - - 3 - 3 3 killed killed - killed 3 3 dead dead",
]


@pytest.mark.slow
def test_extract_ids_are_unique(extractor: Extractor) -> None:
    extractions = _extract(extractor, *VARIED, title="Three killed, two hurt in shooting")
    claim_ids = Counter(c.id for e in extractions for c in e.claims)
    mention_ids = Counter(m.id for e in extractions for m in e.mentions)
    assert sum(claim_ids.values()) > 5 and sum(mention_ids.values()) > 3
    assert [i for i, n in claim_ids.items() if n > 1] == []
    assert [i for i, n in mention_ids.items() if n > 1] == []


# A parse that hangs an apposition on the verb as a second direct object (as en_core_web_sm
# does for this shape of sentence): word, head, dep, tag, pos.
APPOSITION = [
    ("Deputies", 1, "nsubj", "NNS", "NOUN"),
    ("took", 1, "ROOT", "VBD", "VERB"),
    ("two", 4, "nummod", "CD", "NUM"),
    ("other", 4, "amod", "JJ", "ADJ"),
    ("people", 1, "dobj", "NNS", "NOUN"),
    ("inside", 1, "prep", "IN", "ADP"),
    ("the", 7, "det", "DT", "DET"),
    ("van", 5, "pobj", "NN", "NOUN"),
    (",", 1, "punct", ",", "PUNCT"),
    ("a", 10, "det", "DT", "DET"),
    ("male", 1, "dobj", "NN", "NOUN"),
    ("and", 10, "cc", "CC", "CCONJ"),
    ("female", 10, "conj", "NN", "NOUN"),
    (",", 1, "punct", ",", "PUNCT"),
    ("into", 1, "prep", "IN", "ADP"),
    ("custody", 14, "pobj", "NN", "NOUN"),
    (".", 1, "punct", ".", "PUNCT"),
]


def test_extract_apposition_parsed_as_second_object_is_one_claim(registry: ActorRegistry) -> None:
    # The apposition restates the two people; read as a second object it gave a second claim
    # with the same evidence, victims and outcome: the same id twice.
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import Doc

    words = [row[0] for row in APPOSITION]
    spaces = [i + 1 < len(words) and words[i + 1] not in (",", ".") for i in range(len(words))]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        spaces=spaces,
        heads=[row[1] for row in APPOSITION],
        deps=[row[2] for row in APPOSITION],
        tags=[row[3] for row in APPOSITION],
        pos=[row[4] for row in APPOSITION],
    )
    article = _article(doc.text)
    sentences = split_sentences(article.text)
    sentences[0].doc = doc
    claims = extract_claims(article, sentences, registry=registry)
    assert [(c.evidence.text, c.outcome, c.figure) for c in claims] == [
        ("took two other people inside the van, a male and female, into custody", "captured", 2)
    ]


# -- dates at the ends of the calendar --------------------------------------------------------

EXPRESSIONS = [
    "on Sunday",
    "last Monday",
    "next Monday",
    "yesterday",
    "tomorrow",
    "five days ago",
    "three weeks ago",
    "two months ago",
    "3 years ago",
    "last week",
    "this week",
    "next week",
    "last weekend",
    "next weekend",
    "the past year",
    "last month",
    "next month",
    "last year",
    "next year",
    "Monday to Friday",
    "in May",
    "early May",
]


@pytest.mark.parametrize("reference", [date.min, date(1, 1, 7), date(9999, 12, 28), date.max])
@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_extract_dates_out_of_calendar_give_no_date(expression: str, reference: date) -> None:
    for mention in resolve_dates(f"It happened {expression}.", reference):
        assert date.min <= mention.date_start <= mention.date_end <= date.max


def test_extract_dates_monday_in_year_one() -> None:
    (mention,) = resolve_dates("They attacked on Monday.", date(1, 1, 1))  # 0001-01-01 is a Monday
    assert mention.date_start == date(1, 1, 1)
    assert resolve_dates("They attacked on Sunday.", date(1, 1, 1)) == []
    assert resolve_dates("They will attack tomorrow.", date.max) == []


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("on Sunday", date.min, None),
        ("yesterday", date.min, None),
        ("on January 5", date.min, date(1, 1, 5)),
        ("on December 30", date(1, 1, 2), date(1, 12, 30)),  # no year 0 to move it back to
    ],
)
def test_extract_attribution_statement_dates_never_overflow(
    text: str, reference: date, expected: date | None
) -> None:
    lex = claim_lexicon()
    match = lex.date_pattern.search(f"police said {text}")
    assert match is not None
    assert resolve_date(match, (reference, reference), lex) == expected


def test_link_dates_held_at_the_calendar_ends() -> None:
    assert shift_days(date.max, 7) == date.max
    assert shift_days(date.min, -60) == date.min
    assert shift_days(date(2024, 2, 28), 2) == date(2024, 3, 1)
    far = date_range(date(9999, 12, 31), None, 4)
    assert far is not None and len(weeks(far, pad_days=30)) >= 1
    early = date_range(date.min, None, 2)
    assert early is not None and early.start == date.min
    assert report_window(date.min, date.min, 60).start == date.min
    assert resolution_base(date.max) == date.max


# -- implausible figures ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10^100", 10**100),
        ("2^10", 1024),
        ("10^99999999999", 10**100),
        ("9" * 5000, 10**100),  # int() of more than 4,300 digits raises; read as 10 ** max_digits
        ("nine quintillion", 9 * 10**18),
        ("a trillion", 10**12),
        ("1.5 million", 1_500_000),
    ],
)
def test_extract_numbers_huge_values_are_read_bounded(text: str, value: int) -> None:
    assert parse_number(text) == value


def test_extract_numbers_ceiling_is_data() -> None:
    ceiling = number_lexicon().plausible_ceiling
    assert ceiling == 100_000_000
    assert is_plausible(None) and is_plausible(ceiling) and not is_plausible(ceiling + 1)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "In Gao, 99999999999999999999999999999 people were killed by gunmen on Tuesday, police said.",
        "Rebels said 10^100 soldiers were killed in the fighting.",
        "Rebels said nine quintillion soldiers were killed in the fighting.",
        "The army said a trillion dead in the war.",
        "Between 5 and 999999999999999 people were killed in the blast, officials said.",
    ],
)
def test_extract_implausible_figure_is_rejected(
    extractor: Extractor, text: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="fogofwar.extract.claims"):
        (extraction,) = _extract(extractor, text)
    assert extraction.claims == ()
    assert "implausible figure rejected" in caplog.text


@pytest.mark.slow
def test_extract_figure_at_the_ceiling_is_kept(extractor: Extractor) -> None:
    (extraction,) = _extract(extractor, "Officials said 100 million people were displaced by the war.")
    assert [c.figure for c in extraction.claims] == [100_000_000]


# -- one article's failure is that article's --------------------------------------------------

BATCH = [
    "Gunmen killed four villagers near Gao on Monday, the army said.",
    "A bomb wounded six people at a market in Mopti on Tuesday, police said. POISON",
    "Soldiers detained three suspects in Sevare on Wednesday, officials said.",
]


def _raise_on_poison(real: Any) -> Any:
    def step(article: Article, *args: Any, **kwargs: Any) -> Any:
        if "POISON" in article.text:
            raise ValueError("a step\nthat broke")
        return real(article, *args, **kwargs)

    return step


@pytest.mark.slow
@pytest.mark.parametrize("step", ["extract_claims", "split_sentences"])
def test_extract_failing_article_is_rejected_alone(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, step: str
) -> None:
    import fogofwar.extract as extract

    real = getattr(extract, step)
    if step == "split_sentences":
        monkeypatch.setattr(
            extract, step, lambda text, **kw: real(text, **kw) if "POISON" not in text else 1 / 0
        )
    else:
        monkeypatch.setattr(extract, step, _raise_on_poison(real))
    articles = [_article(t) for t in BATCH]
    with caplog.at_level(logging.WARNING, logger="fogofwar.extract"):
        extractions = list(extractor.extract(articles))
    assert [e.article_id for e in extractions] == [a.id for a in articles]
    failed = extractions[1]
    expected = (
        "ValueError: a step that broke" if step == "extract_claims" else "ZeroDivisionError: division by zero"
    )
    assert (failed.failure, failed.mentions, failed.claims) == (expected, (), ())
    assert all(e.failure is None and e.claims for e in (extractions[0], extractions[2]))
    assert f"article {articles[1].id} rejected" in caplog.text
    assert Extraction.from_dict(failed.to_dict()) == failed


@pytest.mark.slow
def test_extract_failing_article_is_rejected_alone_in_workers(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fogofwar.extract as extract

    monkeypatch.setattr(extract, "extract_claims", _raise_on_poison(extract.extract_claims))
    articles = [_article(t) for t in BATCH]
    extractions = list(Extractor(Settings(n_process=2, batch_size=1, pool_min_articles=0)).extract(articles))
    assert [e.article_id for e in extractions] == [a.id for a in articles]
    assert [e.failure for e in extractions] == [None, "ValueError: a step that broke", None]


def _chunk_failing_on_poison(settings: Settings, articles: list[Article]) -> list[Extraction]:
    if any("POISON" in a.text for a in articles):
        raise MemoryError("worker ran out")
    return [Extraction(article_id=a.id) for a in articles]


@pytest.mark.slow
def test_extract_chunk_failing_in_a_worker_rejects_its_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    import fogofwar.extract as extract

    monkeypatch.setattr(extract, "extract_chunk", _chunk_failing_on_poison)
    articles = [_article(t) for t in BATCH]
    extractions = list(Extractor(Settings(n_process=2, batch_size=1, pool_min_articles=0)).extract(articles))
    assert [e.failure for e in extractions] == [None, "MemoryError: worker ran out", None]


# -- bounded work per article -----------------------------------------------------------------

FIGURES = " ".join(
    f"In the village of {place} {n} people were killed on Monday, police said."
    for place, n in [("Kona", 3), ("Boni", 4), ("Douna", 5), ("Tessit", 6)]
)


@pytest.mark.slow
def test_extract_parsed_sentences_are_capped(caplog: pytest.LogCaptureFixture) -> None:
    pytest.importorskip("spacy")
    capped = Extractor(Settings(max_parsed_sentences=2))
    with caplog.at_level(logging.WARNING, logger="fogofwar.extract"):
        (extraction,) = list(capped.extract([_article(FIGURES)]))
    assert [c.figure for c in extraction.claims] == [3, 4]
    assert len(extraction.mentions) == 2  # the text after the last parsed sentence is not read
    assert "4 sentences to parse, only the first 2 are" in caplog.text


class _Clock:
    """A fake time.monotonic: one second passes at each reading."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


@pytest.mark.slow
def test_extract_time_budget_stops_further_sentences(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import fogofwar.extract as extract
    import fogofwar.extract.claims.build as claims
    import fogofwar.extract.events as events

    clock = _Clock()
    for module in (extract, claims, events):
        monkeypatch.setattr(module, "time", clock)
    # deadline at 1 + 3.5; mentions read sentences 0-2 (clock 2, 3, 4), stop at 5; claims stop at once
    budgeted = Extractor(Settings(article_time_budget_s=3.5))
    budgeted.__dict__.update(nlp=extractor.nlp, registry=extractor.registry, gazetteer=extractor.gazetteer)
    with caplog.at_level(logging.WARNING, logger="fogofwar.extract"):
        (extraction,) = list(budgeted.extract([_article(FIGURES)]))
    assert extraction.failure is None
    assert len(extraction.mentions) == 3 and extraction.claims == ()
    assert "time budget spent, mentions after sentence 3 not read" in caplog.text
    assert "time budget spent, claims after sentence 0 not read" in caplog.text


@pytest.mark.slow
def test_extract_time_budget_starts_after_loading(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A cold gazetteer index takes ~10 s to build; loaded inside the budget it spent the first
    # article's, and that article lost its mentions and claims. A fake loader taking 1000 s.
    import fogofwar.extract as extract
    import fogofwar.extract.claims.build as claims
    import fogofwar.extract.events as events

    gazetteer = extractor.gazetteer
    clock = _Clock()
    for module in (extract, claims, events):
        monkeypatch.setattr(module, "time", clock)

    def slow_load(**_: object) -> object:
        clock.now += 1000.0
        return gazetteer

    monkeypatch.setattr(extract.Gazetteer, "load", slow_load)
    budgeted = Extractor(Settings(article_time_budget_s=30.0))
    budgeted.__dict__.update(nlp=extractor.nlp, registry=extractor.registry)
    with caplog.at_level(logging.WARNING, logger="fogofwar.extract"):
        (extraction,) = list(budgeted.extract([_article(FIGURES)]))
    assert clock.now > 1000.0  # the loader ran, inside this extraction
    assert extraction.failure is None
    assert len(extraction.mentions) == 4 and [c.figure for c in extraction.claims] == [3, 4, 5, 6]
    assert "time budget spent" not in caplog.text
