"""Output formatting shared by the CLI commands: tables, JSON, CSV, JSON Lines and record details.

Part of the CLI edge: functions build strings or write to the stream they are given (never
to a stream of their own choosing), so every command formats a record the same way. JSON is
always a record's ``to_dict()`` (plus a few aliases), the shape the API returns.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any, TypeVar

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from fogofwar.model import Article, Claim, Event, Place, Total
from fogofwar.reconcile import TOTAL_OUTCOMES, event_totals, totals_by_outcome

T = TypeVar("T")

# A progress display appears once a run has gone past this many inputs (and stderr is a terminal).
PROGRESS_THRESHOLD = 20

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
# Columns never wrapped in a table: ids are what people copy into `show`; dates and figures
# read wrong when broken across lines.
_NO_WRAP = ("id", "published", "dates", "killed", "articles", "value")
# Width of tables written to a file or pipe: wide enough that a row stays on one line for grep.
_PIPE_WIDTH = 240
# ActorRole.role values shown as the two sides of an event ("A vs B").
_SIDES = ("side_a", "side_b")


# -- records as dicts and rows ------------------------------------------------------------


def article_dict(article: Article, *, with_text: bool = False) -> dict[str, Any]:
    """``Article.to_dict()``, without ``text`` unless ``with_text``."""
    data = article.to_dict()
    if not with_text:
        del data["text"]
    return data


def article_row(article: Article) -> dict[str, Any]:
    """One article as a table row (see ARTICLE_TABLE)."""
    dateline = " ".join(
        part
        for part in (
            article.dateline_place,
            article.dateline_date.isoformat() if article.dateline_date else None,
        )
        if part
    )
    source = " / ".join(dict.fromkeys(part for part in (article.source, article.agency) if part))
    return {
        "id": article.id,
        "published": article.published.isoformat() if article.published else "",
        "dateline": dateline,
        "source": source,
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


def _range(total: Total) -> tuple[int | None, int | None]:
    return total.low, total.high


def _cell(value: int | None) -> int | str:
    return "" if value is None else value


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


def event_row(event: Event) -> dict[str, Any]:
    """One event as a table row (see EVENT_TABLE)."""
    return {
        "id": event.id,
        "type": f"{event.event_type} / {event.sub_event_type}",
        "dates": format_dates(event),
        "place": format_place(event.place),
        "actors": format_actors(event),
        "killed": format_range(*_range(event_totals(event, "killed"))),
        "articles": len(event.article_ids),
    }


def event_csv_row(event: Event) -> dict[str, Any]:
    """One event as a flat CSV row (see EVENT_CSV)."""
    totals = {outcome: event_totals(event, outcome) for outcome in TOTAL_OUTCOMES}
    low, high = _range(totals["killed"])
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
        "lat": "" if place is None or place.lat is None else place.lat,
        "lon": "" if place is None or place.lon is None else place.lon,
        "actors": format_actors(event),
        "killed_low": "" if low is None else low,
        "killed_high": "" if high is None else high,
        **{f"{outcome}_best": _cell(total.best) for outcome, total in totals.items()},
        "articles": len(event.article_ids),
        "sources": event.sources,
    }


# -- writers ------------------------------------------------------------------------------


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


def write_jsonl(records: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """One compact JSON object per line; returns how many lines were written."""
    count = 0
    for record in records:
        out.write(json_line(record))
        count += 1
    return count


def write_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], out: IO[str]) -> None:
    """``rows`` as CSV with a header of ``columns``; values that are lists are joined with "; "."""
    # Build in memory first: csv needs newline="" semantics, which a text stream we were handed may lack.
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "; ".join(map(str, v)) if isinstance(v, list) else v for k, v in row.items()})
    out.write(buffer.getvalue())


def write_table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], out: IO[str]) -> None:
    """``rows`` as a text table: fitted to a terminal, one line per row when ``out`` is a file or pipe."""
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for column in columns:
        table.add_column(column, no_wrap=column in _NO_WRAP)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row[c]) for c in columns))
    console = Console(file=out, highlight=False)
    if not console.is_terminal:
        console.width = max(console.width, _PIPE_WIDTH)
    console.print(table)


def write_articles(articles: Sequence[Article], *, fmt: str, out: IO[str], with_text: bool = False) -> None:
    """Articles as a table, a JSON list of ``article_dict`` or CSV of the same keys.

    With no articles: the table says so, JSON and CSV write nothing.
    """
    if not articles:
        if fmt == "table":
            out.write("no articles stored\n")
        return
    if fmt == "json":
        write_json([article_dict(a, with_text=with_text) for a in articles], out)
    elif fmt == "csv":
        dicts = [article_dict(a, with_text=with_text) for a in articles]
        write_csv(dicts, list(dicts[0]), out)
    else:
        write_table([article_row(a) for a in articles], ARTICLE_TABLE, out)


def write_events(events: Sequence[Event], *, fmt: str, out: IO[str]) -> None:
    """Events as a table (one row each), a JSON list of ``event_dict`` or flat CSV.

    With no events: the table says so, JSON and CSV write nothing.
    """
    if not events:
        if fmt == "table":
            out.write("no events stored\n")
        return
    if fmt == "json":
        write_json([event_dict(e) for e in events], out)
    elif fmt == "csv":
        write_csv([event_csv_row(e) for e in events], EVENT_CSV, out)
    else:
        write_table([event_row(e) for e in events], EVENT_TABLE, out)


def write_metrics(metrics: Mapping[str, float | int], out: IO[str]) -> None:
    """Evaluation metrics as a two-column table (floats to 3 decimals)."""
    rows = [
        {"metric": name, "value": f"{value:.3f}" if isinstance(value, float) else str(value)}
        for name, value in metrics.items()
    ]
    write_table(rows, ("metric", "value"), out)


# -- details (`show`) ---------------------------------------------------------------------


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


def format_claim(claim: Claim) -> str:
    """Two lines: who claims what about whom, then the evidence quote."""
    date = claim.claim_date.isoformat() if claim.claim_date else "undated"
    head = (
        f"{date}  {claim.claimant} {claim.stance}: {format_figure(claim)} {claim.outcome}"
        f" (victims: {claim.victims})"
    )
    return f"{head}\n    \u201c{claim.evidence.text}\u201d"


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
    fields = [
        ("title", article.title),
        ("published", article.published.isoformat() if article.published else None),
        ("dateline", article_row(article)["dateline"] or None),
        ("source", article.source),
        ("agency", article.agency),
        ("url", article.url),
        ("origin", article.origin),
        ("duplicate of", article.duplicate_of),
        ("events", ", ".join(event_ids) or None),
    ]
    lines = [f"article {article.id}"]
    lines += [f"  {name + ':':<14}{value}" for name, value in fields if value]
    lines.append(f"  {'length:':<14}{len(article.text)} characters")
    lines.append(f"claims ({len(claims)}):" if claims else "claims: none extracted")
    if unlinked:
        lines[-1] = f"claims ({len(claims)}, {len(unlinked)} in no event):"
    lines += ["  " + ("[in no event] " if c.id in unlinked else "") + format_claim(c) for c in claims]
    return "\n".join(lines)


def _claim_order(claim: Claim) -> tuple[bool, str, str]:
    # Undated claims last; ties keep a stable order by id.
    return (claim.claim_date is None, claim.claim_date.isoformat() if claim.claim_date else "", claim.id)


def describe_event(event: Event) -> str:
    """An event's summary, reconciled figures and claims timeline (by claim date), as text for `show`."""
    fields = [
        ("type", f"{event.event_type} / {event.sub_event_type}"),
        ("dates", format_dates(event)),
        ("place", format_place(event.place)),
        ("actors", format_actors(event)),
        ("articles", f"{len(event.article_ids)} ({event.sources} distinct sources)"),
        ("contested", ", ".join(event.contested)),
    ]
    lines = [f"event {event.id}"]
    lines += [f"  {name + ':':<14}{value}" for name, value in fields if value]
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


