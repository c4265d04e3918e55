"""Situation reports: every figure with its claimant and a footnote to its report and evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fogofwar.model import Article, Claim, Event, Span
from fogofwar.report import Ref, build_report, event_report, render_markdown, write_report

FIXTURE = Path(__file__).parent / "fixtures" / "export" / "events.json"


def load() -> tuple[list[Event], list[Article]]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [Event.from_dict(e) for e in data["events"]], [Article.from_dict(a) for a in data["articles"]]


def battle() -> tuple[Event, dict[str, Article]]:
    events, articles = load()
    return next(e for e in events if e.place and e.place.name == "Tinzaouaten"), {a.id: a for a in articles}


def paragraph_text(paragraph: tuple[str | Ref, ...]) -> str:
    return "".join(s if isinstance(s, str) else f"[{s.number}]" for s in paragraph)


def test_report_event_lead_sentence() -> None:
    event, articles = battle()
    text = paragraph_text(event_report(event, articles).paragraph)
    assert text.startswith(
        "Fighting between CSP-PSD and the Malian Armed Forces and the Wagner Group "
        "at Tinzaouaten (Kidal, Mali) on 25–26 July 2024."
    )


def test_report_event_wagner_range_as_a_journalist_writes_it() -> None:
    event, articles = battle()
    text = paragraph_text(event_report(event, articles).paragraph)
    assert re.search(
        r"Claims of Wagner Group dead range from at least 20 \(Russian military bloggers, 28 July\)\[\d\] "
        r"to 84 \(CSP-PSD, 31 July\)\[\d\], with 50 \(JNIM, 31 July\)\[\d\] in between\.",
        text,
    )


def test_report_event_every_figure_has_claimant_and_footnote() -> None:
    event, articles = battle()
    report = event_report(event, articles)
    text = paragraph_text(report.paragraph)
    notes = {n.number: n for n in report.footnotes}
    copies = {a.id for a in articles.values() if a.duplicate_of}
    for claim in event.claims:
        if claim.article_id in copies:
            continue  # the syndicated copy's claim is its original's
        amount = str(claim.figure)
        pattern = rf"(?<!\d){amount} \((?:admitted by )?(?:the )?{re.escape(claim.claimant)}[^)]*\)\[(\d+)\]"
        match = re.search(pattern, text)
        assert match, (claim.claimant, amount)
        note = notes[int(match.group(1))]
        assert note.quote == claim.evidence.text
        assert note.article_id == claim.article_id


def test_report_event_footnotes_name_title_outlet_url_date_quote() -> None:
    events, articles = load()
    text = render_markdown(build_report(events, articles))
    assert (
        "- [3] Frontline Digest, \u201cTwo days of fighting at Tinzaouaten\u201d, 28 July 2024, "
        "<https://frontline-digest.example/tinzaouaten-fighting>: "
        "\u201cat least 20 Wagner fighters died\u201d"
    ) in text
    assert "harbour-courier" not in text


def test_report_event_total_adds_groups_not_claims() -> None:
    event, articles = battle()
    text = paragraph_text(event_report(event, articles).paragraph)
    assert "put the dead at 29–156" in text


def test_report_event_single_claim_sentence() -> None:
    events, articles = load()
    event = next(e for e in events if e.place and e.place.name == "North Kordofan")
    text = paragraph_text(event_report(event, {a.id: a for a in articles}).paragraph)
    assert "in North Kordofan (Sudan) on 3 March 2025." in text
    assert "The Rapid Support Forces said 12 civilians killed (4 March)[1]." in text


def _claim(quote: str, text: str, **fields: object) -> Claim:
    start = text.index(quote)
    return Claim(id=quote[:10], article_id="a", evidence=Span(start, start + len(quote), quote), **fields)  # type: ignore[arg-type]


def test_report_event_vague_and_denied_claims() -> None:
    text = "Rebels spoke of heavy army losses. The army denied any losses."
    article = Article(id="a", text=text, source="Desk")
    claims = (
        _claim(
            "heavy army losses",
            text,
            claimant="CSP-PSD",
            victims="Malian Armed Forces",
            outcome="casualties",
            qualifier="vague",
        ),
        _claim(
            "denied any losses",
            text,
            claimant="Malian Armed Forces",
            victims="Malian Armed Forces",
            outcome="casualties",
            stance="denies",
        ),
    )
    event = Event(
        id="v", event_type="Battles", sub_event_type="Armed clash", claims=claims, article_ids=("a",)
    )
    out = paragraph_text(event_report(event, {"a": article}).paragraph)
    assert "CSP-PSD said Malian Armed Forces casualties without giving a figure[1]." in out
    assert "The Malian Armed Forces denied the figures[2]." in out


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_report_event_no_events(fmt: str) -> None:
    out = write_report([], [], fmt=fmt)
    assert "No stored event matches." in out


def test_report_event_same_figure_from_several_claimants() -> None:
    text = "Officials said 12 civilians died. Medics also counted 12 dead civilians."
    article = Article(id="a", text=text, source="Desk")
    claims = (
        _claim(
            "12 civilians died", text, claimant="Officials", victims="civilians", outcome="killed", figure=12
        ),
        _claim(
            "12 dead civilians", text, claimant="Medics", victims="civilians", outcome="killed", figure=12
        ),
    )
    event = Event(id="s", event_type="Violence against civilians", sub_event_type="Attack", claims=claims)
    out = paragraph_text(event_report(event, {"a": article}).paragraph)
    assert "Claims of civilian dead agree: 12 (Officials)[1] and 12 (Medics)[2]." in out
