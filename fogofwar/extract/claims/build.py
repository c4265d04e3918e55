"""Claims of one article: each statement attributed, its victims resolved, re-counts of people
already counted skipped, a wounding that turned fatal counted once, coordinated phrases of one
group joined, then implausible figures and repeats dropped."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import replace

from fogofwar.extract.actors import ActorRegistry, dateline_tags
from fogofwar.extract.attribution import (
    ArticleContext,
    Attribution,
    ClaimLexicon,
    actor_of_phrase,
    attribute,
    claim_lexicon,
    clause_subject,
    dateline_end,
    subject_party,
)
from fogofwar.extract.claims.candidates import is_claim_candidate
from fogofwar.extract.claims.coded import recorded_counts, sourced_by_coder_note, split_share
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.statements import find_statements
from fogofwar.extract.claims.victims import resolve_victims
from fogofwar.extract.numbers import is_plausible, number_lexicon
from fogofwar.extract.sentences import Sentence
from fogofwar.extract.tallies import UNKNOWN, drop_repeats, family, is_uninformative, join
from fogofwar.model import GOVERNMENT_ALLEGIANCE, Actor, Article, Claim, Span, record_id

log = logging.getLogger(__name__)

_SOURCE_CONFIDENCE = {"explicit": 1.0, "outlet": 1.0, "pronoun": 0.9, "paragraph": 0.8}

_UNKNOWN_VICTIMS_FACTOR = 0.8

_LINEAR_FACTOR = 0.8  # found by word order alone, the parse did not connect count and outcome

# An earlier event the news is compared with, told with its toll: "appeared similar to a January
# suicide bombing ... that killed at least 12 German tourists". The toll is that event's.
_COMPARED = re.compile(
    r"\b(?:similar\s+to|reminiscent\s+of|resembl(?:ed|es|ing)|echo(?:ed|es|ing))\s+(?:a|an|the|last\s+\w+'s)\s[^,;:]*$",
    re.IGNORECASE,
)
# Victims that name no party: a definite person among them may be one already counted.
_UNNAMED = frozenset({UNKNOWN, "civilians"})


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
    head = f"{article.dateline_place or ''}\n{article.title or ''}\n"
    text = head + article.text
    quiet = [(a + len(head), b + len(head)) for a, b in dateline_tags(article)]
    country = registry.guess_country(text) or home_country(text, registry, quiet=quiet)
    ctx = ArticleContext(registry=registry, article=article, country=country, headline=headline)
    ctx.armed_group, ctx.guessed_groups = named_armed_group(article, registry, country, lex)
    claims: list[Claim] = []
    counted: set[str] = set()  # outcome families already claimed in this article
    for sentence in sentences:
        if deadline is not None and time.monotonic() > deadline:
            log.warning(
                "article %s: time budget spent, claims after sentence %d not read", article.id, sentence.index
            )
            break
        ctx.matches = registry.find_all(
            sentence.text, country=country, quiet=dateline_tags(article, sentence.start, sentence.text)
        )
        ctx.dateline_end = dateline_end(article, sentence)
        attributions: list[Attribution] = []
        if sentence.doc is None:
            if is_claim_candidate(sentence.text):
                log.debug(
                    "sentence %d of %s is a claim candidate but was not parsed", sentence.index, article.id
                )
        else:
            previous: list[str] = []
            # the last kept claim's index, the outcome verbs its phrases hang on, and whether it
            # is a loss of one's own ("lost six soldiers")
            joinable: tuple[int, set[int], bool] | None = None
            # the sentence's last killing of an object, which a killer's own death adds to
            killing: tuple[int, CasualtyStatement] | None = None
            for statement in find_statements(sentence.doc, ctx, lex):
                if _COMPARED.search(sentence.text, 0, statement.start):
                    log.debug("dropped the toll of an event compared with: %r", sentence.text[:80])
                    continue
                attribution = attribute(statement.trigger, sentence.paragraph, ctx)
                if ctx.armed_group is not None and _stands_for_group(attribution.claimant, ctx, lex):
                    # "Militants linked to al-Qaeda say ..." in a report that names JNIM
                    group = ctx.armed_group
                    attribution = replace(attribution, claimant=group.name, kind=group.kind, actor=group)
                resolved = resolve_victims(statement, attribution, ctx, previous)
                if resolved is None:
                    continue
                victims, admitted = resolved
                if ctx.armed_group is not None and _stands_for_group(victims, ctx, lex):
                    victims = ctx.armed_group.name  # "150 of the attackers" in a report on an RSF assault
                if _is_recount(statement, victims, counted, claims):
                    continue
                own_loss = statement.trigger.lower_ in lex.own_loss_verbs
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
                if (
                    joinable is not None
                    and joinable[0] == len(claims) - 1
                    and _joins(statement, joinable[1])
                    # "killed 57 militants and lost 11 soldiers": the enemy's dead and one's own
                    and own_loss == joinable[2]
                ):
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
                joinable = (len(claims), {statement.trigger.i}, own_loss)
                if statement.outcome == "killed" and statement.how == "object":
                    killing = (len(claims), statement)
                claims.append(claim)
        _note_sentence(sentence, attributions, ctx)
    claims = drop_repeats(drop_implausible(claims))
    # A coder's notes come last: the count it recorded is no repeat of the report's own figure.
    claims = recorded_counts(claims, article, outlet=ctx.outlet)
    claims = sourced_by_coder_note(
        claims, article.text, outlet=ctx.outlet, registry=registry, country=country
    )
    return split_share(claims, article, outlet=ctx.outlet, numbers=number_lexicon())


def named_armed_group(
    article: Article, registry: ActorRegistry, country: str | None, lex: ClaimLexicon
) -> tuple[Actor | None, frozenset[str]]:
    """The one non-state armed group (a kind of ``joinable_kinds``) that the article names in
    its title or text, or None when it names none or several; and the groups only a country's
    context alias suggested. A report that names the group once calls it "the attackers",
    "militants" or "rebels" after; with two groups named, who the unnamed ones are is not known.
    A name the registry knows anywhere ("BLA") names a group; a country's context alias
    ("militants" for the TTP in Pakistan, "separatist rebels" in Mali) only guesses one, and
    counts only when nothing is named."""
    head = f"{article.title or ''}\n"
    text = head + article.text
    quiet = [(a + len(head), b + len(head)) for a, b in dateline_tags(article)]
    named: dict[str, Actor] = {}
    guessed: dict[str, Actor] = {}
    for start, end, actor in registry.find_all(text, country=country, quiet=quiet):
        if actor.kind not in lex.joinable_kinds or actor.name == lex.unnamed_armed_group:
            continue
        if any(a.name == actor.name for _, _, a in registry.find_all(text[start:end])):
            named[actor.name] = actor
        else:
            guessed[actor.name] = actor
    groups = named or guessed
    if len(groups) > 1:
        # A report naming a local group and the international group it belongs to ("JNIM, al-Qaeda's
        # branch") is about the branch; unnamed "militants" are never a militia on the state's
        # side while another group is named ("militants say they killed 300 members of the VDP").
        parents = {registry.branch_of(name) for name in groups}
        local = {name: a for name, a in groups.items() if name not in parents}
        groups = local or groups
        against = {name: a for name, a in groups.items() if a.allegiance != GOVERNMENT_ALLEGIANCE}
        groups = against or groups
    only = next(iter(groups.values())) if len(groups) == 1 else None
    return only, frozenset(set(guessed) - set(named))


def _stands_for_group(name: str, ctx: ArticleContext, lex: ClaimLexicon) -> bool:
    """Whether a claimant or victims name stands for the article's one armed group: the unnamed
    group, or a group only guessed from context while the article names its group by name."""
    group = ctx.armed_group
    if group is None or name == group.name:
        return False
    return name == lex.unnamed_armed_group or (
        name in ctx.guessed_groups and group.name not in ctx.guessed_groups
    )


def home_country(text: str, registry: ActorRegistry, *, quiet: Sequence[tuple[int, int]] = ()) -> str | None:
    """The one home country of the parties a text names by a name the registry knows without
    any country's context ("the BLA" is Pakistani), for a text that names no country: a weak
    hint, used only to read generic words ("soldiers", "the army") as that country's forces."""
    homes = {actor.country for _, _, actor in registry.find_all(text, quiet=quiet) if actor.country}
    return homes.pop() if len(homes) == 1 else None


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


