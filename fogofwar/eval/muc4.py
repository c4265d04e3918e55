"""The MUC-4 evaluation (terrorism reports, 1989-91): deaths, injuries, perpetrator, place, date.

Data: a directory holding ``documents.jsonl`` (doc_id, split, text) and
``key_templates.jsonl`` (answer-key templates; read by :mod:`fogofwar.eval.muc4_keys`).

**Split.** By default every document that has a key template is scored, whatever its
split label (the shared set holds dev = 1,300, tst1 and tst2 = 100 each). The standard modern
split (GRIT/GTT, Du et al. 2021) uses dev for training and tst1+tst2 for development; the
extraction rules are not trained, so all of them are scored, and a subset is chosen by the
evaluation name (``muc4:dev``, ``muc4:tst1,tst2``; see :func:`fogofwar.eval.run_eval`) or the
CLI's ``--splits``. Choosing splits no keyed document carries raises
:class:`NoDocumentsSelected` (never a run that scores nothing). ``limit`` keeps the first
documents of the chosen split(s) in file order.

**Which documents count.** A document is relevant when it has at least one template that is
not ``MESSAGE: TEMPLATE *``. Every metric except ``n`` is computed over relevant documents
only: the templates cover terrorist incidents alone, so an irrelevant document's empty key
does not say that nobody died (battles between army and guerrillas are reported but not
templated), and scoring our extractor's battle deaths there as errors would measure MUC's
relevance filter, which fogofwar does not try to reproduce. ``n`` is the number of documents
read; the denominators of the other metrics are logged at INFO.

How a prediction is derived (:func:`predict_muc4`, with the shared rules of
:mod:`fogofwar.eval.derive`):

* **deaths** / **injuries**: killed / injured claims, all victim groups (MUC targets are
  civilians, officials, soldiers and police alike), one group per canonical victim name,
  except claims about a battle (:func:`is_battle`: an armed clash between the state's forces
  and a rebel group, which the key does not template) and claims whose victims are rebels,
  militias or unnamed attackers (the key counts an attack's targets, not attackers killed).
  Exact match with the key's set of acceptable totals; documents whose key leaves a count
  unknown (PLURAL, "-") are not scored for it.
* **perpetrator_org_f1**: the predicted organisations are the side_a actors of foreground
  mentions of violence (not protests, riots or arrests, whose side_a is no perpetrator), of
  any kind but civilians and outlets (MUC perpetrators include armies), except civil
  authorities (a government, its authorities, its police: :data:`CIVIL_AUTHORITY`; they
  condemn, investigate and arrest) and the registry's placeholder for unnamed attackers (the
  key names organisations only); state forces only outside armed clashes (a battle between
  army and guerrillas is not templated), other groups only when the text names them by name
  or global alias (:func:`is_named_in`: "the guerrillas" read as the FMLN in a Salvadoran
  report does not fill the slot, whose fillers are names the text gives);
  a predicted actor matches a gold PERP: ORGANIZATION ID filler when a normalised alternative
  of the filler equals the actor's name or one of its aliases, directly or through the actor
  registry, which reads the filler as it reads text of the key's country ("FMLN" and
  "FARABUNDO MARTI NATIONAL LIBERATION FRONT" both reach the registry's FMLN; "ARMY" in a
  Colombian key reaches the Colombian Armed Forces). Fillers naming the same organisation in
  several templates count once; optional fillers (``?``, OPTIONAL templates) count when
  matched and cost nothing when missed.
  Micro-F1 over relevant documents.
* **location_accuracy**: the main place (lead-first) is a hit when its normalised name equals
  the most specific place of a gold INCIDENT: LOCATION path, or a populated place (CITY, TOWN,
  ...) on that path, for any template and any alternative. A path that names only a country
  (the key's rule when the place is unclear beyond it) is hit by any place in that country
  (``Place.country`` against the country's ISO code).
* **date_accuracy**: the main date (lead-first ``date_start``) lies in a gold INCIDENT: DATE
  range of any template; documents whose key gives no date are not scored for it.
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import NamedTuple

from fogofwar.errors import ConfigError
from fogofwar.eval.derive import (
    count_victims,
    foreground_claims,
    foreground_mentions,
    main_date,
    main_place,
    normalise_name,
)
from fogofwar.eval.metrics import f1_from_counts, rate
from fogofwar.eval.muc4_keys import (
    DateRange,
    Filler,
    LocationPath,
    Template,
    acceptable_totals,
    is_relevant,
    template_from_slots,
)
from fogofwar.eval.scoring_vocab import (
    INJURED,
    KILLED,
    MUC_POPULATED_TYPES,
    PERPETRATOR_EXCLUDED_EVENT_TYPES,
    PERPETRATOR_EXCLUDED_KINDS,
    PERPETRATOR_EXCLUDED_SUB_EVENTS,
    UNNAMED_ACTORS,
)
from fogofwar.eval.sets import jsonl_rows
from fogofwar.model import Actor, Article, Claim, Extraction, Mention, Place

log = logging.getLogger(__name__)

MUC4_FILES = ("documents.jsonl", "key_templates.jsonl")
MUC4_KEYS = (
    "n",
    "deaths_exact",
    "injuries_exact",
    "perpetrator_org_f1",
    "location_accuracy",
    "date_accuracy",
)


@dataclass(frozen=True)
class Muc4Gold:
    """The scored content of one document's answer key (all its relevant templates together)."""

    doc_id: str
    relevant: bool
    deaths: frozenset[int] | None = None  # acceptable totals; None = unknown or irrelevant
    injuries: frozenset[int] | None = None
    organizations: tuple[Filler, ...] = ()
    locations: tuple[LocationPath, ...] = ()
    dates: tuple[DateRange, ...] = ()
    country: str | None = None  # the country of the first location path, as the key names it


