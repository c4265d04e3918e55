"""Loads the spaCy pipeline once per process and batches texts through it."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from fogofwar.attribute_rules import AttributeRules
from fogofwar.errors import ConfigError

log = logging.getLogger(__name__)

# Components the extractors never read, left out of the pipeline: the lemmatizer (reporting
# verbs and person nouns are matched by their forms) and the statistical sentence splitter
# (sentences are split by fogofwar.extract.sentences before parsing). Kept: tok2vec, tagger
# and attribute_ruler (tag_, pos_, morph), parser (dep_, heads) and ner (PERSON, NORP).
EXCLUDED_COMPONENTS = ("lemmatizer", "senter")

# Components left out of the batched parse and run on one Doc only when its annotation is first
# read (:func:`entity_type`). Named-entity recognition is about half of the parse, yet only the
# claim extractor reads entity types, for a few tokens of a few sentences; spaCy's ``ner`` has
# its own embedding layer and reads no other component's output, so running it later on a Doc
# gives the very entities it gives inside the pipeline (tests/test_nlp_pipeline.py).
DEFERRED_COMPONENTS = ("ner",)
_DEFERRED = "fogofwar.deferred"  # Doc.user_data key: the deferred components not yet run on it


@functools.cache
def load_nlp(model: str) -> Any:
    """Load the spaCy model ``model`` (cached per process; the pipeline is read-only after load).

    RETURNS (spacy.Language): the loaded pipeline.
    """
    import spacy  # imported here: spaCy's import alone takes ~1 s, commands that never parse skip it

    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as e:
        raise ConfigError("E040", model=model) from e
    log.debug("loaded spaCy model %s with %s", model, nlp.pipe_names)
    return nlp


def parse(
    nlp: Any,
    items: Iterable[tuple[str, Any]],
    *,
    batch_size: int = 64,
    n_process: int = 1,
    defer: Sequence[str] = (),
) -> Iterator[tuple[Any, Any]]:
    """Parse ``(text, context)`` pairs with ``nlp.pipe``; yields ``(doc, context)`` in order.

    defer: components (of :data:`DEFERRED_COMPONENTS`) left out of the batched parse; each Doc
        remembers them and runs them when it is first asked for their annotation
        (:func:`entity_type`), so annotations read the same either way.
    The attribute ruler runs as a table (:func:`attribute_rules`), with the same annotations.
    """
    deferred = [(name, nlp.get_pipe(name)) for name in defer if name in nlp.pipe_names]
    rules = attribute_rules(nlp)
    disabled = [name for name, _ in deferred] + (["attribute_ruler"] if rules is not None else [])
    docs = nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process, disable=disabled)
    for doc, context in docs:
        if rules is not None:
            rules(doc)
        if deferred:
            # set here, in this process: a Doc back from spaCy's worker processes is marked too
            doc.user_data[_DEFERRED] = [component for _, component in deferred]
        yield doc, context


@functools.cache
def attribute_rules(nlp: Any) -> AttributeRules | None:
    """The pipeline's ``attribute_ruler`` as a table (fogofwar.attribute_rules: the same
    annotations, a quarter of the cost), None when the pipeline has none."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    return AttributeRules(nlp.get_pipe("attribute_ruler"))


def entity_type(token: Any) -> str:
    """``token.ent_type_``, once any deferred component (:func:`parse`) has run on its Doc."""
    doc = token.doc
    pending = doc.user_data.pop(_DEFERRED, None)
    for component in pending or ():
        component(doc)
    return token.ent_type_
