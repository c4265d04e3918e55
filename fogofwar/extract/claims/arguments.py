"""Outcome words and the victim phrases they take through the dependency parse: the object of an
active verb, the subject of a passive or intransitive one, the of-phrase of a noun, a participle
modifying a noun, a coordinated verb's shared subject."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.actors import is_all_caps
from fogofwar.extract.attribution import clause_subject, is_verbish
from fogofwar.extract.claim_lexicon import ClaimLexicon, PhrasalTrigger
from fogofwar.extract.claims.syntax import (
    PREDICATE_DEPS,
    count_of,
    is_plural,
    is_zero,
    of_object,
    outcome_word,
    token_end,
)
from fogofwar.extract.numbers import Quantity

_OWN_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})

_PLURAL_AUX = frozenset({"were", "are"})

_RELATIVES = frozenset({"who", "that", "which"})


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
    token: Any, classes: frozenset[str], lex: ClaimLexicon, headline: bool = False
) -> list[tuple[Any, str]]:
    # "1 killed 3 injured": a number with an outcome of its own is no object of the verb before it
    children = [c for c in token.children if not (c.dep_ == "dobj" and _counts_own_outcome(c, lex))]
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
        if not has_object:
            # "killed between 25 and 54 people": the parser makes the range a preposition's object
            args += [
                (g, "object")
                for c in children
                if c.dep_ == "prep" and c.lower_ == "between"
                for g in c.children
                if g.dep_ == "pobj" and any(n.dep_ == "nummod" for n in g.children)
            ][:1]
        if any(c.dep_ == "dobj" and not _uncounted_plural(c) for c in children):
            # "killed his son and then himself", "shot his 2 children, then himself": the parser
            # hangs the reflexive on the verb. Not after "shot them": it would count the killer alone.
            reflexive = lex.reflexive_pronouns
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
        if token.dep_ in PREDICATE_DEPS and token.head.i != token.i and not own_subject:
            # "twelve are dead" (the copula's subject); "left twelve dead", "were found dead"
            # (the object or passive subject of any other verb).
            deps_wanted = ("nsubj",) if token.head.lower_ in lex.copulas else ("nsubjpass", "dobj")
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


def _counts_own_outcome(number: Any, lex: ClaimLexicon) -> bool:
    """Whether a bare number has an outcome participle of its own after it ("3 injured")."""
    following = [c for c in number.children if c.dep_ in ("acl", "amod") and c.i == number.i + 1]
    return number.pos_ == "NUM" and any(c.lower_ in lex.triggers for c in following)


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


_BODY_NOUNS = frozenset({"body", "corpse", "remains"})


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
    obj = of_object(token)
    if (
        obj is not None
        and lower in lex.self_counted_nouns
        and count_of(obj, qtokens) is None
        and count_of(token, qtokens) is not None
        and is_plural(obj, False)
    ):
        return [(token, "self")]  # "five corpses of suspected militants": the corpses are counted
    if obj is not None and (outcome != "casualties" or count_of(obj, qtokens) is not None):
        return [(obj, "of")]
    if outcome == "killed":
        # "his brother's death": the relative is the person who died ("the commander's death"
        # is more often a past deed told of someone); a body is always its owner's ("a man's
        # body was found")
        owned = lex.kin_nouns | lex.person_nouns if lower in _BODY_NOUNS else lex.kin_nouns
        owners = [c for c in token.children if c.dep_ == "poss" and c.lower_ in owned]
        if owners:
            return [(owners[0], "of")]
        # "Senator Pedro Ruiz Gomez's murder": a person's full name owns the death
        names = [c for c in token.children if c.dep_ == "poss" and _is_full_name(c)]
        if names:
            return [(names[0], "of")]
    if lower in lex.noun_requires_of or lower not in lex.self_counted_nouns:
        return []  # "multiple kidnappings" counts events, not people
    counted = count_of(token, qtokens) is not None or is_zero(token, lex)
    vague = any(c.dep_ == "amod" and c.lower_ in lex.vague_intensity for c in token.children)
    head = token.head
    if (
        counted
        and token.dep_ == "conj"
        and head.pos_ in ("NOUN", "PROPN")
        and head.lower_ not in lex.self_counted_nouns
        and count_of(head, qtokens) is not None
    ):
        # "resulting in 25 ADF fighters and 6 military fatalities", "2 rebel and 1 military
        # fatality": the casualty noun closes a list of counted groups, each of them its dead
        return [(head, "self")]
    return [(token, "self")] if counted or vague else []


def _is_full_name(token: Any) -> bool:
    """A proper noun with a proper noun before it in its phrase ("Pedro Ruiz Gomez")."""
    return token.pos_ == "PROPN" and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i for c in token.children
    )


def _copula_subject(token: Any, lex: ClaimLexicon) -> list[tuple[Any, str]]:
    """The subject of "was" when the parser took the participle after it for a noun (ALL CAPS
    wires: "PEDRO RUIZ WAS SHOT TO DEATH" parsed as "was" + the noun "shot"): a passive."""
    head = token.head
    if head.lower_ not in lex.copulas or not 0 < token.i - head.i <= 2:
        return []  # right after "was" ("WAS ALSO KILLED" at most one word between)
    if is_verbish(token) and not _copula_participle(token, lex):
        return []
    return [
        (c, "passive")
        for c in head.children
        if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i and c.i != token.i
    ]


def _copula_participle(token: Any, lex: ClaimLexicon) -> bool:
    """A past participle the parser hung on "was" as its complement ("X WAS MURDERED TODAY"
    read as "was" + an adjective "murdered"): a passive, whose victim is the copula's subject.
    Not a participle with a subject or object of its own, nor a means of harm ("WERE SHOT"),
    whether it killed being told by words ("TO DEATH") such a parse does not link to it."""
    return (
        token.tag_ == "VBN"
        and token.lower_ not in lex.harm_verbs
        and token.dep_ in PREDICATE_DEPS
        and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in token.children)
    )


def _died_after(token: Any, lex: ClaimLexicon) -> bool:
    """A wounding (or a disappearance) told in a clause or modifier of the subject of a death
    ("the boy who was shot Tuesday has died", "a man, shot in the stomach, has died", "a missing
    child was found dead")."""
    if token.dep_ not in ("relcl", "acl", "amod") or token.head.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head.head
    return outcome_word(verb, lex) == "killed" or _pronounced_dead(verb, lex)


def _killing_them(token: Any, lex: ClaimLexicon) -> bool:
    """A wounding followed by a clause that kills the same people by pronoun ("shot both men,
    killing them", "shot him in the head, killing him")."""
    return any(
        c.dep_ in ("advcl", "conj")
        and outcome_word(c, lex) == "killed"
        and c.tag_ == "VBG"
        and any(g.dep_ == "dobj" and g.lower_ in ("them", "him", "her") for g in c.children)
        for c in token.children
    )


def _pronounced_dead(verb: Any, lex: ClaimLexicon) -> bool:
    """A verb that is no outcome itself but says someone died ("pronounced dead", "found dead")."""
    return any(c.dep_ in ("oprd", "acomp") and outcome_word(c, lex) == "killed" for c in verb.children)


def _is_fatal(token: Any, lex: ClaimLexicon) -> bool:
    """ "shot dead", "fatally stabbed", "beaten to death": an injury word that reports a death."""
    for child in token.children:
        if child.lower_ in lex.fatal_modifiers and child.dep_ in (
            "advmod",
            "oprd",
            "acomp",
            "xcomp",
            "npadvmod",
            "prep",  # "shot dead a pastoralist man": the parser takes "dead" for a preposition
        ):
            return True
        if child.dep_ == "prep" and any(g.lower_ in lex.fatal_modifiers for g in child.children):
            return True
    # "shot dead two men": the parser hangs "dead" on the object it precedes
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        following is not None
        and following.lower_ in lex.fatal_modifiers
        and following.pos_ == "ADJ"
        and following.dep_ == "amod"
        and following.head.dep_ in ("dobj", "nsubjpass")
        and following.head.head.i == token.i
    )


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


