"""Parse-tree helpers the claim finders share: the counts of a sentence and of a noun phrase,
plurals, of-phrases, zero counts, people nouns and outcome words."""

from __future__ import annotations

import re
from typing import Any

from fogofwar.extract.attribution import ArticleContext, ClaimLexicon, claim_lexicon, phrase_actor
from fogofwar.extract.numbers import Quantity, find_quantities
from fogofwar.nlp import entity_type

_COUNT_DEPS = frozenset(
    {"nummod", "quantmod", "amod", "det", "advmod", "compound", "npadvmod", "nmod", "poss"}
)

PREDICATE_DEPS = frozenset({"acomp", "oprd", "xcomp", "attr"})

_AGE_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s*$")

_AGE_AFTER = re.compile(r"^\s*[,)]")

# "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead": name, age and name, age.
_AGE_LIST_AFTER = re.compile(r"^\s*(?:,\s*)?and\s+[A-Z]")

_AGE_LIST_BEFORE = re.compile(
    r"[A-Z][\w.'’-]*,\s*\d{1,3}\s*,?\s*and\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*,\s*$"
)

_WORD_COMMA = re.compile(r"(\w+),\s*$")


def quantity_tokens(doc: Any) -> dict[int, Quantity]:
    """Token index -> the quantity that token belongs to (ages in apposition left out)."""
    found: dict[int, Quantity] = {}
    text = doc.text
    person_nouns = claim_lexicon().person_nouns
    for quantity in find_quantities(text):
        before = text[: quantity.start]
        named = _AGE_BEFORE.search(before) or (
            (m := _WORD_COMMA.search(before)) is not None and m.group(1).lower() in person_nouns
        )
        after = text[quantity.end :]
        if named and _AGE_AFTER.match(after):
            continue  # "Hector Oqueli, 45, and Gilda Flores", "her father, 56, dead": an age, not a count
        if named and (_AGE_LIST_AFTER.match(after) or _AGE_LIST_BEFORE.search(before)):
            continue  # "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead": ages of a list of names
        span = doc.char_span(quantity.number_start, quantity.number_end, alignment_mode="expand")
        for token in span or ():
            found[token.i] = quantity
    return found


def quantity_values(quantity: Quantity) -> tuple[int | None, int | None, int | None, str]:
    """A quantity's (figure, low, high, qualifier), the values a statement takes from it."""
    return quantity.figure, quantity.low, quantity.high, quantity.qualifier


def token_end(token: Any) -> int:
    """The character offset just after ``token``."""
    return token.idx + len(token)


def _is_full_name(token: Any) -> bool:
    """A proper noun after a first name ("Brian Davis") or before an age ("Davis, 18")."""
    return any(
        (c.dep_ == "compound" and c.tag_ == "NNP" and c.i < token.i) or (c.dep_ == "appos" and c.like_num)
        for c in token.children
    )


def is_plural(token: Any, caps: bool) -> bool:
    """Whether a noun names more than one ("soldiers", "militiamen"); ``caps``: the sentence is in ALL
    CAPS, whose tags are unreliable, so the word's ending decides."""
    if token.tag_ in ("NNS", "NNPS"):
        return True
    if "Plur" in token.morph.get("Number"):
        return True
    if not (caps or token.tag_ in ("NNP", "")):
        return False
    lower = token.lower_
    plural_form = (lower.endswith("s") and not lower.endswith("ss")) or lower.endswith(
        ("men", "people", "children")
    )
    if not plural_form:
        return False
    # "Brian Davis", "Jones, 24": a surname ending in s (the entity recogniser last: it runs on
    # the sentence when first asked, nlp.entity_type)
    return caps or not (_is_full_name(token) or entity_type(token) == "PERSON")


def count_of(token: Any, qtokens: dict[int, Quantity]) -> Quantity | None:
    """The count of the noun phrase headed by ``token``, if any."""
    if token.i in qtokens:
        return qtokens[token.i]
    for child in token.children:
        if child.dep_ in _COUNT_DEPS and child.i in qtokens and child.i < token.i:
            return qtokens[child.i]
    for i in range(token.i - 1, token.left_edge.i - 1, -1):
        if i in qtokens:
            return qtokens[i]
    head = token.head
    if head.dep_ == "prep" and head.lower_ == "of" and head.head.i in qtokens and head.head.i < token.i:
        return qtokens[head.head.i]  # "dozens of casualties"
    return None


def of_object(token: Any) -> Any | None:
    """The object of an of-phrase under ``token`` ("two of its soldiers" -> soldiers)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def is_zero(token: Any, lex: ClaimLexicon) -> bool:
    """A phrase that counts nobody ("no one", "none", "no casualties", "not a single person")."""
    if token.lower_ in lex.zero_words:
        return True
    if any(c.dep_ == "det" and c.lower_ in lex.zero_determiners for c in token.children):
        return True
    return is_not_one(token)


# The smallest counts, which "not" before a noun phrase turns into none.
_ONE_WORDS = frozenset({"a", "an", "one", "single"})


def is_not_one(token: Any) -> bool:
    """ "not a single person", "not one soldier": nobody, said by negating the smallest count
    ("not" hangs on the noun or on its "one")."""
    ones = [c for c in token.children if c.lower_ in _ONE_WORDS and c.i < token.i]
    return any(
        c.dep_ in ("neg", "preconj", "advmod") and c.lower_ == "not"
        for holder in (token, *ones)
        for c in holder.children
    ) and bool(ones)


def outcome_word(token: Any, lex: ClaimLexicon) -> str | None:
    """The outcome a single word of the lexicon's triggers names ("killed" for "slain"), or None."""
    entry = lex.triggers.get(token.lower_)
    return entry[0] if entry is not None else None


def is_age_noun(token: Any) -> bool:
    """ "a 15-year-old", "two 16-year-olds": an age standing for a person."""
    return token.lower_ in ("old", "olds") and any(
        c.dep_ == "npadvmod" and c.lower_ in ("year", "month", "week", "day") for c in token.children
    )


def singular_forms(word: str) -> tuple[str, ...]:
    """``word`` and the singulars it may be the plural of (no lemmatizer runs in the pipeline).

    >>> singular_forms("bouncers"), singular_forms("militiamen"), singular_forms("deputies")
    (('bouncers', 'bouncer'), ('militiamen', 'militiaman'), ('deputies', 'deputy', 'deputie', 'deputi'))
    """
    forms = [word]
    if word.endswith("men") and len(word) > 4:
        forms.append(word[:-3] + "man")
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        forms.append(word[:-1])
        if word.endswith("es"):
            forms.append(word[:-2])
    return tuple(forms)


def is_personish(token: Any, lex: ClaimLexicon, ctx: ArticleContext) -> bool:
    """Whether a noun names people: a person noun (or its plural), an age, an anaphor ("others"),
    a PERSON or NORP entity, or a registry actor."""
    if any(form in lex.person_nouns for form in singular_forms(token.lower_)):
        return True
    if is_age_noun(token):
        return True
    if token.lower_ in lex.anaphoric_nouns:
        return True
    if token.lower_ in lex.pool_nouns and any(c.lower_ == "the" for c in token.children):
        return True  # "two of the wounded"
    if phrase_actor(token, ctx) is not None:
        return True
    # the entity recogniser last: it runs on the sentence when first asked (nlp.entity_type)
    return entity_type(token) in ("PERSON", "NORP")