def _or_dash(value: int | None) -> str:
    return "–" if value is None else str(value)


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


# -- progress -----------------------------------------------------------------------------


def track(
    items: Iterable[T],
    *,
    description: str,
    enabled: bool,
    threshold: int = PROGRESS_THRESHOLD,
) -> Iterator[T]:
    """Yield ``items``; once more than ``threshold`` have passed, show a live count on stderr.

    Only when ``enabled`` (callers pass whether stderr is a terminal). The display is removed
    when the iteration ends, so logs and summaries printed afterwards stay clean.
    """
    if not enabled:
        yield from items
        return
    progress: Progress | None = None
    task = None
    try:
        for count, item in enumerate(items, start=1):
            if progress is None and count > threshold:
                progress = Progress(
                    SpinnerColumn(),
                    TextColumn("{task.description}: {task.completed} read"),
                    TimeElapsedColumn(),
                    console=Console(stderr=True),
                    transient=True,
                )
                progress.start()
                task = progress.add_task(description, total=None, completed=count - 1)
            if progress is not None and task is not None:
                progress.advance(task)
            yield item
    finally:
        if progress is not None:
            progress.stop()


def progress_bar(
    items: Iterable[T], *, total: int, description: str, enabled: bool, console: Console | None = None
) -> Iterator[T]:
    """Yield ``items`` (``total`` of them) with a progress bar on stderr: done of total, rate, time left.

    Only when ``enabled`` (callers pass whether stderr is a terminal and not --quiet) and the
    work is long enough to watch (more than PROGRESS_THRESHOLD items); removed when done.
    """
    if not enabled or total <= PROGRESS_THRESHOLD:
        yield from items
        return
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=console or Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(description, total=total, rate="")
        for item in items:
            bar.advance(task)
            speed = bar.tasks[0].speed
            bar.update(task, rate=f"{speed:.1f} articles/s" if speed else "")
            yield item


def status(text: str, *, enabled: bool) -> AbstractContextManager[object]:
    """A spinner with ``text`` on stderr while the block runs; does nothing unless ``enabled``."""
    return Console(stderr=True).status(text) if enabled else nullcontext()
