"""The terminal side of the CLI: tables, listings and progress drawn with rich.

Functions write to the stream they are given (never to one of their own choosing). What a row
or a JSON record holds is :mod:`fogofwar.present`'s; only the drawing is here, so rich stays
inside the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import IO, Any, Generic, TypeVar

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

from fogofwar.model import Article, Event
from fogofwar.present import (
    ARTICLE_TABLE,
    EVENT_CSV,
    EVENT_TABLE,
    article_dict,
    article_row,
    event_csv_row,
    event_dict,
    event_row,
    write_csv,
    write_json,
)

T = TypeVar("T")
R = TypeVar("R")

# A progress display appears once a run has gone past this many inputs (and stderr is a terminal).
PROGRESS_THRESHOLD = 20
# Columns never wrapped in a table: ids are what people copy into `show`; dates and figures
# read wrong when broken across lines.
_NO_WRAP = ("id", "published", "dates", "killed", "articles", "value")
# Width of tables written to a file or pipe: wide enough that a row stays on one line for grep.
_PIPE_WIDTH = 240


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


# -- listings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing(Generic[R]):
    """How one kind of record is listed: JSON dicts, CSV rows and columns, table rows and columns.

    ``csv_columns`` None: the keys of the first JSON dict (and the dicts are the CSV rows).
    """

    noun: str
    as_dict: Callable[[R], dict[str, Any]]
    table_row: Callable[[R], dict[str, Any]]
    table_columns: Sequence[str]
    csv_row: Callable[[R], dict[str, Any]] | None = None
    csv_columns: Sequence[str] | None = None


def write_listing(records: Sequence[R], listing: Listing[R], *, fmt: str, out: IO[str]) -> None:
    """``records`` as a table, a JSON list or CSV (``fmt``); with none, the table says so and JSON
    and CSV write nothing."""
    if not records:
        if fmt == "table":
            out.write(f"no {listing.noun} stored\n")
        return
    if fmt == "json":
        write_json([listing.as_dict(r) for r in records], out)
    elif fmt == "csv":
        rows = [(listing.csv_row or listing.as_dict)(r) for r in records]
        write_csv(rows, listing.csv_columns or list(rows[0]), out)
    else:
        write_table([listing.table_row(r) for r in records], listing.table_columns, out)


def write_articles(articles: Sequence[Article], *, fmt: str, out: IO[str], with_text: bool = False) -> None:
    """Articles as a table, a JSON list of ``article_dict`` or CSV of the same keys."""
    listing = Listing[Article](
        "articles", lambda a: article_dict(a, with_text=with_text), article_row, ARTICLE_TABLE
    )
    write_listing(articles, listing, fmt=fmt, out=out)


EVENTS = Listing[Event]("events", event_dict, event_row, EVENT_TABLE, event_csv_row, EVENT_CSV)


def write_events(events: Sequence[Event], *, fmt: str, out: IO[str]) -> None:
    """Events as a table (one row each), a JSON list of ``event_dict`` or flat CSV."""
    write_listing(events, EVENTS, fmt=fmt, out=out)


def write_metrics(metrics: Mapping[str, float | int], out: IO[str]) -> None:
    """Evaluation metrics as a two-column table (floats to 3 decimals)."""
    rows = [
        {"metric": name, "value": f"{value:.3f}" if isinstance(value, float) else str(value)}
        for name, value in metrics.items()
    ]
    write_table(rows, ("metric", "value"), out)


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
