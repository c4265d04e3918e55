"""Attributed casualty claims: who says how many of whom were killed, injured, captured ...

The extractor reads the parsed sentences of one article (``Sentence.doc``, a spaCy Doc of the
sentence). For each outcome word ("killed", "wounded", "casualties", "the death of") it finds
the noun phrases naming the victims through the dependency parse (object of an active verb,
subject of a passive or intransitive one, the of-phrase of a noun, a participle modifying a
noun), reads each phrase's count (``numbers.find_quantities``), resolves the victims to an
actor of the registry, and asks ``attribution`` who said it. It never parses again and never
sums figures: each (claimant, victims, outcome, figure) is one claim; an exact repeat within
one article is kept once.

Conventions (see also the ``about`` fields of ``resources/lexicon_claims.json`` and
``resources/lexicon_numbers.json``):

- victims: a canonical actor name, "civilians", or "unknown"; several groups named together
  as one victim phrase ("seven Malian soldiers and Wagner operatives") are joined with " + "
  in sorted order ("Malian Armed Forces + Wagner Group").
- "lost two soldiers" / "two of its soldiers" / an admission of "heavy losses" are the own
  side of the loser / possessor / admitting party (a government's own side is its forces).
- "others", "survivors", a bare number ("and ten were injured") take the victims of the
  statement before them in the sentence; "survivors" with none before are the other
  parties named earlier in the sentence.
- A single person ("a soldier", "the Taliban leader") counts 1. A definite single person
  under a noun ("the death of its leader") refers to a death the reader already knows, not a
  new count, and is skipped, as are pronouns ("his death").
- A vague "casualties"/"losses" claim whose victims cannot be told ("dozens of casualties")
  is dropped: it cannot be reconciled with any group and would be counted twice in totals.
- Lists: phrases coordinated under one verb ("a leader and three associates", "the leader
  along with three of his associates") and objects of coordinated verbs of one outcome family
  ("arrested a leader and detained three suspects") are one claim with the summed figure when
  they name one group (see :mod:`fogofwar.extract.tallies`); "N shot, M fatally" is M killed
  and N - M injured; "also" on the outcome verb stays in the evidence (an addition).
- Not claims: tallies over a period ("killed since January"), negated outcomes ("were not
  injured").
- Repeats (:func:`fogofwar.extract.tallies.drop_repeats`): the kept copy is the one with a
  stated qualifier ("at least 84" over a lede's
  "84"), then the stronger stance (confirms over reports), then a stated date, then the first.
  A copy about unknown victims is dropped when the same claimant gives the same figure and
  outcome for a named group ("Seventeen Killed" headline, "killed seventeen insurgents").
- Re-counts: once an article has claimed an outcome, "the commander" (a definite single person
  the registry cannot place) and "four of the insurgents" (part of a group) refer back to people
  already counted and are skipped.
- Planned, threatened, attempted or prevented outcomes are not claims ("planned the
  assassination of a general", "would kill").
- Confidence: 1.0 for a claimant named in the sentence or the outlet's own statement; 0.9
  when carried by a pronoun; 0.8 when carried from the paragraph; times 0.8 for unknown
  victims; times 0.8 when count and outcome were joined by word order, not by the parse
  (``linear_statements``, a fallback for ALL CAPS wires that spaCy parses poorly).
"""

from __future__ import annotations

import functools
import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from fogofwar.extract.actors import ActorRegistry, is_all_caps
from fogofwar.extract.attribution import (
    ArticleContext,
    Attribution,
    ClaimLexicon,
    actor_in,
    actor_of_phrase,
    attribute,
    claim_lexicon,
    clause_subject,
    dateline_end,
    is_anaphor,
    is_verbish,
    phrase_end,
    subject_party,
)
from fogofwar.extract.numbers import Quantity, find_quantities, is_plausible
from fogofwar.extract.sentences import Sentence
from fogofwar.extract.tallies import GROUP_JOINER, UNKNOWN, drop_repeats, family, is_uninformative, join
from fogofwar.model import Actor, Article, Claim, Span, record_id
from fogofwar.nlp import entity_type

log = logging.getLogger(__name__)

_COUNT_DEPS = frozenset(
    {"nummod", "quantmod", "amod", "det", "advmod", "compound", "npadvmod", "nmod", "poss"}
)
_PREDICATE_DEPS = frozenset({"acomp", "oprd", "xcomp", "attr"})
_SOURCE_CONFIDENCE = {"explicit": 1.0, "outlet": 1.0, "pronoun": 0.9, "paragraph": 0.8}
_UNKNOWN_VICTIMS_FACTOR = 0.8
_LINEAR_FACTOR = 0.8  # found by word order alone, the parse did not connect count and outcome
_QUALIFIED = frozenset({"at_least", "at_most", "about"})
_OWN_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})


# -- candidate sentences -------------------------------------------------------------------


def _trie_regex(words: list[str]) -> str:
    """A regex alternation of ``words`` as a character trie (fast: no backtracking over words)."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
        return body + "?" if optional else body

    return emit(trie)


@functools.cache
def _candidate_pattern() -> re.Pattern[str]:
    lex = claim_lexicon()
    nouns = {noun for entries in lex.phrasal_triggers.values() for entry in entries for noun in entry[2]}
    words = sorted({w for w in lex.triggers if " " not in w} | nouns)
    particles = "|".join(
        rf"{re.escape(verb)}\s+{re.escape(particle)}"
        for verb, (particle, _, _) in sorted(lex.particle_triggers.items())
    )
    pattern = (
        r"\b" + _trie_regex(words) + r"\b|\b(?:fatal|deadly)\s+(?:\w+\s+)?(?:shooting|stabbing)\b|\bsuicide\b"
    )
    if particles:
        pattern += rf"|\b(?:{particles})\b"
    return re.compile(pattern, re.IGNORECASE)


def is_claim_candidate(text: str) -> bool:
    """Whether a sentence may carry a casualty figure or statement (one compiled regex, no spaCy).

    >>> is_claim_candidate("Two soldiers were killed."), is_claim_candidate("Talks resumed.")
    (True, False)
    """
    return _candidate_pattern().search(text) is not None


# -- statements: outcome word + victim phrase + count ---------------------------------------


@dataclass
class _Statement:
    """One casualty statement found in a parsed sentence, before attribution."""

    trigger: Any  # Token of the outcome word
    outcome: str
    head: Any  # Token heading the victim phrase (the outcome noun itself for "12 deaths")
    noun: Any | None  # the content noun ("soldiers" in "two of its soldiers"); None: a bare number
    how: str  # passive, object, subject, predicate, modified, of, self
    figure: int | None
    low: int | None
    high: int | None
    qualifier: str
    start: int  # evidence, offsets into the sentence
    end: int
    definite: bool = False  # a single person named with "the": maybe one already counted
    counted: bool = False  # the figure comes from a number or amount word, not from "a"/"the"
    position: int = 0  # index within a coordinated list of victim phrases
    extra: list[Any] = field(default_factory=list)  # conjuncts without their own count, same victims
    proper: bool = False  # a proper name counted as one person ("killing Fayez Jan")


_AGE_BEFORE = re.compile(r"[A-Z][\w.'’-]*,\s*$")
_AGE_AFTER = re.compile(r"^\s*[,)]")
# "Dennie Reeves, 66 and Ginger Reeves, 64 were found dead": name, age and name, age.
_AGE_LIST_AFTER = re.compile(r"^\s*(?:,\s*)?and\s+[A-Z]")
_AGE_LIST_BEFORE = re.compile(
    r"[A-Z][\w.'’-]*,\s*\d{1,3}\s*,?\s*and\s+(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*,\s*$"
)
_WORD_COMMA = re.compile(r"(\w+),\s*$")


def _quantity_tokens(doc: Any) -> dict[int, Quantity]:
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


def _end(token: Any) -> int:
    return token.idx + len(token)


def _is_full_name(token: Any) -> bool:
    """A proper noun after a first name ("Brian Davis") or before an age ("Davis, 18")."""
    return any(
        (c.dep_ == "compound" and c.tag_ == "NNP" and c.i < token.i) or (c.dep_ == "appos" and c.like_num)
        for c in token.children
    )


def _is_plural(token: Any, caps: bool) -> bool:
    if token.tag_ in ("NNS", "NNPS"):
        return True
    if "Plur" in token.morph.get("Number"):
        return True
    if caps or token.tag_ in ("NNP", ""):
        if not caps and (entity_type(token) == "PERSON" or _is_full_name(token)):
            return False  # "Brian Davis", "Jones, 24": a surname ending in s
        lower = token.lower_
        return (lower.endswith("s") and not lower.endswith("ss")) or lower.endswith(
            ("men", "people", "children")
        )
    return False


def _count_of(token: Any, qtokens: dict[int, Quantity]) -> Quantity | None:
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


def _of_object(token: Any) -> Any | None:
    """The object of an of-phrase under ``token`` ("two of its soldiers" -> soldiers)."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def _is_zero(token: Any, lex: ClaimLexicon) -> bool:
    if token.lower_ in lex.zero_words:
        return True
    return any(c.dep_ == "det" and c.lower_ in lex.zero_determiners for c in token.children)


