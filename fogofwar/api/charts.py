"""Geometry of the page's inline SVG figures: the map, the timeline, and claim charts.

Pure functions from records to plain coordinates; templates draw them (and escape every label).
The map is an honest equirectangular plot: x is longitude scaled by the cosine of the middle
latitude, y is latitude, zoomed to the events' bounding box, with a graticule and the country
borders shipped in ``fogofwar/resources/borders.json`` (:mod:`fogofwar.api.borders`; nothing is
fetched at run time). Place labels are placed greedily: each takes the first spot around its
dot where its box meets no other label and no dot, or is left out.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from fogofwar.api.borders import Country, in_view
from fogofwar.export.figures import killed_range
from fogofwar.model import Claim, Event
from fogofwar.present import format_dates, format_place, format_range
from fogofwar.reconcile import claim_high, claim_low, timeline

MAP_WIDTH, MAP_MIN_HEIGHT, MAP_MAX_HEIGHT = 640, 280, 520
# Degrees: the least span shown, and the margin kept around the events.
MAP_MIN_SPAN, MAP_MARGIN = 2.0, 0.15
# Point radius in pixels: smallest (no figure) and largest (the most killed on the map).
POINT_MIN_R, POINT_MAX_R = 4.0, 13.0
# Pixels between events at the same spot and its centre.
FAN_RADIUS = 9.0
# At most this many places are labelled (the most deadly first); a label that would overprint
# another or a dot is moved round its dot, or left out.
MAX_MAP_LABELS = 24
# Label box estimate in pixels (12px text): width per character, height, gap to its dot.
LABEL_CHAR_WIDTH, LABEL_HEIGHT, LABEL_GAP = 6.8, 13.0, 3.0
GRID_STEPS = (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 15, 20, 30, 45, 60)
CHART_WIDTH, CHART_HEIGHT = 640, 240
# Claim charts sit two or three to a row: a smaller canvas keeps their labels readable.
CLAIM_CHART_WIDTH, CLAIM_CHART_HEIGHT = 460, 220
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 52, 16, 14, 30
DAY_STEPS = (1, 2, 7, 14)
HEADROOM = 1.1
# Distinct series colours in style.css (.series-0 ...).
SERIES_CLASSES = 8
EVENT_CLASSES = {
    "Battles": "battles",
    "Explosions/Remote violence": "remote",
    "Violence against civilians": "civilians",
    "Protests": "protests",
    "Riots": "riots",
    "Strategic developments": "strategic",
}


@dataclass(frozen=True)
class Tick:
    """A graduation: position in pixels along its axis, and its label."""

    pos: float
    label: str


@dataclass(frozen=True)
class MapPoint:
    event_id: str
    x: float
    y: float
    r: float
    title: str
    css: str


@dataclass(frozen=True)
class MapLabel:
    """A place name at (x, y), its text anchored ``anchor`` (SVG text-anchor: start, middle, end)."""

    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class CountryShape:
    """One country's outline as an SVG path; ``marked`` when an event on the map is in it."""

    iso: str
    name: str
    path: str
    marked: bool = False


@dataclass(frozen=True)
class MapFigure:
    """The map: size, graticule ticks (x for meridians, y for parallels), points and labels."""

    width: int
    height: int
    x_ticks: list[Tick] = field(default_factory=list)
    y_ticks: list[Tick] = field(default_factory=list)
    points: list[MapPoint] = field(default_factory=list)
    labels: list[MapLabel] = field(default_factory=list)
    unplaced: int = 0
    countries: list[CountryShape] = field(default_factory=list)
    unlabelled: int = 0  # places whose label found no free spot


def event_class(event_type: str) -> str:
    """The CSS class for an ACLED event type (colours live in style.css)."""
    return EVENT_CLASSES.get(event_type, "other")


# Each event's people killed (low, high) by id, where the events were read without their figures
# (the summaries the map and timeline draw carry the stored totals beside them).
Killed = Mapping[str, tuple[int | None, int | None]]


def _killed(event: Event, killed: Killed | None) -> tuple[int | None, int | None]:
    if killed is not None and event.id in killed:
        return killed[event.id]
    return killed_range(event)


