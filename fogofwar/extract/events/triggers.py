"""Event triggers: the event-type lexicon and the triggers that fire in a sentence (strongest
wins; kinds.py then reads who did what to whom). A trigger is not live when it is negated, when
a cue says it is what someone is suspected of or known for, when a cue points back to an event
told elsewhere ("condemned the attack", "in retaliation for the killing"), or when its victims
are only being cared for ("the wounded were treated in Kaya")."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fogofwar.regex import CLAUSE_BREAK, alternation, prefiltered
from fogofwar.resources import load_json

_RESOURCE = "event_types.json"
STRATEGIC_DEVELOPMENTS = "Strategic developments"
# Above every trigger's strength (event_types.json tops at 90): a coder's label types its sentence.
LABEL_STRENGTH = 100
# How far (characters) a negation or a "suspected of"-style cue may stand before a trigger.
_NEGATION_WINDOW = 30
_NON_EVENT_WINDOW = 90
# The definite article between a "suspected of"-style cue and a trigger names one event that
# happened ("responsible for the killing of six priests"), not what someone habitually does.
_SPECIFIC_EVENT = re.compile(r"\s*(?:the|this|that|last\s+\w+'s)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE)
# A passive auxiliary right before a trigger starts a predicate of its own: in "a man accused of
# sorcery was beaten to death" the cue describes the man, the beating happened.
_OWN_PREDICATE = re.compile(r"\b(?:was|were|is|are|been)\s+(?:[a-z]+ly\s+)?$", re.IGNORECASE)
# A cue with an object of its own before a verb in the past: in "forces conducting an operation
# clashed with militants" the clash happened.
_CUE_OBJECT = re.compile(r"\s+(?:an?|the|their|its|his|her)\s+[a-z]+\s+", re.IGNORECASE)


@dataclass(frozen=True)
class TriggerType:
    """An ACLED event type and sub-event type, and how strongly its triggers say so."""

    event_type: str
    sub_event_type: str
    strength: int


@dataclass(frozen=True)
class EventLexicon:
    """The compiled vocabulary of ``resources/event_types.json``."""

    trigger: re.Pattern[str]  # one alternation; group name g<k> says which type fired
    types: tuple[TriggerType, ...]
    civilians: re.Pattern[str]
    negation: re.Pattern[str]
    non_event: re.Pattern[str]
    report: re.Pattern[str]
    background: re.Pattern[str]
    reference: re.Pattern[str]  # cue just before a trigger: an event told elsewhere
    aftermath: re.Pattern[str]  # just after a trigger: the victims cared for, not harmed
    label: re.Pattern[str]  # a coder's label opening a sentence: "Arrests: On 5 May ..."
    labelled: dict[str, TriggerType]  # the label -> its strategic development


@dataclass(frozen=True)
class Hit:
    """A trigger found in a sentence."""

    start: int  # offsets into the sentence text
    end: int
    kind: TriggerType

    def distance(self, start: int, end: int) -> int:
        """Characters between the span ``start:end`` and this trigger (0 when they overlap)."""
        if end <= self.start:
            return self.start - end
        if start >= self.end:
            return start - self.end
        return 0


@functools.cache
def event_lexicon() -> EventLexicon:
    """The event vocabulary, loaded once."""
    raw: dict[str, Any] = load_json(_RESOURCE)
    types = tuple(TriggerType(t["event_type"], t["sub_event_type"], t["strength"]) for t in raw["types"])
    groups = [f"(?P<g{k}>{alternation(t['triggers'], escape=False)})" for k, t in enumerate(raw["types"])]

    def words(items: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(items) + r")\b", re.IGNORECASE)

    return EventLexicon(
        # the same matches as the plain alternation, found ~7x faster (fogofwar.regex.prefiltered)
        trigger=prefiltered(r"\b(?:" + "|".join(groups) + r")\b", re.IGNORECASE),
        types=types,
        civilians=words(raw["civilian_words"]),
        negation=re.compile(r"\b(?:" + "|".join(raw["negations"]) + r")\b[^,;.]*$", re.IGNORECASE),
        non_event=words(raw["non_event_cues"]),
        report=words(raw["report_cues"]),
        background=words(raw["background_cues"]),
        reference=re.compile(
            r"\b(?:"
            + "|".join(raw["reference_cues"])
            + r")\s+(?:(?:the|a|an|this|that|these|those|its|their|his|her|"
            r"last|recent|latest|deadly|fatal|\w+'s|\w+s')\s+){0,3}$",
            re.IGNORECASE,
        ),
        aftermath=re.compile(r"\s*(?:" + "|".join(raw["aftermath_after"]) + r")\b", re.IGNORECASE),
        # the labels as the coders capitalise them: "other:" inside a sentence is no label
        label=re.compile(r"\s*(" + alternation(raw["coder_labels"]) + r"):\s"),
        labelled={
            label: TriggerType(STRATEGIC_DEVELOPMENTS, sub, LABEL_STRENGTH)
            for label, sub in raw["coder_labels"].items()
        },
    )


def is_event_candidate(text: str) -> bool:
    """Whether ``text`` (a sentence) contains an event trigger or opens with a coder's label."""
    lexicon = event_lexicon()
    return bool(_trigger_matches(lexicon.trigger, text)) or label_hit(text, lexicon) is not None


def label_hit(text: str, lexicon: EventLexicon) -> Hit | None:
    """The coder's label that opens a sentence ("Movement of forces: In July, ..."), as a hit
    stronger than any trigger: the coder has said what kind of development the note tells."""
    found = lexicon.label.match(text)
    if found is None:
        return None
    # the colon is part of the trigger: "Looting:" is a label, "Looting of shops ..." news
    return Hit(found.start(1), found.end(1) + 1, lexicon.labelled[found.group(1)])