def _uncounted_plural(token: Any) -> bool:
    """A plural victim phrase without a number ("them", "the children")."""
    if token.lower_ in ("them", "they"):
        return True
    return token.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "nummod" for c in token.children)


# Verbs after which a participle with a subject is a small clause, not a past tense ("police
# found a man shot in the head").
_FINDING_VERBS = frozenset({"found", "finds", "find", "discovered", "discover", "left", "leave"})


def _found_small_clause(token: Any, deps: set[str]) -> bool:
    """ "found two people shot to death": the parser reads "people shot" as a clause of its own."""
    return (
        token.tag_ in ("VBN", "VBD")  # "found three people shot dead": the tagger reads a past tense
        and token.dep_ == "ccomp"
        and token.head.lower_ in _FINDING_VERBS
        and not deps & {"aux", "auxpass", "dobj", "mark"}
    )


def _verbal_arguments(
    token: Any, classes: frozenset[str], copulas: frozenset[str], headline: bool = False
) -> list[tuple[Any, str]]:
    children = list(token.children)
    deps = {c.dep_ for c in children}
    passive = bool(deps & {"auxpass", "nsubjpass"})
    has_object = "dobj" in deps
    args: list[tuple[Any, str]] = []
    if classes & {"transitive", "own_loss", "adjective"}:
        args += [(c, "passive") for c in children if c.dep_ == "nsubjpass"]
    if (
        classes & {"transitive", "adjective"}
        and not passive
        and not has_object
        and token.tag_ in ("VBD", "VBN")
        and (headline or "agent" in deps or _found_small_clause(token, deps))
    ):
        # a participle read as a past tense: "Teen shot to death in Pacoima" (a headline drops
        # the auxiliary), "Toddler fatally shot by gunman" (a by-agent makes it passive)
        args += [(c, "passive") for c in children if c.dep_ == "nsubj"]
    if (
        "transitive" in classes
        and token.dep_ in ("xcomp", "oprd")
        and token.tag_ == "VBN"
        and not deps & {"nsubj", "nsubjpass", "dobj"}
        and token.head.i != token.i
    ):
        # "two men were found shot to death", "police found a woman shot dead": the victims are
        # the passive subject or the object of the verb the participle completes
        args += [(c, "passive") for c in token.head.children if c.dep_ in ("nsubjpass", "dobj")]
    if classes & {"transitive", "own_loss"} and not passive:
        # A verb has one direct object: a second "dobj" is an apposition the parser hung on the
        # verb ("took two other people inside the car, a male and female, into custody"), the same
        # people again; read as a second object, it gave a second claim with the same evidence.
        args += [(c, "object") for c in children if c.dep_ == "dobj"][:1]
        if any(c.dep_ == "dobj" and not _uncounted_plural(c) for c in children):
            # "killed his son and then himself", "shot his 2 children, then himself": the parser
            # hangs the reflexive on the verb. Not after "shot them": it would count the killer alone.
            reflexive = claim_lexicon().reflexive_pronouns
            args += [
                (c, "object") for c in children if c.dep_ in ("conj", "npadvmod") and c.lower_ in reflexive
            ]
    if "intransitive" in classes:
        args += [(c, "subject") for c in children if c.dep_ == "nsubj"]
    if "prepositional_object" in classes:
        # "turned the gun on himself": the victim is the object of the preposition
        args += [(g, "object") for c in children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    if "adjective" in classes and any(c.dep_ == "nummod" and c.i < token.i for c in children):
        return [(token, "self")]  # "left five dead": the count hangs on the adjective
    if "adjective" in classes and not has_object and token.tag_ in ("JJ", "VBN"):
        # "12 dead in attack", "Twelve soldiers killed in ambush" (headline style)
        args += [
            (c, "subject") for c in children if c.dep_ == "nsubj" and c.lower_ not in ("who", "that", "which")
        ]
        own_subject = deps & {"nsubj", "nsubjpass"}
        if token.dep_ in _PREDICATE_DEPS and token.head.i != token.i and not own_subject:
            # "twelve are dead" (the copula's subject); "left twelve dead", "were found dead"
            # (the object or passive subject of any other verb).
            deps_wanted = ("nsubj",) if token.head.lower_ in copulas else ("nsubjpass", "dobj")
            holder = token.head
            if holder.dep_ == "conj" and not _deps(holder) & {"nsubj", "nsubjpass", "dobj", "aux", "auxpass"}:
                holder = holder.head  # "was shot in the face and pronounced dead": the first verb's subject
            args += [(c, "predicate") for c in holder.children if c.dep_ in deps_wanted and c.i != token.i]
    if token.dep_ in ("acl", "amod", "relcl") and not has_object and classes - {"own_loss"}:
        if token.dep_ == "relcl":
            relative = any(
                c.dep_ in ("nsubjpass", "nsubj") and c.lower_ in ("who", "that", "which") for c in children
            )
            if relative and (passive or "intransitive" in classes):
                args.append((token.head, "modified"))
        elif "adjective" in classes and _is_postposed(token):
            args.append((_list_head(token.head), "predicate"))  # "found the girl and her father, 56, dead"
        elif token.tag_ in ("VBN", "JJ") or "adjective" in classes:
            args.append((token.head, "modified"))
    return args


def _deps(token: Any) -> set[str]:
    return {c.dep_ for c in token.children}


def _list_head(token: Any) -> Any:
    """The first phrase of the coordinated list ``token`` is in ("two females and one male" -> females)."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _is_postposed(token: Any) -> bool:
    """An adjective the parser hung after the object it describes ("found her father, 56, dead",
    "found two women and one man dead": hung on the last of the list)."""
    return token.dep_ == "amod" and _list_head(token.head).dep_ == "dobj" and token.i > token.head.i


def _noun_arguments(
    token: Any, outcome: str, lex: ClaimLexicon, qtokens: dict[int, Quantity]
) -> list[tuple[Any, str]]:
    lower = token.lower_
    if lower in lex.life_nouns:
        head = token.head
        if head.lower_ in lex.own_loss_verbs:  # "twelve soldiers lost their lives"
            subject, _ = clause_subject(head)
            return [(subject, "subject")] if subject is not None else []
        if head.lower_ not in lex.life_verbs:
            return []  # "saved the lives of"
    obj = _of_object(token)
    if obj is not None and (outcome != "casualties" or _count_of(obj, qtokens) is not None):
        return [(obj, "of")]
    if outcome == "killed":
        # "his brother's death": the relative is the person who died ("the commander's death"
        # is more often a past deed told of someone)
        owners = [c for c in token.children if c.dep_ == "poss" and c.lower_ in lex.kin_nouns]
        if owners:
            return [(owners[0], "of")]
    if lower in lex.noun_requires_of or lower not in lex.self_counted_nouns:
        return []  # "multiple kidnappings" counts events, not people
    counted = _count_of(token, qtokens) is not None or _is_zero(token, lex)
    vague = any(c.dep_ == "amod" and c.lower_ in lex.vague_intensity for c in token.children)
    return [(token, "self")] if counted or vague else []


def _outcome_word(token: Any, lex: ClaimLexicon) -> str | None:
    """The outcome a single word of the lexicon's triggers names ("killed" for "slain"), or None."""
    entry = lex.triggers.get(token.lower_)
    return entry[0] if entry is not None else None


def _died_after(token: Any, lex: ClaimLexicon) -> bool:
    """A wounding (or a disappearance) told in a clause or modifier of the subject of a death
    ("the boy who was shot Tuesday has died", "a man, shot in the stomach, has died", "a missing
    child was found dead")."""
    if token.dep_ not in ("relcl", "acl", "amod") or token.head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head.head
    return _outcome_word(verb, lex) == "killed" or _pronounced_dead(verb, lex)


def _killing_them(token: Any, lex: ClaimLexicon) -> bool:
    """A wounding followed by a clause that kills the same people by pronoun ("shot both men,
    killing them", "shot him in the head, killing him")."""
    return any(
        c.dep_ in ("advcl", "conj")
        and _outcome_word(c, lex) == "killed"
        and c.tag_ == "VBG"
        and any(g.dep_ == "dobj" and g.lower_ in ("them", "him", "her") for g in c.children)
        for c in token.children
    )


def _pronounced_dead(verb: Any, lex: ClaimLexicon) -> bool:
    """A verb that is no outcome itself but says someone died ("pronounced dead", "found dead")."""
    return any(c.dep_ in ("oprd", "acomp") and _outcome_word(c, lex) == "killed" for c in verb.children)


def _is_fatal(token: Any, lex: ClaimLexicon) -> bool:
    """ "shot dead", "fatally stabbed", "beaten to death": an injury word that reports a death."""
    for child in token.children:
        if child.lower_ in lex.fatal_modifiers and child.dep_ in (
            "advmod",
            "oprd",
            "acomp",
            "xcomp",
            "npadvmod",
        ):
            return True
        if child.dep_ == "prep" and any(g.lower_ in lex.fatal_modifiers for g in child.children):
            return True
    return False


def _shared_subject(token: Any, classes: frozenset[str]) -> list[tuple[Any, str]]:
    """A coordinated participle shares the passive subject of the verb before it
    ("a man was shot and killed", "were killed or wounded")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children):
        return []
    if "intransitive" in classes and token.dep_ in ("conj", "advcl") and token.head.i < token.i:
        # "was taken to a hospital but later died", "a boy shot ... has died": the subject of
        # the verb before it died
        return [(c, "subject") for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if token.dep_ != "conj" or not classes & {"transitive", "adjective"} or token.tag_ not in ("VBN", "JJ"):
        return []
    if _gerund_subject(token):
        return []  # "... and one man was detained": a clause of its own, with its own subject
    head = token.head
    if head.dep_ == "relcl" and any(c.dep_ == "nsubjpass" and c.lower_ in _RELATIVES for c in head.children):
        return [(head.head, "modified")]  # "a 14-year-old who was shot and killed": the antecedent
    if head.dep_ == "acl" and head.tag_ == "VBN" and not _deps(head) & {"nsubj", "nsubjpass", "dobj"}:
        return [(head.head, "modified")]  # "friends of a boy shot and killed Friday": the boy
    return [(c, "passive") for c in head.children if c.dep_ == "nsubjpass"]


_PLURAL_AUX = frozenset({"were", "are"})
_RELATIVES = frozenset({"who", "that", "which"})
_HARM = frozenset({"killed", "injured"})
# Victims that name no party: a definite person among them may be one already counted.
_UNNAMED = frozenset({UNKNOWN, "civilians"})


def _gerund_subject(token: Any) -> list[tuple[Any, str]]:
    """The noun before the passive auxiliary of a verb the parser left without a subject
    ("resulted in six people being killed", "... officials and one man was detained", "In the
    east, a leader and a fighter were captured" with the list hung on the clause before)."""
    for child in token.children:
        if child.dep_ != "auxpass" or child.i == 0:
            continue
        before = child.nbor(-1)
        if before.pos_ not in ("NOUN", "PROPN", "NUM") or before.head.i == token.i:
            continue
        if before.dep_ == "pobj" and before.head.lower_ == "of" and before.head.head.i < before.i:
            before = before.head.head  # "one person of interest was detained"
        if child.lower_ in _PLURAL_AUX and before.dep_ == "conj" and before.tag_ in ("NN", "NNP"):
            # a singular last conjunct before "were": the whole list is the subject
            while before.dep_ == "conj" and before.head.i < before.i:
                before = before.head
        return [(before, "passive")]
    return []


def _both_outcomes(first: Any, second: Any, lex: ClaimLexicon) -> bool:
    """Two coordinated outcome verbs sharing one count ("killed or wounded") name casualties,
    unless one is a means of harm ("shot and killed" is a killing)."""
    if first.lower_ in lex.harm_verbs or second.lower_ in lex.harm_verbs:
        return False
    # Either may be a phrasal trigger ("turned the gun on himself"), absent from the word table.
    a, b = trigger_entry(first, lex), trigger_entry(second, lex)
    return a is not None and b is not None and {a[0], b[0]} == {"killed", "injured"}


def trigger_entry(token: Any, lex: ClaimLexicon) -> tuple[str, frozenset[str]] | None:
    """The outcome and syntactic classes of an outcome word, or None: a word of the lexicon's
    triggers, or a phrasal verb with its preposition and noun ("taken into custody")."""
    entry = lex.triggers.get(token.lower_)
    if entry is not None:
        return entry
    particle = lex.particle_triggers.get(token.lower_)
    if particle is not None and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == particle[0] for c in token.children
    ):
        return particle[1], frozenset({particle[2]})  # "passed away"
    found = _phrasal(token, lex)
    return (found[0], frozenset({found[3]})) if found else None


def _phrasal(token: Any, lex: ClaimLexicon) -> tuple[str, str, frozenset[str], str, bool] | None:
    """The phrasal trigger entry whose preposition and noun follow ``token``, if any."""
    objects = lex.phrasal_objects.get(token.lower_)
    if objects and not any(c.dep_ == "dobj" and c.lower_ in objects for c in token.children):
        return None  # "turned on himself" without the gun is no shooting
    for entry in lex.phrasal_triggers.get(token.lower_, ()):
        _, preposition, nouns, _, _ = entry
        for child in token.children:
            if (
                child.dep_ == "prep"
                and child.lower_ == preposition
                and any(g.dep_ == "pobj" and g.lower_ in nouns for g in child.children)
            ):
                return entry
    return None


def _recalls_known(statement: _Statement, lex: ClaimLexicon) -> bool:
    """A state ("are in custody") said of people named with "the"/"these"/a possessive: those
    were counted when they were taken ("the detainees are in the custody of the police")."""
    found = _phrasal(statement.trigger, lex)
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


def _trigger_end(token: Any, lex: ClaimLexicon) -> int:
    """Where the outcome words end: after the noun of a phrasal trigger ("taken into custody")."""
    particle = lex.particle_triggers.get(token.lower_)
    if particle is not None and token.lower_ not in lex.triggers:
        ends = [_end(c) for c in token.children if c.dep_ in ("prt", "advmod") and c.lower_ == particle[0]]
        return max([_end(token), *ends])  # "passed away"
    found = None if token.lower_ in lex.triggers else _phrasal(token, lex)
    if found is None:
        return _end(token)
    _, preposition, nouns, _, _ = found
    ends = [
        _end(g)
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == preposition
        for g in c.children
        if g.lower_ in nouns
    ]
    return max([_end(token), *ends])


def _arguments(
    token: Any,
    lex: ClaimLexicon,
    qtokens: dict[int, Quantity],
    entry: tuple[str, frozenset[str]],
    headline: bool = False,
) -> tuple[str, list[tuple[Any, str]]]:
    outcome, classes = entry
    if outcome == "injured" and _is_fatal(token, lex):
        outcome = "killed"
    partners = [
        c
        for c in token.children
        if c.dep_ == "conj"
        and (c.lower_ in lex.triggers or _pronounced_dead(c, lex))
        and not any(g.dep_ in _OWN_ARGS for g in c.children)
    ]
    if partners and any(c.dep_ == "cc" for c in token.children):
        partner = partners[0]
        other = _outcome_word(partner, lex) or "killed"
        if outcome == "injured" and other == "killed" and not _is_fatal(token, lex):
            return outcome, []  # "shot and killed", "wounded and killed": the killing is the claim
        if _both_outcomes(token, partner, lex):
            outcome = "casualties"  # "killed or wounded": one count of both
    if outcome in ("injured", "missing") and _died_after(token, lex):
        return outcome, []  # "the 2-year-old who was shot ... has died": the death is the claim
    if outcome == "injured" and _killing_them(token, lex):
        outcome = "killed"  # "shot both men, killing them": those shot died
    if headline and outcome == "injured" and not _is_fatal(token, lex):
        fatal = [
            c for c in token.children if c.dep_ in ("conj", "advcl") and _outcome_word(c, lex) == "killed"
        ]
        if fatal:
            return outcome, []  # "Girl accidentally shot, killed": the killing is the claim
    head = token.head
    if (
        token.dep_ == "conj"
        and head.lower_ in lex.triggers
        and not any(g.dep_ in ("dobj", "nsubjpass") for g in head.children)
        and not any(g.dep_ in ("nsubj", "nsubjpass", "nummod", "npadvmod") for g in token.children)
    ):
        if head.lower_ in lex.harm_verbs and outcome == "killed":
            pass  # "shot and killed a man": killed
        elif _both_outcomes(head, token, lex):
            outcome = "casualties"  # "killed and wounded 20 people": the object hangs on the second verb
    verbal = is_verbish(token) or token.pos_ != "NOUN"
    args = _verbal_arguments(token, classes, lex.copulas, headline) if verbal else []
    if not args:
        args = _shared_subject(token, classes)
    if not args and headline and token.dep_ in ("conj", "advcl") and token.head.lower_ in lex.triggers:
        # "Girl accidentally shot, killed": the subject the headline's first participle has
        args = [
            (c, "passive")
            for c in token.head.children
            if c.dep_ == "nsubj" and "dobj" not in _deps(token.head)
        ]
    if not args and classes & {"transitive", "adjective"}:
        args = _gerund_subject(token)
    if "noun" in classes and not args:
        args = _noun_arguments(token, outcome, lex, qtokens)
    if "own_loss" in classes:
        # "she lost a daughter years ago": a bereavement, not a side's loss in this fight
        args = [(a, how) for a, how in args if a.lower_ not in lex.kin_nouns]
    return outcome, args


def _values(quantity: Quantity) -> tuple[int | None, int | None, int | None, str]:
    return quantity.figure, quantity.low, quantity.high, quantity.qualifier


def _requalify(values: tuple[int | None, int | None, int | None, str], qualifier: str) -> tuple[Any, ...]:
    """Apply a list's leading qualifier to a bare count after it ("at least 84 ... and 47")."""
    figure = values[0]
    return {
        "at_least": (figure, figure, None, "at_least"),
        "at_most": (figure, None, figure, "at_most"),
        "about": (figure, None, None, "about"),
    }[qualifier]


def _is_proper_name(arg: Any, how: str, lex: ClaimLexicon, caps: bool, ctx: ArticleContext | None) -> bool:
    """A proper name as the object or passive subject of an outcome verb, naming no group,
    place or nationality the parser or the registry knows: one person ("killing Fayez Jan")."""
    if ctx is None or how not in ("object", "passive", "of", "predicate", "subject"):
        return False
    if arg.lower_ in lex.person_nouns | lex.collective_nouns:
        return False
    titled = (
        not caps
        and arg.tag_ == "NNP"
        and any(c.dep_ == "compound" and c.i < arg.i and c.lower_ in lex.person_nouns for c in arg.children)
    )
    if entity_type(arg) in lex.non_person_entities and not titled:
        return False  # "photographer Wil Lewis" is a person whatever the tagger says
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
    return actor_in(ctx, arg.left_edge.idx, phrase_end(arg), arg.idx) is None


def _is_member_title(arg: Any, lex: ClaimLexicon, caps: bool) -> bool:
    """A group's name used as the modifier of a singular person noun that the parser hung
    under an of-phrase of the name ("a Movement" <- "of" <- "leader"): one person."""
    inner = _of_object(arg)
    if inner is None or inner.lower_ not in lex.person_nouns or _is_plural(inner, caps):
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
    if _is_age_noun(arg) and arg.lower_ == "old":
        return not any(c.dep_ == "poss" for c in arg.children) or how not in ("of", "modified")
    if arg.lower_ in lex.collective_nouns and _is_member_title(arg, lex, caps):
        return True  # "an Islamic Movement of Uzbekistan leader", parsed as "a Movement of (...) leader"
    if arg.lower_ in lex.pronouns or arg.lower_ in lex.collective_nouns:
        return False  # "hurting the army" is no count of people
    if _is_proper_name(arg, how, lex, caps, ctx):
        return True  # "killing Fayez Jan": a person the tagger did not label
    if _is_plural(arg, caps):
        return False
    if arg.pos_ not in ("NOUN", "PROPN"):
        return False
    determiners = {c.lower_ for c in arg.children if c.dep_ == "det"}
    possessed = any(c.dep_ == "poss" for c in arg.children)
    named = arg.pos_ == "PROPN" and entity_type(arg) == "PERSON"
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
                c.dep_ in ("acl", "relcl") and c.i > arg.i and _outcome_word(c, lex) in _HARM
                for c in arg.children
            )
        )
        # "the shooting death of her daughter", "the death of the teenager": one person, maybe one
        # the article already counted (a definite statement, skipped then as a recount)
        known = how == "of" and (
            (possessed and arg.lower_ in lex.kin_nouns)
            or ("the" in determiners and (arg.lower_ in lex.person_nouns or _is_age_noun(arg)))
        )
        return (bool(determiners & {"a", "an", "one", "another"}) or named or introduced or known) and (
            not possessed or known
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
    if _is_plural(arg, caps) and any(c.dep_ == "amod" and c.lower_ == "twin" for c in arg.children):
        return True  # "his twin daughters"
    if arg.lower_ == "couple" and _of_object(arg) is None:
        return True  # "a couple and their two children were found dead" ("a couple of men": vague)
    return _is_plural(arg, caps) and any(c.dep_ == "det" and c.lower_ == "both" for c in arg.children)


def _statement(
    trigger: Any,
    outcome: str,
    arg: Any,
    how: str,
    qtokens: dict[int, Quantity],
    lex: ClaimLexicon,
    caps: bool,
    ctx: ArticleContext | None = None,
) -> _Statement | None:
    if arg.lower_ in lex.container_nouns and (inner := _of_object(arg)) is not None:
        arg = inner  # "a total of 31 people were kidnapped"
    quantity = _count_of(arg, qtokens)
    noun = arg
    definite = False
    proper = False
    if quantity is not None and arg.i in qtokens and how != "self":
        noun = _of_object(arg)  # "two of its soldiers" -> soldiers; "ten were injured" -> None
    elif quantity is None and arg.lower_ in lex.collective_nouns and _is_member_title(arg, lex, caps):
        noun = _of_object(arg)  # "an Islamic Movement of Uzbekistan leader": the leader
    if quantity is not None:
        values = _values(quantity)
        start = quantity.start
    elif _is_zero(arg, lex):
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
    end = phrase_end(noun) if noun is not None else _end(arg)
    if how == "self" and values[0] == 0 and outcome == "casualties":
        outcome = lex.zero_casualties_outcome
    if how != "self" and quantity is not None and noun is not None and noun.i < arg.i:
        end = max(end, _end(arg))
    return _Statement(
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


def _other_person_noun(found: _Statement, first: _Statement, lex: ClaimLexicon) -> bool:
    """A person noun listed after another one ("the woman, the man and the child")."""
    words = lex.person_nouns | lex.kin_nouns
    return (
        found.head.lower_ in words and first.head.lower_ in words and found.head.lower_ != first.head.lower_
    )


def _add_shared_singular(previous: _Statement, item: Any, lex: ClaimLexicon, caps: bool) -> None:
    """A bare singular noun coordinated after "a man" shares its determiner: one more person."""
    if _is_plural(item, caps) or item.lower_ in lex.collective_nouns or item.pos_ not in ("NOUN", "PROPN"):
        return
    if any(c.dep_ == "det" for c in item.children) or previous.figure is None:
        return
    previous.figure += 1
    previous.low = previous.high = previous.figure
    previous.extra.append(item)
    previous.end = max(previous.end, phrase_end(item))


def _with_trigger(statement: _Statement, lex: ClaimLexicon) -> _Statement:
    trigger = statement.trigger
    statement.start = min(statement.start, trigger.idx)
    for child in trigger.children:
        if child.dep_ == "advmod" and child.lower_ in lex.additive_adverbs and child.i < trigger.i:
            # "also detained two suspects": the evidence keeps the word that makes it an addition
            statement.start = min(statement.start, child.idx)
    statement.end = max(statement.end, _trigger_end(trigger, lex))
    return statement


def _coordinated(arg: Any, lex: ClaimLexicon | None = None) -> list[Any]:
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


def _is_age_noun(token: Any) -> bool:
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


def _is_personish(token: Any, lex: ClaimLexicon, ctx: ArticleContext) -> bool:
    if any(form in lex.person_nouns for form in singular_forms(token.lower_)):
        return True
    if _is_age_noun(token):
        return True
    if token.lower_ in lex.anaphoric_nouns:
        return True
    if entity_type(token) in ("PERSON", "NORP"):
        return True
    return actor_in(ctx, token.left_edge.idx, phrase_end(token), token.idx) is not None


def _widen_to_context(statement: _Statement, lex: ClaimLexicon) -> None:
    """Evidence of "heavy losses" includes who inflicted/admitted them and on whom."""
    token = statement.head
    phrases = _victim_phrases(token, lex)
    if phrases:
        statement.end = max(statement.end, *(phrase_end(p) for p in phrases))
    verb = _governing_verb(token)
    if verb.lower_ in lex.inflict_verbs | lex.admission_verbs | lex.suffer_verbs and verb.i < token.i:
        statement.start = min(statement.start, verb.idx)


def _is_irrealis(trigger: Any, lex: ClaimLexicon) -> bool:
    """Whether the outcome is planned, threatened, attempted or prevented, not reported as done
    ("planned the assassination of a general", "threatened to kill 20 hostages", "would kill")."""
    if any(c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in trigger.children):
        return True
    if trigger.dep_ in _PREDICATE_DEPS and any(
        c.dep_ == "aux" and c.lower_ in lex.irrealis_modals for c in trigger.head.children
    ):
        return True  # "he should be dead", "they could be dead"
    for depth, ancestor in enumerate(trigger.ancestors):
        if depth >= 3 or lex.stance_of(ancestor.lower_):
            break
        if ancestor.lower_ in lex.irrealis:
            return True
    return False


def _fatal_parts(
    trigger: Any, arg: Any, shot: _Statement, qtokens: dict[int, Quantity], lex: ClaimLexicon
) -> list[_Statement]:
    """ "four people were shot, one fatally": the part that died is a killing of the same
    victims, and the wounded are the others (three)."""
    found: list[_Statement] = []
    for count in [*trigger.children, *arg.children]:
        quantity = qtokens.get(count.i)
        fatal = [c for c in count.children if c.lower_ in lex.fatal_modifiers and c.i > count.i]
        if quantity is None or quantity.figure is None or not fatal or count.i <= arg.i:
            continue
        values = _values(quantity)
        part = _Statement(
            trigger, "killed", count, None, "fatal", *values, start=quantity.start, end=_end(fatal[0])
        )
        part.counted = True
        found.append(part)
        if shot.qualifier == "exact" and shot.figure is not None and shot.figure > quantity.figure:
            shot.figure -= quantity.figure
            shot.low = shot.high = shot.figure
    return found


def _is_negated(trigger: Any, args: list[tuple[Any, str]], lex: ClaimLexicon) -> bool:
    """ "two passengers were not injured": a negated outcome counts nobody (but "not seriously
    injured" is an injury; a zero stated with
    "no one" / "none" is a claim of its own and is kept)."""
    if not any(c.dep_ == "neg" for c in trigger.children):
        return False
    if any(c.dep_ == "advmod" and c.lower_ in lex.degree_adverbs for c in trigger.children):
        return False  # "was not seriously injured": injured, not badly
    return not any(_is_zero(arg, lex) for arg, _ in args)


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


def _is_tally(trigger: Any, lex: ClaimLexicon) -> bool:
    """Whether the outcome is counted over a period, not in one event ("more than 50 insurgents
    killed since the beginning of the year", "have killed two and detained 30 since December",
    "45 people have been killed this year", "the city's 30th killing"), or happened long before
    it ("whose mother died years ago")."""
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


def find_statements(doc: Any, ctx: ArticleContext, lex: ClaimLexicon) -> list[_Statement]:
    """All casualty statements of a parsed sentence, in reading order (pure; no attribution)."""
    qtokens = _quantity_tokens(doc)
    caps = is_all_caps(doc.text)
    statements: list[_Statement] = []
    used: set[int] = set()
    for token in doc:
        entry = trigger_entry(token, lex)
        if entry is None:
            continue
        outcome, args = _arguments(token, lex, qtokens, entry, ctx.headline)
        skip = _is_irrealis(token, lex) or _is_tally(token, lex) or _is_negated(token, args, lex)
        if args and skip:
            continue
        for arg, how in args:
            if arg.i in used:
                continue
            items = [arg] if how in ("self", "subject") and arg.i == token.i else _coordinated(arg, lex)
            previous: _Statement | None = None
            first: _Statement | None = None
            for position, item in enumerate(items):
                used.add(item.i)
                found = _statement(token, outcome, item, how, qtokens, lex, caps, ctx)
                if found is not None and _recalls_known(found, lex):
                    continue
                if found is None and previous is not None and previous.figure and not previous.counted:
                    # "a man and woman": one more person; "the Taliban commander and the militants":
                    # no count for the militants.
                    _add_shared_singular(previous, item, lex, caps)
                    continue
                if found is None:
                    if previous is not None and _is_personish(item, lex, ctx):
                        previous.extra.append(item)  # "seven Malian soldiers and Wagner operatives"
                        previous.end = max(previous.end, phrase_end(item))
                    continue
                found.position = position
                if position > 0 and (
                    how == "of"
                    or (found.proper and not caps)
                    or (first is not None and _other_person_noun(found, first, lex))
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
                    found.end = max(found.end, _trigger_end(token, lex))
                if how == "self":
                    _widen_to_context(found, lex)
                statements.append(found)
                previous = found
            if previous is not None and outcome == "injured":
                statements += _fatal_parts(token, arg, previous, qtokens, lex)
    statements += _fatal_event_statements(doc, statements, lex)
    # A token is covered when any of its characters lies in a statement: a count may start inside
    # a token ("-Three additional officers", a list dash glued to it), and a test on the token's
    # first character alone let the linear pass read the same count again (two claims, one id).
    covered = {t.i for st in statements for t in doc if t.idx < st.end and st.start < t.idx + len(t)}
    statements += linear_statements(doc, qtokens, covered, lex, ctx)
    return sorted(statements, key=lambda s: (s.start, s.end))


_FATAL_EVENT_NOUNS = frozenset({"shooting", "stabbing"})
_FATAL_ADJECTIVES = frozenset({"fatal", "deadly"})
_MULTIPLIERS = {"double": 2, "triple": 3, "quadruple": 4}


def _fatal_event_statements(doc: Any, found: list[_Statement], lex: ClaimLexicon) -> list[_Statement]:
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
        if lower in _FATAL_EVENT_NOUNS and token.pos_ == "NOUN":
            fatal = [c for c in children if c.dep_ == "amod" and c.lower_ in _FATAL_ADJECTIVES]
            if not fatal or any(
                doc.text[max(0, c.idx - 4) : c.idx].lower() in ("non-", "non ") for c in fatal
            ):
                continue  # "a non-fatal shooting"
        elif lower == "suicide":
            # "a murder-suicide": at least the one killed and the killer
            if not any(c.dep_ == "compound" and c.lower_ in ("murder", "homicide") for c in children):
                continue
        elif lower == "death":
            if not any(c.dep_ in ("compound", "amod") and c.lower_ in _FATAL_EVENT_NOUNS for c in children):
                continue
            if _of_object(token) is not None or any(c.dep_ in ("nummod", "poss") for c in children):
                continue
        else:
            continue
        if _is_irrealis(token, lex) or _is_tally(token, lex):
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
            _Statement(
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
                end=_end(token),
                definite=bool(determiners & {"the", "this", "that"})
                or any(c.dep_ == "poss" for c in children),
            )
        )
    return statements


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


def _trigger_after(
    doc: Any, j: int, qtokens: dict[int, Quantity], lex: ClaimLexicon
) -> tuple[str, Any] | None:
    """An outcome participle after a count's phrase, past auxiliaries ("WERE ALSO KILLED") and
    past coordinated counts sharing it ("12 GUERRILLAS AND 1 SOLDIER WERE KILLED")."""
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
        shared = token.lower_ in ("and", ",") or k in qtokens
        phrase = (
            token.is_alpha
            and token.lower_ not in lex.linear_stop
            and token.lower_ not in lex.triggers
            and not token.tag_.startswith("VB")  # "140 PEOPLE HAVE DISAPPEARED AND 60 ... KILLED"
        )
        if not (token.lower_ in lex.linear_aux or shared or phrase):
            return None
        k += 1
    return None


def linear_statements(
    doc: Any, qtokens: dict[int, Quantity], covered: set[int], lex: ClaimLexicon, ctx: ArticleContext
) -> list[_Statement]:
    """Counts next to an outcome word that the parse did not connect (ALL CAPS wires parse
    badly): "FOUR PEOPLE KILLED, FIVE INJURED", "LEFT AT LEAST 12 DEAD", "30 OF THEM WERE DETAINED".

    A count, up to four words of its noun phrase (or "of" and a phrase), then optional auxiliaries
    and a participle or adjective; or a transitive verb right before the count.
    """
    found: list[_Statement] = []
    for quantity, first, last in _quantity_spans(qtokens):
        if quantity.figure is None or any(i in covered for i in range(first, last + 1)):
            continue
        j = last + 1
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
        noun = words[-1] if words else None
        before = doc[first - 1] if first > 0 else None
        # A transitive outcome verb right before the count is its verb ("KILLED TWO AND DETAINED
        # 30"), before any participle after it.
        hit = _linear_trigger(before, lex, after=False) if before is not None else None
        if hit is None:
            hit = _trigger_after(doc, j, qtokens, lex)
        if hit is None or (noun is not None and not _is_personish(noun, lex, ctx)):
            continue
        outcome, trigger = hit
        if _is_irrealis(trigger, lex) or _is_tally(trigger, lex):
            continue
        values = (quantity.figure, quantity.low, quantity.high, quantity.qualifier)
        end = max(_end(trigger), _end(noun) if noun is not None else quantity.end)
        head = noun if noun is not None else doc[last]
        start = min(quantity.start, trigger.idx)
        found.append(_Statement(trigger, outcome, head, noun, "linear", *values, start=start, end=end))
    return found


# -- victims -------------------------------------------------------------------------------


def _joined(actors: list[Actor | str]) -> str:
    names = sorted({a if isinstance(a, str) else a.name for a in actors})
    if len(names) > 1 and UNKNOWN in names:
        names.remove(UNKNOWN)
    return GROUP_JOINER.join(names) if names else UNKNOWN


def _party_of(
    token: Any | None, attribution: Attribution, ctx: ArticleContext, lex: ClaimLexicon
) -> Actor | None:
    """The actor a subject or possessor token stands for; pronouns are the claimant."""
    if token is None or is_anaphor(token, lex) or token.lower_ in lex.possessive_pronouns:
        return attribution.actor or ctx.last_party
    return actor_of_phrase(token, ctx, lex) or attribution.actor


def _possessor_side(
    statement: _Statement, attribution: Attribution, ctx: ArticleContext, lex: ClaimLexicon
) -> Actor | None:
    """The party "its"/"their" refers to: the nearest enclosing subject outside the phrase."""
    inside = set(statement.head.subtree)
    for ancestor in statement.head.ancestors:
        if not is_verbish(ancestor):
            continue
        subject, _ = clause_subject(ancestor)
        if subject is not None and subject not in inside:
            return _party_of(subject, attribution, ctx, lex)
    return attribution.actor or ctx.last_party


def _governing_verb(token: Any) -> Any:
    head = token.head
    return head.head if head.dep_ == "prep" else head


def _victim_phrases(token: Any, lex: ClaimLexicon) -> list[Any]:
    """Phrases naming whose casualties a casualty noun counts ("casualties on X and Y")."""
    phrases: list[Any] = []
    holders = [token]
    verb = _governing_verb(token)
    if verb.lower_ in lex.inflict_verbs:
        holders.append(verb)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in lex.victim_prepositions:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        phrases += _coordinated(pobj)
        if phrases:
            break
    return phrases


def _self_victims(
    statement: _Statement, attribution: Attribution, ctx: ArticleContext, lex: ClaimLexicon
) -> tuple[list[Actor | str], bool]:
    """Victims of a counted outcome noun ("heavy losses"); and whether they are an admission."""
    token = statement.head
    phrases = _victim_phrases(token, lex)
    if phrases:
        return [actor_of_phrase(p, ctx, lex) or UNKNOWN for p in phrases], False
    for child in token.children:
        if child.dep_ == "poss":
            party = _party_of(child, attribution, ctx, lex)
            return [ctx.registry.own_forces(party) if party else UNKNOWN], False
    verb = _governing_verb(token)
    if verb.lower_ in lex.suffer_verbs:
        subject, _ = clause_subject(verb)
        party = _party_of(subject, attribution, ctx, lex)
        return [ctx.registry.own_forces(party) if party else UNKNOWN], False
    if verb.lower_ in lex.admission_verbs and attribution.actor is not None:
        return [ctx.registry.own_forces(attribution.actor)], True
    inner = actor_in(ctx, token.left_edge.idx, _end(token))
    return [inner or UNKNOWN], False


def _earlier_parties(
    statement: _Statement, attribution: Attribution, ctx: ArticleContext
) -> list[Actor | str]:
    """Parties named before the phrase, other than the claimant's side ("capturing the few survivors")."""
    own = {attribution.actor, ctx.registry.own_forces(attribution.actor)} if attribution.actor else set()
    found = [
        m[2]
        for m in ctx.matches
        if m[1] <= statement.head.idx and m[2] not in own and m[2].kind != "civilians"
    ]
    return list(dict.fromkeys(found)) or [UNKNOWN]


def resolve_victims(
    statement: _Statement,
    attribution: Attribution,
    ctx: ArticleContext,
    previous: list[str],
) -> tuple[str, bool] | None:
    """The victim group of a statement (joined names), and whether it is the claimant's own
    side by admission; None when the phrase does not name people."""
    lex = claim_lexicon()
    registry = ctx.registry
    if statement.how == "self":
        actors, admitted = _self_victims(statement, attribution, ctx, lex)
        return _joined(actors), admitted
    noun = statement.noun
    if noun is not None and noun.lower_ in lex.reflexive_pronouns:
        return UNKNOWN, False  # "killed himself": the attacker, whom the registry cannot name
    if noun is not None and noun.lower_ in lex.single_person_pronouns:
        return (previous[-1] if previous else UNKNOWN), False  # "killing him": who he is is told elsewhere
    if (
        noun is not None
        and not statement.proper
        and noun.lower_ not in lex.anaphoric_nouns
        and not _is_personish(noun, lex, ctx)
    ):
        return None  # "captured 3 vehicles", "two days", "losing its patience"
    if statement.trigger.lower_ in lex.own_loss_verbs:
        subject, _ = clause_subject(statement.trigger)
        party = _party_of(subject, attribution, ctx, lex)
        return (_joined([registry.own_forces(party)]) if party else UNKNOWN), False
    if noun is None:
        return (previous[-1] if previous else UNKNOWN), False
    actors: list[Actor | str] = []
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors and possessors[0].lower_ in lex.possessive_pronouns and noun.lower_ in lex.own_side_nouns:
        party = _possessor_side(statement, attribution, ctx, lex)
        actors.append(registry.own_forces(party) if party else UNKNOWN)
    elif noun.lower_ in lex.anaphoric_nouns:
        actors += [previous[-1]] if previous else _earlier_parties(statement, attribution, ctx)
    else:
        start = min(statement.start, noun.left_edge.idx)
        actor = actor_in(ctx, start, phrase_end(noun), noun.idx)
        if actor is None and possessors and possessors[0].lower_ not in lex.possessive_pronouns:
            actor = actor_of_phrase(possessors[0], ctx, lex)
        if actor is None:
            actor = actor_of_phrase(noun, ctx, lex)  # "three members of the Belloso Battalion"
        actors.append(actor or UNKNOWN)
    actors += [actor_of_phrase(t, ctx, lex) or UNKNOWN for t in statement.extra]
    return _joined(actors), False


# -- claims --------------------------------------------------------------------------------


def _outcome(statement: _Statement, ctx: ArticleContext, lex: ClaimLexicon) -> str:
    """Detentions by police are arrests; by armed forces, captures."""
    if statement.outcome != "captured" or not statement.trigger.lower_.startswith("detain"):
        return statement.outcome
    subject, _ = clause_subject(statement.trigger)
    if subject is None:
        return statement.outcome
    actor = actor_of_phrase(subject, ctx, lex)
    words = {t.lower_ for t in subject.subtree}
    if (actor and "police" in actor.name.lower()) or words & lex.police_words:
        return "arrested"
    return statement.outcome


def _claim(
    article: Article,
    sentence: Sentence,
    statement: _Statement,
    attribution: Attribution,
    victims: str,
    admitted: bool,
    ctx: ArticleContext,
) -> Claim:
    lex = claim_lexicon()
    start, end = sentence.start + statement.start, sentence.start + statement.end
    outcome = _outcome(statement, ctx, lex)
    stance = attribution.stance
    own = attribution.actor is not None and victims == ctx.registry.own_forces(attribution.actor).name
    verb = attribution.verb
    if stance == "confirms" and (admitted or own) and verb is not None and verb.lower_ in lex.admission_verbs:
        stance = "admits"  # "acknowledged severe casualties" of its own side
    confidence = _SOURCE_CONFIDENCE.get(attribution.source, 1.0)
    if victims == UNKNOWN:
        confidence *= _UNKNOWN_VICTIMS_FACTOR
    if statement.how == "linear":
        confidence *= _LINEAR_FACTOR
    return Claim(
        id=record_id(article.id, start, end, victims, outcome),
        article_id=article.id,
        claimant=attribution.claimant,
        victims=victims,
        outcome=outcome,
        evidence=Span(start, end, article.text[start:end]),
        stance=stance,
        claim_date=attribution.stated or article.reference_date,
        figure=statement.figure,
        low=statement.low,
        high=statement.high,
        qualifier=statement.qualifier,
        claimant_kind=attribution.kind,
        confidence=round(confidence, 3),
    )


def _joins(statement: _Statement, verbs: set[int]) -> bool:
    """Whether a statement counts other people than the last claim's, in one list: a later
    phrase under the same verb ("a leader and three suspects"), or the object of a verb
    coordinated with it and sharing its subject ("arrested a leader and detained three"). A
    killer's own death after his victims is joined apart (``_kills_self_after``)."""
    trigger = statement.trigger
    if statement.position > 0:
        return trigger.i in verbs
    return (
        statement.how == "object"
        and trigger.dep_ == "conj"
        and trigger.head.i in verbs
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
    )


def _kills_self_after(statement: _Statement, last: _Statement) -> bool:
    """A reflexive killing ("killing himself") after a killing whose victims are its verb's object
    ("fatally shot his son"): the killer is none of his victims, so they add up."""
    lex = claim_lexicon()
    return (
        statement.outcome == "killed"
        and statement.head.lower_ in lex.reflexive_pronouns
        and last.outcome == "killed"
        and last.how == "object"
        and last.head.lower_ not in lex.reflexive_pronouns
    )


def _related(outcome: str) -> set[str]:
    """Outcome families a definite person may already have been counted under: a death is told
    with its wounding ("died ... was shot"), a kidnapping is not a death; a death told after a
    wounding is news ("was shot ... later died")."""
    harm = {"killed", "injured", "casualties"}
    if outcome == "killed":
        return {"killed", "casualties"}  # a wounding told first may have turned fatal: see _turned_fatal
    return harm if outcome in harm else {family(outcome)}


def _is_recount(statement: _Statement, victims: str, counted: set[str]) -> bool:
    """A phrase that points back at people already counted, once the article has claimed this
    outcome: "the targeted individual", "the commander" (a definite single person not named by
    the registry), "four of the insurgents" (a part of a group already counted)."""
    if statement.definite and victims in _UNNAMED and counted & _related(statement.outcome):
        return True  # "a 4-year-old girl died ... the girl was shot"
    if family(statement.outcome) not in counted:
        return False
    noun = statement.noun
    partitive = noun is not None and statement.head.i != noun.i and statement.head.lower_ != noun.lower_
    return partitive and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in noun.children)


def _turned_fatal(statement: _Statement, victims: str, claims: list[Claim], counted: set[str]) -> bool:
    """A death of a person already named told after the wounding of one person ("he was shot
    ... he later died"): the wounding claim is removed from ``claims`` (the person counts once,
    as killed). Only when the article has claimed no death yet and the last wounding is of one
    person of the same victims."""
    if (
        not statement.definite
        or statement.outcome != "killed"
        or statement.figure != 1
        or "killed" in counted
    ):
        return False
    for index in range(len(claims) - 1, -1, -1):
        earlier = claims[index]
        if earlier.outcome == "injured" and earlier.figure == 1 and earlier.victims in {victims, *_UNNAMED}:
            del claims[index]
            return True
        if earlier.outcome in ("injured", "casualties"):
            return False
    return False


def _note_sentence(sentence: Sentence, attributions: list[Attribution], ctx: ArticleContext) -> None:
    """Carry the parties of this sentence to the next ones (pronouns, paragraph attribution)."""
    explicit = [a for a in attributions if a.source == "explicit"]
    if explicit:
        ctx.paragraph_speaker[sentence.paragraph] = explicit[-1]
    named = [a.actor for a in explicit if a.actor is not None]
    if named:
        ctx.last_party = named[-1]
        return
    party = subject_party(sentence.doc, ctx) if sentence.doc is not None else None
    if party is None and sentence.doc is None:
        named = (m[2] for m in ctx.matches if m[0] >= ctx.dateline_end and m[2].kind != "civilians")
        party = next(named, None)
    if party is not None:
        ctx.last_party = party


def extract_claims(
    article: Article,
    sentences: Sequence[Sentence],
    *,
    registry: ActorRegistry,
    headline: bool = False,
    deadline: float | None = None,
) -> list[Claim]:
    """Every attributed casualty claim of one article, in reading order.

    article: the Article the sentences come from (offsets index ``article.text``).
    sentences: its sentences from ``split_sentences(article.text)``; those that pass
        :func:`is_claim_candidate` must carry their parsed ``doc``, the others may have None.
    registry: the actor registry (loaded once by the caller).
    headline: the text is a headline (auxiliaries dropped: "Teen shot to death").
    deadline: a ``time.monotonic()`` past which no further sentence is read (logged).
    RETURNS (list[Claim]): the claims, exact repeats within the article dropped.
    """
    lex = claim_lexicon()
    country = registry.guess_country(f"{article.dateline_place or ''}\n{article.title or ''}\n{article.text}")
    ctx = ArticleContext(registry=registry, article=article, country=country, headline=headline)
    claims: list[Claim] = []
    counted: set[str] = set()  # outcome families already claimed in this article
    for sentence in sentences:
        if deadline is not None and time.monotonic() > deadline:
            log.warning(
                "article %s: time budget spent, claims after sentence %d not read", article.id, sentence.index
            )
            break
        ctx.matches = registry.find_all(sentence.text, country=country)
        ctx.dateline_end = dateline_end(article, sentence)
        attributions: list[Attribution] = []
        if sentence.doc is None:
            if is_claim_candidate(sentence.text):
                log.debug(
                    "sentence %d of %s is a claim candidate but was not parsed", sentence.index, article.id
                )
        else:
            previous: list[str] = []
            # the last kept claim's index and the outcome verbs its phrases hang on
            joinable: tuple[int, set[int]] | None = None
            # the sentence's last killing of an object, which a killer's own death adds to
            killing: tuple[int, _Statement] | None = None
            for statement in find_statements(sentence.doc, ctx, lex):
                attribution = attribute(statement.trigger, sentence.paragraph, ctx)
                resolved = resolve_victims(statement, attribution, ctx, previous)
                if resolved is None:
                    continue
                victims, admitted = resolved
                if _is_recount(statement, victims, counted):
                    continue
                if _turned_fatal(statement, victims, claims, counted):
                    joinable = killing = None  # a claim was removed: indices moved
                counted.add(family(statement.outcome))
                claim = _claim(article, sentence, statement, attribution, victims, admitted, ctx)
                if killing is not None and _kills_self_after(statement, killing[1]):
                    # "shot his son before killing himself", "killed a girl and shot her mother
                    # before turning the gun on himself": the killer is none of his victims
                    joined = join(article, claims[killing[0]], claim, registry)
                    if joined is not None:
                        claims[killing[0]] = joined
                        killing = None
                        previous.append(victims)
                        continue
                if joinable is not None and joinable[0] == len(claims) - 1 and _joins(statement, joinable[1]):
                    # "captured a facilitator and one additional suspect": one group of two
                    joined = join(article, claims[-1], claim, registry)
                    if joined is not None:
                        claims[-1] = joined
                        joinable[1].add(statement.trigger.i)
                        previous.append(victims)
                        continue
                previous.append(victims)
                attributions.append(attribution)
                if is_uninformative(claim):
                    log.debug("dropped a vague claim about unknown victims: %r", claim.evidence.text)
                    continue
                joinable = (len(claims), {statement.trigger.i})
                if statement.outcome == "killed" and statement.how == "object":
                    killing = (len(claims), statement)
                claims.append(claim)
        _note_sentence(sentence, attributions, ctx)
    return drop_repeats(drop_implausible(claims))


def drop_implausible(claims: Sequence[Claim]) -> list[Claim]:
    """The claims whose figure, low and high are all plausible (``numbers.is_plausible``); each
    one left out is logged as a warning ("10^100 killed", "a trillion dead")."""
    kept = []
    for claim in claims:
        if all(is_plausible(v) for v in (claim.figure, claim.low, claim.high)):
            kept.append(claim)
        else:
            log.warning(
                "implausible figure rejected in article %s: %r (%s %s)",
                claim.article_id,
                claim.evidence.text[:80],
                claim.outcome,
                claim.high if claim.figure is None else claim.figure,
            )
    return kept


__all__ = [
    "GROUP_JOINER",
    "UNKNOWN",
    "drop_implausible",
    "drop_repeats",
    "extract_claims",
    "find_statements",
    "is_claim_candidate",
    "resolve_victims",
]