def event_title(event: Event, killed: Killed | None = None) -> str:
    """A one-line description for tooltips: type, place, dates and people killed."""
    killed = format_range(*_killed(event, killed))  # type: ignore[assignment]
    parts = [event.sub_event_type or event.event_type, format_place(event.place), format_dates(event)]
    text = " · ".join(p for p in parts if p)
    return f"{text} · killed {killed}" if killed else text


def event_map(
    events: Sequence[Event],
    *,
    width: int = MAP_WIDTH,
    borders: Sequence[Country] = (),
    killed: Killed | None = None,
) -> MapFigure:
    """Equirectangular plot of the events that have coordinates, zoomed to their bounding box,
    over the outlines of ``borders`` (:func:`fogofwar.api.borders.load_borders`) in view.
    ``killed``: each event's (low, high) killed, for events read without their figures."""
    located = [e for e in events if e.place and e.place.lat is not None and e.place.lon is not None]
    unplaced = len(events) - len(located)
    if not located:
        return MapFigure(width=width, height=MAP_MIN_HEIGHT, unplaced=unplaced)
    lats = [e.place.lat for e in located]  # type: ignore[union-attr]
    lons = [e.place.lon for e in located]  # type: ignore[union-attr]
    lat_mid = (min(lats) + max(lats)) / 2
    squeeze = max(math.cos(math.radians(lat_mid)), 0.2)
    lat_span = max(max(lats) - min(lats), MAP_MIN_SPAN) * (1 + 2 * MAP_MARGIN)
    lon_span = max(max(lons) - min(lons), MAP_MIN_SPAN) * (1 + 2 * MAP_MARGIN)
    height = width * lat_span / (lon_span * squeeze)
    # Keep the aspect true: when the height is clamped, show more of the other direction instead.
    if height > MAP_MAX_HEIGHT:
        height = MAP_MAX_HEIGHT
        lon_span = lat_span / squeeze * width / height
    elif height < MAP_MIN_HEIGHT:
        height = MAP_MIN_HEIGHT
        lat_span = lon_span * squeeze * height / width
    west = (min(lons) + max(lons)) / 2 - lon_span / 2
    north = lat_mid + lat_span / 2

    def x_of(lon: float) -> float:
        return (lon - west) / lon_span * width

    def y_of(lat: float) -> float:
        return (north - lat) / lat_span * height

    highs = [h for e in located if (h := _killed(e, killed)[1])]
    most = max(highs, default=0)
    points, spots = [], defaultdict(list)
    for event in located:
        spots[(round(event.place.lat, 2), round(event.place.lon, 2))].append(event)  # type: ignore[union-attr]
    wanted = []  # (how deadly, x, y, clearance, name) of each spot, for the labels
    for (lat, lon), here in spots.items():
        x, y = x_of(lon), y_of(lat)
        for i, event in enumerate(here):
            # Events at the same spot are fanned out on a small circle, so each stays clickable.
            dx, dy = _fan(i, len(here))
            high = _killed(event, killed)[1] or 0
            r = POINT_MIN_R + (POINT_MAX_R - POINT_MIN_R) * math.sqrt(high / most) if most else POINT_MIN_R
            points.append(
                MapPoint(
                    event.id,
                    round(x + dx, 1),
                    round(y + dy, 1),
                    round(r, 1),
                    event_title(event, killed),
                    event_class(event.event_type),
                )
            )
        # Clear of the spot's dots (fanned out or not) and of the largest radius.
        clearance = POINT_MAX_R + (FAN_RADIUS if len(here) > 1 else 0)
        deadliest = max((_killed(e, killed)[1] or 0) for e in here)
        wanted.append((deadliest, x, y, clearance, here[0].place.name))  # type: ignore[union-attr]
    wanted.sort(key=lambda w: -w[0])  # stable: equal tolls keep the events' order
    labels = place_labels(
        [(x, y, clearance, name) for _, x, y, clearance, name in wanted[:MAX_MAP_LABELS]],
        [(p.x, p.y, p.r) for p in points],
        width=width,
        height=height,
    )
    step = _grid_step(max(lat_span, lon_span))
    x_ticks = [
        Tick(round(x_of(v), 1), _degrees(v, "E", "W", step)) for v in _multiples(west, west + lon_span, step)
    ]
    y_ticks = [
        Tick(round(y_of(v), 1), _degrees(v, "N", "S", step))
        for v in _multiples(north - lat_span, north, step)
    ]
    view = (west, north - lat_span, west + lon_span, north)
    marked = {e.place.country for e in located if e.place and e.place.country}  # type: ignore[union-attr]
    countries = country_shapes(borders, view, x_of, y_of, marked=marked)
    return MapFigure(
        width,
        round(height),
        x_ticks,
        y_ticks,
        points,
        labels,
        unplaced,
        countries=countries,
        unlabelled=len(wanted) - len(labels),
    )


Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