def is_coder_label(trigger: str) -> bool:
    """Whether a mention's trigger is a coder's label (``label_hit``), not a word of the news."""
    return trigger.endswith(":") and trigger[:-1] in event_lexicon().labelled


@functools.lru_cache(maxsize=4096)
def _trigger_matches(trigger: re.Pattern[str], text: str) -> tuple[re.Match[str], ...]:
    """Every match of the trigger regex in a sentence. The regex (hundreds of alternatives) is the
    costliest search of the sentence filter and the mention extractor both run on each sentence,
    so it runs once per sentence text."""
    return tuple(trigger.finditer(text))


def live_hits(text: str, lexicon: EventLexicon) -> list[Hit]:
    """Trigger hits in a sentence, less the negated and the merely descriptive ones."""
    label = label_hit(text, lexicon)
    hits: list[Hit] = [] if label is None else [label]
    for match in _trigger_matches(lexicon.trigger, text):
        group = match.lastgroup
        if group is None:
            continue
        start = match.start()
        if lexicon.negation.search(text[max(0, start - _NEGATION_WINDOW) : start]):
            continue
        window = text[max(0, start - _NON_EVENT_WINDOW) : start]
        cues = list(lexicon.non_event.finditer(window))
        if cues:
            after = cues[-1].end()
            if (
                not _SPECIFIC_EVENT.fullmatch(window, after)
                and not _OWN_PREDICATE.search(window, after)
                and not (_CUE_OBJECT.fullmatch(window, after) and match.group().endswith("ed"))
            ):
                continue
        if lexicon.reference.search(window) or _only_cared_for(text, match, lexicon):
            continue
        hits.append(Hit(start, match.end(), lexicon.types[int(group[1:])]))
    return hits


# "clashes took place on the Tafas front amid regime artillery attacks": what follows tells the
# circumstances of the event before it
_AMID = re.compile(r"\bamid(?:st)?\b", re.IGNORECASE)
# A relative clause set off by a comma tells of someone or something the main clause named:
# "activists staged a protest march ..., demanding justice for a dog, which was beaten to death".
_RELATIVE = re.compile(r",\s+which\b", re.IGNORECASE)


def main_hits(text: str, hits: list[Hit]) -> list[Hit]:
    """The hits that may type a sentence's event: those before an "amid" or a relative clause
    ("..., which was beaten to death") that follows a hit (the rest tell its circumstances),
    else all of them."""
    if not hits:
        return hits
    cut = clause_end(text, min(h.start for h in hits))
    return [h for h in hits if h.start < cut] or hits


def clause_end(text: str, start: int) -> int:
    """Where the clause telling the event a trigger at ``start`` names gives way to its
    circumstances: the first "amid" or comma-led relative clause after it, else the text's end."""
    cuts = [found.start() for pattern in (_AMID, _RELATIVE) if (found := pattern.search(text, start))]
    return min(cuts, default=len(text))


# What a sentence's main clause answers, told after it: "The decision was taken as part of a
# tougher policy following a suicide attack which killed at least 64 people in Kabul".
_ANSWERED = re.compile(
    r"\b(?:following|after|in\s+the\s+wake\s+of|in\s+response\s+to|in\s+retaliation\s+for)\s+"
    r"(?:a|an|the|last\s+\w+'s|\w+'s)\s",
    re.IGNORECASE,
)
# ... the earlier violence told whole, with a clause of its own ("which killed 64 people"): "was
# taken to hospital after the shooting" is a step of the news, not an answer to older violence.
_TOLD_WHOLE = re.compile(
    r"\b(?:which|that)\s+(?:\w+\s+){0,2}?(?:killed|left|claimed|wounded|injured)\b", re.IGNORECASE
)


def answers_earlier(text: str, lexicon: EventLexicon, hits: Sequence[Hit] | None = None) -> bool:
    """Whether a sentence's violence is only what its main clause answers: every trigger comes
    after a cue ("following a", "in the wake of the") that follows words of a clause of its own,
    with no clause break between the cue and the last trigger, and the violence is told whole
    with a toll of its own ("The decision was taken following a suicide attack which killed 64
    people"). That violence happened before the news and is told in passing; a sentence
    opening with the cue ("Following an attack on a village, soldiers killed five militants")
    tells its own. ``hits``: the sentence's live hits, when the caller has them."""
    if not _ANSWERED.search(text):
        return False
    if hits is None:
        hits = live_hits(text, lexicon)
    if not hits:
        return False
    first = min(h.start for h in hits)
    last = max(h.end for h in hits)
    for cue in _ANSWERED.finditer(text, 0, first + 1):
        if (
            cue.end() <= first
            and re.search(r"\w", text[: cue.start()])
            and not CLAUSE_BREAK.search(text, cue.end(), last)
            and _TOLD_WHOLE.search(text, first, last)
        ):
            return True
    return False


def _only_cared_for(text: str, match: re.Match[str], lexicon: EventLexicon) -> bool:
    """A casualty word whose victims are only being cared for: "the wounded were treated in X"
    (a generic word of the lexicon's weakest row, not "were shot and treated")."""
    return match.group(0).casefold() in _CASUALTY_NOUNS and bool(lexicon.aftermath.match(text, match.end()))


_CASUALTY_NOUNS = frozenset({"wounded", "injured", "dead", "casualties"})


# --------------------------------------------------------------------------------------------
