"""Loads the spaCy pipeline once per process and batches texts through it."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator
from typing import Any

from fogofwar.errors import ConfigError

log = logging.getLogger(__name__)

# Components the extractors never read, left out of the pipeline: the lemmatizer (reporting
# verbs and person nouns are matched by their forms) and the statistical sentence splitter
# (sentences are split by fogofwar.extract.sentences before parsing). Kept: tok2vec, tagger
# and attribute_ruler (tag_, pos_, morph), parser (dep_, heads) and ner (PERSON, NORP).
EXCLUDED_COMPONENTS = ("lemmatizer", "senter")


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
    nlp: Any, items: Iterable[tuple[str, Any]], *, batch_size: int = 64, n_process: int = 1
) -> Iterator[tuple[Any, Any]]:
    """Parse ``(text, context)`` pairs with ``nlp.pipe``; yields ``(doc, context)`` in order."""
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size, n_process=n_process)
