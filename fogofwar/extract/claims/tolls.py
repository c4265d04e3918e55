"""Running tolls: "the death toll rose to 45", "the number of people killed has risen to 13",
"a toll of 43", "bringing the toll to 35". The toll names no victims of its own: it counts the
dead of the incident the sentence is about. Pure: no attribution."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.attribution import ClaimLexicon
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import quantity_values, token_end
from fogofwar.extract.numbers import Quantity

# Dependencies that tie a figure to the toll's verb: "reached 59", "is 13", "stood at 45".
_FIGURE_DEPS = frozenset({"dobj", "attr", "oprd", "npadvmod"})
_TOLL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})


def toll_statements(
    doc: Any, qtokens: dict[int, Quantity], covered: set[int], lex: ClaimLexicon
) -> list[CasualtyStatement]:
    """The running tolls of a parsed sentence whose figure no other statement has read."""
    found = []
    for token in doc:
        outcome, noun = _toll(token, lex)
        if outcome is None:
            continue
        figure, change = _figure(token, qtokens, lex)
        if figure is None or figure.i in covered:
            continue
        quantity = qtokens[figure.i]
        values = quantity_values(quantity)
        if change:
            values = (quantity.high, quantity.high, quantity.high, "exact")  # "rose from 32 to 35"
        verb = token.head if token.dep_ in _TOLL_DEPS and token.head.i != token.i else token
        statement = CasualtyStatement(
            verb,
            outcome,
            figure,
            noun,
            "toll",
            *values,
            start=min(token.left_edge.idx, quantity.start),
            end=max(token_end(token), quantity.end),
        )
        statement.counted = True
        found.append(statement)
        covered.update(t.i for t in doc if quantity.start <= t.idx < quantity.end)
    return found


def _toll(token: Any, lex: ClaimLexicon) -> tuple[str | None, Any | None]:
    """(outcome, victim noun) when ``token`` heads a toll phrase, else (None, None)."""
    words = lex.tolls
    if _coded(token, lex):
        return words.count_nouns[token.lower_], None
    if token.lower_ in words.nouns:
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.lower_ in words.modifiers:
                return words.modifiers[child.lower_], None
        return "killed", None
    if token.lower_ != "number":
        return None, None
    counted_nouns = [
        c for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of" for c in prep.children
    ]
    for counted in counted_nouns:
        if counted.lower_ in words.count_nouns:
            return words.count_nouns[counted.lower_], None
    # "the number of people killed", "the number of people confirmed killed" (parsed under "number")
    for holder in (*counted_nouns, token):
        for child in holder.children:
            if child.dep_ not in ("acl", "amod", "relcl"):
                continue
            for word in (child, *(c for c in child.children if c.dep_ in ("oprd", "xcomp", "acomp"))):
                entry = lex.triggers.get(word.lower_)
                if entry is not None:
                    return entry[0], counted_nouns[0] if counted_nouns else None
    return None, None


def _coded(token: Any, lex: ClaimLexicon) -> bool:
    """Whether ``token`` is a count noun a coder says was recorded ("fatalities coded as 10")."""
    words = lex.tolls
    return (
        token.lower_ in words.count_nouns
        and token.dep_ in ("nsubj", "nsubjpass")
        and token.head.lower_ in words.coding_verbs
    )


def _figure(toll: Any, qtokens: dict[int, Quantity], lex: ClaimLexicon) -> tuple[Any | None, bool]:
    """The token of the toll's (new) figure: after "to"/"at" on its verb, the verb's object or
    attribute, or the toll's own of-phrase; a figure after "from" is the old toll. The flag is
    True when the token is a "from 32 to 35" range read as one quantity (the toll is its high end)."""
    places = [toll]
    if toll.dep_ in _TOLL_DEPS and toll.head.i != toll.i:
        places.insert(0, toll.head)
    for place in places:
        for child in place.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                # "rose from 32 to 35": the new toll is after "to" (parsed under "from")
                for inner in child.subtree:
                    if inner.dep_ == "prep" and inner.lower_ in lex.tolls.figure_prepositions:
                        number = _number_in(inner, qtokens)
                        if number is not None:
                            return number, False
                numbers = [c for c in child.children if c.dep_ == "pobj" and c.i in qtokens]
                if len(numbers) > 1:
                    return numbers[-1], False  # "from 32 to 35" with both under "from"
                quantity = qtokens[numbers[0].i] if numbers else None
                if quantity is not None and quantity.high is not None:
                    return numbers[0], quantity.low is not None  # "from 32 to 35" read as one range
                continue
            if child.dep_ == "prep" and (
                child.lower_ in lex.tolls.figure_prepositions
                or (place is toll and child.lower_ == "of")
                or (place is not toll and child.lower_ in lex.tolls.coding_prepositions and _coded(toll, lex))
            ):
                number = _number_in(child, qtokens)
                if number is not None:
                    return number, False
            if place is not toll and child.dep_ in _FIGURE_DEPS and child.i != toll.i:
                number = _number_in(child, qtokens, deep=False)
                if number is not None:
                    return number, False
    return None, False


def _number_in(token: Any, qtokens: dict[int, Quantity], *, deep: bool = True) -> Any | None:
    """The first quantity token at ``token`` or (with ``deep``) its object."""
    if token.i in qtokens:
        return token
    for child in token.children:
        if child.i in qtokens and child.dep_ in ("pobj", "nummod", "quantmod"):
            return child
        if deep and child.dep_ == "pobj":
            return _number_in(child, qtokens, deep=False)
    return None
