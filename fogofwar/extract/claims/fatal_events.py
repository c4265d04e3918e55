"""Deaths told by the name of the event: "a fatal shooting", "the shooting death", "a double
fatal shooting" (two), "a murder-suicide" (at least two)."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.attribution import ClaimLexicon
from fogofwar.extract.claims.exclusions import is_irrealis, is_tally
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import of_object, token_end

# The sentence filter (candidates) reads these words too.
FATAL_EVENT_NOUNS = frozenset({"shooting", "stabbing"})
FATAL_ADJECTIVES = frozenset({"fatal", "deadly"})
_MULTIPLIERS = {"double": 2, "triple": 3, "quadruple": 4}


def fatal_event_statements(
    doc: Any, found: list[CasualtyStatement], lex: ClaimLexicon
) -> list[CasualtyStatement]:
    """One death told by the name of the event: "a fatal shooting", "the shooting death" ("a
    double fatal shooting": two; "a murder-suicide": at least two). Definite ones ("the fatal
    shooting") point back at a death the article may already have counted; a sentence that
    already counts a death adds nothing."""
    if any(st.outcome == "killed" for st in found):
        return []
    statements = []
    for token in doc:
        lower = token.lower_
        children = list(token.children)
        if lower in FATAL_EVENT_NOUNS and token.pos_ == "NOUN":
            fatal = [c for c in children if c.dep_ == "amod" and c.lower_ in FATAL_ADJECTIVES]
            if not fatal or any(
                doc.text[max(0, c.idx - 4) : c.idx].lower() in ("non-", "non ") for c in fatal
            ):
                continue  # "a non-fatal shooting"
        elif lower == "suicide":
            # "a murder-suicide": at least the one killed and the killer
            if not any(c.dep_ == "compound" and c.lower_ in ("murder", "homicide") for c in children):
                continue
        elif lower == "death":
            if not any(c.dep_ in ("compound", "amod") and c.lower_ in FATAL_EVENT_NOUNS for c in children):
                continue
            if of_object(token) is not None or any(c.dep_ in ("nummod", "poss") for c in children):
                continue
        else:
            continue
        if is_irrealis(token, lex) or is_tally(token, lex):
            continue
        figure = next((_MULTIPLIERS[c.lower_] for c in children if c.lower_ in _MULTIPLIERS), 1)
        murder_suicide = lower == "suicide"
        if murder_suicide:
            figure = max(figure, 2)
        determiners = {c.lower_ for c in children if c.dep_ == "det"}
        start = min(
            [c.idx for c in children if c.i < token.i and c.dep_ in ("det", "amod", "compound")] + [token.idx]
        )
        statements.append(
            CasualtyStatement(
                token,
                "killed",
                token,
                None,
                "self",
                figure,
                figure,
                None if murder_suicide else figure,
                "at_least" if murder_suicide else "exact",
                start=start,
                end=token_end(token),
                definite=bool(determiners & {"the", "this", "that"})
                or any(c.dep_ == "poss" for c in children),
            )
        )
    return statements
