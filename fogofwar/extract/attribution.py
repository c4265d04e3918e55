"""Who said it: the claimant, stance and statement date of a casualty statement.

A figure is a claim by someone. The claimant is the subject of the reporting verb that
governs the statement ("The Malian army confirmed that ..."), the object of "according to",
or, for a pronoun ("They admitted ..."), the party last named as a subject. A statement with
no reporting verb of its own continues the last explicit claimant of its paragraph (news
paragraphs keep their attribution: "Additionally, ... no casualties were reported"), and
otherwise is the outlet's own (``article.agency`` or ``article.source``).

The stance comes from the verb (said -> claims, confirmed -> confirms, denied -> denies,
admitted -> admits, reported/indicated -> reports); a subject that is itself a report
("Reports from bloggers indicated ...") makes it ``reports``. The statement date is a date
attached to the reporting verb outside the reported clause ("announced on Saturday that
...", "In a statement on July 29, Wagner admitted ...").

The vocabulary lives in ``resources/lexicon_claims.json``, loaded once by
``fogofwar.extract.claim_lexicon``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.claim_lexicon import ClaimLexicon, claim_lexicon
from fogofwar.extract.sentences import Sentence
from fogofwar.model import UNATTRIBUTED, Actor, Article

_VERB_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "xcomp", "parataxis", "relcl", "pcomp", "acl"})
_CLIMB_DEPS = frozenset({"xcomp", "advcl", "conj", "pcomp", "acl"})
_AGENT_PREPS = frozenset({"for", "of", "from", "by", "at", "with", "in"})
# An FBIS bracket of a dateline that runs over a line break (see dateline_end).
_WRAPPED_BRACKET = re.compile(r"\[[^\]]*\n[^\]]*\]")


def dateline_end(article: Article, sentence: Sentence) -> int:
    """Where the article's dateline (the span ingest found) ends, as an offset into
    ``sentence.text``, when the dateline starts in the article's first sentence; else 0. Its
    words are no one's subject: "Bamako, July 27 (Reuters) - ", "KABUL, Afghanistan (Jan. 25, 2013) ".

    An FBIS bracket that runs over a line break ("[INTERVIEW WITH\nSALVADORAN PRESIDENT ALFREDO
    CRISTIANI BY RENE HURTADO]") and what follows it are read as text: the name in it may be the
    speaker of what follows.
    """
    start, end = article.dateline_start, article.dateline_end
    if start is None or end is None or sentence.index != 0 or not sentence.start <= start < sentence.end:
        return 0
    end = min(end, sentence.end)
    wrapped = _WRAPPED_BRACKET.search(article.text, start, end)
    return (wrapped.start() if wrapped else end) - sentence.start


@dataclass(frozen=True)
class Attribution:
    """Who made a statement, how, and when.

    ``source`` says how the claimant was found: ``explicit`` (named in the sentence),
    ``pronoun`` (carried to the last named party), ``paragraph`` (the paragraph's last
    explicit claimant), ``outlet`` (no one named: the outlet's own statement).
    """

    claimant: str
    kind: str
    stance: str
    stated: date | None = None
    actor: Actor | None = None
    source: str = "explicit"
    verb: Any = None  # the spaCy Token of the reporting verb; never leaves the extract stage
    # The claimant as the article names it ("regional governor Oleh Syniehubov", "Niger's
    # defence ministry"), kept beside the normalised actor: analysts cite the voice, and two
    # voices of one actor (the emergency service and the interior ministry) stay apart.
    words: str = ""
    # An undated article's unresolved statement date as written ("on Thursday"), or "".
    date_words: str = ""


@dataclass
class ArticleContext:
    """Per-article state of attribution: the article's country and the carried parties.

    Created by ``extract_claims`` for one article and updated sentence by sentence; it is
    the caller's, never module-level.
    """

    registry: ActorRegistry
    article: Article
    country: str | None = None
    headline: bool = False  # the text is a headline: "Teen shot to death" is a passive
    last_party: Actor | None = None
    paragraph_speaker: dict[int, Attribution] = field(default_factory=dict)
    matches: list[tuple[int, int, Actor]] = field(default_factory=list)  # current sentence, relative offsets
    dateline_end: int = 0  # current sentence: offset where a leading wire dateline ends (0: none)
    # The one non-state armed group the article names (title and text), if only one: who
    # "the attackers" and "50 rebels" are when the report has named them once.
    armed_group: Actor | None = None
    # Groups only a country's context alias suggested ("militants" for the TTP in Pakistan):
    # guesses that a group the article names by name overrides.
    guessed_groups: frozenset[str] = frozenset()

    @property
    def outlet(self) -> str:
        """The outlet an unattributed statement belongs to."""
        return self.article.agency or self.article.source or UNATTRIBUTED

    @property
    def latest_date(self) -> date | None:
        """The latest date the article knows of itself (weekdays resolve on or before it)."""
        known = [d for d in (self.article.dateline_date, self.article.published) if d]
        return max(known) if known else None


# -- noun phrases -> actors ----------------------------------------------------------------


def actor_in(
    ctx: ArticleContext, start: int, end: int, head_idx: int | None = None, *, unit_head: bool = False
) -> Actor | None:
    """The registry actor matched within [start, end): the one covering the head, else the last.

    unit_head: the head names an armed body ("militia", "force", "group"): a word for civilians
    before it says what kind of body it is, not who ("the VDP civilian militia" is the VDP).
    """
    inside = [m for m in ctx.matches if m[0] >= start and m[1] <= end]
    if not inside:
        return None
    if head_idx is not None:
        for m in inside:
            if m[0] <= head_idx < m[1]:
                return m[2]
    if unit_head:
        inside = [m for m in inside if m[2].kind != "civilians"] or inside
    return inside[-1][2]


def phrase_end(token: Any) -> int:
    """End offset of a token's noun phrase without its right modifiers (prep, relcl, appos)."""
    end = token.idx + len(token)
    for child in token.rights:
        if child.dep_ in ("compound", "amod", "nummod", "poss", "case") or child.dep_ == "flat":
            end = max(end, child.right_edge.idx + len(child.right_edge))
    return end


def phrase_actor(token: Any, ctx: ArticleContext) -> Actor | None:
    """The registry actor named in the noun phrase headed by ``token`` (see :func:`actor_in`)."""
    unit = token.lower_ in claim_lexicon().collective_nouns
    return actor_in(ctx, token.left_edge.idx, phrase_end(token), token.idx, unit_head=unit)


def actor_of_phrase(token: Any, ctx: ArticleContext, lex: ClaimLexicon) -> Actor | None:
    """The actor a noun phrase headed by ``token`` names: its own words, then appositions,
    then an agent phrase ("a spokesman for the army", "reports from Russian bloggers")."""
    appositions = [c for c in token.children if c.dep_ == "appos"]
    agents = [
        pobj
        for child in token.children
        if child.dep_ == "prep" and child.lower_ in _AGENT_PREPS
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]
    return next((actor for t in (token, *appositions, *agents) if (actor := phrase_actor(t, ctx))), None)


def is_anaphor(token: Any, lex: ClaimLexicon) -> bool:
    """Whether a subject refers back to a party named before ("they", "the group")."""
    if token.lower_ in lex.pronouns:
        return True
    return token.lower_ in lex.claimant_anaphors and is_definite(token)


def is_definite(token: Any) -> bool:
    """Whether a noun has "the", "this" or "that" before it: a thing named before."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _phrase_text(token: Any, lex: ClaimLexicon, floor: int = 0) -> str:
    """The words of a subject phrase up to its head, without leading determiners, pronouns and
    anything before ``floor`` (the end of a dateline)."""
    doc = token.doc
    start = token.left_edge.i
    while start < token.i and (
        doc[start].dep_ in ("det", "punct") or doc[start].lower_ in lex.pronouns or doc[start].idx < floor
    ):
        start += 1
    text = " ".join(doc[start : token.i + 1].text.split())
    first = doc[start]
    if first.is_sent_start and first.pos_ != "PROPN" and first.text[1:].islower():
        text = text[0].lower() + text[1:]  # "Medics said" -> "medics"
    return text


# -- reporting verbs -----------------------------------------------------------------------


def is_verbish(token: Any) -> bool:
    return token.tag_.startswith("VB") or token.dep_ in _VERB_DEPS


def _reporting_stance(token: Any, lex: ClaimLexicon) -> str | None:
    stance = lex.stance_of(token.lower_)
    if stance is None or not is_verbish(token):
        return None
    blocked = lex.non_reporting_objects.get(token.lower_)
    if blocked and any(c.dep_ in ("dobj", "attr") and c.lower_ in blocked for c in token.children):
        return None  # "claimed the lives of", "claimed responsibility for"
    return stance


def find_reporting_verb(trigger: Any, lex: ClaimLexicon) -> tuple[Any, str] | None:
    """The reporting verb governing ``trigger``: its nearest reporting ancestor, else a reporting
    verb hanging off the same clause ("12 were killed, the army said"). A toll set by its
    subject ("the families put the toll at 400", the trigger being the verb of the toll) is a
    statement of its own, whatever clause it stands in."""
    if trigger.lower_ in lex.tolls.setting_verbs and any(
        c.dep_ == "dobj" and c.lower_ in lex.tolls.nouns for c in trigger.children
    ):
        return trigger, "claims"
    for ancestor in trigger.ancestors:
        stance = _reporting_stance(ancestor, lex)
        # "rejected the murder of X": a deed rejected (condemned), not a statement denied
        if (
            stance
            and not (stance == "denies" and trigger.head.i == ancestor.i and trigger.dep_ == "dobj")
            and not _own_figure(ancestor, trigger)
        ):
            return ancestor, stance
    chain = {trigger, *trigger.ancestors}
    best: tuple[int, Any, str] | None = None
    for token in trigger.doc:
        if (
            token.head in chain
            and token not in chain
            and token.dep_ in ("parataxis", "ccomp", "advcl", "conj")
        ):
            stance = _reporting_stance(token, lex)
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            # "FOUR PEOPLE KILLED ... AND LOSSES ESTIMATED AT ...": an outcome noun reports nothing;
            # "Fatalities coded as 0 (VoJ reported 15)": a source giving a figure of its own
            # states that figure, not this one.
            own = _own_figure(token, trigger)
            if stance and subjects and subjects[0].lower_ not in lex.triggers and not own:
                distance = abs(token.i - trigger.i)
                if best is None or distance < best[0]:
                    best = (distance, token, stance)
    return (best[1], best[2]) if best else None


def _own_figure(verb: Any, trigger: Any) -> bool:
    """Whether a reporting verb takes a number of its own, not the statement's ("Fatalities coded
    as 0 (VoJ reported 15)", "... (VoJ reported 2 fatalities)"): it states that figure."""
    chain = {trigger.i, *(a.i for a in trigger.ancestors)}
    return any(
        c.dep_ in ("dobj", "npadvmod", "attr")
        and c.i not in chain
        and (c.like_num or any(n.like_num and n.dep_ == "nummod" for n in c.children))
        for c in verb.children
    )


def _according_to(trigger: Any, lex: ClaimLexicon) -> Any | None:
    """The object of "according to" (or "citing") in the sentence of ``trigger``, or None."""
    doc = trigger.doc
    for token in doc:
        if token.lower_ == "according":
            for child in token.children:
                if child.lower_ == "to":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        elif token.lower_ in lex.according_to and token.lower_ != "per":
            objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
            if objects:
                return objects[0]
    return None


def clause_subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject of ``verb`` (climbing from participles and controlled verbs); and whether
    the verb is a passive without agent ("no casualties were reported")."""
    current = verb
    for _ in range(5):
        children = list(current.children)
        subjects = [c for c in children if c.dep_ in ("nsubj", "csubj")]
        if subjects:
            # A wire dateline can parse as a second subject ("Bamako, July 27 (Reuters) - Mali's
            # rebels claimed ..."): the subject nearest the verb is the real one.
            before = [c for c in subjects if c.i < current.i]
            return (before[-1] if before else subjects[0]), False
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
            for agent in (c for c in children if c.dep_ == "agent"):
                objects = [c for c in agent.children if c.dep_ == "pobj"]
                if objects:
                    return objects[0], False
            return None, True
        if current.dep_ in _CLIMB_DEPS and current.head.i != current.i:
            current = current.head if current.head.dep_ != "prep" else current.head.head
            continue
        break
    return None, False


# -- dates ---------------------------------------------------------------------------------


def resolve_date(
    match: re.Match[str], article_dates: tuple[date | None, date | None], lex: ClaimLexicon
) -> date | None:
    """Resolve a date expression against (reference date, latest date of the article).

    Weekdays: the latest such day on or before the article's latest date. "Month D": the
    reference year, or the year before when that would put it more than a week ahead.
    """
    reference, latest = article_dates
    if match.group("wd"):
        if latest is None:
            return None
        target = lex.weekdays.index(match.group("wd").lower())
        return _shifted(latest, -((latest.weekday() - target) % 7))
    if match.group("rel"):
        offset = lex.relative_days[" ".join(match.group("rel").lower().split())]
        return _shifted(reference, offset) if reference else None
    month = lex.months[(match.group("mon") or match.group("mon2")).lower()]
    day = int(match.group("day") or match.group("day2"))
    year_text = match.group("year") or match.group("year2")
    if year_text:
        year = int(year_text)
    elif reference:
        year = reference.year
    else:
        return None
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    ahead = _shifted(reference, 7) if reference else None
    if not year_text and ahead and found > ahead and year > 1:
        found = found.replace(year=year - 1) if not (month == 2 and day == 29) else found
    return found


def _shifted(day: date, days: int) -> date | None:
    """``day`` moved by ``days``, or None past the calendar's ends (a report dated 0001-01-01)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _statement_match(verb: Any, trigger: Any, lex: ClaimLexicon) -> re.Match[str] | None:
    """The date expression attached to the reporting verb but outside the reported clause."""
    doc = verb.doc
    matches = [
        (match, span.root)
        for match in lex.date_pattern.finditer(doc.text)
        if (span := doc.char_span(match.start(), match.end(), alignment_mode="expand")) is not None
        and len(span)
    ]
    # Look at the reporting verb, then at the clause it hangs from ("released a statement on
    # Sunday, asserting that ..."), never inside the reported clause itself.
    current = verb
    for _ in range(3):
        reported = trigger
        while reported.head.i != current.i and reported.head.i != reported.i:
            reported = reported.head
        for match, token in matches:
            if current not in token.ancestors or token.i == reported.i or reported in token.ancestors:
                continue
            return match
        if current.dep_ not in _CLIMB_DEPS or current.head.i == current.i:
            break
        current = current.head
    return None


def date_of_words(words: str | None, reference: date) -> date | None:
    """A statement's date expression as written ("on Thursday", "July 29"), resolved against
    ``reference`` as the article's publication date; None when ``words`` holds none or it is
    relative to the publication day ("yesterday": unknown without one)."""
    lex = claim_lexicon()
    match = lex.date_pattern.search(words or "")
    if match is None or match.group("rel"):
        return None
    return resolve_date(match, (reference, reference), lex)


# -- attribution ---------------------------------------------------------------------------


def _outlet(ctx: ArticleContext, stance: str, stated: date | None) -> Attribution:
    return Attribution(ctx.outlet, "outlet", stance, stated, None, "outlet")


def _from_actor(
    actor: Actor, stance: str, stated: date | None, source: str, verb: Any, words: str = ""
) -> Attribution:
    return Attribution(actor.name, actor.kind, stance, stated, actor, source, verb, words)


def claimant_words(token: Any, lex: ClaimLexicon, floor: int = 0) -> str:
    """The words naming a claimant, headed by ``token``: its phrase up to the head plus the
    agent phrase that says whose voice it is ("a spokesman for the army" -> "spokesman for the
    army"); appositions and relative clauses left out."""
    text = _phrase_text(token, lex, floor)
    for child in token.rights:
        if (
            child.dep_ == "prep"
            and child.lower_ in _AGENT_PREPS
            and any(c.dep_ == "pobj" for c in child.children)
        ):
            tail = token.doc[child.i : child.right_edge.i + 1]
            text = f"{text} {' '.join(tail.text.split())}"
            break
    return text


def _carried(ctx: ArticleContext, paragraph: int, stance: str | None, stated: date | None) -> Attribution:
    """The paragraph's last explicit claimant, else the outlet."""
    speaker = ctx.paragraph_speaker.get(paragraph)
    if speaker is not None:
        return Attribution(
            speaker.claimant,
            speaker.kind,
            stance or speaker.stance,
            stated,
            speaker.actor,
            "paragraph",
            words=speaker.words,
        )
    return _outlet(ctx, stance or "reports", stated)


def _actor_just_before(verb: Any, ctx: ArticleContext) -> Actor | None:
    """A registry actor named right before a verb whose subject the parser missed
    ("In northern Mali, an al Qaeda-linked group said ..."): nothing but words of its
    phrase (no verb, no punctuation) may stand between them."""
    before = [m for m in ctx.matches if ctx.dateline_end <= m[0] and m[1] <= verb.idx]
    if not before:
        return None
    _, end, actor = before[-1]
    between = [t for t in verb.doc if end <= t.idx < verb.idx]
    if any(t.is_punct or (is_verbish(t) and t.tag_.startswith("VB")) for t in between):
        return None
    return actor


def attribute(trigger: Any, paragraph: int, ctx: ArticleContext) -> Attribution:
    """Find who states the casualty statement whose trigger token is ``trigger``.

    trigger (spacy.tokens.Token): the outcome word ("killed", "casualties") in a parsed sentence.
    paragraph: the sentence's paragraph number, for paragraph carry-over.
    RETURNS (Attribution): claimant, stance, statement date and how the claimant was found.
    """
    lex = claim_lexicon()
    found = find_reporting_verb(trigger, lex)
    according = _according_to(trigger, lex)
    if found is None and according is not None:
        actor = actor_of_phrase(according, ctx, lex)
        words = claimant_words(according, lex, ctx.dateline_end)
        if actor:
            return _from_actor(actor, "claims", None, "explicit", None, words)
        text = _phrase_text(according, lex, ctx.dateline_end)
        return Attribution(text, "unknown", "claims", None, None, "explicit", words=words)
    if found is None:
        return _carried(ctx, paragraph, None, None)
    verb, stance = found
    match = _statement_match(verb, trigger, lex)
    dates = (ctx.article.reference_date, ctx.latest_date)
    stated = None if match is None else resolve_date(match, dates, lex)
    attribution = _attributed(trigger, verb, stance, stated, paragraph, ctx, lex)
    if match is not None and stated is None and ctx.article.reference_date is None:
        # An undated report: its date expression waits, as written, until the report joins a
        # dated event (fogofwar.link.redate resolves it then, without reading the text again).
        return replace(attribution, date_words=match.group(0))
    return attribution


def _attributed(
    trigger: Any,
    verb: Any,
    stance: str,
    stated: date | None,
    paragraph: int,
    ctx: ArticleContext,
    lex: ClaimLexicon,
) -> Attribution:
    """The claimant of a statement whose reporting verb is ``verb`` (``attribute``)."""
    subject, passive = clause_subject(verb)
    if subject is not None and subject.idx < ctx.dateline_end:
        subject = None  # "LIMA, 3 MAR 90 -- ALLEGED ...": the dateline parsed as a subject
    if subject is None and not passive:
        actor = _actor_just_before(verb, ctx)
        if actor is not None:
            return _from_actor(actor, stance, stated, "explicit", verb)
    if subject is None:
        return _carried(ctx, paragraph, stance if passive else None, stated)
    if subject.lower_ in lex.report_nouns:
        stance = "reports"
    actor = actor_of_phrase(subject, ctx, lex)
    if actor:
        return _from_actor(
            actor, stance, stated, "explicit", verb, claimant_words(subject, lex, ctx.dateline_end)
        )
    if is_anaphor(subject, lex) or _owned_by_pronoun(subject, lex):
        # "The UN said it had confirmed 100 deaths", "the ministry said its forces ... and
        # claimed 60": the pronoun is the party whose statement the clause is part of.
        governing = _governing_actor(verb, ctx, lex)
        if governing is not None:
            owner, words = governing
            return _from_actor(owner, stance, stated, "pronoun", verb, words)
    if is_anaphor(subject, lex) or subject.lower_ in lex.report_nouns or _owned_by_pronoun(subject, lex):
        if ctx.last_party is not None:
            return _from_actor(ctx.last_party, stance, stated, "pronoun", verb)
        return _carried(ctx, paragraph, stance, stated)
    if subject.pos_ not in ("NOUN", "PROPN"):
        return _carried(ctx, paragraph, stance, stated)  # a mis-parsed verb or adjective as subject
    text = _phrase_text(subject, lex, ctx.dateline_end)
    return Attribution(
        text,
        "unknown",
        stance,
        stated,
        None,
        "explicit",
        verb,
        claimant_words(subject, lex, ctx.dateline_end),
    )


def _owned_by_pronoun(token: Any, lex: ClaimLexicon) -> bool:
    """Whether a noun phrase is owned by a pronoun ("its forces", "their fighters")."""
    return any(c.dep_ == "poss" and c.lower_ in lex.possessive_pronouns for c in token.children)


def _governing_actor(verb: Any, ctx: ArticleContext, lex: ClaimLexicon) -> tuple[Actor, str] | None:
    """The registry actor that is the subject of a clause governing ``verb`` (its heads, nearest
    first), skipping pronoun subjects, with the words that name it; None when no governing
    subject names one."""
    token = verb
    while token.head.i != token.i:  # spaCy makes a new Token object per access: compare indices
        token = token.head
        subject, _ = clause_subject(token)
        if subject is None or subject.idx < ctx.dateline_end:
            continue
        if is_anaphor(subject, lex) or _owned_by_pronoun(subject, lex):
            continue
        actor = actor_of_phrase(subject, ctx, lex)
        return (actor, claimant_words(subject, lex, ctx.dateline_end)) if actor is not None else None
    return None


def subject_party(doc: Any, ctx: ArticleContext) -> Actor | None:
    """The actor that is the subject of a parsed sentence's main verb, if the registry knows it."""
    lex = claim_lexicon()
    for token in doc:
        if token.dep_ == "ROOT":
            subject, _ = clause_subject(token)
            if subject is not None and subject.idx >= ctx.dateline_end and not is_anaphor(subject, lex):
                return actor_of_phrase(subject, ctx, lex)
    return None


__all__ = [
    "ArticleContext",
    "Attribution",
    "ClaimLexicon",
    "actor_in",
    "actor_of_phrase",
    "attribute",
    "claim_lexicon",
    "claimant_words",
    "clause_subject",
    "date_of_words",
    "dateline_end",
    "find_reporting_verb",
    "is_anaphor",
    "is_verbish",
    "phrase_actor",
    "phrase_end",
    "resolve_date",
    "subject_party",
]
