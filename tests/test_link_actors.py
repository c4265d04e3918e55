"""An event's actors: one side per actor by majority of mentions; the unnamed placeholder dropped."""

from __future__ import annotations

from collections import Counter

from fogofwar.link.sides import side_actors, side_pairs, with_crowd
from fogofwar.model import Actor, ActorRole

POLICE = Actor("Police", kind="state_forces", country="US")
GUNMEN = Actor("Unidentified Armed Group", kind="militia")
REBELS = Actor("Northern Front", kind="rebel_group")
CIVILIANS = Actor("civilians", kind="civilians")
BLOGGERS = Actor("War bloggers", kind="outlet")


def role(actor: Actor, side: str) -> ActorRole:
    return ActorRole(actor, side)


def test_link_actors_majority_side_wins() -> None:
    roles = [role(REBELS, "side_a"), role(REBELS, "side_b"), role(REBELS, "side_a"), role(POLICE, "side_b")]
    assert side_actors(roles) == [role(REBELS, "side_a"), role(POLICE, "side_b")]


def test_link_actors_tie_keeps_the_side_seen_first() -> None:
    assert side_actors([role(REBELS, "side_b"), role(REBELS, "side_a")]) == [role(REBELS, "side_b")]


def test_link_actors_placeholder_dropped_beside_a_named_actor() -> None:
    roles = [role(GUNMEN, "side_a"), role(REBELS, "side_a"), role(CIVILIANS, "side_b")]
    assert side_actors(roles) == [role(REBELS, "side_a"), role(CIVILIANS, "side_b")]


def test_link_actors_placeholder_kept_when_its_side_has_no_named_actor() -> None:
    # Civilians are no named party: "gunmen attacked civilians" keeps the placeholder.
    roles = [
        role(GUNMEN, "side_a"),
        role(CIVILIANS, "side_b"),
        role(POLICE, "side_b"),
        role(CIVILIANS, "side_a"),
    ]
    assert side_actors(roles) == [role(GUNMEN, "side_a"), role(CIVILIANS, "side_b"), role(POLICE, "side_b")]


def test_link_actors_civilians_never_act() -> None:
    # "civilians and soldiers died when rebels attacked": most mentions put civilians first
    roles = [
        role(CIVILIANS, "side_a"),
        role(REBELS, "side_a"),
        role(CIVILIANS, "side_a"),
        role(POLICE, "side_b"),
    ]
    assert side_actors(roles) == [role(CIVILIANS, "side_b"), role(REBELS, "side_a"), role(POLICE, "side_b")]


def test_link_actors_other_roles_kept_once() -> None:
    roles = [role(BLOGGERS, "claimant"), role(REBELS, "side_a"), role(BLOGGERS, "claimant")]
    assert side_actors(roles) == [role(REBELS, "side_a"), role(BLOGGERS, "claimant")]


def test_link_actors_event_from_mentions() -> None:
    """link_events gives each actor one side across the event's mentions."""
    from datetime import date

    from fogofwar.link import link_events
    from fogofwar.model import Article, Extraction, Mention, Place, Span, article_id
    from fogofwar.settings import Settings

    town = Place("Gao", lat=16.27, lon=-0.04, admin1="Gao", country="ML")
    text = "Rebels attacked an army post in Gao on Monday. Gunmen fired on the post. The army hit back."
    article = Article(id=article_id(text), text=text, published=date(2024, 3, 5))
    sentences = [s.strip() + "." for s in text.split(".") if s.strip()]
    sides = [
        (role(REBELS, "side_a"), role(POLICE, "side_b")),
        (role(GUNMEN, "side_a"), role(POLICE, "side_b")),
        (role(POLICE, "side_a"), role(REBELS, "side_b")),
    ]
    mentions = []
    for i, (sentence, actors) in enumerate(zip(sentences, sides, strict=True)):
        start = text.index(sentence)
        mentions.append(
            Mention(
                id=f"m{i}",
                article_id=article.id,
                sentence=Span(start, start + len(sentence), sentence),
                trigger="attacked",
                event_type="Battles",
                sub_event_type="Armed clash",
                date_start=date(2024, 3, 4),
                date_end=date(2024, 3, 4),
                date_precision=1,
                place=town,
                actors=actors,
            )
        )
    (event,) = link_events([article], [Extraction(article.id, tuple(mentions))], settings=Settings())
    assert {(r.actor.name, r.role) for r in event.actors} == {
        ("Northern Front", "side_a"),
        ("Police", "side_b"),
    }


