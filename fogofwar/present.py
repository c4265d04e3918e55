"""How records read, shared by the CLI, the web pages and the situation report.

Plain functions from records to strings and plain data (dicts, rows, JSON, CSV text): no rich,
no HTTP, no templates. The CLI draws tables and progress with rich (:mod:`fogofwar.cli.console`),
the web pages render Jinja templates (:mod:`fogofwar.api`), the report writes sentences
(:mod:`fogofwar.report`); a date, a place, a range of figures or an outlet's name reads the same
in all three because it is written here once. JSON is always a record's ``to_dict()`` (plus a few
aliases), the shape the API returns.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Collection, Mapping, Sequence
from typing import IO, Any
from urllib.parse import urlsplit

from fogofwar.export.figures import killed_range
from fogofwar.model import Article, Claim, DatePrecision, Event, Place, PlacePrecision
from fogofwar.outlets import outlet_names
from fogofwar.reconcile import TOTAL_OUTCOMES, event_totals, totals_by_outcome

ARTICLE_TABLE = ("id", "published", "dateline", "source", "title")
EVENT_TABLE = ("id", "type", "dates", "place", "actors", "killed", "articles")
EVENT_CSV = (
    "id",
    "type",
    "sub_type",
    "start",
    "end",
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "actors",
    "killed_low",
    "killed_high",
    "killed_best",
    "injured_best",
    "captured_best",
    "articles",
    "sources",
)
# ActorRole.role values shown as the two sides of an event ("A vs B").
_SIDES = ("side_a", "side_b")
# Links are made only to these schemes: a stored URL must never become a ``javascript:`` link.
_SAFE_SCHEMES = ("http", "https")
# How a figure's qualifier is written before it in a compact cell.
QUALIFIER_SIGNS = {"at_least": "≥", "at_most": "≤", "about": "~"}
# How precise a date or a place is, in words.
DATE_PRECISION_TEXT = {
    DatePrecision.DAY: "to the day",
    DatePrecision.WEEK: "within a few days",
    DatePrecision.MONTH: "to the month",
    DatePrecision.YEAR: "to the year or vaguer",
}
PLACE_PRECISION_TEXT = {
    PlacePrecision.TOWN: "town",
    PlacePrecision.NEAR_TOWN: "near a town / district",
    PlacePrecision.REGION: "region",
    PlacePrecision.COUNTRY: "country",
}


# -- words and numbers --------------------------------------------------------------------


def format_range(low: int | None, high: int | None) -> str:
    """``"3"``, ``"3–5"``, ``"≥3"``, ``"≤5"`` or ``""``."""
    if low is None and high is None:
        return ""
    if low is None:
        return f"≤{high}"
    if high is None:
        return f"≥{low}"
    return str(low) if low == high else f"{low}–{high}"


def format_place(place: Place | None) -> str:
    """``"name, admin1, country"`` with the parts that are known."""
    if place is None:
        return ""
    return ", ".join(part for part in (place.name, place.admin1, place.country) if part)


def format_actors(event: Event) -> str:
    """Side A and side B actor names: ``"A1, A2 vs B1"`` (other roles after a semicolon)."""
    by_role: dict[str, list[str]] = {}
    for role in event.actors:
        names = by_role.setdefault(role.role, [])
        if role.actor.name not in names:
            names.append(role.actor.name)
    sides = " vs ".join(", ".join(by_role[side]) for side in _SIDES if by_role.get(side))
    others = ", ".join(
        f"{name} ({role})" for role, names in by_role.items() if role not in _SIDES for name in names
    )
    return "; ".join(part for part in (sides, others) if part)


def format_dates(event: Event) -> str:
    """``"start"`` or ``"start–end"`` (ISO), ``""`` when undated."""
    start = event.start.isoformat() if event.start else ""
    end = event.end.isoformat() if event.end else ""
    return start if end in ("", start) else f"{start}–{end}"


def format_killed(event: Event) -> str:
    """The event's people killed as a range (:func:`format_range` of ``event_totals``)."""
    return format_range(*killed_range(event))


def format_figure(claim: Claim) -> str:
    """A claim's amount: ``"12"``, ``"at least 12"``, ``"about 30 (25–35)"``, ``"10–20"``, ``"no figure"``."""
    if claim.figure is None:
        return format_range(claim.low, claim.high) or "no figure"
    qualifier = "" if claim.qualifier in ("exact", "vague") else claim.qualifier.replace("_", " ") + " "
    amount = f"{qualifier}{claim.figure}"
    # The range adds something only when it is a real, closed range ("about 30 (25–35)").
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        amount += f" ({format_range(claim.low, claim.high)})"
    return amount


def figure_sign(claim: Claim) -> str:
    """A claim's figure in a compact cell: "84", "≥12", "3–4", or "no figure"."""
    exact = claim.low in (None, claim.figure) and claim.high in (None, claim.figure)
    if claim.figure is not None and exact:
        return f"{QUALIFIER_SIGNS.get(claim.qualifier, '')}{claim.figure}"
    return format_range(claim.low, claim.high) or "no figure"


