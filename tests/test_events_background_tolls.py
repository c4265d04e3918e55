"""Background cues of issue 19: a war's or an era's toll is history, not the news of the report.
Example sentences are our own."""

from __future__ import annotations

import pytest

from fogofwar.extract.events import extract_mentions
from fogofwar.extract.places import Gazetteer
from fogofwar.extract.sentences import split_sentences
from fogofwar.ingest.text import article_from_text


def _background(gazetteer: Gazetteer, text: str) -> list[bool]:
    article = article_from_text(text, origin="test", published=None)
    mentions = extract_mentions(article, split_sentences(article.text), gazetteer=gazetteer)
    return [m.background for m in mentions]


@pytest.mark.parametrize(
    "sentence",
    [
        "THE BISHOP ASKED FOR AN END TO A CIVIL WAR THAT HAS\nLEFT MORE THAN 9,000 DEAD.",
        "THE REPORT SAYS THAT DURING MARCH MORE THAN 80 PEOPLE WERE KILLED IN THE COUNTRY.",
        "THE GROUP HAS KILLED 4,000 PEOPLE OVER ITS 12-YEAR HISTORY, THE MINISTER SAID.",
        "AFTER DECADES OF MILITARY RULE, IN WHICH THOUSANDS WERE KILLED, THE COUNTRY VOTED.",
    ],
)
def test_a_toll_over_a_war_or_a_period_is_background(gazetteer: Gazetteer, sentence: str) -> None:
    text = f"LIMA, 2 MAY 90 (EFE) -- [TEXT] {sentence}\n"
    assert _background(gazetteer, text) == [True]


def test_todays_attack_is_no_background(gazetteer: Gazetteer) -> None:
    text = "LIMA, 2 MAY 90 (EFE) -- [TEXT] A BOMB KILLED THREE PEOPLE IN A MARKET TODAY.\n"
    assert _background(gazetteer, text) == [False]
