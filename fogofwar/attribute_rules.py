"""spaCy's ``attribute_ruler``, applied from a table: the same annotations at a fraction of the cost.

The English pipeline's attribute ruler (the tag map: fine tag -> POS and morphology, plus word
exceptions) runs spaCy's Matcher with some 180 patterns over every token, about a third of the
parse of a sentence once named-entity recognition is deferred (bench/extract.py). Nearly all its
patterns test one token, on its fine tag, lower-case form, dependency label and whether it is
whitespace, so what they set on a token depends on those four values only, and a table keyed by
them answers each token with one lookup. The few patterns of more than one token ("gon na",
"let 's") or with a test the table does not read stay with a Matcher of their own.

Every match is applied as the ruler applies it: all patterns are tested on the Doc as it was
before any is applied, and the attributes of a later pattern override those of an earlier one
(``AttributeRuler.match`` sorts the matches by pattern). tests/test_attribute_rules.py checks
that the annotations are the ruler's, token for token.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# The token attributes a one-token pattern may test for the table to answer it.
_TABLE_KEYS = frozenset({"TAG", "LOWER", "DEP", "IS_SPACE"})
_TABLE_OPS = frozenset({"IN", "NOT_IN", "REGEX"})

# (tag_, lower_ or None for a form no pattern names, dep_, is_space): all a table pattern reads
_TokenKey = tuple[str, str | None, str, bool]
_MAX_FORMS = 200_000  # lower-case forms remembered by AttributeRules._form
_Attrs = Mapping[int, Any]  # the ruler's normalised attributes of one pattern


class AttributeRules:
    """Applies the patterns of a spaCy ``AttributeRuler`` to a Doc with the same result.

    ruler: the pipeline's ``attribute_ruler`` component (its patterns are read, never changed).
    """

    def __init__(self, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self._strings = ruler.vocab.strings
        self._attrs: list[_Attrs] = list(ruler.attrs)
        self._indices: list[int] = list(ruler.indices)
        # (pattern id, the token tests of each alternative) of the one-token patterns
        self._table_patterns: list[tuple[int, list[dict[str, Any]]]] = []
        self._matcher = Matcher(ruler.vocab, validate=False)
        self._matched_ids: set[int] = set()
        for pattern_id in range(len(self._attrs)):
            _, alternatives = ruler.matcher.get(str(pattern_id))
            if all(len(tokens) == 1 and _table_test(tokens[0]) for tokens in alternatives):
                self._table_patterns.append((pattern_id, [_compiled(tokens[0]) for tokens in alternatives]))
            else:
                self._matcher.add(str(pattern_id), alternatives)
                self._matched_ids.add(pattern_id)
        # a token's four values -> (ids of the one-token patterns it matches, their attributes merged)
        self._table: dict[_TokenKey, tuple[tuple[int, ...], dict[int, Any]]] = {}
        # The lower-case forms the table patterns name, and their regexes: any other form is
        # the same to every pattern, so the table keys it as one (None) and stays small.
        self._named_forms: set[str] = set()
        self._form_regexes: list[re.Pattern[str]] = []
        for _, alternatives in self._table_patterns:
            for tests in alternatives:
                lower = tests.get("LOWER")
                if isinstance(lower, str):
                    self._named_forms.add(lower)
                elif isinstance(lower, dict):
                    self._named_forms.update(lower.get("IN", ()), lower.get("NOT_IN", ()))
                    if "REGEX" in lower:
                        self._form_regexes.append(lower["REGEX"])
        self._forms: dict[str, str | None] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens._retokenize import set_token_attrs

        # Every pattern is tested before any is applied (AttributeRuler.match, then set_annotations).
        extra = self._matches(doc) if self._matched_ids else {}
        rows = [self._row((t.tag_, self._form(t.lower_), t.dep_, t.is_space)) for t in doc]
        for i, (ids, merged) in enumerate(rows):
            if i in extra:
                for pattern_id in sorted(ids + tuple(extra[i])):
                    set_token_attrs(doc[i], self._attrs[pattern_id])
            elif merged:
                set_token_attrs(doc[i], merged)
        return doc

    def _form(self, lower: str) -> str | None:
        """``lower`` where a table pattern could tell it from other forms, else None."""
        form = self._forms.get(lower, "")
        if form == "":
            if len(self._forms) >= _MAX_FORMS:
                self._forms.clear()  # a long-running process (``fogofwar watch``) meets every word
            named = lower in self._named_forms or any(r.search(lower) for r in self._form_regexes)
            form = self._forms[lower] = lower if named else None
        return form

    def _row(self, key: _TokenKey) -> tuple[tuple[int, ...], dict[int, Any]]:
        row = self._table.get(key)
        if row is None:
            ids = tuple(
                pattern_id
                for pattern_id, alternatives in self._table_patterns
                if any(_passes(tests, key) for tests in alternatives)
            )
            merged: dict[int, Any] = {}
            for pattern_id in ids:  # in pattern order: a later pattern's value wins
                merged.update(self._attrs[pattern_id])
            row = self._table[key] = (ids, merged)
        return row

    def _matches(self, doc: Any) -> dict[int, list[int]]:
        """Token index -> ids of the Matcher's patterns that set it."""
        found: dict[int, list[int]] = {}
        for match_id, start, end in self._matcher(doc, allow_missing=True, as_spans=False):
            pattern_id = int(self._strings[match_id])
            index = self._indices[pattern_id]
            position = (start if index >= 0 else end) + index
            if not start <= position < end:
                raise ValueError(f"attribute rule {pattern_id}: index {index} outside its match")
            found.setdefault(position, []).append(pattern_id)
        return found


def _table_test(token: Mapping[str, Any]) -> bool:
    """Whether the table can answer a one-token pattern: it tests only the table's keys, with
    plain values or the operators the table knows."""
    for key, value in token.items():
        if key not in _TABLE_KEYS:
            return False
        if isinstance(value, dict) and not set(value) <= _TABLE_OPS:
            return False
    return True


def _compiled(token: Mapping[str, Any]) -> dict[str, Any]:
    """A one-token pattern with its REGEX values compiled and its IN lists made sets."""
    tests: dict[str, Any] = {}
    for key, value in token.items():
        if isinstance(value, dict):
            value = {
                op: re.compile(v) if op == "REGEX" else frozenset(v) if op in ("IN", "NOT_IN") else v
                for op, v in value.items()
            }
        tests[key] = value
    return tests


_POSITION = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


def _passes(tests: Mapping[str, Any], key: Sequence[Any]) -> bool:
    """Whether a token with ``key``'s values passes every test of a one-token pattern, as spaCy's
    Matcher decides it (a REGEX searches the attribute's text)."""
    for name, expected in tests.items():
        actual = key[_POSITION[name]]
        if isinstance(expected, dict):
            if "IN" in expected and actual not in expected["IN"]:
                return False
            if "NOT_IN" in expected and actual in expected["NOT_IN"]:
                return False
            if "REGEX" in expected and (actual is None or not expected["REGEX"].search(str(actual))):
                return False
        elif actual != expected:
            return False
    return True


__all__ = ["AttributeRules"]