@dataclass(frozen=True)
class Muc4Item:
    """One MUC-4 document and its gold."""

    doc_id: str
    split: str
    text: str
    gold: Muc4Gold


@dataclass(frozen=True)
class Muc4Prediction:
    """What the extraction says about one document, in the key's terms."""

    deaths: int = 0
    injuries: int = 0
    perpetrators: tuple[Actor, ...] = ()
    place: Place | None = None
    date: date | None = None


class Counts(NamedTuple):
    """True positives, false positives and false negatives of one document's matching."""

    tp: int
    fp: int
    fn: int


# --- reading the set ---------------------------------------------------------------------------


def muc4_files(path: Path) -> tuple[Path, Path]:
    """The documents and key files in directory ``path``; raises ConfigError E050 if either is missing."""
    documents, keys = (path / name for name in MUC4_FILES)
    if not (documents.is_file() and keys.is_file()):
        raise ConfigError("E050", path=path, expected=" and ".join(MUC4_FILES))
    return documents, keys


def _merge_organizations(fillers: Iterable[Filler]) -> tuple[Filler, ...]:
    """One filler per organisation: fillers sharing a normalised alternative are merged; the
    merged filler is optional only when every merged filler was."""
    keys: list[set[str]] = []
    heads: list[set[str]] = []
    optional: list[bool] = []
    for filler in fillers:
        names = {normalise_name(h) for h in filler.heads} - {""}
        if not names:
            continue
        i = next((i for i, known in enumerate(keys) if known & names), None)
        if i is None:
            keys.append(names)
            heads.append(set(filler.heads))
            optional.append(filler.optional)
        else:
            keys[i] |= names
            heads[i] |= set(filler.heads)
            optional[i] = optional[i] and filler.optional
    return tuple(Filler(heads=tuple(sorted(h)), optional=o) for h, o in zip(heads, optional, strict=True))


def gold_from_templates(doc_id: str, templates: Sequence[Template]) -> Muc4Gold:
    """A document's gold from its relevant templates (none: an irrelevant document)."""
    if not templates:
        return Muc4Gold(doc_id=doc_id, relevant=False)
    return Muc4Gold(
        doc_id=doc_id,
        relevant=True,
        deaths=acceptable_totals(t for template in templates for t in template.deaths),
        injuries=acceptable_totals(t for template in templates for t in template.injuries),
        organizations=_merge_organizations(f for t in templates for f in t.organizations),
        locations=tuple(p for t in templates for p in t.locations),
        dates=tuple(r for t in templates for r in t.dates),
        country=next((p[0][0].name for t in templates for p in t.locations), None),
    )


