"""The page's figures (map, timeline, claim charts) and the text segments that mark evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from fixtures.api.webserver import BATTLE_EVENT, load_battle
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.api.charts import (
    MAP_MAX_HEIGHT,
    MAP_MIN_HEIGHT,
    _date_ticks,
    _nice_axis,
    claim_charts,
    event_map,
    event_timeline,
)
from fogofwar.api.highlight import segments, snippet
from fogofwar.model import Place

_, _, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)


def test_web_charts_map_points_inside_and_linked() -> None:
    figure = event_map(EVENTS)
    assert {p.event_id for p in figure.points} == {e.id for e in EVENTS}
    assert MAP_MIN_HEIGHT <= figure.height <= MAP_MAX_HEIGHT
    for point in figure.points:
        assert 0 < point.x < figure.width and 0 < point.y < figure.height
    # North is up, west is left: Tinzaouaten (20°N, 3°E) is above and right of Barsalogho (13°N, 1°W).
    tin = next(p for p in figure.points if p.event_id == BATTLE_EVENT)
    bar = next(p for p in figure.points if "Barsalogho" in p.title)
    assert tin.y < bar.y and tin.x > bar.x
    assert {t.label for t in figure.y_ticks} >= {"14°N", "20°N"} and "0°" in {t.label for t in figure.x_ticks}
    assert [label.text for label in figure.labels] == ["Tinzaouaten", "Barsalogho"]


def test_web_charts_map_same_spot_is_fanned_out() -> None:
    figure = event_map(EVENTS)
    at_tinzaouaten = [p for p in figure.points if "Tinzaouaten" in p.title]
    assert len(at_tinzaouaten) == 2 and at_tinzaouaten[0].x != at_tinzaouaten[1].x


def test_web_charts_map_size_follows_killed() -> None:
    figure = event_map(EVENTS)
    radius = {p.event_id: p.r for p in figure.points}
    attack = next(e.id for e in EVENTS if e.sub_event_type == "Attack")
    assert radius[attack] > radius[BATTLE_EVENT]  # 300 claimed against 131


def test_web_charts_map_without_coordinates() -> None:
    unplaced = [replace(e, place=Place(e.place.name)) for e in EVENTS if e.place]
    figure = event_map(unplaced)
    assert figure.points == [] and figure.unplaced == len(EVENTS)
    one = event_map(EVENTS[:1])  # a single point still gets a sensible box around it
    assert len(one.points) == 1 and one.x_ticks and one.y_ticks


def test_web_charts_timeline() -> None:
    undated = replace(EVENTS[0], id="undated", start=None, end=None)
    figure = event_timeline([*EVENTS, undated])
    assert figure.undated == 1 and figure.plot is not None
    marks = {m.event_id: m for m in figure.marks}
    battle = marks[BATTLE_EVENT]
    assert battle.x2 > battle.x1  # three days wide
    assert battle.y_high < battle.y_low  # 131 drawn above 22
    assert all(figure.plot.left <= m.x1 <= figure.plot.right for m in marks.values())
    assert event_timeline([undated]).plot is None


def test_web_charts_claims_over_time_for_the_battle() -> None:
    charts = {(c.victims, c.outcome): c for c in claim_charts(BATTLE.claims)}
    wagner = charts[("Wagner Group", "killed")]
    (series,) = wagner.series
    assert series.claimant == "CSP-DPA"
    assert [p.label for p in series.points] == ["20", "50", "84"]
    xs, ys = [p.x for p in series.points], [p.y for p in series.points]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)
    assert wagner.unplotted == 1  # Wagner's own admission gave no figure
    army = charts[("Malian Armed Forces", "killed")]
    assert [s.claimant for s in army.series] == ["Malian Armed Forces", "CSP-DPA"]
    assert army.series[0].css != army.series[1].css
    captured = charts[("Wagner Group", "captured")].series[0].points[0]
    assert captured.y_high < captured.y_low  # "several" is drawn as a range, 3 to 4


@pytest.mark.parametrize(
    ("most", "top", "step"), [(0, 10, 2), (4, 4, 1), (84, 100, 20), (131, 150, 50), (300, 300, 100)]
)
def test_web_charts_nice_axis(most: int, top: int, step: int) -> None:
    assert _nice_axis(most) == (top, step)


@pytest.mark.parametrize(
    ("start", "end", "first"),
    [(date(2024, 7, 24), date(2024, 7, 30), "25 Jul"), (date(2024, 1, 20), date(2024, 9, 2), "Feb 2024")],
)
def test_web_charts_date_ticks(start: date, end: date, first: str) -> None:
    ticks = _date_ticks(start, end)
    assert ticks[0][1] == first and 2 <= len(ticks) <= 8


def test_web_charts_segments_mark_and_anchor() -> None:
    pieces = segments("abcdefgh", [("x", 2, 5), ("y", 4, 7)])
    assert [(p.text, p.marks, p.anchors) for p in pieces] == [
        ("ab", (), ()),
        ("cd", ("x",), ("x",)),
        ("e", ("x", "y"), ("y",)),
        ("fg", ("y",), ()),
        ("h", (), ()),
    ]


def test_web_charts_segments_skip_bad_offsets() -> None:
    assert [p.marks for p in segments("abc", [("x", 2, 9), ("y", 2, 2), ("z", -1, 1)])] == [()]


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(-2, 70), st.integers(-2, 70)), max_size=5),
)
def test_web_charts_segments_join_back(text: str, bounds: list[tuple[int, int]]) -> None:
    spans = [(f"s{i}", a, b) for i, (a, b) in enumerate(bounds)]
    pieces = segments(text, spans)
    assert "".join(p.text for p in pieces) == text
    position = 0
    for piece in pieces:
        for span_id, start, end in spans:
            inside = 0 <= start < end <= len(text) and start <= position and position + len(piece.text) <= end
            assert (span_id in piece.marks) == (inside and bool(piece.text))
        position += len(piece.text)


def test_web_charts_snippet_centres_on_the_match() -> None:
    text = "word " * 60 + "Tinzaouaten battle " + "word " * 60
    piece, spans = snippet(text, "tinzaouaten")
    assert piece.startswith("…") and piece.endswith("…") and "Tinzaouaten" in piece
    assert [piece[s:e] for _, s, e in spans] == ["Tinzaouaten"]
    start, _ = snippet("short text", "absent")
    assert start == "short text"
