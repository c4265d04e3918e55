"""Whose casualties a statement counts: the victim phrase resolved to a registry actor,
"civilians" or "unknown", several groups joined with " + ", and a party's own side for "lost
two soldiers", "two of its soldiers" or an admission of "heavy losses"."""

from __future__ import annotations

from typing import Any

from fogofwar.extract.attribution import (
    ArticleContext,
    Attribution,
    ClaimLexicon,
    actor_in,
    actor_of_phrase,
    claim_lexicon,
    clause_subject,
    is_anaphor,
    is_definite,
    is_verbish,
    phrase_end,
)
from fogofwar.extract.claims.lists import coordinated
from fogofwar.extract.claims.statement import CasualtyStatement
from fogofwar.extract.claims.syntax import is_personish, token_end
from fogofwar.extract.tallies import GROUP_JOINER, UNKNOWN
from fogofwar.model import Actor


def resolve_victims(
    statement: CasualtyStatement,
    attribution: Attribution,
    ctx: ArticleContext,
    previous: list[str],
) -> tuple[str, bool] | None:
    """The victim group of a statement (joined names), and whether it is the claimant's own
    side by admission; None when the phrase does not name people."""
    lex = claim_lexicon()
    if statement.how == "self":
        actors, admitted = _self_victims(statement, attribution, ctx, lex)
        return _joined(actors), admitted
    noun = statement.noun
    if noun is not None and not is_personish(noun, lex, ctx):
        # "56 BH/IS fighters were killed" parsed with "IS" as the subject and "fighters" as its
        # attribute: the people are the attribute
        noun = next(
            (c for c in noun.children if c.dep_ in ("attr", "appos") and is_personish(c, lex, ctx)), noun
        )
    if noun is not None and noun.lower_ in lex.reflexive_pronouns:
        return UNKNOWN, False  # "killed himself": the attacker, whom the registry cannot name
    if noun is not None and noun.lower_ in lex.single_person_pronouns:
        return (previous[-1] if previous else UNKNOWN), False  # "killing him": who he is is told elsewhere
    if (
        noun is not None
        and not statement.proper
        and noun.lower_ not in lex.anaphoric_nouns
        and not is_personish(noun, lex, ctx)
    ):
        return None  # "captured 3 vehicles", "two days", "losing its patience"
    if statement.trigger.lower_ in lex.own_loss_verbs:
        subject, _ = clause_subject(statement.trigger)
        party = _party_of(subject, attribution, ctx, lex)
        return _joined([_own_side(party, ctx)]), False
    if noun is None:
        return (previous[-1] if previous else UNKNOWN), False
    actors: list[Actor | str] = []
    possessors = [c for c in noun.children if c.dep_ == "poss"]
    if possessors and possessors[0].lower_ in lex.possessive_pronouns and noun.lower_ in lex.own_side_nouns:
        party = _possessor_side(statement, attribution, ctx, lex)
        actors.append(_own_side(party, ctx))
    elif possessors and _names_the_group(possessors[0], lex) and noun.lower_ in lex.own_side_nouns:
        # "seven of the alliance's fighters": the report's armed group (claims.build puts the
        # one group the report names in place of the unnamed one).
        actors.append(lex.unnamed_armed_group)
    elif noun.lower_ in lex.anaphoric_nouns:
        actors += [previous[-1]] if previous else _earlier_parties(statement, attribution, ctx)
    else:
        start = min(statement.start, noun.left_edge.idx)
        actor = actor_in(ctx, start, phrase_end(noun), noun.idx)
        if actor is None and possessors and possessors[0].lower_ not in lex.possessive_pronouns:
            actor = actor_of_phrase(possessors[0], ctx, lex)
        if actor is None:
            actor = actor_of_phrase(noun, ctx, lex)  # "three members of the Belloso Battalion"
        actors.append(actor or UNKNOWN)
    actors += [actor_of_phrase(t, ctx, lex) or UNKNOWN for t in statement.extra]
    return _joined(actors), False


def _names_the_group(token: Any, lex: ClaimLexicon) -> bool:
    """Whether a possessor names an armed group again: "the group's", "the alliance's"."""
    return token.lower_ in lex.group_anaphors and is_definite(token)