def place_labels(
    spots: Sequence[tuple[float, float, float, str]],
    dots: Sequence[tuple[float, float, float]],
    *,
    width: float,
    height: float,
) -> list[MapLabel]:
    """Greedy label placement: each spot (x, y, clearance from its centre, text), in the order
    given (most important first), takes the first of right, left, above, below, and the four
    corners where its box stays on the map and meets no placed label and no dot (x, y, r) other
    than its own spot's; a label with no free spot is left out."""
    placed: list[Box] = []
    labels = []
    for x, y, clearance, text in spots:
        w, h = len(text) * LABEL_CHAR_WIDTH, LABEL_HEIGHT
        gap = clearance + LABEL_GAP
        near = gap * 0.75  # corner offsets: diagonal, about as far from the centre
        candidates = [
            (x + gap, y + h / 2 - 2, "start"),
            (x - gap, y + h / 2 - 2, "end"),
            (x, y - gap, "middle"),
            (x, y + gap + h - 3, "middle"),
            (x + near, y - near, "start"),
            (x - near, y - near, "end"),
            (x + near, y + near + h - 3, "start"),
            (x - near, y + near + h - 3, "end"),
        ]
        others = [(dx, dy, r) for dx, dy, r in dots if math.hypot(dx - x, dy - y) > clearance]
        for tx, ty, anchor in candidates:
            left = tx if anchor == "start" else tx - w if anchor == "end" else tx - w / 2
            box = (left, ty - h + 3, left + w, ty + 3)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if any(_overlap(box, b) for b in placed) or any(_meets_dot(box, d) for d in others):
                continue
            placed.append(box)
            labels.append(MapLabel(round(tx, 1), round(ty, 1), text, anchor))
            break
    return labels


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _meets_dot(box: Box, dot: tuple[float, float, float]) -> bool:
    x, y, r = dot
    nearest_x, nearest_y = min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3])
    return math.hypot(x - nearest_x, y - nearest_y) < r