def _outcome(statement: CasualtyStatement, ctx: ArticleContext, lex: ClaimLexicon) -> str:
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
    statement: CasualtyStatement,
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
    elif own and stance == "claims":
        stance = "admits"  # "the ministry said 11 of its own soldiers were killed": a party's own dead
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
        claimant_words=attribution.words or None,
        date_words=attribution.date_words or None,
    )


def _joins(statement: CasualtyStatement, verbs: set[int]) -> bool:
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


def _kills_self_after(statement: CasualtyStatement, last: CasualtyStatement) -> bool:
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


def _is_recount(
    statement: CasualtyStatement, victims: str, counted: set[str], claims: Sequence[Claim] = ()
) -> bool:
    """A phrase that points back at people already counted, once the article has claimed this
    outcome: "the targeted individual", "the commander" (a definite single person not named by
    the registry), "four of the insurgents" (a part of a group already counted: the same group,
    or one not named, in an earlier claim of this outcome; "two of its soldiers were killed ...
    and it killed 20 of the attackers" counts other people)."""
    if statement.definite and victims in _UNNAMED and counted & _related(statement.outcome):
        return True  # "a 4-year-old girl died ... the girl was shot"
    outcome = family(statement.outcome)
    if outcome not in counted:
        return False
    noun = statement.noun
    if noun is None or statement.head.i == noun.i or statement.head.lower_ == noun.lower_:
        return False  # not a partitive ("four of the insurgents")
    if not {c.lower_ for c in noun.children if c.dep_ == "det"} & {"the", "these", "those"}:
        return False
    earlier = [c.victims for c in claims if family(c.outcome) == outcome]
    return not earlier or any(v == victims or v in _UNNAMED for v in earlier)


