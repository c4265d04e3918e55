"""The actors of an event mention and their roles (side_a, side_b) from the parse or by position."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from fogofwar.extract.actors import dateline_tags
from fogofwar.extract.events.context import MentionContext
from fogofwar.extract.events.triggers import Hit
from fogofwar.extract.sentences import Sentence
from fogofwar.model import REPORTER_KINDS, Actor, ActorRole

if TYPE_CHECKING:
    from fogofwar.extract.actors import ActorRegistry


def actor_roles(
    context: MentionContext, sentence: Sentence, best: Hit, hits: list[Hit], registry: ActorRegistry | None
) -> tuple[ActorRole, ...]:
    if registry is None:
        return ()
    # Outlets (bloggers, channels) and international organisations (the UN, the ICRC) report
    # events; they are claimants, not sides.
    found = [
        f
        for f in registry.find_all(
            sentence.text,
            country=context.country,
            quiet=dateline_tags(context.article, sentence.start, sentence.text),
        )
        if f[2].kind not in REPORTER_KINDS
    ]
    if not found:
        return ()
    roles = _roles_from_parse(sentence.doc, found, best, hits) if sentence.doc is not None else None
    if roles is None:
        roles = _roles_by_position(found, best)
    # A phrase naming the doer ("attacks by the FMLN", "attributed it to the MRTA", "the ELN
    # claimed responsibility") outranks the parse, which often misreads ALL CAPS wire text.
    named = {actor.name for start, end, actor in found if _named_doer(registry, sentence.text, start, end)}
    # An actor whose name holds the trigger fires the weapon it names ("Russian missiles hit"):
    # the parse may make the weapon a patient, and by position it starts before itself.
    named |= {actor.name for start, end, actor in found if start <= best.start < end}
    roles = [(actor, "side_a" if actor.name in named else role) for actor, role in roles]
    roles += [(actor, "side_a") for _s, _e, actor in found if actor.name in named]
    sides: dict[str, tuple[Actor, str]] = {}
    for actor, role in roles:
        # An actor named as both ("the Malian army reported losing two soldiers") acts: side_a.
        if actor.name not in sides or role == "side_a":
            sides[actor.name] = (actor, role)
    return tuple(ActorRole(actor=actor, role=role) for actor, role in sides.values())


# A sentence after an event's that says who did it: "The device was likely planted by JNIM
# militants.", "Al Shabaab claimed responsibility.", "The attack was attributed to ISGS."
_ATTRIBUTION = re.compile(
    r"\b(?:planted|claimed|claims|attributed|blamed|responsib\w*|carried\s+out|perpetrated|"
    r"committed|suspected|believed|presumed)\b",
    re.IGNORECASE,
)
# How many sentences after an event's an attribution of its paragraph may stand.
_ATTRIBUTION_REACH = 2


def attributed_after(
    context: MentionContext,
    sentences: Sequence[Sentence],
    position: int,
    told: Collection[int],
    registry: ActorRegistry | None,
) -> list[ActorRole]:
    """The doers named in the next sentences of the paragraph of ``sentences[position]`` (an
    event's) that tell no event of their own (``told``: the positions of the sentences that do)
    and say who did it by an agent cue ("The device was likely planted by JNIM militants."): the
    event's side_a, which its own sentence did not name."""
    if registry is None:
        return []
    paragraph = sentences[position].paragraph
    doers: list[ActorRole] = []
    for index in range(position + 1, min(position + 1 + _ATTRIBUTION_REACH, len(sentences))):
        later = sentences[index]
        if later.paragraph != paragraph or index in told:
            break
        if not _ATTRIBUTION.search(later.text):
            continue
        quiet = dateline_tags(context.article, later.start, later.text)
        for start, end, actor in registry.find_all(later.text, country=context.country, quiet=quiet):
            if actor.kind not in REPORTER_KINDS and _named_doer(registry, later.text, start, end):
                doers.append(ActorRole(actor=actor, role="side_a"))
    return doers


def _named_doer(registry: ActorRegistry, text: str, start: int, end: int) -> bool:
    """Whether the text around an actor's name says it did the act (registry ``agent_cues``;
    a stand-in registry without cue lookups names no doer)."""
    lead_cue = getattr(registry, "lead_cue", None)
    follow_cue = getattr(registry, "has_follow_cue", None)
    if lead_cue is None or follow_cue is None:
        return False
    return lead_cue(text, start) is not None or bool(follow_cue(text, end))


def _roles_by_position(found: list[tuple[int, int, Actor]], best: Hit) -> list[tuple[Actor, str]]:
    """Without a parse: actors before the trigger act (side_a), actors after it are acted on."""
    return [(actor, "side_a" if end <= best.start else "side_b") for _start, end, actor in found]


_SUBJECT = {"nsubj", "csubj"}
_PASSIVE_SUBJECT = {"nsubjpass", "csubjpass"}
_OBJECT = {"dobj", "obj", "oprd"}
_AGAINST = {"on", "against", "with", "upon"}
# Climbing from the trigger to the word whose subject is the trigger's agent: a noun trigger
# ("launched an attack", "killed in an ambush") or a controlled verb ("claimed to have
# inflicted", "attacked and killed"). Not through "said that ..." (ccomp): that subject is the
# claimant.
# Reporting verbs in every form, matched on the lower-cased word (the pipeline runs without
# its lemmatizer).
_REPORTING = frozenset(
    """
    say says said saying claim claims claimed claiming announce announces announced announcing
    confirm confirms confirmed confirming report reports reported reporting state states stated
    stating assert asserts asserted asserting admit admits admitted admitting indicate indicates
    indicated indicating tell tells told telling deny denies denied denying add adds added adding
    acknowledge acknowledges acknowledged acknowledging
    attribute attributes attributed attributing blame blames blamed blaming accuse accuses accused
    accusing condemn condemns condemned condemning denounce denounces denounced denouncing
    """.split()
)
_CLIMB = {"pobj", "prep", "dobj", "xcomp", "conj", "compound", "nmod", "npadvmod", "appos"}


def _roles_from_parse(
    doc: Any, found: list[tuple[int, int, Actor]], best: Hit, hits: list[Hit]
) -> list[tuple[Actor, str]] | None:
    """side_a / side_b from the dependency parse of the sentence; None when nothing is found."""
    agents: list[tuple[int, int]] = []
    patients: list[tuple[int, int]] = []
    for hit in sorted(hits, key=lambda h: h is not best):
        trigger = next((t for t in doc if t.idx <= hit.start < t.idx + len(t.text)), None)
        if trigger is not None:
            hit_agents, hit_patients = _arguments(trigger)
            agents.extend(hit_agents)
            patients.extend(hit_patients)
    if not agents and not patients:
        return None
    speakers = [c for t in doc if t.lower_ in _REPORTING for c in t.children if c.dep_ in _SUBJECT]
    claimants = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)) for c in speakers]
    if any(_is_pronoun(doc, span) for span in agents):
        # "Congo's army said it had killed dozens of rebels": the doer is the speaker, named by
        # the head of its phrase ("Militants linked to al-Qaeda": the militants, not al-Qaeda)
        agents += [(c.left_edge.idx, c.idx + len(c.text)) for c in speakers]
    roles: list[tuple[Actor, str]] = []
    for start, end, actor in found:
        if any(start < e and s < end for s, e in agents):
            roles.append((actor, "side_a"))
        elif any(start < e and s < end for s, e in patients):
            roles.append((actor, "side_b"))
        elif any(start < e and s < end for s, e in claimants):
            continue  # "The Malian army confirmed that ...": who says it, not who fought
        else:
            roles.append((actor, "side_a" if end <= best.start else "side_b"))
    return roles


