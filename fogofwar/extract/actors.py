"""The actor registry: canonical armed and political actors, their aliases, and a fast matcher.

The registry is data (``resources/actors.json``); this module loads it once and builds an
index from alias token sequences to actors, so that matching a text costs a few dict lookups
per token and never scans the registry.

Matching rules (documented in the resource's ``about`` too):

- Names match case-insensitively, accents and a few spelling variants folded ("al-Qaida" =
  "al Qaeda"); hyphens, apostrophes, dots and slashes between words are ignored, so
  "al Qaeda-linked group" matches "al-Qaeda-linked group" and "Mali's army" matches "Mali’s army".
  A name whose last word is a lower-case noun also matches its singular/plural
  ("Malian soldiers" / "Malian soldier").
- Acronyms (one word, mostly capitals or with digits: "FAMa", "CSP-PSD", "M23", "LeT") match
  case-sensitively, except in ALL CAPS text (MUC-4 wires), where they match upper-cased.
- Context aliases apply only when the caller names the article's country: "rebels" is the
  CSP-PSD in Mali, "subversives" the FMLN in El Salvador. A context alias of the article's
  country wins over a global alias of the same words.
- Matches never overlap; the longest wins ("Pakistani Taliban" is the TTP, not the Taliban).
- A news agency's tag is never an actor: nothing matches inside the parentheses of a wire
  dateline ("SAN SALVADOR, 3 JAN 90 (RADIO VENCEREMOS) --") or parentheses holding only
  agency names of the resource's ``wire_tags`` ("(AFP)", "(ACAN-EFE)"), so "(AFP)" is not the
  Armed Forces of the Philippines.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fogofwar.errors import ConfigError
from fogofwar.folding import unaccented
from fogofwar.model import ACTOR_KINDS, Actor, Article

log = logging.getLogger(__name__)

_RESOURCE = "actors.json"
_TOKEN = re.compile(r"[^\W_]+")
# What may stand between two words of one alias: spaces, hyphens/dashes, apostrophes, dots, slashes.
_JOINER = re.compile(r"[\s\-‐‑–—'’./]+")
_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_CAPS_MIN_LETTERS = 8
_CAPS_RATIO = 0.9
_PARENTHESES = re.compile(r"\(([^()\n]{1,40})\)")
_TAG_SEPARATORS = re.compile(r"[\s/,-]+")
# A source in a dateline's parentheses may be longer than a bare agency tag ("(RADIO VENCEREMOS)").
_DATELINE_PARENTHESES = re.compile(r"\(([^()\n]{1,60})\)")

# How far before / after an actor a doer cue is looked for (characters).
_CUE_WINDOW = 120


def _agent_patterns(cues: dict[str, Any]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The resource's ``agent_cues`` as two patterns: ``lead`` + fillers ending a text, and
    fillers + ``follow`` starting one (case-insensitive; words separated by any spaces)."""

    def alternatives(phrases: list[str]) -> str:
        ordered = sorted(phrases, key=len, reverse=True)
        # "..." in a phrase: up to four words ("attributed the bombing to")
        return "|".join(
            r"\s+".join(r"\S+(?:\s+\S+){0,3}" if w == "..." else re.escape(w) for w in p.split())
            for p in ordered
        )

    fillers = cues.get("filler", [])
    words = alternatives([f for f in fillers if f[:1].isalnum()])
    marks = "".join(re.escape(f) for f in fillers if not f[:1].isalnum())
    filler = rf"(?:(?:{words})\s+|[{marks}]\s*)" if marks else rf"(?:(?:{words})\s+)"
    lead = follow = None
    if cues.get("lead"):
        lead = re.compile(rf"(?<!\w)({alternatives(cues['lead'])})\s+{filler}*$", re.IGNORECASE)
    if cues.get("follow"):
        follow = re.compile(rf"(?:\s+(?:{words}))*\s+(?:{alternatives(cues['follow'])})(?!\w)", re.IGNORECASE)
    return lead, follow


@dataclass(frozen=True)
class _Entry:
    actor: int  # index into ActorRegistry.actors
    countries: frozenset[str] | None  # None: a global alias; else only in these countries