def _joined(actors: list[Actor | str]) -> str:
    names = sorted({a if isinstance(a, str) else a.name for a in actors})
    if len(names) > 1 and UNKNOWN in names:
        names.remove(UNKNOWN)
    return GROUP_JOINER.join(names) if names else UNKNOWN


def _own_side(party: Actor | None, ctx: ArticleContext) -> Actor | str:
    """The own forces of ``party`` (a government's are its army), or unknown without a party."""
    return ctx.registry.own_forces(party) if party else UNKNOWN


def _party_of(
    token: Any | None, attribution: Attribution, ctx: ArticleContext, lex: ClaimLexicon
) -> Actor | None:
    """The actor a subject or possessor token stands for; pronouns are the claimant."""
    if token is None or is_anaphor(token, lex) or token.lower_ in lex.possessive_pronouns:
        return attribution.actor or ctx.last_party
    return actor_of_phrase(token, ctx, lex) or attribution.actor


def _possessor_side(
    statement: CasualtyStatement, attribution: Attribution, ctx: ArticleContext, lex: ClaimLexicon
) -> Actor | None:
    """The party "its"/"their" refers to: the nearest enclosing subject outside the phrase."""
    inside = set(statement.head.subtree)
    for ancestor in statement.head.ancestors:
        if not is_verbish(ancestor):
            continue
        subject, _ = clause_subject(ancestor)
        if subject is not None and subject not in inside:
            return _party_of(subject, attribution, ctx, lex)
    return attribution.actor or ctx.last_party


def governing_verb(token: Any) -> Any:
    """The head a noun hangs on, past a preposition ("losses on the army" -> the verb of "losses")."""
    head = token.head
    return head.head if head.dep_ == "prep" else head


def victim_phrases(token: Any, lex: ClaimLexicon) -> list[Any]:
    """Phrases naming whose casualties a casualty noun counts ("casualties on X and Y")."""
    phrases: list[Any] = []
    holders = [token]
    verb = governing_verb(token)
    if verb.lower_ in lex.inflict_verbs:
        holders.append(verb)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ == "prep" and prep.lower_ in lex.victim_prepositions:
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        phrases += coordinated(pobj)
        if phrases:
            break
    return phrases


# Words that name a country's force when they qualify a casualty noun ("military fatalities").
_FORCE_ADJECTIVES = frozenset({"military", "army", "police"})


def _self_victims(
    statement: CasualtyStatement, attribution: Attribution, ctx: ArticleContext, lex: ClaimLexicon
) -> tuple[list[Actor | str], bool]:
    """Victims of a counted outcome noun ("heavy losses"); and whether they are an admission."""
    token = statement.head
    phrases = victim_phrases(token, lex)
    if phrases:
        return [actor_of_phrase(p, ctx, lex) or UNKNOWN for p in phrases], False
    for child in token.children:
        if child.dep_ == "poss":
            party = _party_of(child, attribution, ctx, lex)
            return [_own_side(party, ctx)], False
    verb = governing_verb(token)
    if verb.lower_ in lex.suffer_verbs:
        subject, _ = clause_subject(verb)
        party = _party_of(subject, attribution, ctx, lex)
        return [_own_side(party, ctx)], False
    if verb.lower_ in lex.admission_verbs and attribution.actor is not None:
        return [ctx.registry.own_forces(attribution.actor)], True
    inner = actor_in(ctx, token.left_edge.idx, token_end(token))
    if inner is None:
        # "6 military fatalities", "two police casualties": the country's force of that name
        for child in token.children:
            if child.dep_ in ("amod", "compound") and child.lower_ in _FORCE_ADJECTIVES:
                inner = ctx.registry.lookup(f"the {child.lower_}", country=ctx.country)
                break
    return [inner or UNKNOWN], False


def _earlier_parties(
    statement: CasualtyStatement, attribution: Attribution, ctx: ArticleContext
) -> list[Actor | str]:
    """Parties named before the phrase, other than the claimant's side ("capturing the few survivors")."""
    own = {attribution.actor, ctx.registry.own_forces(attribution.actor)} if attribution.actor else set()
    found = [
        m[2]
        for m in ctx.matches
        if m[1] <= statement.head.idx and m[2] not in own and m[2].kind != "civilians"
    ]
    return list(dict.fromkeys(found)) or [UNKNOWN]