def _is_pronoun(doc: Any, span: tuple[int, int]) -> bool:
    """Whether a character span of ``doc`` is one personal pronoun ("it", "they", "we")."""
    words = [t for t in doc if span[0] <= t.idx < span[1]]
    return len(words) == 1 and words[0].lower_ in _DOER_PRONOUNS


_DOER_PRONOUNS = frozenset({"it", "they", "we"})


def _arguments(trigger: Any) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Character spans of the trigger's agents (subject, by-phrase) and patients (object, on-phrase)."""
    agents: list[tuple[int, int]] = []
    patients: list[tuple[int, int]] = []
    head = trigger
    for _ in range(4):
        passive = False
        for child in head.children:
            span = (child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text))
            if child.dep_ in _SUBJECT:
                agents.append(span)
            elif child.dep_ in _PASSIVE_SUBJECT:
                patients.append(span)
                passive = True
            elif child.dep_ in _OBJECT and child is not trigger:
                patients.append(span)
            elif child.dep_ == "agent":
                agents.append(span)
            elif child.dep_ == "prep" and child.lower_ in _AGAINST:
                patients.append(span)
            elif child.dep_ == "prep" and child.lower_ == "between":
                pieces = [c for c in child.subtree if c.dep_ in ("pobj", "conj")]
                for k, piece in enumerate(pieces):
                    (agents if k == 0 else patients).append((piece.idx, piece.idx + len(piece.text)))
        # A passive without a by-phrase names no agent; the main clause's subject is not it.
        if agents or passive or head.dep_ not in _CLIMB:
            break
        trigger, head = head, head.head
    return agents, patients
