"""The record of one casualty statement: an outcome word, its victim phrase and count, found in a
parsed sentence before attribution. It holds spaCy tokens and never leaves the extract stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class CasualtyStatement:
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
