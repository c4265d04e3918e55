"""Event mentions: sentences that report violence or a strategic development -> Mention records.

A sentence is an event candidate when a trigger of ``resources/event_types.json`` (ACLED event
types and sub-event types with trigger lexicons) occurs in it. Each candidate sentence yields
at most one :class:`~fogofwar.model.Mention`: when several triggers fire, the strongest type
wins ("captured vehicles during the battles" is a battle, not an arrest), and the rules of
``kinds`` then read who did what to whom (unarmed victims of one armed side: violence against
civilians; armed victims or two sides fighting: a battle; a crowd's violence: riots; a protest
that burns tyres in its next sentences: a violent demonstration). Triggers that are
negated ("no civilians were harmed") or that describe what someone is known or suspected for
("responsible for conducting IED attacks") are ignored, unless the cue names one event that
happened ("responsible for the killing of six priests"); so are triggers that point to an event
told elsewhere ("condemned the attack", "arrested in connection with the killing") and casualty
words of victims only cared for ("the wounded were treated in Kaya"): they found no event.

Each mention gets:

* dates: the date expression nearest the trigger in the sentence (when a later clause after
  "after"/"following" names the cause a few days earlier, "died Friday after being shot
  Thursday", the range runs from the cause's day); else one in the paragraph; a date that only
  says when something was *reported* ("announced on Saturday that ...") bounds the event: a
  day named further down, up to that report, dates it ("confirmed today they detained two
  men. [...] One was arrested Oct. 4."), else the report's day at precision 2 (the days up
  to it, as the linker reads it). Page stamps ("Posted: Monday, March 31, 2014") are the
  page's date, not an event's, and the start of a long period ("the 40th leader captured
  since Aug. 1") is not lent to neighbouring sentences. Else the last recent date of an
  earlier paragraph (the story goes on about the last event it dated), or for a lead with no
  date the first recent date further down ("claimed heavy losses [...] the battles on
  Thursday and Friday"); with no date at all the mention takes the article's reference date
  with precision 2 (the report is about recent events, and precision 2 says the exact day is
  not stated). A borrowed date is never after the reference (a plan or schedule: "elections
  on 19 March"); one from another paragraph is never history (``background_days`` or more
  before the reference), and neither is one from the paragraph when the sentence has a
  report date of its own ("was confirmed killed today [...]. The governor was shot in July");
* place: the place nearest the trigger in the sentence (towns, districts, admin1; those in
  the article's country first; a list of them, "in Zabul and Khost provinces", gives the
  region that holds them all); else one in the paragraph (nearest sentence first); else the
  first one in the article's foreground text (a report locates its event in the lead and its
  later sentences tell more of it), borrowing places of the article's country first; else
  the dateline place when it lies in the article's country; else the country named in the
  sentence or the article's country. Names inside the dateline itself ("KABUL, Afghanistan
  (Jan. 25, 2013)") never count as a sentence's place: the dateline says where the report was
  *filed*, not where the event happened;
* actors: registry matches in the sentence, with side_a = the trigger's agent/subject and
  side_b = its object (from the dependency parse when the sentence has one, else by position);
  an actor a doer phrase names ("by the FMLN", "attributed the attack to the MRTA", "the ELN
  claimed responsibility": the registry's ``agent_cues``) is side_a whatever the parse says,
  and the subject of an attributing verb ("the police blamed ...") is a claimant, not a side;
* ``background``: dated ``background_days`` or more before the reference date, or in a
  sentence or paragraph of history ("initiated an insurgency in 2012", "since 2021") or of
  totals over a long period ("killed since the beginning of the year", "over the past decade").
  An article with no reference date has no "before": there a date more than a year before the
  newest year the article names explicitly is history.

Relative dates resolve against the dateline date, or against the publication date when that
is up to three days after the dateline (wire copy updated the next day says "on Sunday" of
the publication day).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from fogofwar.extract.events.context import (
    MentionContext,
    dateline_country,
    filing_lead,
    in_background,
    reference_date,
)
from fogofwar.extract.events.kinds import Typed, harmonize, typed
from fogofwar.extract.events.mention_dates import mention_dates
from fogofwar.extract.events.mention_place import mention_place
from fogofwar.extract.events.roles import actor_roles, attributed_after
from fogofwar.extract.events.triggers import (
    EventLexicon,
    Hit,
    answers_earlier,
    event_lexicon,
    is_event_candidate,
    live_hits,
    main_hits,
)
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import Sentence
from fogofwar.model import ActorRole, Article, Mention, Span, record_id

if TYPE_CHECKING:
    from fogofwar.extract.actors import ActorRegistry

log = logging.getLogger(__name__)


def extract_mentions(
    article: Article,
    sentences: Sequence[Sentence],
    *,
    gazetteer: Gazetteer,
    registry: ActorRegistry | None = None,
    background_days: int = 60,
    deadline: float | None = None,
) -> list[Mention]:
    """Event mentions of one article, one per sentence that carries a live trigger.

    article: the article (its id, text, dateline and dates).
    sentences: ``split_sentences(article.text)``; a sentence's ``doc`` (spaCy Doc), where set,
        is used to find the trigger's agent and object.
    gazetteer: place lookup. registry: actor lookup (optional; no actors without it).
    background_days: mentions dated this many days or more before the reference are background.
    deadline: a ``time.monotonic()`` past which no further sentence is read (logged).
    RETURNS: the mentions in text order.
    """
    lexicon = event_lexicon()
    reference = reference_date(article)
    # The dateline counts once, as the filing place; its text ("HAVANA (CUBA), ...") is no lead.
    body = article.blank_dateline(0, len(article.text))
    lead = filing_lead(article, gazetteer)  # a dateline scraped of its dash: "NICE, France A ..."
    evidence = gazetteer.country_evidence(
        ((article.title or "") + "\n" + body).strip(),
        dateline=article.dateline_place or (lead[0] if lead else None),
        dateline_country=dateline_country(article, gazetteer) or (lead[1] if lead else None),
    )
    context = MentionContext(
        article,
        sentences,
        gazetteer,
        evidence.country,
        reference,
        background_days,
        country_named=evidence.named_by_places,
    )
    mentions: list[Mention] = []
    kinds: list[Typed] = []
    indexes: list[int] = []
    for position, sentence in enumerate(sentences):
        if deadline is not None and time.monotonic() > deadline:
            log.warning(
                "article %s: time budget spent, mentions after sentence %d not read",
                article.id,
                sentence.index,
            )
            break
        hits = live_hits(sentence.text, lexicon)
        if not hits:
            continue
        best = max(main_hits(sentence.text, hits), key=lambda h: (h.kind.strength, -h.start))
        kind = typed(best, hits, sentence.text, lexicon)
        mentions.append(_mention(context, sentence, best, kind, hits, registry, lexicon))
        kinds.append(kind)
        indexes.append(position)
    told = set(indexes)
    mentions = [
        _with_doers(mention, attributed_after(context, sentences, position, told, registry))
        for mention, position in zip(mentions, indexes, strict=True)
    ]
    return _harmonized(mentions, kinds, sentences, indexes)


def _with_doers(mention: Mention, doers: list[ActorRole]) -> Mention:
    """The mention with the doers a later sentence names (``roles.attributed_after``) that its
    own sentence did not: on side_a, or moved there from side_b."""
    named = {r.actor.name for r in mention.actors if r.role == "side_a"}
    new = [d for d in doers if d.actor.name not in named]
    if not new:
        return mention
    names = {d.actor.name for d in new}
    kept = tuple(r for r in mention.actors if r.actor.name not in names)
    return replace(mention, actors=kept + tuple(dict((d.actor.name, d) for d in new).values()))


def _harmonized(
    mentions: list[Mention], kinds: list[Typed], sentences: Sequence[Sentence], indexes: list[int]
) -> list[Mention]:
    """The mentions with the article-level type corrections of ``kinds.harmonize``."""
    fixed = harmonize(kinds, sentences, indexes)
    return [
        m
        if (m.event_type, m.sub_event_type) == (f.event_type, f.sub_event_type)
        else replace(m, event_type=f.event_type, sub_event_type=f.sub_event_type)
        for m, f in zip(mentions, fixed, strict=True)
    ]


def _mention(
    context: MentionContext,
    sentence: Sentence,
    best: Hit,
    typed_as: Typed,
    hits: list[Hit],
    registry: ActorRegistry | None,
    lexicon: EventLexicon,
) -> Mention:
    kind = typed_as.kind
    trigger = sentence.text[best.start : best.end]
    start, end, precision = mention_dates(context, sentence, best, lexicon)
    place = mention_place(context, sentence, typed_as.hit or best, lexicon)
    actors = actor_roles(context, sentence, best, hits, registry)
    background = (
        context.is_old(end)
        or in_background(context, sentence, lexicon)
        or answers_earlier(sentence.text, lexicon, hits)
    )
    return Mention(
        id=record_id(context.article.id, sentence.start, trigger),
        article_id=context.article.id,
        sentence=Span(sentence.start, sentence.end, sentence.text),
        trigger=trigger,
        event_type=kind.event_type,
        sub_event_type=kind.sub_event_type,
        date_start=start,
        date_end=end,
        date_precision=precision,
        place=place,
        actors=actors,
        background=background,
    )


__all__ = ["MentionContext", "extract_mentions", "is_event_candidate"]
