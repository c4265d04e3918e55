"""The spaCy pipeline: loaded once, without the components the extractors never read."""

from __future__ import annotations

import pytest

from fogofwar.errors import ConfigError
from fogofwar.extract.claims import singular_forms
from fogofwar.nlp import DEFERRED_COMPONENTS, EXCLUDED_COMPONENTS, entity_type, load_nlp, parse
from fogofwar.settings import Settings


@pytest.mark.parametrize(
    "word,singular",
    [("bouncers", "bouncer"), ("militiamen", "militiaman"), ("deputies", "deputy"), ("witnesses", "witness")],
)
def test_nlp_singular_forms_cover_plurals(word: str, singular: str) -> None:
    assert singular in singular_forms(word)


def test_nlp_singular_forms_leave_short_and_ss_words() -> None:
    assert singular_forms("boss") == ("boss",)
    assert singular_forms("gas") == ("gas",)


@pytest.mark.slow
def test_nlp_pipeline_leaves_out_unread_components() -> None:
    nlp = load_nlp(Settings().spacy_model)
    assert load_nlp(Settings().spacy_model) is nlp  # loaded once per process
    assert not set(EXCLUDED_COMPONENTS) & set(nlp.component_names)
    assert {"tagger", "attribute_ruler", "parser", "ner"} <= set(nlp.pipe_names)
    docs = list(parse(nlp, [("Gunmen killed two guards in Kano on Monday.", 7)]))
    doc, context = docs[0]
    assert context == 7
    assert any(t.dep_ == "nsubj" for t in doc) and any(t.pos_ == "VERB" for t in doc)


def test_nlp_unknown_model_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        load_nlp("no_such_model_xx")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed John Smith and two guards in Kano on Monday, police said.",
        "The Taliban said its fighters killed 12 Afghan soldiers, a claim the ministry denied.",
        "Brian Davis, 18, was shot dead and three Syrian refugees were wounded.",
    ],
)
def test_nlp_deferred_ner_reads_the_same_entities(text: str) -> None:
    nlp = load_nlp(Settings().spacy_model)
    ((full, _),) = parse(nlp, [(text, 0)])
    ((lazy, _),) = parse(nlp, [(text, 0)], defer=DEFERRED_COMPONENTS)
    assert not lazy.has_annotation("ENT_IOB")  # not run by the batched parse
    assert [entity_type(t) for t in lazy] == [t.ent_type_ for t in full]
    assert [(e.text, e.label_) for e in lazy.ents] == [(e.text, e.label_) for e in full.ents]


@pytest.mark.slow
def test_nlp_deferred_ner_gives_the_same_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    from fogofwar.extract import Extractor
    from fogofwar.ingest.text import article_from_text

    text = (
        "KABUL, Afghanistan - Gunmen killed John Smith and two guards in Kandahar on Monday, "
        "police said. The Taliban said its fighters killed 12 Afghan soldiers. Brian Davis, 18, "
        "was shot dead and three Syrian refugees were wounded."
    )
    article = article_from_text(text, origin="t", title="Two guards killed")
    extractor = Extractor(Settings())
    lazy = list(extractor.extract([article]))
    monkeypatch.setattr("fogofwar.extract.DEFERRED_COMPONENTS", ())  # NER inside the batched parse
    full = list(extractor.extract([article]))
    assert lazy == full and lazy[0].claims
