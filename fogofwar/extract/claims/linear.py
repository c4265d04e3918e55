"""The word-order fallback: counts next to an outcome word that the parse did not connect, as in
ALL CAPS wires that spaCy parses poorly ("FOUR PEOPLE KILLED, FIVE INJURED")."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.attribution import ArticleContext, ClaimLexicon
from fogofwar.extract.claims.exclusions import is_irrealis, is_tally
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import is_personish, token_end
from fogofwar.extract.numbers import Quantity

# A character that joins two words of one noun phrase without a space ("BH/IS fighters").
_JOINERS = frozenset({"/"})


def linear_statements(
    doc: Any, qtokens: dict[int, Quantity], covered: set[int], lex: ClaimLexicon, ctx: ArticleContext
) -> list[CasualtyStatement]:
    """Counts next to an outcome word that the parse did not connect (ALL CAPS wires parse
    badly): "FOUR PEOPLE KILLED, FIVE INJURED", "LEFT AT LEAST 12 DEAD", "30 OF THEM WERE DETAINED".

    A count, up to four words of its noun phrase (or "of" and a phrase), then optional auxiliaries
    and a participle or adjective; or a transitive verb right before the count.
    """
    found: list[CasualtyStatement] = []
    for quantity, first, last in _quantity_spans(qtokens):
        if quantity.figure is None or any(i in covered for i in range(first, last + 1)):
            continue
        j = last + 1
        # "35 were killed, two of them children, and 117 injured", "risen to 35, including two
        # children, and 117 were wounded": a part of a count told before, which shares no outcome
        # word with the counts coordinated after it.
        subset = _is_subset(doc, first, last)
        if j < len(doc) and doc[j].lower_ == "of":
            j += 1
            while j < len(doc) and (
                doc[j].dep_ in ("det", "poss") or doc[j].lower_ in lex.possessive_pronouns
            ):
                j += 1
        words = []
        while j < len(doc) and len(words) < 4 and doc[j].is_alpha and doc[j].lower_ not in lex.linear_stop:
            if doc[j].lower_ in lex.triggers:
                break
            words.append(doc[j])
            j += 1
            if (
                j + 1 < len(doc)
                and doc[j].text in _JOINERS
                and doc[j + 1].is_alpha
                and not doc[j].whitespace_
            ):
                words.append(doc[j + 1])  # "78 BH/IS fighters": two names for one group ("IS" no verb)
                j += 2
        noun = words[-1] if words else None
        before = doc[first - 1] if first > 0 else None
        # A transitive outcome verb right before the count is its verb ("KILLED TWO AND DETAINED
        # 30"), before any participle after it.
        hit = _linear_trigger(before, lex, after=False) if before is not None else None
        if hit is None:
            hit = _trigger_after(doc, j, qtokens, lex, shared=not subset)
        if hit is None or (noun is not None and not is_personish(noun, lex, ctx)):
            continue
        outcome, trigger = hit
        if is_irrealis(trigger, lex) or is_tally(trigger, lex):
            continue
        values = (quantity.figure, quantity.low, quantity.high, quantity.qualifier)
        end = max(token_end(trigger), token_end(noun) if noun is not None else quantity.end)
        head = noun if noun is not None else doc[last]
        start = min(quantity.start, trigger.idx)
        found.append(CasualtyStatement(trigger, outcome, head, noun, "linear", *values, start=start, end=end))
    return found


def _quantity_spans(qtokens: dict[int, Quantity]) -> list[tuple[Quantity, int, int]]:
    """Each quantity with its first and last token index."""
    spans: dict[int, tuple[Quantity, int, int]] = {}
    for i, quantity in sorted(qtokens.items()):
        first = spans.get(id(quantity), (quantity, i, i))[1]
        spans[id(quantity)] = (quantity, first, i)
    return list(spans.values())


def _linear_trigger(token: Any, lex: ClaimLexicon, *, after: bool) -> tuple[str, Any] | None:
    entry = lex.triggers.get(token.lower_)
    if entry is None:
        return None
    outcome, classes = entry
    if after:
        # After the count: a participle or adjective ("KILLED", "DEAD", "MISSING"), not a noun
        # or a base verb ("MULTIPLE MURDER").
        participle = token.lower_.endswith(("ed", "en")) or token.lower_ in ("slain", "hurt", "slew")
        return (outcome, token) if "adjective" in classes or (participle and classes - {"noun"}) else None
    return (outcome, token) if classes & {"transitive", "own_loss"} else None


_SUBSET_BEFORE = frozenset({"including", "includes", "include", "among"})
_SUBSET_AFTER = frozenset({"them", "whom"})


def _is_subset(doc: Any, first: int, last: int) -> bool:
    """Whether a count is part of another told before: "including two", "among them two", "two
    of them", "two of whom"."""
    before = doc[first - 1].lower_ if first > 0 else ""
    two_before = doc[first - 2].lower_ if first > 1 else ""
    after = doc[last + 1 : last + 3]
    partitive = len(after) == 2 and after[0].lower_ == "of" and after[1].lower_ in _SUBSET_AFTER
    return before in _SUBSET_BEFORE or (two_before == "among" and before in _SUBSET_AFTER) or partitive


def _trigger_after(
    doc: Any, j: int, qtokens: dict[int, Quantity], lex: ClaimLexicon, *, shared: bool = True
) -> tuple[str, Any] | None:
    """An outcome participle after a count's phrase, past auxiliaries ("WERE ALSO KILLED") and,
    when ``shared``, past coordinated counts sharing it ("12 GUERRILLAS AND 1 SOLDIER WERE
    KILLED")."""
    k = j
    relative = passive = False
    for _ in range(10):
        if k >= len(doc):
            return None
        token = doc[k]
        hit = _linear_trigger(token, lex, after=True)
        if hit is not None:
            # "ONE THAT MURDERED THE CLERGYMEN" names a killer: after who/that, only a passive
            # or a predicate ("18 WHO ARE MISSING", "57 WHO WERE KILLED") names victims.
            return hit if not relative or passive else None
        relative = relative or token.lower_ in ("who", "that", "which")
        passive = passive or token.lower_ in lex.copulas or token.lower_ in ("been", "being")
        if not shared and k in qtokens:
            return None
        listed = token.lower_ in ("and", ",") or k in qtokens
        phrase = (
            token.is_alpha
            and token.lower_ not in lex.linear_stop
            and token.lower_ not in lex.triggers
            and not token.tag_.startswith("VB")  # "140 PEOPLE HAVE DISAPPEARED AND 60 ... KILLED"
        )
        if not (token.lower_ in lex.linear_aux or listed or phrase):
            return None
        k += 1
    return None