def country_shapes(
    borders: Sequence[Country],
    view: tuple[float, float, float, float],
    x_of,
    y_of,
    *,
    marked: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[CountryShape]:
    """SVG paths of the countries in ``view`` (west, south, east, north), in pixels.

    Points far outside the view are pulled onto a box around it (see :func:`_pull_in`), so a
    big country adds a few points, not thousands, and what is drawn inside the view is exact.
    """
    west, south, east, north = view
    pad = max(east - west, north - south)
    box = (west - pad, south - pad, east + pad, north + pad)
    shapes = []
    for country in in_view(borders, *view):
        parts = []
        for ring in country.rings:
            kept = _pull_in(ring, box)
            if len(kept) < 3 or _flat(kept):
                continue
            parts.append("M" + " ".join(f"{x_of(lon):.1f},{y_of(lat):.1f}" for lon, lat in kept) + "Z")
        if parts:
            shapes.append(CountryShape(country.iso, country.name, "".join(parts), country.iso in marked))
    return shapes


def _pull_in(
    ring: Sequence[tuple[float, float]], box: tuple[float, float, float, float]
) -> list[tuple[float, float]]:
    """``ring`` with each point whose two segments both lie outside ``box`` (their bounding boxes
    miss it) moved onto the box's edge, and runs of such points along one edge cut to their ends.

    A segment whose bounding box misses the box lies wholly beyond one of its sides, so its moved
    ends stay on that side's edge: every changed segment is outside the box, and the part of the
    outline inside it (the view, with a margin) is drawn exactly, fill included.
    """
    west, south, east, north = box

    def meets(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return (
            min(a[0], b[0]) <= east
            and max(a[0], b[0]) >= west
            and min(a[1], b[1]) <= north
            and max(a[1], b[1]) >= south
        )

    n = len(ring)
    out: list[tuple[float, float]] = []
    moved: list[bool] = []
    for i, point in enumerate(ring):
        before, after = ring[i - 1], ring[(i + 1) % n]
        if meets(before, point) or meets(point, after):
            out.append(point)
            moved.append(False)
            continue
        pulled = (min(max(point[0], west), east), min(max(point[1], south), north))
        if out and moved[-1] and out[-1] == pulled:
            continue
        # Three pulled points on one edge: the middle one adds nothing.
        if len(out) >= 2 and moved[-1] and moved[-2] and _same_edge(out[-2], out[-1], pulled):
            out[-1] = pulled
            continue
        out.append(pulled)
        moved.append(True)
    return out


def _same_edge(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float]) -> bool:
    return a[0] == b[0] == c[0] or a[1] == b[1] == c[1]


def _flat(points: Sequence[tuple[float, float]]) -> bool:
    """Whether every point lies on one line parallel to an axis (nothing to draw)."""
    return len({p[0] for p in points}) == 1 or len({p[1] for p in points}) == 1


def _fan(i: int, n: int) -> tuple[float, float]:
    if n == 1:
        return 0.0, 0.0
    angle = 2 * math.pi * i / n
    return FAN_RADIUS * math.cos(angle), FAN_RADIUS * math.sin(angle)


def _grid_step(span: float) -> float:
    """A round step giving four to eight lines across ``span`` degrees."""
    return next((s for s in GRID_STEPS if span / s <= 8), GRID_STEPS[-1])


def _multiples(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step)
    return [round(k * step, 6) for k in range(first, math.floor(high / step) + 1)]


def _degrees(value: float, positive: str, negative: str, step: float) -> str:
    digits = 0 if step >= 1 else 2 if step in (0.25,) else 1
    hemisphere = positive if value > 0 else negative if value < 0 else ""
    return f"{abs(value):.{digits}f}°{hemisphere}"


# -- timeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineMark:
    """One event: x at its dates (x1..x2), a vertical bar over its killed range, a dot at the low figure."""

    event_id: str
    x1: float
    x2: float
    y_low: float
    y_high: float
    has_figure: bool
    title: str
    css: str


@dataclass(frozen=True)
class Plot:
    """A chart's frame: size, the plotting box, and axis ticks."""

    width: int
    height: int
    left: float
    right: float
    top: float
    bottom: float
    x_ticks: list[Tick]
    y_ticks: list[Tick]


@dataclass(frozen=True)
class TimelineFigure:
    plot: Plot | None
    marks: list[TimelineMark]
    undated: int


def event_timeline(
    events: Sequence[Event],
    *,
    width: int = CHART_WIDTH,
    height: int = CHART_HEIGHT,
    killed: Killed | None = None,
) -> TimelineFigure:
    """Dated events along a time axis; height shows people killed (low to high); ``killed`` as
    for :func:`event_map`."""
    dated = [e for e in events if e.start is not None]
    if not dated:
        return TimelineFigure(None, [], len(events))
    first = min(e.start for e in dated)  # type: ignore[type-var]
    last = max((e.end or e.start) for e in dated)  # type: ignore[type-var]
    most = max((h for e in dated if (h := _killed(e, killed)[1])), default=0)
    plot, x_of, y_of = _frame(first, last, most, width=width, height=height)
    marks = []
    for event in dated:
        low, high = _killed(event, killed)
        low = low if low is not None else high
        marks.append(
            TimelineMark(
                event.id,
                x_of(event.start),  # type: ignore[arg-type]
                x_of(event.end or event.start),  # type: ignore[arg-type]
                y_of(low or 0),
                y_of(high if high is not None else (low or 0)),
                low is not None,
                event_title(event, killed),
                event_class(event.event_type),
            )
        )
    return TimelineFigure(plot, marks, len(events) - len(dated))


# -- claim charts -------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartPoint:
    claim_id: str
    x: float
    y: float
    y_low: float
    y_high: float
    label: str
    title: str


@dataclass(frozen=True)
class Series:
    """One claimant's figures over time for one victim group and outcome."""

    claimant: str
    css: str
    points: list[ChartPoint]

    @property
    def path(self) -> str:
        """The polyline through the points, as an SVG ``points`` attribute."""
        return " ".join(f"{p.x},{p.y}" for p in self.points)


@dataclass(frozen=True)
class ClaimChart:
    victims: str
    outcome: str
    plot: Plot
    series: list[Series]
    unplotted: int  # claims with no figure or no date


def claim_charts(
    claims: Sequence[Claim], *, width: int = CLAIM_CHART_WIDTH, height: int = CLAIM_CHART_HEIGHT
) -> list[ClaimChart]:
    """One chart per (victims, outcome) with at least one dated figure: each claimant's figures over time."""
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for claim in timeline(claims):
        groups[(claim.victims, claim.outcome)].append(claim)
    charts = []
    for (victims, outcome), group in groups.items():
        plotted = [c for c in group if c.claim_date is not None and c.point is not None]
        if not plotted:
            continue
        first = min(c.claim_date for c in plotted)  # type: ignore[type-var]
        last = max(c.claim_date for c in plotted)  # type: ignore[type-var]
        most = max(claim_high(c) or 0 for c in plotted)
        plot, x_of, y_of = _frame(first, last, most, width=width, height=height)
        by_claimant: dict[str, list[ChartPoint]] = defaultdict(list)
        for claim in plotted:
            value = claim.point or 0
            by_claimant[claim.claimant].append(
                ChartPoint(
                    claim.id,
                    x_of(claim.claim_date),  # type: ignore[arg-type]
                    y_of(value),
                    y_of(claim_low(claim) or value),
                    y_of(claim_high(claim) or value),
                    str(value),
                    f"{claim.claimant} ({claim.stance}, {claim.claim_date}): "
                    f"{_figure_text(claim)} {victims} {outcome}",
                )
            )
        series = [
            Series(name, f"series-{i % SERIES_CLASSES}", points)
            for i, (name, points) in enumerate(by_claimant.items())
        ]
        charts.append(ClaimChart(victims, outcome, plot, series, len(group) - len(plotted)))
    return charts


def _figure_text(claim: Claim) -> str:
    low, high = claim_low(claim), claim_high(claim)
    if claim.figure is not None and low == high:
        return str(claim.figure)
    return format_range(low, high) or "no figure"


# -- shared frame -------------------------------------------------------------------------


def _frame(first: date, last: date, most: int, *, width: int, height: int):
    """A plot box with a date x axis (a day's margin each side) and a 0..``most`` y axis."""
    start, end = first - timedelta(days=1), last + timedelta(days=1)
    days = (end - start).days
    left, right = MARGIN_LEFT, width - MARGIN_RIGHT
    top, bottom = MARGIN_TOP, height - MARGIN_BOTTOM
    # Headroom above the highest value, so its label stays inside the plot.
    y_max, y_step = _nice_axis(math.ceil(most * HEADROOM))

    def x_of(day: date) -> float:
        return round(left + (day - start).days / days * (right - left), 1)

    def y_of(value: float) -> float:
        return round(bottom - value / y_max * (bottom - top), 1)

    x_ticks = [Tick(x_of(d), label) for d, label in _date_ticks(start, end)]
    y_ticks = [Tick(y_of(v), str(v)) for v in range(0, y_max + 1, y_step)]
    return Plot(width, height, left, right, top, bottom, x_ticks, y_ticks), x_of, y_of


def _nice_axis(most: int) -> tuple[int, int]:
    """(top of the axis, step) for values up to ``most``: a round step, four to six ticks."""
    if most <= 0:
        return 10, 2
    raw = most / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return step * math.ceil(most / step), step


def _date_ticks(start: date, end: date) -> list[tuple[date, str]]:
    """Round dates between ``start`` and ``end``: days, weeks or month starts, about four to eight."""
    days = (end - start).days
    step = next((s for s in DAY_STEPS if days / s <= 8), None)
    if step is not None:
        ticks = [start + timedelta(days=k) for k in range(1, days, step)]
        return [(d, d.strftime("%d %b")) for d in ticks]
    months = []
    current = date(start.year, start.month, 1)
    while current <= end:
        if current >= start:
            months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    every = max(1, math.ceil(len(months) / 8))
    return [(d, d.strftime("%b %Y")) for d in months[::every]]
