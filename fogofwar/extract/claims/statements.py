"""All casualty statements of one parsed sentence, in reading order: outcome words with their
victim phrases and counts, the deaths of "N shot, M fatally", fatal events by name, and the
word-order fallback for what the parse did not connect. Pure: no attribution."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.actors import is_all_caps
from fogofwar.extract.attribution import ArticleContext, ClaimLexicon, phrase_end
from fogofwar.extract.claims.arguments import outcome_arguments, trigger_end, trigger_entry
from fogofwar.extract.claims.counts import phrase_statement
from fogofwar.extract.claims.exclusions import is_irrealis, is_negated, is_tally, recalls_known, sums_a_period
from fogofwar.extract.claims.fatal_events import fatal_event_statements
from fogofwar.extract.claims.linear import linear_statements
from fogofwar.extract.claims.lists import add_shared_singular, coordinated, other_person_noun
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import is_personish, quantity_tokens, quantity_values, token_end
from fogofwar.extract.claims.tolls import toll_statements
from fogofwar.extract.claims.victims import governing_verb, victim_phrases
from fogofwar.extract.numbers import Quantity

_QUALIFIED = frozenset({"at_least", "at_most", "about"})


def find_statements(doc: Any, ctx: ArticleContext, lex: ClaimLexicon) -> list[CasualtyStatement]:
    """All casualty statements of a parsed sentence, in reading order (pure; no attribution)."""
    qtokens = quantity_tokens(doc)
    caps = is_all_caps(doc.text)
    statements: list[CasualtyStatement] = []
    used: set[int] = set()
    for token in doc:
        entry = trigger_entry(token, lex)
        if entry is None or _part_with_another_fate(token, entry, lex):
            continue
        outcome, args = outcome_arguments(token, lex, qtokens, entry, ctx.headline)
        skip = is_irrealis(token, lex) or is_tally(token, lex) or is_negated(token, args, lex)
        if args and skip:
            continue
        for arg, how in args:
            if arg.i in used:
                continue
            items = [arg] if how in ("self", "subject") and arg.i == token.i else coordinated(arg, lex)
            previous: CasualtyStatement | None = None
            first: CasualtyStatement | None = None
            for position, item in enumerate(items):
                used.add(item.i)
                found = phrase_statement(token, outcome, item, how, qtokens, lex, caps, ctx)
                if found is not None and recalls_known(found, lex):
                    continue
                if found is None and previous is not None and previous.figure and not previous.counted:
                    # "a man and woman": one more person; "the Taliban commander and the militants":
                    # no count for the militants.
                    add_shared_singular(previous, item, lex, caps)
                    continue
                if found is None:
                    if previous is not None and is_personish(item, lex, ctx):
                        previous.extra.append(item)  # "seven Malian soldiers and Wagner operatives"
                        previous.end = max(previous.end, phrase_end(item))
                    continue
                found.position = position
                if position > 0 and (
                    how == "of"
                    or (found.proper and (not caps or _names_apart(token, first, previous)))
                    or (first is not None and other_person_noun(found, first, lex))
                ):
                    # "a mother and her daughter", "Ann Lee and Tom Ray", "the woman, the man and
                    # the child": one list, new people (ALL CAPS wires tag titles as names:
                    # "PEREZ, THIRD JUDGE, AND ..." is one person)
                    found.definite = False
                if first is None:
                    first = found
                elif first.definite and first.figure == 1:
                    first.definite = False  # "the leader and three associates": a list of new people
                if position == 0 or how in ("self",):
                    found = _with_trigger(found, lex) if how not in ("self", "modified") else found
                elif previous is not None and found.qualifier == "exact" and previous.qualifier in _QUALIFIED:
                    found.figure, found.low, found.high, found.qualifier = _requalify(
                        (found.figure, found.low, found.high, found.qualifier), previous.qualifier
                    )
                if how == "modified":
                    found.end = max(found.end, trigger_end(token, lex))
                if how == "self":
                    _widen_to_context(found, lex)
                statements.append(found)
                previous = found
            if previous is not None and outcome == "injured":
                statements += _fatal_parts(token, arg, previous, qtokens, lex)
    statements += fatal_event_statements(doc, statements, lex)
    # A token is covered when any of its characters lies in a statement: a count may start inside
    # a token ("-Three additional officers", a list dash glued to it), and a test on the token's
    # first character alone let the linear pass read the same count again (two claims, one id).
    covered = {t.i for st in statements for t in doc if t.idx < st.end and st.start < t.idx + len(t)}
    statements += [
        s
        for s in toll_statements(doc, qtokens, covered, lex)
        if not is_irrealis(s.trigger, lex)
        and not is_tally(s.trigger, lex)
        and not sums_a_period(s.trigger, lex)
    ]
    statements += linear_statements(doc, qtokens, covered, lex, ctx)
    return sorted(statements, key=lambda s: (s.start, s.end))


# Auxiliaries that say one person is the subject ("X, ENGINEER, AND EXECUTIVE, WAS SHOT").
_SINGULAR_AUX = frozenset({"was", "is", "has"})


def _names_apart(trigger: Any, first: CasualtyStatement | None, previous: CasualtyStatement | None) -> bool:
    """Whether, in ALL CAPS, a full name listed right after another full name is a second
    person ("TODD RAY WILSON AND JEFFREY BRENT BALL WERE MURDERED"). ALL CAPS wires tag titles
    and bodies as names ("TWO BODYGUARDS FROM THE DAS [ADMINISTRATIVE DEPARTMENT ...]"), so the
    phrase before must be a name too, and a singular verb ("HENAO, CIVIL ENGINEER, AND TOP
    EXECUTIVE, WAS SHOT") says the list is one person's titles. Names after a counted phrase
    ("KILLED TWO REPORTERS, ROBERTO NAVAS AND MAURICIO PINEDA") are the people it counted."""
    if previous is None or not previous.proper or (first is not None and first.counted):
        return False
    auxiliaries = [c for c in trigger.children if c.dep_ in ("aux", "auxpass")]
    if trigger.i > 0:
        auxiliaries.append(trigger.nbor(-1))  # "WAS SHOT" read as "was" + a noun "shot"
    return not any(t.lower_ in _SINGULAR_AUX for t in auxiliaries)


def _part_with_another_fate(token: Any, entry: Any, lex: ClaimLexicon) -> bool:
    """Whether an outcome noun names the pool a part of it is taken from, and the verb says what
    else befell that part: "two of the wounded later died" are two dead (the verb's claim),
    not two wounded."""
    part = token.head.head if token.dep_ == "pobj" and token.head.lower_ == "of" else None
    if part is None or part.dep_ not in ("nsubj", "nsubjpass") or part.i > token.i:
        return False
    verb = trigger_entry(part.head, lex)
    return verb is not None and verb[0] != entry[0]


def _requalify(values: tuple[int | None, int | None, int | None, str], qualifier: str) -> tuple[Any, ...]:
    """Apply a list's leading qualifier to a bare count after it ("at least 84 ... and 47")."""
    figure = values[0]
    return {
        "at_least": (figure, figure, None, "at_least"),
        "at_most": (figure, None, figure, "at_most"),
        "about": (figure, None, None, "about"),
    }[qualifier]


def _with_trigger(statement: CasualtyStatement, lex: ClaimLexicon) -> CasualtyStatement:
    trigger = statement.trigger
    statement.start = min(statement.start, trigger.idx)
    for child in trigger.children:
        if child.dep_ == "advmod" and child.lower_ in lex.additive_adverbs and child.i < trigger.i:
            # "also detained two suspects": the evidence keeps the word that makes it an addition
            statement.start = min(statement.start, child.idx)
    statement.end = max(statement.end, trigger_end(trigger, lex))
    return statement


def _widen_to_context(statement: CasualtyStatement, lex: ClaimLexicon) -> None:
    """Evidence of "heavy losses" includes who inflicted/admitted them and on whom."""
    token = statement.head
    phrases = victim_phrases(token, lex)
    if phrases:
        statement.end = max(statement.end, *(phrase_end(p) for p in phrases))
    verb = governing_verb(token)
    if verb.lower_ in lex.inflict_verbs | lex.admission_verbs | lex.suffer_verbs and verb.i < token.i:
        statement.start = min(statement.start, verb.idx)


def _fatal_parts(
    trigger: Any, arg: Any, shot: CasualtyStatement, qtokens: dict[int, Quantity], lex: ClaimLexicon
) -> list[CasualtyStatement]:
    """ "four people were shot, one fatally": the part that died is a killing of the same
    victims, and the wounded are the others (three)."""
    found: list[CasualtyStatement] = []
    for count in [*trigger.children, *arg.children]:
        quantity = qtokens.get(count.i)
        fatal = [c for c in count.children if c.lower_ in lex.fatal_modifiers and c.i > count.i]
        if quantity is None or quantity.figure is None or not fatal or count.i <= arg.i:
            continue
        values = quantity_values(quantity)
        part = CasualtyStatement(
            trigger, "killed", count, None, "fatal", *values, start=quantity.start, end=token_end(fatal[0])
        )
        part.counted = True
        found.append(part)
        if shot.qualifier == "exact" and shot.figure is not None and shot.figure > quantity.figure:
            shot.figure -= quantity.figure
            shot.low = shot.high = shot.figure
    return found
