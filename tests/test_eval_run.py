"""run_eval: dispatch by name, data checks, wiring articles -> extractor -> predictions -> scores."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

import fogofwar.eval as evaluation
from fogofwar.errors import ConfigError
from fogofwar.eval import format_table, run_eval
from fogofwar.eval.isaf import ISAF_KEYS
from fogofwar.eval.muc4 import MUC4_KEYS
from fogofwar.model import Actor, ActorRole, Article, Claim, Extraction, Mention, Place, Span
from fogofwar.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "eval"
SHINING_PATH = Actor(name="Shining Path", aliases=("Sendero Luminoso",), kind="rebel_group", country="PE")


@dataclass
class FakeRegistry:
    actors: list[Actor] = field(default_factory=lambda: [SHINING_PATH])


@dataclass
class FakeExtractor:
    """Stands in for fogofwar.extract.Extractor: one canned Extraction per article origin."""

    canned: dict[str, Extraction]
    registry: FakeRegistry = field(default_factory=FakeRegistry)
    seen: list[Article] = field(default_factory=list)

    def extract(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            self.seen.append(article)
            yield self.canned.get(article.origin or "", Extraction(article_id=article.id))


def mention(place: Place, day: date, actors: tuple[ActorRole, ...] = ()) -> Mention:
    return Mention(
        id="m1",
        article_id="x",
        sentence=Span(0, 5, "s"),
        trigger="killed",
        event_type="Battles",
        sub_event_type="Armed clash",
        date_start=day,
        date_end=day,
        date_precision=1,
        place=place,
        actors=actors,
    )


def claim(victims: str, figure: int, outcome: str) -> Claim:
    return Claim(
        id=f"{victims}{outcome}",
        article_id="x",
        claimant="ISAF",
        victims=victims,
        outcome=outcome,
        evidence=Span(0, 5, "claim"),
        mention_id="m1",
        figure=figure,
        low=figure,
        high=figure,
    )


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeExtractor:
    helmand = Place(name="Nad Ali", admin1="Helmand", country="AF")
    ayacucho = Place(name="Ayacucho", admin1="Ayacucho", country="PE")
    extractor = FakeExtractor(
        canned={
            # ISAF item 1 right in every field; the others get empty extractions
            "isaf:1": Extraction(
                article_id="x",
                mentions=(mention(helmand, date(2012, 3, 2)),),
                claims=(claim("Taliban", 2, "killed"), claim("unknown", 3, "arrested")),
            ),
            # MUC-4: right deaths, perpetrator (through the registry alias), date; place is the
            # department, which the key gives as the most specific place
            "TST1-MUC3-9001": Extraction(
                article_id="x",
                mentions=(
                    mention(
                        ayacucho,
                        date(1990, 3, 4),
                        # named in the text by an alias, matched with the key through the registry
                        (
                            ActorRole(
                                Actor(
                                    name="Sendero Luminoso",
                                    aliases=("Shining Path guerrillas",),
                                    kind="rebel_group",
                                ),
                                "side_a",
                            ),
                        ),
                    ),
                ),
                claims=(claim("civilians", 3, "killed"),),
            ),
        }
    )
    monkeypatch.setattr(evaluation, "make_extractor", lambda settings: extractor)
    return extractor


def test_eval_run_isaf_wires_articles_through_the_extractor(fake: FakeExtractor) -> None:
    result = run_eval("isaf", FIXTURES / "isaf", settings=Settings())
    assert tuple(result) == ISAF_KEYS
    assert result["n"] == 4
    assert [a.origin for a in fake.seen] == ["isaf:1", "isaf:2", "isaf:3", "isaf:4"]
    assert fake.seen[0].dateline_date == date(2012, 3, 3)  # read by the ingest stage
    assert result["killed_exact"] == pytest.approx(3 / 4)  # item 3 (5 killed) is missed
    assert result["captured_exact"] == pytest.approx(2 / 4)
    assert result["province_accuracy"] == pytest.approx(1 / 4)
    assert result["date_accuracy"] == pytest.approx(1 / 4)
    assert result["event_type_f1"] == pytest.approx(2 * 1 * 0.25 / 1.25)


def test_eval_run_isaf_limit(fake: FakeExtractor) -> None:
    assert run_eval("isaf", FIXTURES / "isaf", settings=Settings(), limit=1)["n"] == 1
    assert len(fake.seen) == 1


@pytest.mark.parametrize(
    ("name", "n", "origins"),
    [
        ("muc4", 4, ["DEV-MUC3-9001", "TST1-MUC3-9001", "TST2-MUC4-9001", "TST2-MUC4-9002"]),
        ("muc4:tst1,tst2", 3, ["TST1-MUC3-9001", "TST2-MUC4-9001", "TST2-MUC4-9002"]),
        ("muc4:all", 4, ["DEV-MUC3-9001", "TST1-MUC3-9001", "TST2-MUC4-9001", "TST2-MUC4-9002"]),
        ("muc4:dev", 1, ["DEV-MUC3-9001"]),
    ],
)
def test_eval_run_muc4_splits(fake: FakeExtractor, name: str, n: int, origins: list[str]) -> None:
    result = run_eval(name, FIXTURES / "muc4", settings=Settings())
    assert tuple(result) == MUC4_KEYS
    assert result["n"] == n
    assert [a.origin for a in fake.seen] == origins


def test_eval_run_muc4_scores_relevant_documents(fake: FakeExtractor) -> None:
    result = run_eval("muc4", FIXTURES / "muc4", settings=Settings())
    # two relevant documents: the Peru one is right, the Medellin one gets an empty extraction
    assert result["deaths_exact"] == pytest.approx(1.0)  # Medellin: 0 deaths is right too
    assert result["injuries_exact"] == pytest.approx(0.5)
    assert result["perpetrator_org_f1"] == pytest.approx(2 / 3)  # tp 1, fn 1
    assert result["location_accuracy"] == pytest.approx(0.5)
    assert result["date_accuracy"] == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("nope", "choose one of: conflict, gva, isaf, muc4"),
        ("isaf:x", "no variants"),
        ("gva:x", "no variants"),
        ("conflict:x", "no variants"),
    ],
)
def test_eval_run_unknown_or_planned_name_raises_e051(fake: FakeExtractor, name: str, fragment: str) -> None:
    with pytest.raises(ConfigError) as error:
        run_eval(name, FIXTURES / "isaf", settings=Settings())
    assert error.value.code == "E051"
    assert fragment in str(error.value)


def test_eval_run_gva_dispatches_to_its_module(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import fogofwar.eval.gva as gva

    calls = []
    monkeypatch.setattr(
        gva, "evaluate_gva", lambda path, *, settings, limit: calls.append((path, limit)) or {"n": 0}
    )
    assert run_eval("gva", tmp_path, settings=Settings(), limit=3) == {"n": 0}
    assert calls == [(tmp_path, 3)]


def test_eval_run_muc4_unknown_split_raises_e050(fake: FakeExtractor) -> None:
    with pytest.raises(ConfigError) as error:
        run_eval("muc4:tst9", FIXTURES / "muc4", settings=Settings())
    assert error.value.code == "E050"
    assert "splits found: dev, tst1, tst2" in str(error.value)
    assert fake.seen == []


@pytest.mark.parametrize("name", ["isaf", "muc4"])
def test_eval_run_missing_data_raises_e050(fake: FakeExtractor, tmp_path: Path, name: str) -> None:
    with pytest.raises(ConfigError) as error:
        run_eval(name, tmp_path, settings=Settings())
    assert error.value.code == "E050"
    assert str(tmp_path) in str(error.value)
    assert fake.seen == []


def test_eval_run_negative_limit_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="limit"):
        run_eval("isaf", FIXTURES / "isaf", settings=Settings(), limit=-1)


@dataclass
class FindingRegistry:
    """A registry with the matching API: "army" is Colombia's army only in a Colombian text."""

    actors: list[Actor] = field(default_factory=lambda: [SHINING_PATH])

    def guess_country(self, text: str) -> str | None:
        return {"Colombia": "CO", "Peru": "PE"}.get(text)

    def find_all(
        self, text: str, *, country: str | None = None, quiet: object = ()
    ) -> list[tuple[int, int, Actor]]:
        start = text.upper().find("ARMY")
        if country != "CO" or start < 0:
            return []
        return [(start, start + 4, Actor(name="Colombian Armed Forces", kind="state_forces"))]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("ARMY", "COLOMBIA", "Colombian Armed Forces"),
        ("THE ARMY", "COLOMBIA", "Colombian Armed Forces"),
        ("ARMY", "PERU", None),  # no context alias there
        ("ARMY OF NATIONAL LIBERATION", "COLOMBIA", None),  # a partial match is another group
        ("SENDERO LUMINOSO", "PERU", "Shining Path"),  # through the actors' aliases
    ],
)
def test_eval_run_registry_resolver(text: str, country: str, expected: str | None) -> None:
    resolve = evaluation.registry_resolver(FakeExtractor(canned={}, registry=FindingRegistry()))  # type: ignore[arg-type]
    assert resolve(text, country) == expected


def test_eval_format_table() -> None:
    table = format_table({"n": 288, "killed_exact": 0.70486, "killed_exact_nonzero": math.nan})
    assert table.splitlines() == [
        "n                       288",
        "killed_exact          0.705",
        "killed_exact_nonzero      –",
    ]
    assert format_table({}) == ""