def _wounded_by_name(name: str, claims: Sequence[Claim]) -> int | None:
    """The index of the last wounding whose evidence names ``name`` (a whole word), or None."""
    pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)")
    for index in range(len(claims) - 1, -1, -1):
        claim = claims[index]
        if claim.outcome == "injured" and claim.figure and pattern.search(claim.evidence.text):
            return index
    return None


def _one_less(claims: list[Claim], index: int) -> None:
    """Take one person out of a wounding claim (gone when it counted one)."""
    claim = claims[index]
    if claim.figure == 1:
        del claims[index]
        return
    figure = (claim.figure or 1) - 1
    low = None if claim.low is None else claim.low - 1
    high = None if claim.high is None else claim.high - 1
    claims[index] = replace(claim, figure=figure, low=low, high=high)


def _turned_fatal(statement: CasualtyStatement, victims: str, claims: list[Claim], counted: set[str]) -> bool:
    """A death of a person already named told after the wounding of one person ("he was shot
    ... he later died"): the wounding claim is removed from ``claims`` (the person counts once,
    as killed). Only when the article has claimed no death yet and the last wounding is of one
    person of the same victims; or when the dead person's name is among those of an earlier
    wounding ("Ann Lee and Tom Ray were shot ... Ann Lee died"), which then counts one less."""
    if statement.outcome == "killed" and statement.figure == 1 and statement.proper:
        named = _wounded_by_name(statement.head.text, claims)
        if named is not None:
            _one_less(claims, named)
            return True
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
