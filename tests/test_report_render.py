"""Report filters, formats and escaping (HTML and Markdown never turn record text into markup)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import FogofwarError
from fogofwar.model import Article, Event
from fogofwar.report import write_report

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"
SCRIPT_TITLE = 'Market hit <script>alert("x")</script> & more'


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def hostile() -> tuple[list[Event], list[Article]]:
    events, articles = load()
    articles = [
        replace(a, title=SCRIPT_TITLE, url="javascript:alert(1)") if a.source == "Nile Observer" else a
        for a in articles
    ]
    return events, articles


def test_report_render_html_escapes_script_title() -> None:
    out = write_report(*hostile(), fmt="html")
    assert "<script>" not in out
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in out
    assert 'href="javascript:' not in out
    assert out.startswith("<!DOCTYPE html>")


def test_report_render_markdown_escapes_markup() -> None:
    out = write_report(*hostile(), fmt="md")
    assert "<script" not in out
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; more' in out
    assert "<javascript:" not in out


PAYLOAD = "<script>alert(1)</script>"


def hostile_everywhere() -> tuple[list[Event], list[Article]]:
    """The fixture with markup in every record text a report prints: place, actor, claimant,
    the evidence quote (and the article text it slices), and titles."""
    events, articles = load()
    place = replace(events[0].place, name=f"Tin{PAYLOAD}", admin1=f"Kidal{PAYLOAD}")
    actors = tuple(
        replace(r, actor=replace(r.actor, name=f"{r.actor.name}{PAYLOAD}")) for r in events[0].actors
    )
    texts = {}
    claims = []
    for claim in events[0].claims:
        quote = f"{claim.evidence.text}{PAYLOAD}"
        texts[claim.article_id] = quote
        evidence = replace(claim.evidence, start=0, end=len(quote), text=quote)
        claims.append(replace(claim, claimant=f"{claim.claimant}{PAYLOAD}", evidence=evidence))
    events[0] = replace(events[0], place=place, actors=actors, claims=tuple(claims))
    articles = [replace(a, title=f"{a.title}{PAYLOAD}") for a in articles]
    return events, articles


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_render_escapes_places_actors_quotes_titles(fmt: str) -> None:
    out = write_report(*hostile_everywhere(), fmt=fmt)
    assert "Tin" in out
    assert "<script" not in out and "</script" not in out
    assert "&lt;script&gt;" in out


def test_report_render_html_links_footnotes() -> None:
    events, articles = load()
    out = write_report(events, articles, fmt="html")
    assert '<a href="#event-b5814f7ada73bdd8-fn-1">[1]</a>' in out
    assert '<li id="event-b5814f7ada73bdd8-fn-1" value="1">' in out
    assert '<a href="https://frontline-digest.example/tinzaouaten-fighting">' in out


@pytest.mark.parametrize("country", ["ML", "ml", "MLI", "Mali"])
def test_report_render_country_filter(country: str) -> None:
    out = write_report(*load(), country=country)
    assert out.startswith("# Situation report: Mali\n")
    assert "Tinzaouaten" in out
    assert "Barsalogho" not in out and "Kordofan" not in out


def test_report_render_since_filter() -> None:
    out = write_report(*load(), since=date(2024, 8, 1))
    assert "since 1 August 2024" in out
    assert "Tinzaouaten" not in out
    assert "Barsalogho" in out and "North Kordofan" in out


def test_report_render_country_weeks_in_order() -> None:
    out = write_report(*load())
    headings = [line for line in out.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Burkina Faso, week of 19 August 2024",
        "## Mali, week of 22 July 2024",
        "## Sudan, week of 3 March 2025",
    ]
    assert "1 event: Battles 1. Claimed dead, added over these events: 29–156." in out


def test_report_render_unknown_country() -> None:
    with pytest.raises(FogofwarError) as info:
        write_report([], [], country="Narnia")
    assert info.value.code == "E027"


def test_report_render_unknown_format() -> None:
    with pytest.raises(FogofwarError) as info:
        write_report([], [], fmt="pdf")
    assert info.value.code == "E028"
    assert "md, html" in str(info.value)
