"""Running tolls ("the death toll rose to 45") and counts over many incidents ("have killed
thousands"), read by the claim extractor."""

from __future__ import annotations

from typing import Any

import pytest

from fogofwar.extract.actors import ActorRegistry
from tests.test_extract_claims import _claims


@pytest.mark.parametrize(
    ("text", "outcome", "figure"),
    [
        ("The death toll from the strike on the market rose to 13 on Thursday, police said.", "killed", 13),
        ("The number of people killed in the bombing has risen to 35, officials said.", "killed", 35),
        ("The number of people confirmed killed in the raid rose to 59, officials said.", "killed", 59),
        ("The number of wounded climbed to 117, the hospital said.", "injured", 117),
        ("The toll rose from 32 to 35, police said.", "killed", 35),
        ("Two more victims died overnight, bringing the toll to 35, police said.", "killed", 35),
        ("Officials said the death toll stood at 43.", "killed", 43),
    ],
)
def test_a_running_toll_is_a_claim_of_its_latest_figure(
    text: str, outcome: str, figure: int, nlp: Any, registry: ActorRegistry
) -> None:
    claims = [c for c in _claims(text, nlp, registry) if c.outcome == outcome]
    assert [c.figure for c in claims][-1:] == [figure]


def test_a_toll_expected_to_rise_is_no_figure(nlp: Any, registry: ActorRegistry) -> None:
    claims = _claims("Five people were killed. The death toll is expected to rise.", nlp, registry)
    assert [c.figure for c in claims] == [5]


@pytest.mark.parametrize(
    "text",
    [
        "Clashes between farmers and herders have killed thousands in the country's central states.",
        "The group has killed thousands of civilians in the east of the country.",
        "More than 1,000 people have been killed in the country in a week of bombardment.",
        "Around 1,200 of the group's fighters are estimated to have been killed in the Syrian conflict.",
        "The kingdom has been a target of Islamic State attacks that have killed dozens of people.",
        # an earlier event the news is compared with, told with its toll
        "The attack appeared similar to a January bombing that killed at least 12 German tourists.",
    ],
)
def test_a_count_over_many_incidents_is_background(text: str, nlp: Any, registry: ActorRegistry) -> None:
    assert _claims(text, nlp, registry) == []


def test_a_perfect_count_of_the_incident_is_kept(nlp: Any, registry: ActorRegistry) -> None:
    claims = _claims("At least 20 people have been killed in the attack, police said.", nlp, registry)
    assert [(c.outcome, c.figure) for c in claims] == [("killed", 20)]
