"""Attributed casualty claims, one row per sentence shape (texts written for these tests)."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from fogofwar.extract.actors import ActorRegistry
from fogofwar.extract.attribution import date_of_words
from fogofwar.extract.claims import drop_repeats, extract_claims, is_claim_candidate
from fogofwar.extract.sentences import split_sentences
from fogofwar.ingest import with_dateline_span
from fogofwar.model import Article, Claim, Span, article_id

OUTLET = "testwire"
FAMA = "Malian Armed Forces"
WAGNER = "Wagner Group"
UAG = "Unidentified Armed Group"


def _article(text: str, published: date | None = date(2024, 8, 5)) -> Article:
    return with_dateline_span(Article(id=article_id(text), text=text, source=OUTLET, published=published))


def _claims(
    text: str, nlp: Any, registry: ActorRegistry, published: date | None = date(2024, 8, 5)
) -> list[Claim]:
    article = _article(text, published)
    sentences = split_sentences(article.text)
    chosen = [s for s in sentences if is_claim_candidate(s.text)]
    for sentence, doc in zip(chosen, nlp.pipe([s.text for s in chosen]), strict=True):
        sentence.doc = doc
    claims = extract_claims(article, sentences, registry=registry)
    for claim in claims:
        assert claim.evidence.text == article.text[claim.evidence.start : claim.evidence.end]
        assert claim.figure is None or claim.figure >= 0
        assert claim.low is None or claim.high is None or claim.low <= claim.high
    return claims


def _rows(claims: list[Claim]) -> list[tuple[Any, ...]]:
    return [(c.claimant, c.stance, c.victims, c.outcome, c.figure, c.qualifier) for c in claims]


# (text, [(claimant, stance, victims, outcome, figure, qualifier), ...])
SHAPES = [
    pytest.param(
        "Mali's army said on Monday that three of its troops were killed and nine were wounded.",
        [(FAMA, "admits", FAMA, "killed", 3, "exact"), (FAMA, "admits", FAMA, "injured", 9, "exact")],
        id="n-of-its-x-killed-and-m-injured",
    ),
    pytest.param(
        "The Malian military reported losing four troops and killing roughly 30 rebels near Gao.",
        [(FAMA, "reports", FAMA, "killed", 4, "exact"), (FAMA, "reports", "CSP-PSD", "killed", 30, "about")],
        id="losing-own-and-killing-other",
    ),
    pytest.param(
        "Tuareg separatists in Mali announced that they had claimed the lives of at least 60 Wagner fighters "
        "and 12 Malian troops.",
        [
            ("CSP-PSD", "claims", WAGNER, "killed", 60, "at_least"),
            ("CSP-PSD", "claims", FAMA, "killed", 12, "at_least"),
        ],
        id="one-qualifier-over-a-list",
    ),
    pytest.param(
        "The CSP-PSD issued a statement about the fighting in Mali. They admitted to losing five fighters, "
        "with eight others wounded.",
        [
            ("CSP-PSD", "admits", "CSP-PSD", "killed", 5, "exact"),
            ("CSP-PSD", "admits", "CSP-PSD", "injured", 8, "exact"),
        ],
        id="pronoun-carries-claimant",
    ),
    pytest.param(
        "In northern Mali, an al Qaeda-linked group said that 30 Wagner mercenaries were killed near Kidal.",
        [("JNIM", "claims", WAGNER, "killed", 30, "exact")],
        id="context-alias-claimant",
    ),
    pytest.param(
        "Rebels in northern Mali said they had inflicted heavy casualties on Malian troops and "
        "Wagner fighters.",
        [("CSP-PSD", "claims", f"{FAMA} + {WAGNER}", "casualties", None, "vague")],
        id="vague-casualties-on-two-groups",
    ),
    pytest.param(
        "The CSP-PSD said it had routed a Malian army unit backed by Wagner fighters, capturing "
        "the few survivors.",
        [("CSP-PSD", "claims", f"{FAMA} + {WAGNER}", "captured", None, "vague")],
        id="survivors-are-the-defeated-side",
    ),
    pytest.param(
        "The Malian army confirmed that one soldier was wounded near Gao. A transport helicopter "
        "went down on Friday, but no casualties were reported.",
        [
            (FAMA, "confirms", "Malian Armed Forces", "injured", 1, "exact"),
            (FAMA, "reports", "unknown", "killed", 0, "exact"),
        ],
        id="no-casualties-paragraph-claimant",
    ),
    pytest.param(
        "Reports from Russian military bloggers on Sunday indicated that at least 15 Wagner fighters "
        "had been killed in Mali. The Baza Telegram channel also reported the deaths of 15 Wagner "
        "fighters.",
        [("Russian military bloggers", "reports", WAGNER, "killed", 15, "at_least")],
        id="bloggers-report-and-repeat-dropped",
    ),
    pytest.param(
        "In a statement on August 2, Wagner admitted to heavy losses in Mali, and Malian authorities "
        "acknowledged severe casualties.",
        [
            (WAGNER, "admits", WAGNER, "casualties", None, "vague"),
            ("Government of Mali", "admits", FAMA, "casualties", None, "vague"),
        ],
        id="admitted-losses-are-own-side",
    ),
    pytest.param(
        "The CSP said it had captured nine Malian soldiers and Wagner contractors near Kidal in Mali.",
        [("CSP-PSD", "claims", f"{FAMA} + {WAGNER}", "captured", 9, "exact")],
        id="count-over-two-groups",
    ),
    pytest.param(
        "Nigerian troops killed 12 militants in Borno state.",
        [(OUTLET, "reports", UAG, "killed", 12, "exact")],
        id="active-object",
    ),
    pytest.param(
        "Twelve people were killed in the attack.",
        [(OUTLET, "reports", "unknown", "killed", 12, "exact")],
        id="passive-subject",
    ),
    pytest.param(
        "The car bomb left five dead in the market.",
        [(OUTLET, "reports", "unknown", "killed", 5, "exact")],
        id="left-n-dead",
    ),
    pytest.param(
        "Five civilians died in the shelling.",
        [(OUTLET, "reports", "civilians", "killed", 5, "exact")],
        id="intransitive-died",
    ),
    pytest.param(
        "Rescuers recovered the bodies of eight villagers.",
        [(OUTLET, "reports", "civilians", "killed", 8, "exact")],
        id="bodies-of",
    ),
    pytest.param(
        "The gunmen opened fire on the crowd, wounding 20.",
        [(OUTLET, "reports", "unknown", "injured", 20, "exact")],
        id="wounding-bare-number",
    ),
    pytest.param(
        "Gunmen abducted 30 students from a boarding school.",
        [(OUTLET, "reports", "civilians", "abducted", 30, "exact")],
        id="abducted",
    ),
    pytest.param(
        "The security force detained two suspected insurgents in Khost province, Afghanistan.",
        [(OUTLET, "reports", UAG, "captured", 2, "exact")],
        id="detained-is-captured",
    ),
    pytest.param(
        "Police detained four men after the protest.",
        [(OUTLET, "reports", "unknown", "arrested", 4, "exact")],
        id="detained-by-police-is-arrested",
    ),
    pytest.param(
        "An insurgent was killed during the operation in Afghanistan.",
        [(OUTLET, "reports", UAG, "killed", 1, "exact")],
        id="an-insurgent",
    ),
    pytest.param(
        "A joint force killed the Taliban commander, Mullah Karim, in Kandahar.",
        [(OUTLET, "reports", "Taliban", "killed", 1, "exact")],
        id="the-taliban-commander-is-one",
    ),
    pytest.param(
        "Dozens were killed in the raid.",
        [(OUTLET, "reports", "unknown", "killed", 12, "vague")],
        id="dozens",
    ),
    pytest.param(
        "More than 100 people were killed in the floods of violence.",
        [(OUTLET, "reports", "unknown", "killed", 101, "at_least")],
        id="more-than",
    ),
    pytest.param(
        "Up to 30 people may have died in the fire.",
        [(OUTLET, "reports", "unknown", "killed", 30, "at_most")],
        id="up-to",
    ),
    pytest.param(
        "Between 20 and 30 villagers were killed.",
        [(OUTLET, "reports", "civilians", "killed", 20, "at_least")],
        id="range",
    ),
    pytest.param(
        "SAN SALVADOR, 4 JAN 90 -- THREE GUERRILLAS WERE KILLED AND FOUR OTHERS WERE WOUNDED IN MORAZAN.",
        [
            (OUTLET, "reports", "FMLN", "killed", 3, "exact"),
            (OUTLET, "reports", "FMLN", "injured", 4, "exact"),
        ],
        id="all-caps",
    ),
    pytest.param(
        "SAN SALVADOR, 4 JAN 90 -- THE ARCE BATTALION REPORTED THAT ONE SUBVERSIVE WAS KILLED "
        "NEAR SAN MIGUEL.",
        [("Salvadoran Armed Forces", "reports", "FMLN", "killed", 1, "exact")],
        id="all-caps-attributed",
    ),
    pytest.param(
        "According to Gaza's health ministry, 25 people were killed in the strike.",
        [("Gaza Health Ministry", "claims", "unknown", "killed", 25, "exact")],
        id="according-to",
    ),
    pytest.param(
        "Twelve Sudanese soldiers were killed in Darfur, the Sudanese army said.",
        [("Sudanese Armed Forces", "admits", "Sudanese Armed Forces", "killed", 12, "exact")],
        id="trailing-said",
    ),
    pytest.param(
        "The RSF denied that 40 civilians were killed in the attack on El Fasher in Sudan.",
        [("Rapid Support Forces", "denies", "civilians", "killed", 40, "exact")],
        id="denial",
    ),
    pytest.param(
        "Police in Kenya said five people were killed. Medics said seven people were killed.",
        [
            ("National Police Service (Kenya)", "claims", "unknown", "killed", 5, "exact"),
            ("medics", "claims", "unknown", "killed", 7, "exact"),
        ],
        id="claims-are-never-summed",
    ),
    pytest.param(
        "Somali troops killed 12 militants and a soldier died in the clash.",
        [
            (OUTLET, "reports", "al-Shabaab", "killed", 12, "exact"),
            (OUTLET, "reports", "Somali National Army", "killed", 1, "exact"),
        ],
        id="two-groups-two-claims",
    ),
    pytest.param(
        "Police arrested a 23-year-old man in Lagos, Nigeria.",
        [(OUTLET, "reports", "unknown", "arrested", 1, "exact")],
        id="age-is-not-a-figure",
    ),
    pytest.param(
        "The rebels captured armored vehicles and seized 12 trucks during two days of fighting.",
        [],
        id="materiel-is-not-a-claim",
    ),
    pytest.param(
        "No one was hurt when the shell struck the empty school.",
        [(OUTLET, "reports", "unknown", "injured", 0, "exact")],
        id="no-one-hurt",
    ),
    pytest.param(
        "The group's founder had died in a plane crash two months earlier, after the death of its leader.",
        [],
        id="a-known-death-is-not-a-count",
    ),
    pytest.param(
        "A 19-year-old man was shot and killed on Tuesday night.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="shot-and-killed-is-one-killing",
    ),
    pytest.param(
        "Two men were shot dead outside a bar and a woman was shot in the leg.",
        [
            (OUTLET, "reports", "unknown", "killed", 2, "exact"),
            (OUTLET, "reports", "civilians", "injured", 1, "exact"),
        ],
        id="shot-dead-and-shot",
    ),
    pytest.param(
        "Forty people were killed or wounded in the shelling.",
        [(OUTLET, "reports", "unknown", "casualties", 40, "exact")],
        id="killed-or-wounded-is-casualties",
    ),
    pytest.param(
        "A man and woman were found dead in the house.",
        [(OUTLET, "reports", "civilians", "killed", 2, "exact")],
        id="a-man-and-woman-are-two",
    ),
    pytest.param(
        "The cell had planned the assassination of a provincial governor in Kandahar.",
        [],
        id="planned-is-not-done",
    ),
    pytest.param(
        "The force captured a Taliban leader in Helmand, Afghanistan. The force detained the targeted "
        "individual without incident.",
        [(OUTLET, "reports", "Taliban", "captured", 1, "exact")],
        id="the-targeted-individual-is-a-recount",
    ),
    pytest.param(
        "Seventeen Killed in Operation. The patrol killed seventeen insurgents in Helmand, Afghanistan.",
        [(OUTLET, "reports", UAG, "killed", 17, "exact")],
        id="headline-with-unknown-victims-repeats-the-body",
    ),
    pytest.param(
        "BOGOTA, 3 NOV 89 (RADIO) -- [TEXT] FOUR PEOPLE KILLED, FIVE INJURED, AND LOSSES ESTIMATED AT "
        "10 MILLION PESOS.",
        [
            (OUTLET, "reports", "unknown", "killed", 4, "exact"),
            (OUTLET, "reports", "unknown", "injured", 5, "exact"),
        ],
        id="all-caps-headline-style",
    ),
    pytest.param(
        "LIMA, 3 MAR 90 -- ALLEGED SHINING PATH MEMBERS MURDERED FOUR PEASANTS IN HUANUCO.",
        [(OUTLET, "reports", "civilians", "killed", 4, "exact")],
        id="dateline-is-no-claimant",
    ),
    pytest.param(
        "A total of 31 people were kidnapped in the raid.",
        [(OUTLET, "reports", "unknown", "abducted", 31, "exact")],
        id="a-total-of",
    ),
    pytest.param(
        "MORE THAN 140 PEOPLE HAVE DISAPPEARED AND ABOUT 60 HAVE BEEN KILLED, THE COMMISSION SAID.",
        [
            ("COMMISSION", "claims", "unknown", "missing", 141, "at_least"),
            ("COMMISSION", "claims", "unknown", "killed", 60, "about"),
        ],
        id="disappeared-is-missing",
    ),
    pytest.param(
        "The patrol captured a bomb maker and one additional suspect near the border.",
        [(OUTLET, "reports", UAG, "captured", 2, "exact")],
        id="coordinated-singulars-add-up",
    ),
    pytest.param(
        "Troops killed Taliban commander, Wali, in a raid on Tuesday.",
        [(OUTLET, "reports", "Taliban", "killed", 1, "exact")],
        id="title-without-article-is-one",
    ),
    pytest.param(
        "The gunman opened fire on the patrol, which shot back, killing him.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="killing-him-is-one",
    ),
    pytest.param(
        "Prosecutors reopened the inquiry into the murder of Hector Oqueli last week.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="murder-of-a-named-person-is-one",
    ),
    pytest.param(
        "Soldiers killed more than five insurgents in the valley.",
        [(OUTLET, "reports", UAG, "killed", 6, "at_least")],
        id="more-than-five-is-at-least-six",
    ),
    pytest.param(
        # the one armed group the report names is who its unnamed "insurgents" are
        "The patrol arrested a Taliban financier and detained two suspected insurgents near Ghazni.",
        [(OUTLET, "reports", "Taliban", "captured", 3, "exact")],
        id="two-verbs-of-one-family-add-up",
    ),
    pytest.param(
        "The unit detained the cell leader along with four of his associates in Zabul, Afghanistan.",
        [(OUTLET, "reports", "unknown", "captured", 5, "exact")],
        id="along-with-adds-up",
    ),
    pytest.param(
        "The patrol captured a Taliban courier and several fighters near Kandahar.",
        [(OUTLET, "reports", "Taliban", "captured", 4, "vague")],
        id="exact-and-vague-add-up",
    ),
    pytest.param(
        "Somali troops killed 30 militants and two civilians in the valley.",
        [
            (OUTLET, "reports", "al-Shabaab", "killed", 30, "exact"),
            (OUTLET, "reports", "civilians", "killed", 2, "exact"),
        ],
        id="militants-and-soldiers-stay-apart",
    ),
    pytest.param(
        "The patrol detained a bomb maker in Helmand. One additional suspect was detained at the scene.",
        [
            (OUTLET, "reports", UAG, "captured", 1, "exact"),
            (OUTLET, "reports", "unknown", "captured", 1, "exact"),
        ],
        id="an-additional-one-is-no-repeat",
    ),
    pytest.param(
        "The raid left eleven gunmen dead and six captives freed.",
        [(OUTLET, "reports", UAG, "killed", 11, "exact")],
        id="a-conjunct-with-its-own-outcome",
    ),
    pytest.param(
        "The strike resulted in four villagers being killed near the market.",
        [(OUTLET, "reports", "civilians", "killed", 4, "exact")],
        id="gerund-passive",
    ),
    pytest.param(
        "He was one of more than 40 rebels killed since the start of the year.",
        [],
        id="a-tally-since-is-no-claim",
    ),
    pytest.param(
        "A deputy fired twice, killing Abdul Wahid and his driver.",
        [(OUTLET, "reports", "civilians", "killed", 2, "exact")],
        id="a-proper-name-object-is-one",
    ),
    pytest.param(
        "THE SENATE CONDEMNED THE ASSASSINATION OF MAYOR PEDRO ALVARENGA IN THE TOWN SQUARE.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="all-caps-name-under-of",
    ),
    pytest.param(
        "Deputies said the teenager was taken to a clinic but later died.",
        [("deputies", "claims", "unknown", "killed", 1, "exact")],
        id="later-died-shares-the-subject",
    ),
    pytest.param(
        "She was rushed to hospital, where she was pronounced dead.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="pronoun-pronounced-dead",
    ),
    pytest.param(
        "A 14-year-old died after the shooting on Elm Street.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="an-age-is-a-person",
    ),
    pytest.param(
        "Officers said the man shot his neighbor before killing himself.",
        [
            ("officers", "claims", "unknown", "injured", 1, "exact"),
            ("officers", "claims", "unknown", "killed", 1, "exact"),
        ],
        id="killing-himself",
    ),
    pytest.param(
        "Five people were shot, two fatally, outside the bar.",
        [
            (OUTLET, "reports", "unknown", "injured", 3, "exact"),
            (OUTLET, "reports", "unknown", "killed", 2, "exact"),
        ],
        id="n-shot-m-fatally",
    ),
    pytest.param(
        "The two cousins in the back seat were not injured.",
        [],
        id="not-injured-is-no-claim",
    ),
    pytest.param(
        "After a brief firefight near the river, three fighters were taken into custody by the patrol.",
        [(OUTLET, "reports", "unknown", "captured", 3, "exact")],
        id="taken-into-custody-passive",
    ),
    pytest.param(
        "Gendarmes stopped a truck and took its four passengers into custody.",
        [(OUTLET, "reports", "civilians", "captured", 4, "exact")],
        id="took-into-custody-active",
    ),
    pytest.param(
        "Two suspects are in custody after the robbery.",
        [(OUTLET, "reports", "unknown", "captured", 2, "exact")],
        id="in-custody-indefinite-counts",
    ),
    pytest.param(
        "The detainees are now in the custody of the provincial police.",
        [],
        id="in-custody-definite-is-no-new-count",
    ),
    pytest.param(
        "The bus was searched by the guards and one man of interest was detained for further questioning.",
        [(OUTLET, "reports", "unknown", "captured", 1, "exact")],
        id="passive-clause-with-own-subject-after-and",
    ),
    pytest.param(
        "A joint patrol arrested an Islamic Movement of Uzbekistan (IMU) commander in Kunduz.",
        [(OUTLET, "reports", "Islamic Movement of Uzbekistan", "arrested", 1, "exact")],
        id="group-name-as-title-of-one-person",
    ),
    pytest.param(
        "Investigators believe the man shot his neighbour and then turned the gun on himself.",
        [
            (OUTLET, "reports", "unknown", "injured", 1, "exact"),
            (OUTLET, "reports", "unknown", "killed", 1, "exact"),
        ],
        id="turned-the-gun-on-himself",
    ),
    pytest.param(
        "The grandfather lost a son in a farming accident long before the shooting.",
        [],
        id="lost-a-son-is-a-bereavement",
    ),
    pytest.param(
        "Sixty people have been killed in the county this year.",
        [],
        id="this-year-tally",
    ),
    pytest.param(
        "Police called it the town's 12th killing.",
        [],
        id="numbered-killing-is-a-tally",
    ),
    pytest.param(
        "Her brother died in a car crash several years ago.",
        [],
        id="death-years-ago-is-no-claim",
    ),
    pytest.param(
        "Officers found a man and his wife, 71, dead in the kitchen.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="age-after-a-common-noun-is-no-count",
    ),
    pytest.param(
        "A man was shot in the arm outside a bar on Friday. He later died at the hospital.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="wounding-that-turned-fatal-counts-once-as-killed",
    ),
    pytest.param(
        "A teenager was shot near the park. Three bystanders were hurt. Maria Lopez, 19, was killed.",
        [
            (OUTLET, "reports", "unknown", "injured", 1, "exact"),
            (OUTLET, "reports", "civilians", "injured", 3, "exact"),
            (OUTLET, "reports", "unknown", "killed", 1, "exact"),
        ],
        id="named-death-after-several-woundings-is-kept",
    ),
    pytest.param(
        "A woman died on Sunday. The woman was shot in her car.",
        [(OUTLET, "reports", "civilians", "killed", 1, "exact")],
        id="wounding-told-after-the-death-is-a-recount",
    ),
    pytest.param(
        "Both men in the truck were killed.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="both-counts-two",
    ),
    pytest.param(
        "Police named a 15-year-old who was shot and killed behind the school.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="relative-clause-shot-and-killed",
    ),
    pytest.param(
        "Darnell Price died after he was shot several times.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="named-person-died",
    ),
    pytest.param(
        "Police identified the man killed in the crash as Tom Reed.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="the-man-killed-introduces-a-victim",
    ),
    pytest.param(
        "Reed was the fourth officer killed in the county this year.",
        [],
        id="the-fourth-officer-killed-is-a-tally",
    ),
    pytest.param(
        "She told detectives that he should be dead.",
        [],
        id="should-be-dead-is-no-report",
    ),
    pytest.param(
        "The boy was taken to a hospital in Tulsa, where he later passed away.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="passed-away",
    ),
    pytest.param(
        "The committee passed a resolution on Monday.",
        [],
        id="passed-without-away-is-no-death",
    ),
    pytest.param(
        "A mother was charged on Friday in the shooting death of her son.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="death-of-her-son",
    ),
    pytest.param(
        "A man was charged in his brother's death.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="his-brothers-death",
    ),
    pytest.param(
        "Before his arrest he had planted a bomb that led to the commander's death.",
        [],
        id="the-commanders-death-is-no-count",
    ),
    pytest.param(
        "A man was charged in the deaths of a woman and her 9-year-old son.",
        [(OUTLET, "reports", "civilians", "killed", 2, "exact")],
        id="a-woman-and-her-son-are-two",
    ),
    pytest.param(
        "Ronald Price, 33, and Kendra Hale, 28, were killed.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="two-named-people-are-two",
    ),
    pytest.param(
        "Bea Lund, 55, Alma Lund, 29, and Arne Lund, 8, were fatally shot.",
        [(OUTLET, "reports", "unknown", "killed", 3, "exact")],
        id="names-with-ages-parsed-as-appositions-are-a-list",
    ),
    pytest.param(
        "John Lund, 45, a teacher, was killed.",
        [(OUTLET, "reports", "civilians", "killed", 1, "exact")],
        id="a-name-with-age-and-title-is-one-person",
    ),
    pytest.param(
        "A teenager was charged with murder in connection with a fatal shooting at a gas station.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="a-fatal-shooting-is-one-death",
    ),
    pytest.param(
        "Deputies are investigating a double fatal shooting.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="a-double-fatal-shooting-is-two",
    ),
    pytest.param(
        "Three men were killed in a fatal shooting on Elm Street.",
        [(OUTLET, "reports", "unknown", "killed", 3, "exact")],
        id="a-fatal-shooting-beside-a-count-adds-nothing",
    ),
    pytest.param(
        "Fatal shootings rose by ten percent.",
        [],
        id="fatal-shootings-in-general-are-no-count",
    ),
    pytest.param(
        "A couple was charged in the non-fatal shooting of their son.",
        [],
        id="a-non-fatal-shooting-is-no-death",
    ),
    pytest.param(
        "Investigators believe the deaths were a murder-suicide.",
        [(OUTLET, "reports", "unknown", "killed", 2, "at_least")],
        id="a-murder-suicide-is-at-least-two",
    ),
    pytest.param(
        "Deputies said the man fatally shot his wife before killing himself.",
        [("deputies", "claims", "unknown", "killed", 2, "exact")],
        id="killer-killing-himself-after-his-victims-adds-one",
    ),
    pytest.param(
        "The sheriff said a man killed his stepson and then himself at the farm.",
        [("sheriff", "claims", "unknown", "killed", 2, "exact")],
        id="reflexive-conjunct-of-the-verb",
    ),
    pytest.param(
        "Detectives said the father killed his 7-year-old son, his 4-year-old daughter, and then himself.",
        [("detectives", "claims", "unknown", "killed", 3, "exact")],
        id="relatives-in-apposition-are-a-list",
    ),
    pytest.param(
        "He killed his brother, a firefighter, at the house.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="a-relative-and-his-title-are-one-person",
    ),
    pytest.param(
        "Police said the father shot them and then himself.",
        [],
        id="reflexive-after-uncounted-victims-is-no-count",
    ),
    pytest.param(
        "A man killed his girlfriend and her roommate, police said.",
        [("Police", "claims", "unknown", "killed", 2, "exact")],
        id="partners-and-roommates-are-people",
    ),
    pytest.param(
        "Two men were found shot to death in a parked car.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="found-shot-to-death-passive",
    ),
    pytest.param(
        "Deputies found two people shot to death inside the house.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="found-people-shot-to-death-small-clause",
    ),
    pytest.param(
        "A neighbour found a man shot in the leg on the porch.",
        [(OUTLET, "reports", "unknown", "injured", 1, "exact")],
        id="found-a-man-shot-is-a-wounding",
    ),
    pytest.param(
        "The woman, the man and the baby were pronounced dead at the scene.",
        [(OUTLET, "reports", "civilians", "killed", 3, "exact")],
        id="a-list-of-definite-people-are-new-people",
    ),
    pytest.param(
        "An elderly couple was found dead in their kitchen.",
        [(OUTLET, "reports", "civilians", "killed", 2, "exact")],
        id="a-couple-is-two",
    ),
    pytest.param(
        "Webb and Brian Davis, 19, died after the gunfire.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="a-surname-ending-in-s-is-one-person",
    ),
    pytest.param(
        "Two brothers were found dead along with the wounded neighbour who fired the shots.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="an-accompanying-phrase-with-its-own-outcome-is-not-counted",
    ),
    pytest.param(
        "Reshawna Hale was shot in the face and pronounced dead at the scene.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="shot-and-pronounced-dead-is-one-death",
    ),
    pytest.param(
        "The 2-year-old who was shot inside an apartment has died.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="wounded-in-a-relative-clause-then-died",
    ),
    pytest.param(
        "Then, on July 12, photographer Wil Lewis was killed by a stray bullet.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="a-titled-name-is-a-person-whatever-the-tagger-says",
    ),
    pytest.param(
        "Police found two females and one male dead from gunshot wounds.",
        [(OUTLET, "reports", "unknown", "killed", 3, "exact")],
        id="an-adjective-after-a-list-applies-to-the-list",
    ),
    pytest.param(
        "Both victims were taken to hospitals and the teenager was later pronounced dead.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="pronounced-dead-with-its-own-auxiliary-keeps-its-own-subject",
    ),
    pytest.param(
        "A missing child and her grandfather have been found dead near the lake.",
        [(OUTLET, "reports", "civilians", "killed", 2, "exact")],
        id="missing-then-found-dead-is-a-death",
    ),
    pytest.param(
        "The suspect shot both men with a handgun, killing them.",
        [(OUTLET, "reports", "unknown", "killed", 2, "exact")],
        id="shot-them-killing-them-is-a-death",
    ),
    pytest.param(
        "A third man, shot in the stomach Saturday, has died from his wounds.",
        [(OUTLET, "reports", "unknown", "killed", 1, "exact")],
        id="wounded-in-a-participle-clause-then-died",
    ),
    pytest.param(
        "A family of five was found dead in the farmhouse.",
        [(OUTLET, "reports", "unknown", "killed", 5, "exact")],
        id="a-family-of-five",
    ),
    pytest.param(
        "Police found three people shot dead inside the trailer.",
        [(OUTLET, "reports", "unknown", "killed", 3, "exact")],
        id="found-people-shot-dead-read-as-a-past-tense",
    ),
    pytest.param(
        "Deputies said the father shot and killed his twin daughters before killing himself.",
        [("deputies", "claims", "unknown", "killed", 3, "exact")],
        id="twins-are-two-and-the-killer-adds-one",
    ),
    pytest.param(
        "Police said the gunman killed a clerk and wounded a customer before killing himself.",
        [
            ("Police", "claims", "unknown", "killed", 2, "exact"),
            ("Police", "claims", "unknown", "injured", 1, "exact"),
        ],
        id="killer-killing-himself-adds-to-the-killing-not-the-wounding",
    ),
    # the one armed group a report names is who its "attackers" and "rebels" are
    pytest.param(
        "The Malian army said it repelled a JNIM assault on its base and killed 40 of the attackers.",
        [(FAMA, "claims", "JNIM", "killed", 40, "exact")],
        id="the-attackers-are-the-one-group-named",
    ),
    pytest.param(
        "JNIM and the Islamic State fought near Menaka. The Malian army said it killed 40 militants.",
        [(FAMA, "claims", UAG, "killed", 40, "exact")],
        id="with-two-groups-named-the-militants-stay-unnamed",
    ),
    pytest.param(
        "Militants said they killed 12 Malian soldiers near Boni. JNIM later posted photographs.",
        [("JNIM", "claims", FAMA, "killed", 12, "exact")],
        id="militants-who-speak-are-the-group-named-later",
    ),
    # a report naming a local group and the network it belongs to is about the local group, and
    # its unnamed militants are never the militia on the state's side
    pytest.param(
        "Militants tied to al-Qaeda said they killed 50 members of the VDP near Djibo. JNIM, al-Qaeda's "
        "Sahel branch, later posted photographs.",
        [("JNIM", "claims", "VDP", "killed", 50, "exact")],
        id="militants-are-the-branch-not-its-network-nor-the-pro-government-militia",
    ),
    # a perfect count over a war, its perfect on the outcome word under a verb of estimation
    pytest.param(
        "About 900 militia fighters are estimated to have been killed in the war so far, the monitor said.",
        [],
        id="a-war-toll-under-an-estimate-is-background",
    ),
    # a toll set by its subject is that subject's statement, even inside another's clause
    pytest.param(
        "Residents said most of the dead were farmers, and an association of the families later put "
        "the toll at 52.",
        [("association", "claims", "unknown", "killed", 52, "exact")],
        id="who-puts-the-toll-at-a-figure-states-it",
    ),
    # "civilian" before an armed body says what kind of body it is
    pytest.param(
        "JNIM said it killed 30 members of the VDP civilian militia near Djibo.",
        [("JNIM", "claims", "VDP", "killed", 30, "exact")],
        id="a-civilian-militia-is-the-militia",
    ),
    # "the group's fighters", "the alliance's fighters": the one group the report names
    pytest.param(
        "JNIM fighters attacked an army post near Boni. A JNIM spokesman said four of the group's "
        "fighters had been killed.",
        [("JNIM", "admits", "JNIM", "killed", 4, "exact")],
        id="the-groups-fighters-are-the-group-named",
    ),
    # "two of the wounded later died": two dead, not two wounded
    pytest.param(
        "Police said two of the wounded later died in hospital.",
        [("Police", "claims", "unknown", "killed", 2, "exact")],
        id="wounded-who-died-are-dead",
    ),
    # a part of a count told before shares no outcome with the counts listed after it
    pytest.param(
        "Ukrainian officials said 35 people were killed, two of them children, and 117 injured.",
        [
            ("Government of Ukraine", "claims", "unknown", "killed", 35, "exact"),
            ("Government of Ukraine", "claims", "unknown", "injured", 117, "exact"),
        ],
        id="a-subset-is-not-listed-with-the-wounded",
    ),
    pytest.param(
        "The toll rose to 35, including two children, and 117 people were wounded, Ukrainian officials said.",
        [
            ("Government of Ukraine", "claims", "unknown", "killed", 35, "exact"),
            ("Government of Ukraine", "claims", "unknown", "injured", 117, "exact"),
        ],
        id="an-including-subset-is-not-listed-with-the-wounded",
    ),
    # a part of another group is no recount: the army's own dead, then its enemies'
    pytest.param(
        "The Malian army said two of its soldiers had been killed in the clashes, and that it had "
        "killed about 20 of the attackers.",
        [(FAMA, "admits", FAMA, "killed", 2, "exact"), (FAMA, "claims", UAG, "killed", 20, "about")],
        id="a-part-of-another-group-is-no-recount",
    ),
    # the enemy's dead and one's own loss under coordinated verbs are two groups, never one sum
    pytest.param(
        "The Malian army said it killed 57 militants near Boni and lost 11 soldiers.",
        [(FAMA, "claims", UAG, "killed", 57, "exact"), (FAMA, "admits", FAMA, "killed", 11, "exact")],
        id="killed-and-lost-are-two-groups",
    ),
    # no country named: the one home country of the parties named reads "soldiers"
    pytest.param(
        "The BLA said it had executed 214 soldiers among the hostages on the train.",
        [("Baloch Liberation Army", "claims", "Pakistan Armed Forces", "killed", 214, "exact")],
        id="the-named-partys-home-country-reads-soldiers",
    ),
    # a demonym after "an" is one more person, though the tagger calls it an adjective
    pytest.param(
        "A bomber blew himself up in Istanbul, killing three Israelis and an Iranian, the governor said.",
        [("governor", "claims", "unknown", "killed", 4, "exact")],
        id="a-demonym-after-an-is-a-person",
    ),
    pytest.param(
        "Gunmen shot and killed a civilian travelling on the road to Ilieu, the governor said.",
        [("governor", "claims", "civilians", "killed", 1, "exact")],
        id="a-civilian-tagged-an-adjective-is-a-person",
    ),
    # the corpses are counted, not the militants they were; a body is its owner's
    pytest.param(
        "Five corpses of suspected militants were found near the camp, the governor said.",
        [("governor", "claims", "Unidentified Armed Group", "killed", 5, "exact")],
        id="counted-corpses-of-a-plural",
    ),
    # telegraphic tallies: a number with its own outcome after it is no object of the verb before
    pytest.param(
        "A mob attacked a youth and three others over a land dispute. 1 killed 3 injured.",
        [
            ("testwire", "reports", "unknown", "killed", 1, "exact"),
            ("testwire", "reports", "unknown", "injured", 3, "exact"),
        ],
        id="n-killed-m-injured",
    ),
    # a near miss is no outcome; "nearly 50" still counts fifty
    pytest.param("Villagers nearly lynched a pastor before police arrived.", [], id="nearly-lynched"),
    # a running toll brought by the year's count of attacks sums them, not this one's dead
    pytest.param(
        "The bombing was the fourth such attack this year, bringing the death toll to more than 80.",
        [],
        id="a-toll-over-the-years-attacks",
    ),
    pytest.param(
        "The blast hit a market on Monday, bringing the death toll to 35, the governor said.",
        [("governor", "claims", "unknown", "killed", 35, "exact")],
        id="a-toll-brought-by-one-attack",
    ),
    pytest.param(
        "A man's body was found in the river, the governor said.",
        [("governor", "claims", "unknown", "killed", 1, "exact")],
        id="a-persons-body",
    ),
    # a coder's note of the count recorded, as a toll; a source in brackets with a figure of
    # its own states that figure, not the coder's
    pytest.param(
        "Militants attacked a police post in the district. Unknown fatalities coded as 10.",
        [
            ("testwire", "reports", "unknown", "killed", None, "vague"),
            ("testwire", "reports", "unknown", "killed", 10, "exact"),
        ],
        id="coded-as",
    ),
    pytest.param(
        "Militants attacked a police post in the district. Fatalities coded as 0 (the group reported 4).",
        [("testwire", "reports", "unknown", "killed", 0, "exact")],
        id="coded-as-beside-a-source",
    ),
    pytest.param(
        "Militants attacked a post in the district. Fatalities coded as 0 (the group reported 4 deaths).",
        [
            ("testwire", "reports", "unknown", "killed", 0, "exact"),
            ("Unidentified Armed Group", "reports", "unknown", "killed", 4, "exact"),
        ],
        id="coded-as-beside-a-source-and-its-count",
    ),
    # the coder declined the source's figure: the report's own claim of it is the source's
    pytest.param(
        "Taliban fighters attacked a checkpoint in the district, killing three policemen. "
        "Fatalities coded as 0 (Voice of Jihad reported 3).",
        [
            ("Taliban", "claims", "Afghan National Police", "killed", 3, "exact"),
            ("testwire", "reports", "unknown", "killed", 0, "exact"),
        ],
        id="coded-against-a-source",
    ),
    pytest.param(
        "Taliban fighters attacked a checkpoint in the district, killing three policemen. "
        "Fatalities coded as 0 (Voice of Jihad reported 5).",
        [
            ("testwire", "reports", "Afghan National Police", "killed", 3, "exact"),
            ("testwire", "reports", "unknown", "killed", 0, "exact"),
        ],
        id="coded-against-a-source-of-another-figure",
    ),
    # a toll split over several events: this event's share, in brackets or the toll divided
    pytest.param(
        "Troops shelled rebel camps near the river. 9 rebels were killed. Fatalities split between 2 events.",
        [
            ("testwire", "reports", "Unidentified Armed Group", "killed", 9, "exact"),
            ("testwire", "reports", "unknown", "killed", 5, "exact"),
        ],
        id="split-share",
    ),
    pytest.param(
        "Troops shelled rebel camps near the river. 10 rebels were killed. "
        "Fatalities are split across 3 events (4).",
        [
            ("testwire", "reports", "Unidentified Armed Group", "killed", 10, "exact"),
            ("testwire", "reports", "unknown", "killed", 4, "exact"),
        ],
        id="split-share-in-brackets",
    ),
    pytest.param(
        "Troops shelled rebel camps near the river. 31 rebels were killed. "
        "Fatalities distributed across six events.",
        [
            ("testwire", "reports", "Unidentified Armed Group", "killed", 31, "exact"),
            ("testwire", "reports", "unknown", "killed", 5, "exact"),
        ],
        id="split-share-distributed",
    ),
    # the count a coder recorded, however the note words it
    pytest.param(
        "Rebels attacked an army base in the district. Several fatalities coded as 3.",
        [("testwire", "reports", "unknown", "killed", 3, "exact")],
        id="recorded-over-a-vague-amount",
    ),
    pytest.param(
        "Rebels attacked an army base in the district. Unknown number of fatalities coded as 10.",
        [("testwire", "reports", "unknown", "killed", 10, "exact")],
        id="recorded-number-of",
    ),
    pytest.param(
        "Rebels attacked an army base in the district. Unknown fatalities assessed as low and coded as 3.",
        [("testwire", "reports", "unknown", "killed", 3, "exact")],
        id="recorded-after-another-verb",
    ),
    # two names of one group joined by a slash, which the parser splits off the count
    pytest.param(
        "Troops shelled positions near Biu. 78 BH/IS fighters were killed.",
        [("testwire", "reports", "Islamic State", "killed", 78, "exact")],
        id="slash-joined-names",
    ),
    pytest.param(
        "Around 2 May, the army shelled Boko Haram/IS positions in Buk. 56 BH/IS fighters were killed.",
        [("testwire", "reports", "Islamic State", "killed", 56, "exact")],
        id="group-name-parsed-as-the-subject",
    ),
    pytest.param(
        "At least 10 peshmerga also died in the fighting near the town.",
        [("testwire", "reports", "Peshmerga", "killed", 10, "at_least")],
        id="kurdish-forces",
    ),
    pytest.param(
        "Militants attacked a market in the district, killing 15 people. "
        "Fatalities coded as 8 (Al Shabaab claimed 15).",
        [
            ("al-Shabaab", "claims", "unknown", "killed", 15, "exact"),
            ("testwire", "reports", "unknown", "killed", 8, "exact"),
        ],
        id="coded-against-a-claim",
    ),
    # a casualty noun closing a list of counted groups counts each of them
    pytest.param(
        "FARDC troops clashed with ADF rebels near Beni, "
        "resulting in 25 ADF fighters and 6 military fatalities.",
        [
            ("testwire", "reports", "Allied Democratic Forces", "killed", 25, "exact"),
            ("testwire", "reports", "FARDC", "killed", 6, "exact"),
        ],
        id="list-closed-by-a-casualty-noun",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), SHAPES)
def test_claims_shapes(nlp: Any, registry: ActorRegistry, text: str, expected: list[tuple[Any, ...]]) -> None:
    assert _rows(_claims(text, nlp, registry)) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "outcome", "figure"),
    [
        # "dead" hung on the object it precedes still makes the shooting a killing
        ("Militants shot dead two men near the market.", "killed", 2),
        ("Militants shot dead a man near the market.", "killed", 1),
        # people the counts name by trade or deed
        ("A vigilante group shot and killed two suspected thieves.", "killed", 2),
        ("Gunmen assassinated an economic operator in the town.", "killed", 1),
        ("Gunmen killed three pastoralists near the well.", "killed", 3),
        ("Militants killed a marabout in the village.", "killed", 1),
        # "dead" parsed as a preposition of the verb
        ("On 5 May, militants shot dead a pastoralist man and seized his cattle.", "killed", 1),
        ("A village sarpanch was beaten to death by a mob.", "killed", 1),
        ("Clashes between two clans left 1 tribesman killed.", "killed", 1),
        # a range the parser hangs on "between"; an abduction that ends in a killing
        ("On 30 May, gunmen executed between 20 and 32 people in the village.", "killed", 20),
        ("On 6 March, a civilian was kidnapped and killed by militants.", "killed", 1),
        # beaten or tortured to death
        ("Police allegedly beat a man to death in the town.", "killed", 1),
        ("Soldiers detained and tortured a villager to death.", "killed", 1),
        ("A mob attacked and killed a suspected murderer.", "killed", 1),
    ],
)
def test_claims_victims_named_by_trade_and_shot_dead(
    nlp: Any, registry: ActorRegistry, text: str, outcome: str, figure: int
) -> None:
    assert [(c.outcome, c.figure) for c in _claims(text, nlp, registry)] == [(outcome, figure)]


@pytest.mark.slow
def test_claims_statement_date_weekday_and_month_day(nlp: Any, registry: ActorRegistry) -> None:
    text = (
        "The Malian army announced on Saturday that two soldiers were killed near Gao. "
        "In a statement on July 29, Wagner said 10 of its fighters were killed in Mali."
    )
    claims = _claims(text, nlp, registry, published=date(2024, 8, 5))  # a Monday
    assert [c.claim_date for c in claims] == [date(2024, 8, 3), date(2024, 7, 29)]
    assert [c.date_words for c in claims] == [None, None]  # resolved: nothing waits
    # Undated, the expressions wait as written for the event the report joins (link.redate).
    undated = _claims(text, nlp, registry, published=None)
    assert [(c.claim_date, c.date_words) for c in undated] == [(None, "Saturday"), (None, "July 29")]
    assert date_of_words("Saturday", date(2024, 8, 5)) == date(2024, 8, 3)
    assert date_of_words("yesterday", date(2024, 8, 5)) is None
    assert date_of_words(None, date(2024, 8, 5)) is None


@pytest.mark.slow
def test_claims_without_a_stated_date_take_the_reference_date(nlp: Any, registry: ActorRegistry) -> None:
    (claim,) = _claims("Twelve people were killed in the attack.", nlp, registry, published=date(2024, 8, 5))
    assert claim.claim_date == date(2024, 8, 5)
    (undated,) = _claims("Twelve people were killed in the attack.", nlp, registry, published=None)
    assert undated.claim_date is None


@pytest.mark.slow
def test_claims_ids_and_evidence(nlp: Any, registry: ActorRegistry) -> None:
    text = (
        "Officials in Mali said two soldiers were killed. Officials in Mali said three soldiers were injured."
    )
    claims = _claims(text, nlp, registry)
    assert len({c.id for c in claims}) == len(claims) == 2
    assert [c.evidence.text for c in claims] == ["two soldiers were killed", "three soldiers were injured"]
    assert all(Claim.from_dict(c.to_dict()) == c for c in claims)


def test_claims_unparsed_sentences_are_skipped(registry: ActorRegistry) -> None:
    text = "Twelve people were killed in the attack."
    article = _article(text)
    assert extract_claims(article, split_sentences(text), registry=registry) == []


@pytest.mark.parametrize(
    ("text", "candidate"),
    [
        ("Two soldiers were killed.", True),
        ("THREE SUBVERSIVES WERE WOUNDED", True),
        ("no casualties were reported", True),
        ("They admitted to losing seven fighters", True),
        ("Gunmen kidnapped 30 students", True),
        ("The bodies of eight men were found", True),
        ("Talks resumed in Algiers on Tuesday.", False),
        ("The skill of the pilots was praised.", False),
    ],
)
def test_claims_is_claim_candidate(text: str, candidate: bool) -> None:
    assert is_claim_candidate(text) is candidate


def _claim(claimant: str, figure: int | None, qualifier: str, stance: str, start: int) -> Claim:
    return Claim(
        id=f"c{start}",
        article_id="a",
        claimant=claimant,
        victims="Wagner Group",
        outcome="killed",
        evidence=Span(start, start + 1, "x"),
        stance=stance,
        figure=figure,
        qualifier=qualifier,
    )


def test_claims_drop_repeats_keeps_the_qualified_copy() -> None:
    lede = _claim("CSP-PSD", 84, "exact", "reports", 0)
    body = _claim("CSP-PSD", 84, "at_least", "claims", 50)
    other = _claim("JNIM", 84, "exact", "claims", 90)
    assert drop_repeats([lede, body, other]) == [body, other]


def test_claims_drop_repeats_prefers_the_stronger_stance() -> None:
    reported = _claim("Malian Armed Forces", 2, "exact", "reports", 0)
    confirmed = _claim("Malian Armed Forces", 2, "exact", "confirms", 40)
    assert drop_repeats([reported, confirmed]) == [confirmed]


@pytest.mark.slow
def test_claims_also_is_kept_in_the_evidence_and_read_as_an_addition(
    nlp: Any, registry: ActorRegistry
) -> None:
    from fogofwar.eval.derive import count_victims, is_additive

    text = (
        "The patrol arrested a Taliban financier near Ghazni. "
        "The patrol also detained three suspected insurgents."
    )
    claims = _claims(text, nlp, registry)
    assert [c.evidence.text for c in claims] == [
        "arrested a Taliban financier",
        "also detained three suspected insurgents",
    ]
    assert [is_additive(c) for c in claims] == [False, True]
    assert count_victims(claims, frozenset({"captured", "arrested"}), group_of=lambda c: "enemy") == 4


def test_claims_drop_repeats_keeps_an_additional_person() -> None:
    first = _claim("ISAF", 1, "exact", "reports", 0)
    more = dataclasses.replace(
        _claim("ISAF", 1, "exact", "reports", 40),
        evidence=Span(40, 70, "one additional insurgent was killed"),
    )
    assert drop_repeats([first, more]) == [first, more]


@pytest.mark.parametrize(
    "text",
    [
        "The man killed and then turned the gun on himself, police said.",
        "The gunman murdered and then turned the gun on himself.",
    ],
)
def test_claims_verb_coordinated_with_a_phrasal_trigger(nlp: Any, registry: ActorRegistry, text: str) -> None:
    # A phrasal trigger ("turned the gun on himself") is not in the word table: no KeyError.
    claims = _claims(text, nlp, registry)
    assert [(c.outcome, c.figure) for c in claims] == [("killed", 1)]


@pytest.mark.slow
def test_claims_ages_in_a_list_of_names_are_no_counts(nlp: Any, registry: ActorRegistry) -> None:
    claims = _claims(
        "Deputies said Dana Ruiz, 66 and Carl Ruiz, 64 were found dead inside the house.", nlp, registry
    )
    assert claims and all(c.figure not in (64, 66) for c in claims)
    counted = _claims("In Chicago, 39 people were shot and 12 were killed.", nlp, registry)
    assert [(c.outcome, c.figure) for c in counted] == [("injured", 39), ("killed", 12)]


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        # a pronoun subject of an embedded statement is the party whose statement it is
        (
            "The army said the rebels attacked the town. The United Nations said it had confirmed at least "
            "100 deaths in the camp.",
            "United Nations",
        ),
        # "its forces" is the ministry's own voice, not a claimant named "forces"
        (
            "Russia's Defence Ministry said its forces had fired two missiles at a meeting of commanders and "
            "claimed that more than 60 Ukrainian servicemen had been killed.",
            "Russian Armed Forces",
        ),
    ],
)
def test_claims_pronoun_claimant_is_the_governing_party(
    nlp: Any, registry: ActorRegistry, text: str, claimant: str
) -> None:
    claims = [c for c in _claims(text, nlp, registry) if c.outcome == "killed"]
    assert claims and {c.claimant for c in claims} == {claimant}