def _gerund_subject(token: Any) -> list[tuple[Any, str]]:
    """The noun before the passive auxiliary of a verb the parser left without a subject
    ("resulted in six people being killed", "... officials and one man was detained", "In the
    east, a leader and a fighter were captured" with the list hung on the clause before)."""
    for child in token.children:
        if child.dep_ != "auxpass" or child.i == 0:
            continue
        before = child.nbor(-1)
        if before.lower_ == "," and child.i > 1 and is_all_caps(token.doc.text):
            before = _apposed_name(child.nbor(-2)) or before
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


def _apposed_name(token: Any) -> Any | None:
    """The name an apposition before a comma describes, read up the parse ("CORONEL LARGOW, A
    DUTCH REPORTER FROM A DUTCH CHANNEL, WAS KILLED": CHANNEL -> REPORTER -> LARGOW); None
    when the climb ends at no name with an apposition ("FIVE PEOPLE, INCLUDING A POLICEMAN,").
    ALL CAPS wires often hang such a subject on the dateline, leaving the passive without one."""
    while token.dep_ in ("pobj", "prep", "appos") and token.head.pos_ in ("NOUN", "PROPN", "ADP"):
        token = token.head
    if token.pos_ == "PROPN" and any(c.dep_ == "appos" for c in token.children):
        return token
    return None


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
    found = phrasal_entry(token, lex)
    return (found[0], frozenset({found[3]})) if found else None


