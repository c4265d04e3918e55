"""Outcomes that are no claim about the incident: planned, threatened or prevented ones, negated
ones, tallies over a period or long ago, and a state said of people already counted."""

from __future__ import annotations

import re
from typing import Any

from fogofwar.extract.attribution import ClaimLexicon
from fogofwar.extract.claims.arguments import phrasal_entry
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import PREDICATE_DEPS, is_zero


def is_irrealis(trigger: Any, lex: ClaimLexicon) -> bool:
    """Whether the outcome is planned, threatened, attempted or prevented, not reported as done
    ("planned the assassination of a general", "threatened to kill 20 hostages", "would kill")."""
    if any(c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in trigger.children):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in lex.irrealis for c in trigger.children):
        return True  # "villagers nearly lynch a pastor", "narrowly escaped being killed"
    if trigger.dep_ in PREDICATE_DEPS and any(
        c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in trigger.head.children
    ):
        return True  # "he should be dead", "they could be dead"
    for depth, ancestor in enumerate(trigger.ancestors):
        if depth >= 3 or lex.stance_of(ancestor.lower_):
            break
        if ancestor.lower_ in lex.irrealis:
            return True
    return _irrealis_infinitive(trigger, lex)


def _irrealis_infinitive(trigger: Any, lex: ClaimLexicon) -> bool:
    """ "THREATENED TO KILL 10 JUDGES" read by word order: an infinitive right after a verb of
    intent or attempt. ALL CAPS wires are parsed so that the threat is often no ancestor of
    the outcome word (a sibling noun, "HAVE THREATENED" read as "have" + a noun)."""
    i = trigger.i
    if i < 2 or trigger.nbor(-1).lower_ != "to":
        return False
    before = trigger.doc[i - 2]
    if before.is_alpha and before.lower_.endswith("ly") and i >= 3:
        before = trigger.doc[i - 3]  # "threatened publicly to kill"
    return before.lower_ in lex.irrealis


def is_negated(trigger: Any, args: list[tuple[Any, str]], lex: ClaimLexicon) -> bool:
    """ "two passengers were not injured": a negated outcome counts nobody (but "not seriously
    injured" is an injury; a zero stated with
    "no one" / "none" is a claim of its own and is kept)."""
    if not any(c.dep_ == "neg" for c in trigger.children):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in lex.degree_adverbs for c in trigger.children):
        return False  # "was not seriously injured": injured, not badly
    return not any(is_zero(arg, lex) for arg, _ in args)


_NUMBERED = re.compile(r"^\d+(?:st|nd|rd|th)$", re.IGNORECASE)


def _is_period(token: Any, lex: ClaimLexicon) -> bool:
    """ "this year", "last year" (as a modifier or an in-phrase): a period, not one event."""
    if token.lower_ not in lex.period_nouns:
        return False
    return any(c.dep_ in ("det", "amod") for c in token.children if c.lower_ in lex.period_determiners)


def _is_long_ago(token: Any, lex: ClaimLexicon) -> bool:
    """ "died several years ago": an earlier death, not this incident's."""
    if token.lower_ != "ago":
        return False
    return any(c.lower_ in lex.long_ago_units for c in token.children) or (
        token.i > 0 and token.nbor(-1).lower_ in lex.long_ago_units
    )


def is_tally(trigger: Any, lex: ClaimLexicon) -> bool:
    """Whether the outcome is counted over a period, not in one event ("more than 50 insurgents
    killed since the beginning of the year", "have killed two and detained 30 since December",
    "45 people have been killed this year", "the city's 30th killing"), or happened long before
    it ("whose mother died years ago"), or sums many incidents in the perfect ("have killed
    thousands", "have been killed in a week of bombardment")."""
    if _is_cumulative(trigger, lex):
        return True
    verbs = [trigger, *trigger.conjuncts]
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in lex.tally_prepositions:
                return True
            if _is_period(child, lex) or _is_long_ago(child, lex):
                return True
            if child.dep_ == "prep" and any(_is_period(g, lex) for g in child.children):
                return True  # "killed in the city this year" parsed under "in"
            if child.dep_ in ("amod", "nummod") and _NUMBERED.match(child.text) and verb.pos_ == "NOUN":
                return True  # "the city's 30th killing"
    return False


def sums_a_period(toll_verb: Any, lex: ClaimLexicon) -> bool:
    """Whether a running toll is brought by a clause that counts over a period ("the fourth such
    attack in Turkey this year, bringing the death toll to more than 80"): the toll sums the
    year's attacks, not this one's dead."""
    if toll_verb.dep_ != "advcl":
        return False
    own = {t.i for t in toll_verb.subtree}
    return any(_is_period(t, lex) for t in toll_verb.head.subtree if t.i not in own)


def _is_cumulative(trigger: Any, lex: ClaimLexicon) -> bool:
    """A count in the perfect over many incidents: "have killed thousands in Nigeria's central
    states", "More than 1,000 people have been killed in Lebanon in a week of bombardment"."""
    words = lex.cumulative
    verb = trigger.head if trigger.dep_ in PREDICATE_DEPS else trigger  # "has left 1,000 dead"
    # the perfect on the outcome word itself ("are estimated to have been killed") or on the verb
    # it is the predicate of ("has left 1,000 dead")
    auxiliaries = [c for node in {trigger, verb} for c in node.children if c.dep_ == "aux"]
    if not any(c.lower_ in words.perfect_auxiliaries for c in auxiliaries):
        return False
    by_incidents = verb.dep_ == "relcl" and verb.head.lower_ in words.incident_nouns
    for child in [*trigger.children, *(verb.children if verb is not trigger else ())]:
        if child.dep_ in ("dobj", "nsubjpass", "nsubj") and child.lower_ in words.magnitudes:
            return True
        if by_incidents and child.dep_ == "dobj" and child.lower_ in words.incident_magnitudes:
            return True  # "attacks that have killed dozens of people"
        own_count = child.dep_ == "nummod" and child.head.i == trigger.i
        counted = child.dep_ in ("dobj", "nsubjpass", "nsubj") or own_count
        if counted and _largest_number(child) >= words.tally_figure > 0:
            return True  # "over 1,000 people have died", "has left some 1,000 dead": a war's toll
        if (
            child.dep_ == "prep"
            and child.lower_ in words.span_prepositions
            and any(g.dep_ == "pobj" and g.lower_ in words.span_nouns for g in child.children)
        ):
            return True
    return False


def _largest_number(phrase: Any) -> int:
    """The largest number written in digits in a noun phrase ("OVER 1,000 PEOPLE" -> 1000); 0 if none."""
    values = [int(t.text.replace(",", "")) for t in phrase.subtree if t.text.replace(",", "").isdigit()]
    return max(values, default=0)


def recalls_known(statement: CasualtyStatement, lex: ClaimLexicon) -> bool:
    """A state ("are in custody") said of people named with "the"/"these"/a possessive: those
    were counted when they were taken ("the detainees are in the custody of the police")."""
    found = phrasal_entry(statement.trigger, lex)
    if found is None or not found[4]:
        return False
    head = statement.noun if statement.noun is not None else statement.head
    return (
        any(
            (c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that")) or c.dep_ == "poss"
            for c in head.children
        )
        or head.lower_ in lex.pronouns
    )
