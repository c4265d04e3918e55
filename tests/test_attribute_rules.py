"""The attribute ruler as a table (fogofwar.attribute_rules): spaCy's annotations, token for token."""

from __future__ import annotations

import pytest

from fogofwar.attribute_rules import AttributeRules
from fogofwar.nlp import attribute_rules, load_nlp, parse
from fogofwar.settings import Settings

# Our own sentences, chosen to reach every kind of pattern: the tag map, word exceptions with
# and without a dependency test, the multi-token ones ("gon na", "let 's", "y' all"), the
# negations, whitespace tokens and ALL CAPS wire copy.
SENTENCES = [
    "Gunmen killed two guards in Kano on Monday, police said.",
    "The army said it had lost three soldiers, but the rebels claimed they killed 40.",
    "I ai n't gonna say it again , let 's go y' all , said the commander .",
    "We got ta leave: they 're nothin' but trouble and c'm on, it 's done.",
    "There were 12 people wounded; there is no word on the others.",
    "Did he have the money? He did, and he does not deny it.",
    "  Two  spaces\n\nand a tab\tinside  .",
    "ARMED MEN KILLED 5 PEASANTS IN THE VILLAGE OF SAN JOSE, THE ARMY REPORTED.",
    "Somebody told everyone that nothing would happen once the ceasefire began.",
    "She'd gone; you'll see that those who were there can't have known.",
    "",
]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp(Settings().spacy_model)


def _annotations(doc) -> list[tuple[str, str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.mark.slow
def test_attribute_rules_give_the_rulers_annotations(nlp) -> None:  # type: ignore[no-untyped-def]
    rules = AttributeRules(nlp.get_pipe("attribute_ruler"))
    expected = [_annotations(doc) for doc in nlp.pipe(SENTENCES, disable=["ner"])]
    got = []
    for doc in nlp.pipe(SENTENCES, disable=["ner", "attribute_ruler"]):
        rules(doc)
        got.append(_annotations(doc))
    assert got == expected
    # the table and the Matcher both had work to do
    assert rules._table and rules._matched_ids


@pytest.mark.slow
def test_parse_runs_the_rules_in_place_of_the_ruler(nlp) -> None:  # type: ignore[no-untyped-def]
    assert attribute_rules(nlp) is attribute_rules(nlp)  # built once per pipeline
    items = [(text, i) for i, text in enumerate(SENTENCES)]
    expected = [_annotations(doc) for doc in nlp.pipe(SENTENCES, disable=["ner"])]
    got = [_annotations(doc) for doc, _ in parse(nlp, items, defer=("ner",))]
    assert got == expected