def date_precision_text(precision: int | None) -> str:
    """An event date's precision in words ("to the day" ...); unknown counts as the vaguest."""
    return DATE_PRECISION_TEXT.get(precision or DatePrecision.YEAR, f"precision {precision}")


def place_precision_text(precision: int | None) -> str:
    """A place's precision in words ("town" ...); unknown counts as a town (the record's default)."""
    return PLACE_PRECISION_TEXT.get(precision or PlacePrecision.TOWN, f"precision {precision}")


def outlet_label(article: Article) -> str:
    """Who published ``article``, one name per outlet joined with " / " (``fogofwar.outlets``
    folding: "Agence France-Presse" is "AFP"); ``""`` when nothing is known."""
    return " / ".join(outlet_names(article))


def safe_url(url: str | None) -> str | None:
    """``url`` (stripped) when it is an absolute http(s) URL, else None: a stored URL must never
    become a ``javascript:`` link."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


def plural(count: int, noun: str) -> str:
    """``"1 article"``, ``"2 articles"``."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


# -- records as dicts and rows ------------------------------------------------------------


def article_dict(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    """``Article.to_dict()``, without ``text`` unless ``with_text``."""
    data = article.to_dict()
    if not with_text:
        del data["text"]
    return data


def dateline_text(article: Article) -> str:
    """The article's dateline: ``"PLACE YYYY-MM-DD"`` with the parts that are known."""
    day = article.dateline_date.isoformat() if article.dateline_date else None
    return " ".join(part for part in (article.dateline_place, day) if part)


def article_row(article: Article) -> dict[str, Any]:
    """One article as a table row (see ARTICLE_TABLE)."""
    return {
        "id": article.id,
        "published": article.published.isoformat() if article.published else "",
        "dateline": dateline_text(article),
        "source": outlet_label(article),
        "title": article.title or "",
    }


def event_dict(event: Event) -> dict[str, Any]:
    """``Event.to_dict()`` with ``type`` / ``sub_type`` aliases of event_type / sub_event_type and
    the event's totals: ``killed``, ``injured``, ``captured`` as low / best / high / contested
    (:func:`fogofwar.reconcile.event_totals`)."""
    data = event.to_dict()
    return {
        "id": data.pop("id"),
        "type": event.event_type,
        "sub_type": event.sub_event_type,
        **data,
        **totals_by_outcome(event),
    }


def event_row(event: Event) -> dict[str, Any]:
    """One event as a table row (see EVENT_TABLE)."""
    return {
        "id": event.id,
        "type": f"{event.event_type} / {event.sub_event_type}",
        "dates": format_dates(event),
        "place": format_place(event.place),
        "actors": format_actors(event),
        "killed": format_killed(event),
        "articles": len(event.article_ids),
    }


def _cell(value: object) -> object:
    return "" if value is None else value


def event_csv_row(event: Event) -> dict[str, Any]:
    """One event as a flat CSV row (see EVENT_CSV)."""
    totals = {outcome: event_totals(event, outcome) for outcome in TOTAL_OUTCOMES}
    place = event.place
    return {
        "id": event.id,
        "type": event.event_type,
        "sub_type": event.sub_event_type,
        "start": event.start.isoformat() if event.start else "",
        "end": event.end.isoformat() if event.end else "",
        "place": place.name if place else "",
        "admin1": (place.admin1 if place else None) or "",
        "country": (place.country if place else None) or "",
        "lat": _cell(place.lat if place else None),
        "lon": _cell(place.lon if place else None),
        "actors": format_actors(event),
        "killed_low": _cell(totals["killed"].low),
        "killed_high": _cell(totals["killed"].high),
        **{f"{outcome}_best": _cell(total.best) for outcome, total in totals.items()},
        "articles": len(event.article_ids),
        "sources": event.sources,
    }


# -- JSON and CSV text --------------------------------------------------------------------


def strict_json(data: Any) -> Any:
    """``data`` with every non-finite float (NaN, infinity) replaced by None: JSON has no NaN,
    and a consumer that reads ``NaN`` has been handed invalid JSON."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, Mapping):
        return {k: strict_json(v) for k, v in data.items()}
    if isinstance(data, list | tuple):
        return [strict_json(v) for v in data]
    return data


def write_json(data: Any, out: IO[str]) -> None:
    """``data`` as indented strict JSON (see :func:`strict_json`) followed by a newline."""
    out.write(json.dumps(strict_json(data), ensure_ascii=False, indent=2, allow_nan=False) + "\n")


def json_line(record: Mapping[str, Any]) -> str:
    """One compact strict JSON object and a newline."""
    return json.dumps(strict_json(record), ensure_ascii=False, allow_nan=False) + "\n"


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], out: IO[str]) -> None:
    """``rows`` as CSV with a header of ``columns``; values that are lists are joined with "; "."""
    # Build in memory first: csv needs newline="" semantics, which a text stream we were handed may lack.
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    out.write(buffer.getvalue())


# -- details (`show`) ---------------------------------------------------------------------


def format_claim(claim: Claim) -> str:
    """Two lines: who claims what about whom (and the claimant as the report names it, when
    that is not the normalised name: "Government of Ukraine ... said by “Ukraine's State
    Emergency Service”"), then the evidence quote."""
    date = claim.claim_date.isoformat() if claim.claim_date else "undated"
    head = (
        f"{date}  {claim.claimant} {claim.stance}: {format_figure(claim)} {claim.outcome}"
        f" (victims: {claim.victims})"
    )
    words = claim.claimant_words
    if words and words.casefold() != claim.claimant.casefold():
        head += f" said by \u201c{words}\u201d"
    return f"{head}\n    \u201c{claim.evidence.text}\u201d"


def _fields(head: str, fields: Sequence[tuple[str, object]]) -> list[str]:
    """``head`` and the fields that have a value, one indented ``name: value`` line each."""
    return [head, *(f"  {name + ':':<14}{value}" for name, value in fields if value)]


def describe_article(
    article: Article,
    claims: Sequence[Claim],
    *,
    event_ids: Sequence[str] = (),
    unlinked: Collection[str] = (),
) -> str:
    """An article's metadata, the events it feeds and its claims, as text for `show`.

    Claims whose id is in ``unlinked`` (held by no event: background, or a mention that joined
    no event) are marked, so they are seen rather than silently missing from every event.
    """
    lines = _fields(
        f"article {article.id}",
        [
            ("title", article.title),
            ("published", article.published.isoformat() if article.published else None),
            ("dateline", dateline_text(article)),
            ("source", article.source),
            ("agency", article.agency),
            ("url", article.url),
            ("origin", article.origin),
            ("duplicate of", article.duplicate_of),
            ("events", ", ".join(event_ids)),
        ],
    )
    lines.append(f"  {'length:':<14}{len(article.text)} characters")
    lines.append(f"claims ({len(claims)}):" if claims else "claims: none extracted")
    if unlinked:
        lines[-1] = f"claims ({len(claims)}, {len(unlinked)} in no event):"
    lines += ["  " + ("[in no event] " if c.id in unlinked else "") + format_claim(c) for c in claims]
    return "\n".join(lines)


def _claim_order(claim: Claim) -> tuple[bool, str, str]:
    # Undated claims last; ties keep a stable order by id.
    return (claim.claim_date is None, claim.claim_date.isoformat() if claim.claim_date else "", claim.id)


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)


def describe_event(event: Event) -> str:
    """An event's summary, reconciled figures and claims timeline (by claim date), as text for `show`."""
    lines = _fields(
        f"event {event.id}",
        [
            ("type", f"{event.event_type} / {event.sub_event_type}"),
            ("dates", format_dates(event)),
            ("place", format_place(event.place)),
            ("actors", format_actors(event)),
            ("articles", f"{len(event.article_ids)} ({event.sources} distinct sources)"),
            ("contested", ", ".join(event.contested)),
        ],
    )
    if event.reconciled:
        lines.append("figures:")
        for r in event.reconciled:
            flag = "  [contradictory claims]" if r.contradiction else ""
            lines.append(
                f"  {r.outcome} ({r.victims}): low {_or_dash(r.low)}, best {_or_dash(r.best)}, "
                f"high {_or_dash(r.high)} by {r.rule}{flag}"
            )
    claims = sorted(event.claims, key=_claim_order)
    lines.append(f"timeline ({len(claims)} claims):" if claims else "timeline: no claims")
    lines += ["  " + format_claim(c) for c in claims]
    return "\n".join(lines)


def describe_demo(counts: Mapping[str, int], *, folder: str, added: int, already: int, rejected: int) -> str:
    """One paragraph saying what the demo read and found."""
    found = (
        f"Extraction found {counts['mentions']} event mentions and {counts['claims']} attributed "
        f"figures (claims), which linking gathered into {counts['events']} events."
    )
    if counts["mentions"] == 0 and counts["claims"] == 0:
        found = "No event mentions or claims were extracted (was extraction skipped?)."
    return (
        f"The demo read the example reports in {folder}: {added} new articles stored, "
        f"{already} already in the database, {rejected} rejected; the database now holds "
        f"{counts['articles']} articles. {found} Try `fogofwar show ID` with an id from the tables "
        "to see every claim behind a figure, who made it and the sentence it came from."
    )


__all__ = [
    "ARTICLE_TABLE",
    "EVENT_CSV",
    "EVENT_TABLE",
    "article_dict",
    "article_row",
    "date_precision_text",
    "dateline_text",
    "describe_article",
    "describe_demo",
    "describe_event",
    "event_csv_row",
    "event_dict",
    "event_row",
    "figure_sign",
    "format_actors",
    "format_claim",
    "format_dates",
    "format_figure",
    "format_killed",
    "format_place",
    "format_range",
    "json_line",
    "outlet_label",
    "place_precision_text",
    "plural",
    "safe_url",
    "strict_json",
    "write_csv",
    "write_json",
]
