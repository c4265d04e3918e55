"""The spaCy pipeline: loaded once, without the components the extractors never read."""

from __future__ import annotations

import pytest

from fogofwar.errors import ConfigError
from fogofwar.extract.claims import singular_forms
from fogofwar.nlp import EXCLUDED_COMPONENTS, load_nlp, parse
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