class NoDocumentsSelected(ConfigError):
    """No document of the chosen splits has a key template: nothing can be scored (E050)."""

    def __init__(self, path: Path, *, splits: Sequence[str] | None, found: Sequence[str]) -> None:
        wanted = ", ".join(splits) if splits else "any split"
        available = ", ".join(found) if found else "none"
        super().__init__(
            "E050",
            path=path,
            expected=f"documents of {wanted} with a key template (splits found: {available})",
        )
        self.splits = tuple(splits or ())
        self.found = tuple(found)


def load_muc4(path: Path, *, splits: Sequence[str] | None = None, limit: int | None = None) -> list[Muc4Item]:
    """Read the documents of ``splits`` (None: every split) that have a key template, from
    directory ``path``, with their gold, in file order, at most ``limit`` of them.

    RAISES: ConfigError E050 when a file is missing; :class:`NoDocumentsSelected` (E050) when
        no document of ``splits`` has a key template, naming the splits that have some.
    """
    documents_file, keys_file = muc4_files(path)
    keyed: set[str] = set()
    templates: dict[str, list[Template]] = defaultdict(list)
    for record in jsonl_rows(keys_file):
        keyed.add(record["doc_id"])
        if is_relevant(record):
            templates[record["doc_id"]].append(
                template_from_slots(record["doc_id"], str(record["template_no"]), record["slots"])
            )
    documents = []
    found: set[str] = set()
    for record in jsonl_rows(documents_file):
        if record["doc_id"] not in keyed:
            continue
        found.add(record.get("split", ""))
        if splits is None or record.get("split") in splits:
            documents.append(record)
    if not documents:
        raise NoDocumentsSelected(path, splits=splits, found=sorted(found))
    return [
        Muc4Item(
            doc_id=d["doc_id"],
            split=d.get("split", ""),
            text=d["text"],
            gold=gold_from_templates(d["doc_id"], templates.get(d["doc_id"], [])),
        )
        for d in documents[:limit]
    ]


def muc4_article(item: Muc4Item) -> Article:
    """The Article a MUC-4 document is read as; its dateline date is the reference date."""
    from fogofwar.ingest.text import article_from_text  # the eval edge calls ingest like the CLI does

    return article_from_text(item.text, origin=item.doc_id, published=None)


# --- prediction --------------------------------------------------------------------------------


# The state's own forces (ACLED inter 1), rebel groups, and the sub-events where they fight
# a battle.
STATE_KINDS = frozenset({"state_forces"})
REBEL_KINDS = frozenset({"rebel_group"})
BATTLE_SUB_EVENTS = frozenset({"Armed clash"})
# Kinds of actor whose own dead are attackers killed, not the key's human targets.
ATTACKER_KINDS = frozenset({"rebel_group", "militia"})


def is_battle(mention: Mention) -> bool:
    """Whether a mention is a battle between the state's forces and a rebel group: an armed
    clash naming both (MUC-4 templates terrorist acts, not the war's battles)."""
    kinds = {role.actor.kind for role in mention.actors}
    return (
        mention.sub_event_type in BATTLE_SUB_EVENTS
        and bool(kinds & STATE_KINDS)
        and bool(kinds & REBEL_KINDS)
    )


def _target_victims(mentions: Sequence[Mention]) -> Callable[[Claim], str | None]:
    """A claim's victim group when its victims are targets the key counts; None for claims
    about a battle and for the armed groups' own dead (rebels, militias, unnamed attackers:
    the key's HUM TGT are the attacks' targets, not the attackers killed in them)."""
    battles = {m.id for m in mentions if is_battle(m)}
    kinds = {role.actor.name: role.actor.kind for m in mentions for role in m.actors}

    def group_of(claim: Claim) -> str | None:
        if claim.mention_id in battles or claim.victims in UNNAMED_ACTORS:
            return None
        if kinds.get(claim.victims) in ATTACKER_KINDS:
            return None
        return claim.victims

    return group_of


# Registry bodies that speak for a state or keep its order rather than fight: a government,
# its authorities, its police. In these reports they condemn, investigate, arrest and announce
# far more often than they attack, and the key's state perpetrators are armed forces ("ARMY",
# "ARMED FORCES", "AIR FORCE"). Matched on the actor's name and aliases.
CIVIL_AUTHORITY = re.compile(
    r"^government of\b|\b(?:government|authorities|police|policemen)$", re.IGNORECASE
)


def is_civil_authority(actor: Actor) -> bool:
    """Whether an actor is a government, its authorities or its police (:data:`CIVIL_AUTHORITY`)."""
    return any(CIVIL_AUTHORITY.search(name) for name in (actor.name, *actor.aliases))


