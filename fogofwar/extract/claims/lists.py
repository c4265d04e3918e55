"""Lists of victim phrases: the phrases coordinated with a victim phrase ("84 mercenaries and 47
soldiers", "the leader along with three associates", "his daughter, his son"), and the people a
list adds to the statement before it ("a man and woman")."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.attribution import ClaimLexicon, phrase_end
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import is_plural


def coordinated(arg: Any, lex: ClaimLexicon | None = None) -> list[Any]:
    """``arg`` and the phrases coordinated after it ("84 mercenaries and 47 soldiers"), with
    those joined by "along with" / "together with" ("the leader along with three associates")."""
    found = {arg, *(c for c in arg.conjuncts if c.i > arg.i and not (lex and _has_own_outcome(c, lex)))}
    for kin in _listed_kin(arg, lex):
        found |= {kin, *(c for c in kin.conjuncts if c.i > kin.i)}
    for named in _listed_names(arg):
        # "Betty Ruiz, 55, Alexis Ruiz, 29, and Armani Ruiz, 8": the parser hangs the second name
        # as an apposition of the first and the last as its conjunct
        found |= {named, *(c for c in named.conjuncts if c.i > named.i)}
    if lex is not None:
        found |= {c for c in _accompanying(arg, lex) if not _has_own_outcome(c, lex)}
    return sorted(found, key=lambda t: t.i)


def _listed_kin(arg: Any, lex: ClaimLexicon | None) -> list[Any]:
    """Other people in apposition to a person, each with a possessive or "the", that are other
    relatives ("his daughter, his son") or begin a list ("the woman, the man and the child"): a
    list of people; "his wife, a nurse" or "his son, Tom" is one person."""
    if lex is None:
        return []
    people = lex.person_nouns | lex.kin_nouns

    def marked(token: Any) -> bool:
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ == "the") for c in token.children)

    if arg.lower_ not in people or not marked(arg):
        return []
    return [
        c
        for c in arg.children
        if c.dep_ == "appos"
        and c.lower_ in people
        and c.lower_ != arg.lower_
        and marked(c)
        and (
            (c.lower_ in lex.kin_nouns and arg.lower_ in lex.kin_nouns)
            or any(g.dep_ == "conj" for g in c.children)
        )
    ]


def _listed_names(arg: Any) -> list[Any]:
    """Full names in apposition to a full name, each after a comma and an age ("Ann Lee, 55, Tom
    Lee, 29"): a list of people, not one person's other name."""

    def full_name(token: Any) -> bool:
        return token.tag_ == "NNP" and any(c.dep_ == "compound" and c.tag_ == "NNP" for c in token.children)

    if not full_name(arg):
        return []
    ages = {c.i for c in arg.children if c.dep_ == "appos" and c.like_num}
    return [c for c in arg.children if c.dep_ == "appos" and full_name(c) and ages and min(ages) < c.i]


def _has_own_outcome(conjunct: Any, lex: ClaimLexicon) -> bool:
    """A conjunct that says what happened to it ("ten hostages freed", "one wounded civilian")
    does not share the outcome of the phrase before it."""
    for child in conjunct.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX", "ADJ"):
            return True
        if child.dep_ == "amod" and child.lower_ in lex.triggers and child.i < conjunct.i:
            return True  # "one wounded civilian" ("one man dead" after a list: the list's outcome)
    return False


def _accompanying(arg: Any, lex: ClaimLexicon) -> list[Any]:
    """Objects of "along with" / "together with" after ``arg``, hung on it or on its verb."""
    holders = [arg, arg.head] if arg.dep_ in ("dobj", "nsubjpass") else [arg]
    found: list[Any] = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep" or child.i <= arg.i:
                continue
            if child.lower_ in lex.accompaniment:
                withs = [w for w in child.children if w.dep_ == "prep" and w.lower_ == "with"]
            elif child.lower_ == "with" and child.nbor(-1).lower_ in lex.accompaniment:
                withs = [child]
            else:
                continue
            found += [p for w in withs for p in w.children if p.dep_ == "pobj"]
    return found


def other_person_noun(found: CasualtyStatement, first: CasualtyStatement, lex: ClaimLexicon) -> bool:
    """A person noun listed after another one ("the woman, the man and the child")."""
    words = lex.person_nouns | lex.kin_nouns
    return (
        found.head.lower_ in words and first.head.lower_ in words and found.head.lower_ != first.head.lower_
    )


def add_shared_singular(previous: CasualtyStatement, item: Any, lex: ClaimLexicon, caps: bool) -> None:
    """A bare singular noun coordinated after "a man" shares its determiner: one more person."""
    if is_plural(item, caps) or item.lower_ in lex.collective_nouns or item.pos_ not in ("NOUN", "PROPN"):
        return
    if any(c.dep_ == "det" for c in item.children) or previous.figure is None:
        return
    previous.figure += 1
    previous.low = previous.high = previous.figure
    previous.extra.append(item)
    previous.end = max(previous.end, phrase_end(item))