def phrasal_entry(token: Any, lex: ClaimLexicon) -> PhrasalTrigger | None:
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


def trigger_end(token: Any, lex: ClaimLexicon) -> int:
    """Where the outcome words end: after the noun of a phrasal trigger ("taken into custody")."""
    particle = lex.particle_triggers.get(token.lower_)
    if particle is not None and token.lower_ not in lex.triggers:
        ends = [
            token_end(c) for c in token.children if c.dep_ in ("prt", "advmod") and c.lower_ == particle[0]
        ]
        return max([token_end(token), *ends])  # "passed away"
    found = None if token.lower_ in lex.triggers else phrasal_entry(token, lex)
    if found is None:
        return token_end(token)
    _, preposition, nouns, _, _ = found
    ends = [
        token_end(g)
        for c in token.children
        if c.dep_ == "prep" and c.lower_ == preposition
        for g in c.children
        if g.lower_ in nouns
    ]
    return max([token_end(token), *ends])


def outcome_arguments(
    token: Any,
    lex: ClaimLexicon,
    qtokens: dict[int, Quantity],
    entry: tuple[str, frozenset[str]],
    headline: bool = False,
) -> tuple[str, list[tuple[Any, str]]]:
    """The outcome an outcome word reports in its sentence and the victim phrases it takes.

    token: the outcome word; entry: its ``trigger_entry`` (outcome, syntactic classes).
    qtokens: ``quantity_tokens`` of the sentence; headline: the sentence is a headline.
    RETURNS: the outcome (a wounding may turn out a killing, "killed or wounded" casualties) and
        (phrase head, how it hangs: passive, object, subject, predicate, modified, of, self); no
        phrases where another word of the sentence carries the claim ("shot and killed").
    """
    outcome, classes = entry
    if outcome == "injured" and _is_fatal(token, lex):
        outcome = "killed"
    partners = [
        c
        for c in token.children
        if c.dep_ == "conj"
        and (c.lower_ in lex.triggers or _pronounced_dead(c, lex))
        and not any(g.dep_ in _OWN_ARGS for g in c.children)
        # "2 PEOPLE WERE KILLED AND 30 WOUNDED": a count between the two gives each its own
        and not any(i in qtokens for i in range(token.i + 1, c.i))
    ]
    if partners and any(c.dep_ == "cc" for c in token.children):
        partner = partners[0]
        other = outcome_word(partner, lex) or "killed"
        if outcome in ("injured", "abducted", "captured") and other == "killed" and not _is_fatal(token, lex):
            # "shot and killed", "kidnapped and killed", "captured and executed": the killing is
            # the claim (the victims' toll is their death)
            return outcome, []
        if _both_outcomes(token, partner, lex):
            outcome = "casualties"  # "killed or wounded": one count of both
    if outcome in ("injured", "missing") and _died_after(token, lex):
        return outcome, []  # "the 2-year-old who was shot ... has died": the death is the claim
    if outcome == "injured" and _killing_them(token, lex):
        outcome = "killed"  # "shot both men, killing them": those shot died
    if headline and outcome == "injured" and not _is_fatal(token, lex):
        fatal = [
            c for c in token.children if c.dep_ in ("conj", "advcl") and outcome_word(c, lex) == "killed"
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
    args = _verbal_arguments(token, classes, lex, headline) if verbal else []
    if not args:
        args = _shared_subject(token, classes)
    if not args and headline and token.dep_ in ("conj", "advcl") and token.head.lower_ in lex.triggers:
        # "Girl accidentally shot, killed": the subject the headline's first participle has
        args = [
            (c, "passive")
            for c in token.head.children
            if c.dep_ == "nsubj" and "dobj" not in _deps(token.head)
        ]
    if not args and "transitive" in classes:
        args = _copula_subject(token, lex)
    if not args and classes & {"transitive", "adjective"}:
        args = _gerund_subject(token)
    if "noun" in classes and not args:
        args = _noun_arguments(token, outcome, lex, qtokens)
    if "own_loss" in classes:
        # "she lost a daughter years ago": a bereavement, not a side's loss in this fight
        args = [(a, how) for a, how in args if a.lower_ not in lex.kin_nouns]
    return outcome, args