def is_organization(actor: Actor) -> bool:
    """Whether an actor can fill PERP: ORGANIZATION ID: a named armed or political group, not
    civilians, an outlet, a civil authority or the registry's placeholder for unnamed attackers."""
    return (
        actor.kind not in PERPETRATOR_EXCLUDED_KINDS
        and actor.name not in UNNAMED_ACTORS
        and not is_civil_authority(actor)
    )


def is_named_in(actor: Actor, text: str) -> bool:
    """Whether ``text`` names ``actor`` by its name or a global alias (case-insensitively, whole
    words), not only by a country's generic word for it ("the guerrillas", "the army")."""
    folded = text.casefold()
    return any(
        re.search(rf"(?<!\w){re.escape(name.casefold())}(?!\w)", folded)
        for name in (actor.name, *actor.aliases)
    )


def _is_perpetrator(actor: Actor, mention_sub_event: str, text: str) -> bool:
    if not is_organization(actor):
        return False
    if actor.kind in STATE_KINDS:
        # the state's forces in a clash are fighting a battle, which the key does not template
        return mention_sub_event not in BATTLE_SUB_EVENTS
    # the key fills ORGANIZATION ID only when the text names the group
    return is_named_in(actor, text)


def predict_muc4(article: Article, extraction: Extraction) -> Muc4Prediction:
    """Reduce one document's Extraction to the key's fields (rules in the module docstring)."""
    mentions = foreground_mentions(extraction)
    claims = foreground_claims(extraction)
    perpetrators: dict[str, Actor] = {}
    for mention in mentions:
        if (
            mention.event_type in PERPETRATOR_EXCLUDED_EVENT_TYPES
            or mention.sub_event_type in PERPETRATOR_EXCLUDED_SUB_EVENTS
        ):
            continue
        for role in mention.actors:
            if role.role == "side_a" and _is_perpetrator(role.actor, mention.sub_event_type, article.text):
                perpetrators.setdefault(role.actor.name, role.actor)
    victims = _target_victims(extraction.mentions)
    log.debug("muc4 %s: %d mentions, %d claims", article.origin, len(mentions), len(claims))
    return Muc4Prediction(
        deaths=count_victims(claims, KILLED, group_of=victims),
        injuries=count_victims(claims, INJURED, group_of=victims),
        perpetrators=tuple(perpetrators.values()),
        place=main_place(mentions),
        date=main_date(mentions),
    )


# --- scoring -----------------------------------------------------------------------------------


# A key string ("FMLN", "ARMY") and the key's country name ("EL SALVADOR") -> the canonical
# actor name it denotes, or None.
Resolver = Callable[[str, str | None], str | None]


def resolver_from_actors(actors: Iterable[Actor]) -> Resolver:
    """A resolver that looks key strings up among the actors' names and global aliases."""
    index: dict[str, str] = {}
    for actor in actors:
        for name in (actor.name, *actor.aliases):
            key = normalise_name(name)
            if key:
                index.setdefault(key, actor.name)

    def resolve(text: str, country: str | None) -> str | None:
        return index.get(normalise_name(text))

    return resolve


def _keys(names: Iterable[str]) -> frozenset[str]:
    return frozenset(k for k in (normalise_name(n) for n in names) if k)


def perpetrator_counts(
    gold: Muc4Gold, prediction: Muc4Prediction, *, resolve: Resolver | None = None
) -> Counts:
    """Match predicted organisations with gold fillers (required fillers first, then optional).

    A filler matches an actor when one of its alternatives, or the actor ``resolve`` finds for
    it, equals the actor's name, one of its aliases, or the actor ``resolve`` finds for those
    (all normalised).
    """

    def keys_of(names: Sequence[str]) -> frozenset[str]:
        resolved = [resolve(n, gold.country) for n in names] if resolve else []
        return _keys([*names, *(r for r in resolved if r)])

    unmatched = [keys_of((a.name, *a.aliases)) for a in prediction.perpetrators]
    tp = fn = 0
    for filler in sorted(gold.organizations, key=lambda f: f.optional):
        keys = keys_of(filler.heads)
        hit = next((i for i, p in enumerate(unmatched) if p & keys), None)
        if hit is not None:
            unmatched.pop(hit)
            tp += 1
        elif not filler.optional:
            fn += 1
    return Counts(tp=tp, fp=len(unmatched), fn=fn)