def is_acronym(alias: str) -> bool:
    """Whether ``alias`` is matched case-sensitively: one word, mostly capitals or with digits.

    >>> is_acronym("FAMa"), is_acronym("CSP-PSD"), is_acronym("M23"), is_acronym("Al-Shabaab")
    (True, True, True, False)
    """
    if len(alias) < 2 or any(c.isspace() for c in alias):
        return False
    letters = [c for c in alias if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return any(c.isdigit() for c in alias) or (upper >= 2 and upper * 2 >= len(letters))


def dateline_tags(article: Article, start: int = 0, text: str | None = None) -> list[tuple[int, int]]:
    """The parenthesised parts of the article's dateline ("(RADIO VENCEREMOS)", "(AP)") as spans
    of ``text`` (default: the article's text), which stands at offset ``start`` of the article's
    text: who filed the report names no actor. Empty when ``text`` is not the article's there (a
    headline) or the article has no dateline."""
    low, high = article.dateline_start, article.dateline_end
    if low is None or high is None:
        return []
    if text is None:
        text = article.text
    elif article.text[start : start + len(text)] != text:
        return []
    return [
        (m.start(1) - start, m.end(1) - start)
        for m in _DATELINE_PARENTHESES.finditer(article.text, low, high)
        if start <= m.start(1) and m.end(1) <= start + len(text)
    ]


def is_all_caps(text: str) -> bool:
    """Whether ``text`` is written in capitals throughout (as the MUC-4 wires are)."""
    upper = len(_UPPER.findall(text))
    lower = len(_LOWER.findall(text))
    if upper + lower < _CAPS_MIN_LETTERS:
        return False
    return upper >= _CAPS_RATIO * (upper + lower)


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    if word.isascii():
        return word.lower()
    return unaccented(word.casefold())


def _number_variants(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Singular/plural of a trailing common noun: soldiers <-> soldier, militias <-> militia."""
    *head, last = tokens
    forms = {last}
    if last.endswith("ies") and len(last) > 4:
        forms.add(last[:-3] + "y")
    elif last.endswith("men"):
        forms.add(last[:-3] + "man")
    elif last.endswith("man"):
        forms.add(last[:-3] + "men")
    elif last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms.add(last[:-1] + "ies")
    elif last.endswith("s") and not last.endswith("ss") and len(last) > 3:
        forms.add(last[:-1])
    elif not last.endswith("s"):
        forms.add(last + "s")
    return {(*head, form) for form in forms}


# The force-noun sets whose bare nouns name a country's own actor at home (``_add_home_nouns``).
# Not "military": its bare nouns ("battalion", "brigade", "commandos") often name units that
# reports treat as actors of their own (MUC-4 dev perpetrator F1 0.562 -> 0.558 with them).
_HOME_NOUN_SETS = ("police", "government")


class ActorRegistry:
    """Canonical actors with an alias index built once at load.

    Build with :meth:`load`; then :meth:`find_all` matches aliases in a text, :meth:`lookup`
    picks the actor a noun phrase names, :meth:`get` finds an actor by canonical name.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        # Not a dataclass: the constructor validates the resource and builds the indexes.
        self.actors: tuple[Actor, ...] = ()
        self._forces: dict[str, str] = {}
        self._branch_of: dict[str, str] = {}  # a local group -> the international group it belongs to
        self._by_name: dict[str, int] = {}
        self._names: dict[tuple[str, ...], list[_Entry]] = {}
        self._acronyms: dict[tuple[str, ...], list[_Entry]] = {}
        self._acronyms_upper: dict[tuple[str, ...], list[_Entry]] = {}
        self._spelling: dict[str, str] = {_fold(k): _fold(v) for k, v in data.get("spelling", {}).items()}
        self._countries: dict[tuple[str, ...], str] = {}
        self._wire_tags = frozenset(t.casefold() for t in data.get("wire_tags", []))
        self._lead_cue, self._follow_cue = _agent_patterns(data.get("agent_cues", {}))
        self._build(data)
        self._lengths = {
            "names": self._length_index(self._names),
            "acronyms": self._length_index(self._acronyms),
            "acronyms_upper": self._length_index(self._acronyms_upper),
            "countries": self._length_index(self._countries),
        }

    @classmethod
    def load(cls, path: Path | None = None) -> ActorRegistry:
        """Load the registry from ``path`` or from ``fogofwar/resources/actors.json``.

        RETURNS (ActorRegistry): the registry with its alias index built.
        """
        try:
            if path is None:
                text = resources.files("fogofwar.resources").joinpath(_RESOURCE).read_text(encoding="utf-8")
            else:
                text = Path(path).read_text(encoding="utf-8")
            data = json.loads(text)
        except (OSError, json.JSONDecodeError) as e:
            raise ConfigError("E060", path=str(path or _RESOURCE), detail=str(e)) from e
        return cls(data)

    # -- building -------------------------------------------------------------------------

    def _build(self, data: dict[str, Any]) -> None:
        force_nouns: dict[str, list[str]] = data.get("force_nouns", {})
        actors: list[Actor] = []
        for raw in data["actors"]:
            name = raw["name"]
            kind = raw.get("kind", "unknown")
            if kind not in ACTOR_KINDS:
                raise ConfigError("E061", name=name, detail=f"kind {kind!r} not in {ACTOR_KINDS}")
            if _fold(name) in self._by_name:
                raise ConfigError("E061", name=name, detail="duplicate canonical name")
            index = len(actors)
            aliases = [name, *raw.get("aliases", [])]
            for noun_set, prefixes in raw.get("forms", {}).items():
                if noun_set not in force_nouns:
                    raise ConfigError("E061", name=name, detail=f"unknown force_nouns set {noun_set!r}")
                aliases += [f"{p} {noun}" for p in prefixes for noun in force_nouns[noun_set]]
            for alias in aliases:
                self._add(alias, _Entry(index, None))
            for countries, scoped in raw.get("context", {}).items():
                scope = frozenset(re.split(r"[\s,]+", countries.strip()))
                for alias in scoped:
                    self._add(alias, _Entry(index, scope))
            unique = tuple(dict.fromkeys(a for a in aliases if a != name))
            allegiance = raw.get("allegiance")
            actors.append(Actor(name, unique, kind, raw.get("inter"), raw.get("country"), allegiance))
            self._by_name[_fold(name)] = index
            if raw.get("forces"):
                self._forces[name] = raw["forces"]
            if raw.get("branch_of"):
                self._branch_of[name] = raw["branch_of"]
        self.actors = tuple(actors)
        self._add_home_nouns(data["actors"], force_nouns)
        for owner, forces in self._forces.items():
            if _fold(forces) not in self._by_name:
                raise ConfigError("E061", name=owner, detail=f"forces {forces!r} is not a registered actor")
        for branch, parent in self._branch_of.items():
            if _fold(parent) not in self._by_name:
                detail = f"branch_of {parent!r} is not a registered actor"
                raise ConfigError("E061", name=branch, detail=detail)
        for iso2, names in data.get("countries", {}).items():
            for country_name in names:
                self._countries[self._name_key(country_name)] = iso2

    def _add_home_nouns(self, raw_actors: list[dict[str, Any]], force_nouns: dict[str, list[str]]) -> None:
        """In its home country an actor with ``forms`` of a noun set of ``_HOME_NOUN_SETS``
        ("Somali" + police nouns) is also what the set's bare nouns name ("police spokesman" in
        Mogadishu), unless another actor's context already claims that noun there. Added after
        every explicit context, so those win."""
        for index, raw in enumerate(raw_actors):
            home = raw.get("country")
            if not home:
                continue
            scope = frozenset({home})
            for noun_set in raw.get("forms", {}):
                if noun_set not in _HOME_NOUN_SETS:
                    continue
                for noun in force_nouns[noun_set]:
                    bucket = self._names.get(self._name_key(noun), [])
                    if not any(e.countries and home in e.countries for e in bucket):
                        self._add(noun, _Entry(index, scope))

    def _name_key(self, alias: str) -> tuple[str, ...]:
        return tuple(self._spelling.get(t, t) for t in (_fold(m) for m in _TOKEN.findall(alias)))

    def _add(self, alias: str, entry: _Entry) -> None:
        if is_acronym(alias):
            key = tuple(_TOKEN.findall(alias))
            self._acronyms.setdefault(key, []).append(entry)
            self._acronyms_upper.setdefault(tuple(t.upper() for t in key), []).append(entry)
            return
        tokens = _TOKEN.findall(alias)
        if not tokens:
            return
        keys = {self._name_key(alias)}
        if tokens[-1].islower():
            keys |= _number_variants(self._name_key(alias))
        for key in keys:
            bucket = self._names.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)

    @staticmethod
    def _length_index(index: dict[tuple[str, ...], Any]) -> dict[str, tuple[int, ...]]:
        lengths: dict[str, set[int]] = {}
        for key in index:
            lengths.setdefault(key[0], set()).add(len(key))
        return {first: tuple(sorted(ls, reverse=True)) for first, ls in lengths.items()}

    # -- matching -------------------------------------------------------------------------

    def _tokens(self, text: str) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]

    @staticmethod
    def _joined(text: str, tokens: list[tuple[int, int, str]], i: int, n: int) -> bool:
        """Whether tokens i..i+n-1 are separated only by joiners (no comma, bracket, line of prose)."""
        return all(_JOINER.fullmatch(text[tokens[j][1] : tokens[j + 1][0]]) for j in range(i, i + n - 1))

    @staticmethod
    def _choose(entries: list[_Entry], country: str | None) -> _Entry | None:
        if country:
            for entry in entries:
                if entry.countries and country in entry.countries:
                    return entry
        for entry in entries:
            if entry.countries is None:
                return entry
        return None

    def source_tags(self, text: str) -> list[tuple[int, int]]:
        """Character spans of news-agency tags in ``text``: parentheses holding only
        ``wire_tags`` names ("(AFP)", "(ACAN-EFE)"). The source in a dateline's parentheses is
        the caller's to pass (``dateline_tags``), from the span ingest found."""
        spans = []
        for m in _PARENTHESES.finditer(text):
            words = [w for w in _TAG_SEPARATORS.split(m.group(1).casefold()) if w]
            if words and all(w in self._wire_tags for w in words):
                spans.append(m.span(1))
        return spans

    def lead_cue(self, text: str, start: int) -> int | None:
        """Where a phrase naming the doer ends right before ``text[start:]`` ("attacks by the
        ..." / "attributed the attack to the ..."): the offset of "by" / "attributed", or None."""
        window = max(0, start - _CUE_WINDOW)
        found = self._lead_cue.search(text[window:start]) if self._lead_cue else None
        return None if found is None else window + found.start(1)

    def has_follow_cue(self, text: str, end: int) -> bool:
        """Whether ``text[end:]`` starts by saying the actor just named did it ("... claimed
        responsibility")."""
        return bool(self._follow_cue and self._follow_cue.match(text, end, end + _CUE_WINDOW))

    def find_all(
        self, text: str, *, country: str | None = None, quiet: Sequence[tuple[int, int]] = ()
    ) -> list[tuple[int, int, Actor]]:
        """Non-overlapping alias matches in ``text``, left to right: ``(start, end, actor)``.

        Longest matches are chosen first. ``country`` (ISO alpha-2) enables that country's
        context aliases. Works on ALL CAPS text. Nothing matches inside a news agency's tag
        (:meth:`source_tags`) nor inside the ``quiet`` spans (a dateline's source, ``dateline_tags``).
        """
        tokens = self._tokens(text)
        if not tokens:
            return []
        tags = [*quiet, *(self.source_tags(text) if "(" in text else [])]
        if tags:
            tokens = [t for t in tokens if not any(a <= t[0] < b for a, b in tags)]
            if not tokens:
                return []
        folded = [self._spelling.get(f, f) for f in (_fold(t[2]) for t in tokens)]
        caps = is_all_caps(text)
        exact = [t[2].upper() for t in tokens] if caps else [t[2] for t in tokens]
        # an alias can start only at a word that starts one (most words start none)
        name_starts = self._lengths["names"]
        acronym_starts = self._lengths["acronyms_upper" if caps else "acronyms"]
        candidates: list[tuple[int, int, int, _Entry]] = []  # (n_chars, i, n_tokens, entry)
        for i in range(len(tokens)):
            if folded[i] not in name_starts and exact[i] not in acronym_starts:
                continue
            for n, entry in self._matches_at(text, tokens, folded, exact, caps, i, country):
                candidates.append((tokens[i + n - 1][1] - tokens[i][0], i, n, entry))
        taken = [False] * len(tokens)
        chosen: list[tuple[int, int, Actor]] = []
        for _, i, n, entry in sorted(candidates, key=lambda c: (-c[0], c[1])):
            if any(taken[i : i + n]):
                continue
            taken[i : i + n] = [True] * n
            chosen.append((tokens[i][0], tokens[i + n - 1][1], self.actors[entry.actor]))
        return sorted(chosen, key=lambda m: m[0])

    def _matches_at(
        self,
        text: str,
        tokens: list[tuple[int, int, str]],
        folded: list[str],
        exact: list[str],
        caps: bool,
        i: int,
        country: str | None,
    ) -> list[tuple[int, _Entry]]:
        """Every alias starting at token ``i``, one per length, longest first. The shorter ones
        matter when a longer match overlaps a still longer one: in "The M23 rebel group",
        "M23 rebel" loses to "rebel group" and "M23" must still be found."""
        found: dict[int, _Entry] = {}
        acronyms = self._acronyms_upper if caps else self._acronyms
        acronym_lengths = self._lengths["acronyms_upper" if caps else "acronyms"]
        for table, lengths, words in (
            (self._names, self._lengths["names"], folded),
            (acronyms, acronym_lengths, exact),
        ):
            for n in lengths.get(words[i], ()):
                if n in found or i + n > len(words) or not self._joined(text, tokens, i, n):
                    continue
                entries = table.get(tuple(words[i : i + n]))
                entry = self._choose(entries, country) if entries else None
                if entry is not None:
                    found[n] = entry
        return sorted(found.items(), reverse=True)

    def lookup(self, phrase: str, *, country: str | None = None) -> Actor | None:
        """The actor a noun phrase names, or None.

        The longest alias in the phrase wins, then the first: "Russian Wagner mercenaries" ->
        Wagner Group; "Malian army battalion supported by Wagner forces" -> Malian Armed Forces.
        """
        matches = self.find_all(phrase, country=country)
        if not matches:
            return None
        return min(matches, key=lambda m: (-len(self._tokens(phrase[m[0] : m[1]])), m[0]))[2]

    def get(self, name: str) -> Actor | None:
        """The actor with canonical ``name`` (case-insensitive), or None."""
        index = self._by_name.get(_fold(name))
        return None if index is None else self.actors[index]

    def branch_of(self, name: str) -> str | None:
        """The international group the group ``name`` is a branch of (JNIM: al-Qaeda), or None."""
        return self._branch_of.get(name)

    def own_forces(self, actor: Actor) -> Actor:
        """Whose losses an actor's admission is about: a government's armed forces, else itself."""
        forces = self._forces.get(actor.name)
        return self.get(forces) or actor if forces else actor

    def guess_country(self, text: str) -> str | None:
        """The country (ISO alpha-2) a text is most about, by counting country names and demonyms."""
        tokens = self._tokens(text)
        folded = [self._spelling.get(f, f) for f in (_fold(t[2]) for t in tokens)]
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}
        lengths = self._lengths["countries"]
        i = 0
        while i < len(tokens):
            step = 1
            for n in lengths.get(folded[i], ()):
                iso2 = self._countries.get(tuple(folded[i : i + n])) if i + n <= len(tokens) else None
                if iso2 and self._joined(text, tokens, i, n):
                    counts[iso2] += 1
                    first.setdefault(iso2, i)
                    step = n
                    break
            i += step
        if not counts:
            return None
        return max(counts, key=lambda c: (counts[c], -first[c]))

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)


__all__ = ["ActorRegistry", "is_acronym", "is_all_caps"]