ARMY = Actor("Burkina Faso Armed Forces", kind="state_forces", country="BF")
GOVERNMENT = Actor("Government of Burkina Faso", kind="state_forces", country="BF")
JIHADISTS = Actor("JNIM", kind="rebel_group", country="ML")
BANDITS = Actor("Southern Brigades", kind="rebel_group")
MALI_ARMY = Actor("Malian Armed Forces", kind="state_forces", country="ML")


def test_link_actors_state_and_rebels_never_one_side() -> None:
    # "residents ordered by the army to dig trenches were killed by JNIM": the by-phrase votes
    # the army onto the attackers' side once, and once onto the other.
    roles = [role(ARMY, "side_a"), role(ARMY, "side_b"), role(JIHADISTS, "side_a"), role(CIVILIANS, "side_b")]
    assert side_actors(roles, country="BF") == [
        role(ARMY, "side_b"),
        role(JIHADISTS, "side_a"),
        role(CIVILIANS, "side_b"),
    ]


def test_link_actors_the_actor_fewer_mentions_put_there_moves() -> None:
    roles = [
        role(JIHADISTS, "side_a"),
        role(JIHADISTS, "side_a"),
        role(GOVERNMENT, "side_a"),
        role(ARMY, "side_b"),
    ]
    assert side_actors(roles, country="BF") == [
        role(JIHADISTS, "side_a"),
        role(GOVERNMENT, "side_b"),
        role(ARMY, "side_b"),
    ]
    # With more mentions for the state, the rebels move.
    roles = [role(ARMY, "side_b"), role(ARMY, "side_b"), role(JIHADISTS, "side_b")]
    assert side_actors(roles, country="BF") == [role(ARMY, "side_b"), role(JIHADISTS, "side_a")]


def test_link_actors_no_move_onto_a_foe() -> None:
    # The army cannot join one rebel group by leaving another: the other rebel group moves.
    roles = [
        role(JIHADISTS, "side_a"),
        role(JIHADISTS, "side_a"),
        role(ARMY, "side_b"),
        role(BANDITS, "side_b"),
    ]
    assert side_actors(roles, country="BF") == [
        role(JIHADISTS, "side_a"),
        role(ARMY, "side_b"),
        role(BANDITS, "side_a"),
    ]


def test_link_actors_foreign_state_forces_and_no_country_left_alone() -> None:
    # Another country's forces may fight beside a rebel group; without the event's country
    # nothing is known of whose state it is.
    roles = [role(MALI_ARMY, "side_a"), role(JIHADISTS, "side_a"), role(ARMY, "side_b")]
    assert side_actors(roles, country="BF") == roles
    assert side_actors([role(ARMY, "side_a"), role(JIHADISTS, "side_a")]) == [
        role(ARMY, "side_a"),
        role(JIHADISTS, "side_a"),
    ]


def test_link_actors_a_militia_on_the_states_side_is_the_states_camp() -> None:
    # The VDP fights beside the Burkinabe army: votes that put it with JNIM move it away.
    vdp = Actor("VDP", kind="militia", country="BF", allegiance="government")
    roles = [role(JIHADISTS, "side_a"), role(JIHADISTS, "side_a"), role(vdp, "side_a"), role(ARMY, "side_b")]
    assert side_actors(roles, country="BF") == [
        role(JIHADISTS, "side_a"),
        role(vdp, "side_b"),
        role(ARMY, "side_b"),
    ]
    # a militia without that allegiance is left where its votes put it
    other = Actor("Local Militia", kind="militia", country="BF")
    roles = [role(JIHADISTS, "side_a"), role(other, "side_a"), role(ARMY, "side_b")]
    assert side_actors(roles, country="BF") == [
        role(JIHADISTS, "side_a"),
        role(other, "side_a"),
        role(ARMY, "side_b"),
    ]