def location_targets(path: LocationPath) -> frozenset[str]:
    """Normalised names a prediction may give for a gold path: its most specific place(s) and
    the populated places (city, town ...) on it."""
    names = {place.name for place in path[-1]}
    names |= {place.name for level in path for place in level if place.types & MUC_POPULATED_TYPES}
    return frozenset(normalise_name(n) for n in names)


@cache
def country_code(name: str) -> str | None:
    """ISO 3166 alpha-2 code of a country name as the key writes it ("EL SALVADOR" -> "SV")."""
    import pycountry  # imported here: only location scoring needs it

    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return None


def _path_hit(path: LocationPath, place: Place) -> bool:
    if len(path) == 1 and place.country:
        # the key names only the country: the incident's place is unclear beyond it, so any
        # place in that country agrees with the key at the key's level of detail
        codes = {country_code(p.name) for p in path[0]} - {None}
        if codes:
            return place.country.upper() in codes
    return normalise_name(place.name) in location_targets(path)


def location_hit(gold: Muc4Gold, prediction: Muc4Prediction) -> bool | None:
    """Whether the main place matches a gold location path (None: not scored)."""
    if not gold.relevant or not gold.locations:
        return None
    if prediction.place is None:
        return False
    return any(_path_hit(path, prediction.place) for path in gold.locations)


def date_hit(gold: Muc4Gold, prediction: Muc4Prediction) -> bool | None:
    """Whether the main date lies in a gold date range (None: not scored)."""
    if not gold.relevant or not gold.dates:
        return None
    if prediction.date is None:
        return False
    return any(r.contains(prediction.date) for r in gold.dates)


def number_hit(acceptable: frozenset[int] | None, predicted: int) -> bool | None:
    """Whether a predicted count is one of the acceptable totals (None: not scored)."""
    return None if acceptable is None else predicted in acceptable


def score_muc4(
    pairs: Iterable[tuple[Muc4Gold, Muc4Prediction]], *, resolve: Resolver | None = None
) -> dict[str, float | int]:
    """The MUC-4 metrics over ``(gold, prediction)`` pairs (keys: :data:`MUC4_KEYS`).

    ``resolve`` maps key strings to registry actors (e.g. :func:`resolver_from_actors`).
    Rates (and the F1) are NaN when no document can be scored for them.
    """
    pairs = list(pairs)
    relevant = [(g, p) for g, p in pairs if g.relevant]
    deaths = [h for g, p in relevant if (h := number_hit(g.deaths, p.deaths)) is not None]
    injuries = [h for g, p in relevant if (h := number_hit(g.injuries, p.injuries)) is not None]
    places = [h for g, p in relevant if (h := location_hit(g, p)) is not None]
    dates = [h for g, p in relevant if (h := date_hit(g, p)) is not None]
    counts = [perpetrator_counts(g, p, resolve=resolve) for g, p in relevant]
    log.info(
        "muc4: %d documents, %d relevant; scored for deaths %d, injuries %d, place %d, date %d",
        len(pairs),
        len(relevant),
        len(deaths),
        len(injuries),
        len(places),
        len(dates),
    )
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return {
        "n": len(pairs),
        "deaths_exact": rate(deaths),
        "injuries_exact": rate(injuries),
        "perpetrator_org_f1": f1_from_counts(tp, fp, fn).f1 if tp + fp + fn else math.nan,
        "location_accuracy": rate(places),
        "date_accuracy": rate(dates),
    }


__all__ = [
    "ATTACKER_KINDS",
    "BATTLE_SUB_EVENTS",
    "CIVIL_AUTHORITY",
    "MUC4_FILES",
    "MUC4_KEYS",
    "REBEL_KINDS",
    "STATE_KINDS",
    "Counts",
    "Muc4Gold",
    "Muc4Item",
    "Muc4Prediction",
    "NoDocumentsSelected",
    "Resolver",
    "country_code",
    "date_hit",
    "gold_from_templates",
    "is_battle",
    "is_civil_authority",
    "is_named_in",
    "is_organization",
    "load_muc4",
    "location_hit",
    "location_targets",
    "muc4_article",
    "muc4_files",
    "number_hit",
    "perpetrator_counts",
    "predict_muc4",
    "resolver_from_actors",
    "score_muc4",
]
