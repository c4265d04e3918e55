"""GVA linking evaluation: loading, document clusters, per-incident counts (no spaCy), one slow run."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import ConfigError
from fogofwar.eval.clusters import article_events
from fogofwar.eval.gva import (
    GVA_KEYS,
    GvaIncident,
    best_total,
    city_names,
    evaluate_gva,
    gva_articles,
    load_documents,
    load_gvc_gold,
    load_incidents,
    same_city,
    score_gva,
)
from fogofwar.model import Claim, Event, Extraction, Mention, Place, Reconciled, Span
from fogofwar.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
GVA_DIR = SHARED / "eval" / "dev" / "gva"

DOCS = [
    {"doc_id": "d1", "incident_id": "100", "title": "Man shot on Elm Street", "dct": "2016-03-05",
     "url": "http://example.org/a", "text": "A man was shot on Elm Street in Dayton on Friday.",
     "gvc_incident_id": "100"},
    {"doc_id": "d2", "incident_id": "100", "title": "Elm Street victim named", "dct": "2016-03-06",
     "url": "http://example.org/b", "text": "Police named the man shot on Elm Street in Dayton.",
     "gvc_incident_id": "100"},
    {"doc_id": "d3", "incident_id": "200", "title": "Woman hurt in bar shooting", "dct": "2016-03-05",
     "url": "http://example.org/c", "text": "A woman was wounded outside a bar in Dayton."},
    {"doc_id": "d3", "incident_id": "300", "title": "Woman hurt in bar shooting", "dct": "2016-03-05",
     "url": "http://example.org/c", "text": "A woman was wounded outside a bar in Dayton."},
    {"doc_id": "d4", "incident_id": "200", "title": "", "dct": "2016-03-05", "url": "", "text": "  "},
]  # fmt: skip
INCIDENTS = [
    {"incident_id": "100", "date": "March 4, 2016", "city_or_county": "Dayton", "state": "Ohio",
     "num_killed": 1, "num_injured": 0},
    {"incident_id": "200", "date": "March 5, 2016", "city_or_county": "Dayton", "state": "Ohio",
     "num_killed": 0, "num_injured": 1},
]  # fmt: skip


@pytest.fixture
def gva_dir(tmp_path: Path) -> Path:
    (tmp_path / "documents.jsonl").write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    (tmp_path / "incidents.jsonl").write_text(
        "".join(json.dumps(i) + "\n" for i in INCIDENTS), encoding="utf-8"
    )
    (tmp_path / "gvc_doc_to_event.csv").write_text("doc-id,event-id\nd1,100\nd2,100\n", encoding="utf-8")
    (tmp_path / "gvc_train.csv").write_text("0,100\n", encoding="utf-8")
    return tmp_path


def test_eval_gva_load_documents_keeps_first_incident_and_limit(gva_dir):
    documents = load_documents(gva_dir)
    assert [d.id for d in documents] == ["d1", "d2", "d3", "d4"]
    assert documents[2].incident_id == "200"
    assert documents[0].published == date(2016, 3, 5) and documents[0].gvc_incident_id == "100"
    assert [d.id for d in load_documents(gva_dir, limit=2)] == ["d1", "d2"]


def test_eval_gva_load_incidents_and_gvc(gva_dir):
    incidents = load_incidents(gva_dir)
    assert incidents["100"] == GvaIncident("100", date(2016, 3, 4), "Dayton", "Ohio", 1, 0)
    assert load_gvc_gold(gva_dir) == {"d1": "100", "d2": "100"}


def test_eval_gva_missing_files_raise_e050(tmp_path):
    with pytest.raises(ConfigError, match=r"\[E050\]"):
        load_documents(tmp_path)


def test_eval_gva_articles_skip_empty_text(gva_dir):
    articles, doc_article = gva_articles(load_documents(gva_dir))
    assert set(doc_article) == {"d1", "d2", "d3"}
    assert len(articles) == 3
    assert articles[0].published == date(2016, 3, 5) and articles[0].title == "Man shot on Elm Street"


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("Dayton", "Dayton", True),
        ("St. Louis", "Saint Louis", True),
        ("Euharlee", "Cartersville (Euharlee)", True),
        ("Cartersville", "Cartersville (Euharlee)", True),
        ("Orange", "Orange County", True),
        ("Chicago", "Dayton", False),
        (None, "Dayton", False),
    ],
)
def test_eval_gva_same_city(predicted, gold, expected):
    assert same_city(predicted, gold) is expected


def test_eval_gva_city_names_never_empty_string():
    assert "" not in city_names("Susquehanna (county)")


def reconciled(victims: str, outcome: str, best: int) -> Reconciled:
    return Reconciled(victims=victims, outcome=outcome, low=best, best=best, high=best)


def test_eval_gva_best_total_sums_groups_not_claims():
    rows = [
        reconciled("civilians", "killed", 2),
        reconciled("police", "killed", 1),
        reconciled("a", "injured", 4),
    ]
    assert best_total(rows, "killed") == 3
    assert best_total(rows, "injured") == 4
    assert best_total([], "killed") == 0


@pytest.mark.parametrize(("unknown", "expected"), [(1, 3), (5, 5)])
def test_eval_gva_best_total_unknown_victims_may_be_the_named_ones(unknown, expected):
    rows = [reconciled("civilians", "killed", 2), reconciled("police", "killed", 1)]
    assert best_total([*rows, reconciled("unknown", "killed", unknown)], "killed") == expected


def mention(mention_id: str, article: str, start: int = 0) -> Mention:
    return Mention(
        mention_id, article, Span(start, start + 1, "A"), "shot", "Violence against civilians", "Attack"
    )


def test_eval_gva_article_main_event_is_the_first_violent_one():
    extractions = [
        Extraction("a1", (mention("m1", "a1", 0), mention("m2", "a1", 10), mention("m3", "a1", 20)))
    ]
    arrest = Event("e1", "Strategic developments", "Arrests", mention_ids=("m1",))
    shooting = Event("e2", "Violence against civilians", "Attack", mention_ids=("m2",))
    later = Event("e3", "Violence against civilians", "Attack", mention_ids=("m3",))
    assert article_events([arrest, later, shooting], extractions)["a1"].id == "e2"
    assert article_events([arrest], extractions)["a1"].id == "e1"
    assert "a1" not in article_events([], extractions)


def test_eval_gva_score_perfect_linking(gva_dir):
    documents = load_documents(gva_dir)
    _, doc_article = gva_articles(documents)
    dayton = Place("Dayton", country="US")
    shooting = Event(
        "e1", "Violence against civilians", "Attack", start=date(2016, 3, 4), place=dayton,
        reconciled=(reconciled("civilians", "killed", 1),),
    )  # fmt: skip
    wounding = Event(
        "e2", "Violence against civilians", "Attack", start=date(2016, 3, 6), place=dayton,
        reconciled=(reconciled("civilians", "injured", 1),),
    )  # fmt: skip
    main = {doc_article["d1"]: shooting, doc_article["d2"]: shooting, doc_article["d3"]: wounding}
    scores = score_gva(documents, load_incidents(gva_dir), load_gvc_gold(gva_dir), doc_article, main)
    assert tuple(scores) == GVA_KEYS
    assert scores["n_docs"] == 3 and scores["n_incidents"] == 2
    assert (
        scores["merge_b3_f1"] == 1.0 and scores["merge_ceafe_f1"] == 1.0 and scores["gvc_merge_b3_f1"] == 1.0
    )
    assert scores["killed_exact"] == 1.0 and scores["injured_exact"] == 1.0
    assert scores["city_accuracy"] == 1.0
    assert scores["date_accuracy"] == 0.5  # the wounding's event starts a day late


def test_eval_gva_score_unlinked_documents_are_singletons(gva_dir):
    documents = load_documents(gva_dir)
    _, doc_article = gva_articles(documents)
    scores = score_gva(documents, load_incidents(gva_dir), load_gvc_gold(gva_dir), doc_article, {})
    assert scores["merge_b3_f1"] < 1.0
    assert scores["killed_exact"] == 0.5  # incident 200 had no one killed: 0 is right
    assert scores["city_accuracy"] == 0.0


@pytest.mark.slow
@pytest.mark.skipif(not GVA_DIR.exists(), reason="../shared/eval/dev/gva not present")
def test_eval_gva_runs_on_dev_sample():
    scores = evaluate_gva(GVA_DIR, settings=Settings(), limit=25)
    assert tuple(scores) == GVA_KEYS
    assert scores["n_docs"] > 0
    assert all(math.isnan(v) or 0.0 <= v <= 1.0 for k, v in scores.items() if not k.startswith("n_"))


def test_eval_gva_article_main_event_is_the_one_most_reports_share():
    extractions = [Extraction("a1", (mention("m1", "a1", 0), mention("m2", "a1", 10)))]
    sentencing = Event("e1", "Violence against civilians", "Attack", mention_ids=("m1",), article_ids=("a1",))
    shooting = Event(
        "e2", "Violence against civilians", "Attack", mention_ids=("m2", "x"), article_ids=("a1", "a2", "a2")
    )
    assert article_events([sentencing, shooting], extractions)["a1"].id == "e2"
    # equal support: the first mentioned
    shooting = replace(shooting, article_ids=("a1",))
    assert article_events([sentencing, shooting], extractions)["a1"].id == "e1"


def test_eval_gva_article_main_event_tie_goes_to_the_article_own_casualties():

    extractions = [Extraction("a1", (mention("m1", "a1", 0), mention("m2", "a1", 10)))]
    toll = Claim("c1", "a1", "police", "unknown", "killed", Span(12, 13, "A"), mention_id="m2", figure=1)
    other = replace(toll, id="c2", article_id="a2")
    lead = Event("e1", "Violence against civilians", "Attack", mention_ids=("m1",), article_ids=("a1",))
    told = Event(
        "e2", "Violence against civilians", "Attack", mention_ids=("m2",), article_ids=("a1",), claims=(toll,)
    )
    assert article_events([lead, told], extractions)["a1"].id == "e2"
    # another article's toll does not count
    told = replace(told, claims=(other,))
    assert article_events([lead, told], extractions)["a1"].id == "e1"


def test_eval_gva_article_main_event_tie_prefers_its_deaths_to_its_woundings():
    extractions = [Extraction("a1", (mention("m1", "a1", 0), mention("m2", "a1", 10)))]
    wounding = Claim("c1", "a1", "police", "unknown", "injured", Span(2, 3, "A"), mention_id="m1", figure=1)
    death = replace(wounding, id="c2", outcome="killed", mention_id="m2")
    earlier = Event(
        "e1",
        "Violence against civilians",
        "Attack",
        mention_ids=("m1",),
        article_ids=("a1",),
        claims=(wounding,),
    )
    fatal = Event(
        "e2",
        "Violence against civilians",
        "Attack",
        mention_ids=("m2",),
        article_ids=("a1",),
        claims=(death,),
    )
    assert article_events([earlier, fatal], extractions)["a1"].id == "e2"
    # more reports still come first
    earlier = replace(earlier, article_ids=("a1", "a2"))
    assert article_events([earlier, fatal], extractions)["a1"].id == "e1"


def test_eval_gva_article_main_event_leaves_out_history_recalled_in_words():
    # A drone-strike report recalls last month's battle in the same town: the battle has more
    # reports, but the report is about the strike. History only by its date is kept.
    published = date(2024, 8, 26)
    recalled = replace(
        mention("m1", "a1", 0), background=True, date_start=date(2024, 7, 27), date_end=date(2024, 7, 27)
    )
    strike = mention("m2", "a1", 10)
    battle = Event("e1", "Battles", "Armed clash", mention_ids=("m1",), article_ids=("a1", "b", "c"))
    drone = Event(
        "e2", "Explosions/Remote violence", "Air/drone strike", mention_ids=("m2",), article_ids=("a1",)
    )
    extractions = [Extraction("a1", (recalled, strike))]
    assert article_events([battle, drone], extractions)["a1"].id == "e1"  # no reference dates: as before
    assert article_events([battle, drone], extractions, {"a1": published})["a1"].id == "e2"
    # dated months before the report: background by its date only, so kept (and the battle wins)
    old = replace(recalled, date_start=date(2024, 3, 1), date_end=date(2024, 3, 1))
    assert (
        article_events([battle, drone], [Extraction("a1", (old, strike))], {"a1": published})["a1"].id == "e1"
    )
    # dated within the link window of the report: a misread cue in the day's news, so kept
    today = replace(recalled, date_start=published, date_end=published)
    assert (
        article_events([battle, drone], [Extraction("a1", (today, strike))], {"a1": published})["a1"].id
        == "e1"
    )