def test_link_actors_side_pairs_leave_out_civilians() -> None:
    roles = [role(ARMY, "side_a"), role(JIHADISTS, "side_b"), role(REBELS, "side_b")]
    roles.append(role(CIVILIANS, "side_b"))
    pairs = side_pairs(roles)
    assert pairs[frozenset((ARMY.name, JIHADISTS.name))] == 1  # fought each other
    assert pairs[frozenset((JIHADISTS.name, REBELS.name))] == -1  # one side
    assert not any(CIVILIANS.name in pair for pair in pairs)


def test_link_actors_opponents_in_a_mention_end_apart() -> None:
    # "the army said it killed rebels and foreign soldiers" opposes the foreign soldiers to the
    # army; the army's other mentions move it to side_b, so the foreign soldiers go to side_a.
    foreign = Actor("Foreign Legion", kind="external", country="XX")
    mentions = [
        [role(ARMY, "side_a"), role(GUNMEN, "side_b"), role(foreign, "side_b")],
        [role(JIHADISTS, "side_a"), role(ARMY, "side_b")],
        [role(JIHADISTS, "side_a"), role(ARMY, "side_b")],
    ]
    roles = [r for m in mentions for r in m]
    pairs: Counter[frozenset[str]] = Counter()
    for m in mentions:
        pairs.update(side_pairs(m))
    without = {r.actor.name: r.role for r in side_actors(roles, country="BF")}
    assert without[foreign.name] == without[ARMY.name] == "side_b"
    sides = {r.actor.name: r.role for r in side_actors(roles, country="BF", pairs=pairs)}
    assert sides[ARMY.name] == "side_b" and sides[foreign.name] == "side_a"


UNION = Actor("Kenya National Union of Nurses", kind="political_group", country="KE")


def _crowd(roles: list[ActorRole], event_type: str, sub_event_type: str) -> list[tuple[str, str, int | None]]:
    crowded = with_crowd(roles, event_type, sub_event_type, "KE")
    return [(r.actor.name, r.role, r.actor.inter) for r in crowded]


def test_link_actors_a_protest_has_its_protesters_first() -> None:
    # "students demonstrated": the report's word for the crowd gives way to ACLED's protesters;
    # a union named beside them stays
    roles = [role(CIVILIANS, "side_b"), role(UNION, "side_a")]
    assert _crowd(roles, "Protests", "Peaceful protest") == [
        ("protesters", "side_a", 6),
        ("Kenya National Union of Nurses", "side_a", None),
    ]


def test_link_actors_force_against_protesters_acts_on_them() -> None:
    roles = [role(POLICE, "side_a"), role(CIVILIANS, "side_b")]
    assert _crowd(roles, "Protests", "Excessive force against protesters") == [
        ("Police", "side_a", None),
        ("protesters", "side_b", 6),
    ]


def test_link_actors_a_riot_has_its_rioters_and_a_mobs_victims_stay() -> None:
    assert _crowd([role(CIVILIANS, "side_b")], "Riots", "Mob violence") == [
        ("rioters", "side_a", 5),
        ("civilians", "side_b", None),
    ]
    # in a violent demonstration the civilians named are the crowd itself
    assert _crowd([role(CIVILIANS, "side_b"), role(POLICE, "side_b")], "Riots", "Violent demonstration") == [
        ("rioters", "side_a", 5),
        ("Police", "side_b", None),
    ]


def test_link_actors_other_events_get_no_crowd() -> None:
    roles = [role(REBELS, "side_a"), role(CIVILIANS, "side_b")]
    assert with_crowd(roles, "Violence against civilians", "Attack", "KE") == roles
    # the crowd once, however often the event is built
    once = with_crowd([role(CIVILIANS, "side_b")], "Riots", "Mob violence", "KE")
    assert with_crowd(once, "Riots", "Mob violence", "KE") == once
