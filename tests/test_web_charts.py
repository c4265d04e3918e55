"""The page's figures (map, timeline, claim charts) and the text segments that mark evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from fixtures.api.webserver import BATTLE_EVENT, load_battle
from hypothesis import given
from hypothesis import strategies as st

from fogofwar.api.borders import load_borders, simplify
from fogofwar.api.charts import (
    LABEL_CHAR_WIDTH,
    LABEL_HEIGHT,
    MAP_MAX_HEIGHT,
    MAP_MIN_HEIGHT,
    _date_ticks,
    _nice_axis,
    _pull_in,
    claim_charts,
    event_map,
    event_timeline,
    place_labels,
)
from fogofwar.api.highlight import segments, snippet
from fogofwar.model import Claim, Place, Span

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
    # The deadliest place is labelled first (it gets the first choice of spot).
    assert [label.text for label in figure.labels] == ["Barsalogho", "Tinzaouaten"]


def test_web_charts_map_draws_country_borders() -> None:
    figure = event_map(EVENTS, borders=load_borders())
    shapes = {c.iso: c for c in figure.countries}
    # Mali and Burkina Faso hold the events (shaded); their neighbours in view are drawn too.
    assert {"ML", "BF", "NE", "DZ"} <= set(shapes)
    assert shapes["ML"].marked and shapes["BF"].marked and not shapes["DZ"].marked
    assert shapes["ML"].path.startswith("M") and shapes["ML"].path.endswith("Z")
    assert "RU" not in shapes and "BR" not in shapes  # far away: not in view, not drawn


def test_web_charts_map_without_borders_file(tmp_path) -> None:
    assert load_borders(tmp_path / "missing.json") == []
    assert event_map(EVENTS, borders=[]).countries == []


def test_web_charts_borders_pull_far_points_in_and_keep_near_ones() -> None:
    box = (0.0, 0.0, 10.0, 10.0)
    ring = [(5.0, 5.0), (8.0, 5.0), (50.0, 5.0), (60.0, 40.0), (55.0, 45.0), (50.0, 50.0), (5.0, 8.0)]
    kept = _pull_in(ring, box)
    # Points with a segment reaching into the box stay exact; far ones sit on the box's edge.
    assert kept[:3] == ring[:3] and kept[-1] == ring[-1]
    assert all(0 <= x <= 10 and 0 <= y <= 10 for x, y in kept[3:-2])
    assert len(kept) < len(ring)


def test_web_charts_simplify_keeps_the_corners() -> None:
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (2.0, 2.0)]
    assert simplify(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0)]


def _boxes(labels):
    for label in labels:
        w = len(label.text) * LABEL_CHAR_WIDTH
        left = (
            label.x if label.anchor == "start" else label.x - w if label.anchor == "end" else label.x - w / 2
        )
        yield (left, label.y - LABEL_HEIGHT + 3, left + w, label.y + 3)


@pytest.mark.parametrize(
    "spots",
    [
        # Kyiv and a place just beside it; Barsalogho and Kaya, 40 km apart, close on a wide map.
        [(300.0, 200.0, 13.0, "Kyiv"), (312.0, 204.0, 13.0, "Sumy")],
        [(200.0, 300.0, 13.0, "Barsalogho"), (215.0, 290.0, 13.0, "Kaya"), (205.0, 310.0, 13.0, "Kongoussi")],
    ],
)
def test_web_charts_map_labels_never_overlap(spots) -> None:
    dots = [(x, y, 6.0) for x, y, _, _ in spots]
    labels = place_labels(spots, dots, width=640, height=520)
    assert labels and labels[0].text == spots[0][3]  # the first (deadliest) always gets a spot
    boxes = list(_boxes(labels))
    for i, a in enumerate(boxes):
        assert a[0] >= 0 and a[2] <= 640
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), labels


def test_web_charts_map_label_left_out_when_no_room() -> None:
    # Two names at one spot in a map too small for both: the second is left out, not overprinted.
    labels = place_labels(
        [(30.0, 15.0, 4.0, "Alpha"), (30.0, 15.0, 4.0, "Beta")], [(30.0, 15.0, 4.0)], width=100, height=40
    )
    assert [label.text for label in labels] == ["Alpha"]


def test_web_charts_claims_one_line_per_claimant() -> None:
    def claim(id: str, claimant: str, day: int, figure: int) -> Claim:
        return Claim(
            id,
            "a1",
            claimant,
            "civilians",
            "killed",
            Span(0, 1, "x"),
            claim_date=date(2024, 3, day),
            figure=figure,
        )

    # Two claimants alternate: a line must never join one claimant's figure to the other's.
    claims = [claim("c1", "army", 1, 10), claim("c2", "rebels", 2, 40), claim("c3", "army", 3, 12)]
    (chart,) = claim_charts(claims)
    lines = {s.claimant: [p.claim_id for p in s.points] for s in chart.series}
    assert lines == {"army": ["c1", "c3"], "rebels": ["c2"]}


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
