"""fogofwar.regex.prefiltered: the lookahead it adds never changes what a pattern matches."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fogofwar.extract.events.triggers import event_lexicon
from fogofwar.regex import literal_prefixes, prefiltered

# Alternatives of the kinds the event lexicon has: optional pieces, lookbehinds and lookaheads,
# classes, \w runs, repeats; and a pattern with an alternative that has no literal prefix.
PATTERNS = [
    r"\b(?:(?P<g0>suicide (?:car )?bomb(?:er|ers|ing|ings|s)?|self-detonat\w*)"
    r"|(?P<g1>air ?strikes?|drones?(?= (?:struck|hit))|(?<!stun )(?<!smoke )bombs?(?! squad))"
    r"|(?P<g2>small[- ]arms fire|(?:killed|shot) (?:\w+ ){0,2}(?:protesters|civilians)|RPGs?)"
    r"|(?P<g3>kidnapp?(?:ed|ing)|(?:ab)+ducted|killed|kills?|shot))\b",
    r"(?:foo|bar)+baz|qux",
    r"\b(?:\w+ed|attack)\b",
]
WORDS = [
    "suicide", "car", "bomb", "bomber", "bombs", "stun", "smoke", "squad", "air", "strike", "airstrikes",
    "drone", "drones", "struck", "hit", "small", "arms", "fire", "small-arms", "killed", "shot", "the",
    "protesters", "civilians", "RPG", "rpgs", "kidnapped", "kidnaped", "abducted", "ababducted",
    "KILLS", "self-detonating", "foo", "barbaz", "qux", "attacked", "Ｋills", "ſhot", "",
]  # fmt: skip


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], str | None, tuple]]:
    return [(m.span(), m.lastgroup, m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("pattern", PATTERNS)
@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=12),
    seps=st.lists(st.sampled_from(" ,.-\n"), min_size=12),
)
def test_prefiltered_matches_as_the_plain_pattern(pattern: str, words: list[str], seps: list[str]) -> None:
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    plain = re.compile(pattern, re.IGNORECASE)
    fast = prefiltered(pattern, re.IGNORECASE)
    assert _matches(fast, text) == _matches(plain, text)
    assert bool(fast.search(text)) == bool(plain.search(text))


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("abdeiklmorstuy -'KSſ\u212a"), max_size=40))
def test_prefiltered_on_any_text(text: str) -> None:
    for pattern in PATTERNS:
        plain = re.compile(pattern, re.IGNORECASE)
        assert _matches(prefiltered(pattern, re.IGNORECASE), text) == _matches(plain, text)


def test_literal_prefixes() -> None:
    assert literal_prefixes(r"\b(?:(?P<a>kill(?:ed|s))|(?<!x )air ?raids?|(?:ab)+c)\b") == {
        "killed",
        "kills",
        "air raid",
        "airraid",
        "ab",
    }
    assert literal_prefixes(r"\b(?:kill|\w+ed)\b") is None  # \w+ed starts with no literal
    assert literal_prefixes(r"(?i:kill)") is None  # a group with its own flags


def test_prefiltered_falls_back_to_the_plain_pattern() -> None:
    assert prefiltered(r"\b(?:kill|\w+ed)\b").pattern == r"\b(?:kill|\w+ed)\b"
    assert prefiltered(r"(?i)kill").pattern == r"(?i)kill"
    assert prefiltered(r"\bkill(?:ed|s)\b").pattern.startswith(r"\b(?=kill(?:ed|s))(?:")


def test_event_triggers_are_prefiltered() -> None:
    """The event lexicon's trigger regex gets its prefilter (every trigger starts with a word)."""
    trigger = event_lexicon().trigger
    assert trigger.pattern.startswith(r"\b(?=")
    start = trigger.pattern.index(r"(?:\b(?:(?P<g0>")
    plain = re.compile(trigger.pattern[start + 3 : -1], trigger.flags)  # the pattern as written
    text = (
        "Suicide bombers killed 12 civilians; the bomb squad defused an IED. Air strikes hit Kaya, "
        "and militants kidnapped two aid workers before fighting broke out. Police fired tear gas "
        "at protesters, and the wounded were treated in Djibo."
    )
    assert _matches(trigger, text) == _matches(plain, text)
    assert [m.lastgroup for m in trigger.finditer(text)]
