"""How many people one victim phrase names: its number, a zero, a pair, or one person ("a
soldier", "killing him", "killed Taliban leader Wali"), as a CasualtyStatement."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.attribution import ArticleContext, ClaimLexicon, is_verbish, phrase_actor, phrase_end
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import (
    count_of,
    is_age_noun,
    is_not_one,
    is_plural,
    is_zero,
    of_object,
    outcome_word,
    quantity_values,
    token_end,
)
from fogofwar.extract.numbers import Quantity
from fogofwar.nlp import entity_type

_HARM = frozenset({"killed", "injured"})
# How a victim phrase hangs on its outcome word when a bare proper name in it is one person.
_NAME_HOWS = frozenset({"object", "passive", "of", "predicate", "subject"})


def _is_proper_name(arg: Any, how: str, lex: ClaimLexicon, caps: bool, ctx: ArticleContext | None) -> bool:
    """A proper name as the object or passive subject of an outcome verb, naming no group,
    place or nationality the parser or the registry knows: one person ("killing Fayez Jan")."""
    # ALL CAPS: also a name a relative clause modifies ("PEDRO RUIZ GOMEZ, WHO WAS KILLED ..."),
    # which mixed case leaves to the entity recogniser
    hows = _NAME_HOWS | ({"modified"} if caps else set())
    if ctx is None or how not in hows:
        return False
    if arg.lower_ in lex.person_nouns | lex.collective_nouns:
        return False
    titled = (
        not caps
        and arg.tag_ == "NNP"
        and any(c.dep_ == "compound" and c.i < arg.i and c.lower_ in lex.person_nouns for c in arg.children)
    )
    if any(c.dep_ in ("det", "nummod", "poss") for c in arg.children):
        return False
    if caps:
        # ALL CAPS wires tag common nouns as proper ones: only a name of two words or more
        # ("THE MURDER OF JECAR NEGHME") is taken for a person's.
        parts = [c for c in arg.children if c.dep_ == "compound" and c.i < arg.i]
        if arg.tag_ not in ("NN", "NNP") or not parts:
            return False
    elif how == "of" or arg.tag_ not in ("NNP", "NNPS"):
        return False
    elif how == "subject" and not (
        arg.dep_ == "nsubj" and arg.head.lower_ in lex.triggers and is_verbish(arg.head)
    ):
        return False  # only the subject of an outcome verb itself ("Davienne Lewis died")
    actor = phrase_actor(arg, ctx)
    # "JOURNALIST JUAN PEREZ": a civilian's title before the name says who, not that it is a group
    if actor is not None and not (caps and actor.kind == "civilians"):
        return False
    # the entity recogniser last: it runs on the sentence when first asked (nlp.entity_type);
    # "photographer Wil Lewis" is a person whatever the tagger says
    return titled or entity_type(arg) not in lex.non_person_entities


def _is_member_title(arg: Any, lex: ClaimLexicon, caps: bool) -> bool:
    """A group's name used as the modifier of a singular person noun that the parser hung
    under an of-phrase of the name ("a Movement" <- "of" <- "leader"): one person."""
    inner = of_object(arg)
    if inner is None or inner.lower_ not in lex.person_nouns or is_plural(inner, caps):
        return False
    if any(c.dep_ in ("det", "nummod", "poss") for c in inner.children):
        return False  # "a unit of the soldier's" / "an army of one man": not a title
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in arg.children) and arg.pos_ == "PROPN"


def _singular_count(
    arg: Any, how: str, lex: ClaimLexicon, caps: bool, ctx: ArticleContext | None = None
) -> bool:
    """Whether a phrase without a number names exactly one person ("a soldier", "the leader",
    "killing him", "killed Taliban leader Wali", "the murder of Hector Oqueli")."""
    if how in ("object", "passive", "subject", "predicate") and arg.lower_ in lex.single_person_pronouns:
        return True  # "killing him", "he was killed", "she died": one person (a recount is skipped later)
    if how == "object" and arg.lower_ in lex.reflexive_pronouns:
        return True  # "killing himself": the killer, one more person
    if is_age_noun(arg) and arg.lower_ == "old":
        return not any(c.dep_ == "poss" for c in arg.children) or how not in ("of", "modified")
    if arg.lower_ in lex.collective_nouns and _is_member_title(arg, lex, caps):
        return True  # "an Islamic Movement of Uzbekistan leader", parsed as "a Movement of (...) leader"
    if arg.lower_ in lex.pronouns or arg.lower_ in lex.collective_nouns:
        return False  # "hurting the army" is no count of people
    if _is_proper_name(arg, how, lex, caps, ctx):
        return True  # "killing Fayez Jan": a person the tagger did not label
    if is_plural(arg, caps):
        return False
    determiners = {c.lower_ for c in arg.children if c.dep_ == "det"}
    one = determiners & {"a", "an", "one"}
    if arg.pos_ == "ADJ" and one and (arg.is_title or arg.lower_ in lex.person_nouns):
        # "three Israelis and an Iranian", "killed a civilian travelling ...": a person the
        # tagger left an adjective
        return True
    if arg.pos_ not in ("NOUN", "PROPN"):
        return False
    possessed = any(c.dep_ == "poss" for c in arg.children)
    if how in ("of", "modified"):
        # "the death of a soldier" and "the murder of Hector Oqueli" count; "the death of its
        # leader" and "the arrested leader" recall a person the reader already knows of, but
        # "the man killed in the shooting" / "the man who died" introduces one (a definite
        # phrase: skipped later when the article already counted that person).
        introduced = (
            how == "modified"
            and "the" in determiners
            and arg.lower_ in lex.person_nouns
            and not any(entity_type(c) == "ORDINAL" for c in arg.children)  # "the seventh leader killed"
            and any(
                c.dep_ in ("acl", "relcl") and c.i > arg.i and outcome_word(c, lex) in _HARM
                for c in arg.children
            )
        )
        # "the shooting death of her daughter", "the death of the teenager": one person, maybe one
        # the article already counted (a definite statement, skipped then as a recount)
        known = how == "of" and (
            (possessed and arg.lower_ in lex.kin_nouns)
            or ("the" in determiners and (arg.lower_ in lex.person_nouns or is_age_noun(arg)))
        )
        if possessed and not known:
            return False
        return (
            bool(determiners & {"a", "an", "one", "another"})
            or introduced
            or known
            or (arg.pos_ == "PROPN" and entity_type(arg) == "PERSON")
        )
    if determiners & lex.singular_determiners or possessed:
        return True
    if (
        not determiners
        and arg.tag_ in ("NN", "NNP")
        and arg.lower_ in lex.person_nouns
        and arg.dep_ != "conj"
    ):
        # a title without article: "killed Taliban leader Wali" ("a man and woman": the
        # conjunct shares the article before it and is added there)
        return True
    return entity_type(arg) == "PERSON"


def _is_pair(arg: Any, caps: bool) -> bool:
    """ "both" alone or before a plural noun counts two ("Both men were killed", "both of them"),
    and so does a couple ("a couple was found dead")."""
    if arg.lower_ == "both":
        return True
    if is_plural(arg, caps) and any(c.dep_ == "amod" and c.lower_ == "twin" for c in arg.children):
        return True  # "his twin daughters"
    if arg.lower_ == "couple" and of_object(arg) is None:
        return True  # "a couple and their two children were found dead" ("a couple of men": vague)
    return is_plural(arg, caps) and any(c.dep_ == "det" and c.lower_ == "both" for c in arg.children)


def phrase_statement(
    trigger: Any,
    outcome: str,
    arg: Any,
    how: str,
    qtokens: dict[int, Quantity],
    lex: ClaimLexicon,
    caps: bool,
    ctx: ArticleContext | None = None,
) -> CasualtyStatement | None:
    """The statement a victim phrase ``arg`` of outcome word ``trigger`` makes with its count, or
    None when the phrase gives no count (a plural without a number, a collective noun)."""
    if arg.lower_ in lex.container_nouns and (inner := of_object(arg)) is not None:
        arg = inner  # "a total of 31 people were kidnapped"
    quantity = count_of(arg, qtokens)
    if quantity is not None and is_not_one(arg):
        quantity = None  # "not one soldier": read as the zero it is
    noun = arg
    definite = False
    proper = False
    if quantity is not None and arg.i in qtokens and how != "self":
        noun = of_object(arg)  # "two of its soldiers" -> soldiers; "ten were injured" -> None
    elif quantity is None and arg.lower_ in lex.collective_nouns and _is_member_title(arg, lex, caps):
        noun = of_object(arg)  # "an Islamic Movement of Uzbekistan leader": the leader
    if quantity is not None:
        values = quantity_values(quantity)
        start = quantity.start
    elif is_zero(arg, lex):
        values = (0, 0, 0, "exact")
        start = arg.left_edge.idx
    elif how == "self":
        values = (None, None, None, "vague")
        start = min([c.left_edge.idx for c in arg.lefts] + [arg.idx])
    elif _is_pair(arg, caps):
        values = (2, 2, 2, "exact")
        start = arg.left_edge.idx
    elif _singular_count(arg, how, lex, caps, ctx):
        values = (1, 1, 1, "exact")
        start = arg.left_edge.idx
        definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in arg.children)
        # A pronoun or a name under a noun may point back at a person already counted.
        named = how in ("of", "modified") and arg.pos_ == "PROPN"
        named = named or (how == "of" and any(c.dep_ == "poss" for c in arg.children))
        proper = _is_proper_name(arg, how, lex, caps, ctx)
        definite = definite or arg.lower_ in lex.single_person_pronouns or named or proper
        definite = definite and arg.lower_ not in lex.reflexive_pronouns
    else:
        return None
    end = phrase_end(noun) if noun is not None else token_end(arg)
    if how == "self" and values[0] == 0 and outcome == "casualties":
        outcome = lex.zero_casualties_outcome
    if how != "self" and quantity is not None and noun is not None and noun.i < arg.i:
        end = max(end, token_end(arg))
    return CasualtyStatement(
        trigger,
        outcome,
        arg,
        noun,
        how,
        *values,
        start=start,
        end=end,
        definite=definite,
        counted=quantity is not None,
        proper=proper,
    )
