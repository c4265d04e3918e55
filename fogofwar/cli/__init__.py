"""fogofwar's command line: a thin skin over the library.

A command parses its options, builds Settings once, opens the store, calls library functions,
prints what :mod:`fogofwar.present` formats (tables and progress drawn by
:mod:`fogofwar.cli.console`), and maps errors to exit codes: 0 success; 1 a failure
the user can act on (rejected inputs, unknown id, a database or configuration problem);
2 a usage error (Click's own, and unknown export formats).

Extraction loads spaCy, which takes seconds; ``ingest --no-extract`` and ``demo --no-extract``
store articles without it. Tests use that, and it suits bulk loads too: a later ``ingest``
of the same inputs extracts the stored articles that were never extracted.

Layout: this module holds the root options and the commands that run the pipeline (``ingest``,
``watch``, ``demo``); :mod:`~fogofwar.cli.records` the commands that read the store, with the
event filters declared once in :mod:`~fogofwar.cli.filters`; :mod:`~fogofwar.cli.evaluate`
``fogofwar eval``.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

import fogofwar
from fogofwar import present
from fogofwar.batch import IngestReport, ingest_items
from fogofwar.cli import console, evaluate, records
from fogofwar.cli.common import (
    SHOW_PROGRESS,
    MaxBytesOption,
    NoExtractOption,
    app,
    exit_on_error,
    settings_of,
    show_progress,
)
from fogofwar.cli.filters import shown_events
from fogofwar.errors import ConfigError
from fogofwar.model import Extraction, Rejection
from fogofwar.pipeline import Pipeline
from fogofwar.present import plural
from fogofwar.reconcile import RULES
from fogofwar.settings import DEFAULT_RECONCILE_RULE, Settings
from fogofwar.store import Store

log = logging.getLogger(__name__)


def main() -> None:
    """Entry point of the ``fogofwar`` script.

    An unexpected error (a bug) ends in one line on stderr and exit status 1, not a traceback;
    ``-vv`` logs the traceback too. Interrupted, it exits 130: a batch not yet committed is
    rolled back whole (see fogofwar.batch).
    """
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("interrupted: nothing of the unfinished batch was stored", err=True)
        sys.exit(130)
    except Exception as e:
        logging.getLogger(__name__).debug("unexpected error", exc_info=True)
        detail = " ".join(f"{type(e).__name__}: {e}".split())[:300]
        typer.echo(
            f"Error: unexpected error ({detail}); run with -vv for the traceback and report it", err=True
        )
        sys.exit(1)


def _cores() -> int:
    """The CPU cores this process may run on (the default number of extraction processes)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def _configure_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    # basicConfig does nothing when the root logger already has handlers (pytest, embedding apps).
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("fogofwar").setLevel(level)


@app.callback()
def cli(
    ctx: typer.Context,
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            envvar="FOGOFWAR_DB",
            metavar="PATH",
            show_default="./fogofwar.db",
            help="SQLite database to read and write.",
        ),
    ] = None,
    processes: Annotated[
        int | None,
        typer.Option(
            "--processes",
            "-j",
            envvar="FOGOFWAR_PROCESSES",
            min=1,
            metavar="N",
            show_default="the machine's cores",
            help="Worker processes for extraction (ingest, demo, eval, watch); batches under 100 "
            "articles are extracted in one process.",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="FOGOFWAR_SCHEDULER",
            metavar="ADDRESS",
            help="Dask scheduler (tcp://host:8786) whose workers do the extraction (ingest, demo, eval).",
        ),
    ] = None,
    rule: Annotated[
        str | None,
        typer.Option(
            "--rule",
            envvar="FOGOFWAR_RULE",
            metavar="NAME",
            show_default=DEFAULT_RECONCILE_RULE,
            help=f"Reconcile rule for low / best / high: {', '.join(sorted(RULES))}.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="No progress display on stderr (it shows only on a terminal)."),
    ] = False,
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            show_default=False,
            help="Log progress (-v) or details (-vv) on stderr.",
        ),
    ] = 0,
) -> None:
    """fogofwar: news reports about armed conflict -> event data, every figure traced to who claimed it.

    \b
    Example:
        fogofwar --db war.db ingest reports/
        fogofwar --db war.db -j 2 ingest big-crawl.warc.gz
        fogofwar --db war.db --scheduler tcp://10.0.0.5:8786 ingest big-crawl.warc.gz
        fogofwar --db war.db events
    """
    _configure_logging(verbose)
    ctx.meta[SHOW_PROGRESS] = not quiet and sys.stderr.isatty()
    if rule is not None and rule not in RULES:
        raise typer.BadParameter(
            f"unknown reconcile rule {rule!r}; one of {', '.join(sorted(RULES))}", param_hint="--rule"
        )
    try:
        ctx.obj = Settings.from_env().with_(
            db_path=db, n_process=processes or _cores(), reconcile_rule=rule, scheduler=scheduler
        )
    except ValueError as e:  # a malformed FOGOFWAR_* variable
        raise typer.BadParameter(str(e)) from e


# -- ingest ---------------------------------------------------------------------------------


def _batch_options(settings: Settings, *, extract: bool, show: bool) -> dict[str, Any]:
    """The options of :func:`fogofwar.batch.ingest_items` (and ``watch_once``) for ``ingest``,
    ``demo`` and ``watch``: the pipeline (None with --no-extract), rejections and waits printed
    on stderr, and, when ``show``, a progress bar while extracting and a spinner while linking
    (batches over console.PROGRESS_THRESHOLD articles)."""

    def linking(count: int) -> AbstractContextManager[object]:
        enabled = show and count > console.PROGRESS_THRESHOLD
        return console.status(f"linking {plural(count, 'article')}", enabled=enabled)

    def extracting(stream: Iterator[Extraction], total: int) -> Iterator[Extraction]:
        return console.progress_bar(stream, total=total, description="extracting", enabled=show)

    return {
        "pipeline": Pipeline(settings) if extract else None,
        # A batch reads only the stored events it could join (fogofwar.link.incremental): GVA
        # dev gives the same figures either way (README, "Incremental ingest").
        "incremental": True,
        "on_rejection": _print_rejection,
        "on_wait": _print_wait,
        "track_extraction": extracting,
        "while_linking": linking,
    }


def _ingest(
    settings: Settings, paths: list[str], *, extract: bool, show: bool
) -> tuple[IngestReport, dict[str, int]]:
    """Read ``paths``, ingest into the store of ``settings``; prints rejection lines on stderr."""
    from fogofwar.ingest import read_inputs  # imported here: readers pull in trafilatura & co.

    stdin = typer.get_binary_stream("stdin") if "-" in paths else None
    items = console.track(
        read_inputs(paths, settings=settings, stdin=stdin), description="reading", enabled=show
    )

    with Store.open(settings.db_path) as store:
        report = ingest_items(store, items, **_batch_options(settings, extract=extract, show=show))
        return report, store.counts()


def _print_rejection(rejection: Rejection) -> None:
    typer.echo(f"rejected: {rejection.input}: {rejection.reason}", err=True)


def _print_wait(line: str) -> None:
    typer.echo(line, err=True)


def _summary(report: IngestReport, counts: dict[str, int]) -> str:
    already, rejected = f"{len(report.already)} already stored", f"{len(report.rejections)} rejected"
    if report.added or not report.already:
        line = f"{plural(len(report.added), 'article')} stored, {already}, {rejected}"
    else:
        line = f"nothing new: {already}, {rejected}"
    if report.extracted:
        mentions = sum(len(e.mentions) for e in report.extractions)
        claims = sum(len(e.claims) for e in report.extractions)
        line += (
            f"\nextracted {plural(len(report.extractions), 'article')}: {plural(mentions, 'mention')}, "
            f"{plural(claims, 'claim')}"
        )
        if report.unlinked_claims:
            line += f" ({len(report.unlinked_claims)} in no event: see `fogofwar show ARTICLE`)"
        line += (
            f"; {len(report.new_events)} new and {len(report.updated_events)} updated "
            f"{'event' if len(report.updated_events) == 1 else 'events'}, "
            f"{plural(counts['events'], 'event')} stored in all"
        )
    return line


def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files or folders to read; - reads stdin.")
    ],
    max_bytes: MaxBytesOption = None,
    no_extract: NoExtractOption = False,
) -> None:
    """Read news reports, store the new ones, and extract their events and claims.

    Each rejected input is named on stderr with its reason; a summary follows on stdout.
    Exit status 0 when every input went in, 1 when some were rejected.

    \b
    Example:
        fogofwar ingest reports/ extra/story.html
        cat story.txt | fogofwar ingest -
    """
    settings = settings_of(ctx).with_(max_bytes=max_bytes)
    with exit_on_error():
        report, counts = _ingest(settings, paths, extract=not no_extract, show=show_progress(ctx))
    typer.echo(_summary(report, counts))
    if report.rejections:
        raise typer.Exit(1)


def watch(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(metavar="SOURCE", help="Feed URLs (http, https), folders or files to poll."),
    ],
    every: Annotated[
        str,
        typer.Option("--every", metavar="INTERVAL", help="Time between polls: 30s, 15m, 1h or seconds."),
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron and tests).")] = False,
    max_bytes: MaxBytesOption = None,
    no_extract: NoExtractOption = False,
) -> None:
    """Poll feeds and folders every INTERVAL and ingest only what is new, until Ctrl-C.

    Feeds are fetched with a conditional GET (ETag, Last-Modified) and only entries never
    seen (by guid / id / link) go in; in folders only new or changed files are read. What was
    seen is kept in the database, so a later run goes on where this one stopped. Each poll
    that found something prints one summary line; a source that cannot be polled gives one
    warning line on stderr per poll, and the others still go in. Exit status with --once:
    0 when every source was polled and everything new went in, 1 otherwise; Ctrl-C between
    polls stops with 0.

    \b
    Example:
        fogofwar watch https://example.org/conflict.rss inbox/ --every 15m
        fogofwar watch inbox/ --once   # from cron
    """
    from fogofwar.watch import parse_interval, repeat  # imported here: it pulls in the readers

    try:
        interval = parse_interval(every)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--every") from e
    if "-" in sources or "" in sources:
        raise typer.BadParameter("standard input and empty names cannot be watched", param_hint="SOURCE")
    settings = settings_of(ctx).with_(max_bytes=max_bytes)
    # One pipeline for every poll: spaCy loads once.
    options = _batch_options(settings, extract=not no_extract, show=show_progress(ctx))
    failed = False

    def poll_once() -> None:
        nonlocal failed
        with exit_on_error():
            failed = not _watch_poll(settings, sources, options=options) or failed

    repeat(poll_once, every_s=interval, times=1 if once else None)
    if not once:
        typer.echo("stopped", err=True)
    elif failed:
        raise typer.Exit(1)


def _watch_poll(settings: Settings, sources: list[str], *, options: dict[str, Any]) -> bool:
    """One poll of ``sources`` into the store (``options``: :func:`_batch_options`); prints
    warnings and a summary. True when nothing failed."""
    from fogofwar.watch import watch_once

    with Store.open(settings.db_path) as store:
        result = watch_once(store, sources, settings=settings, **options)
        counts = store.counts() if result.ingest is not None else {}
    for warning in result.poll.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if result.ingest is not None:
        when = datetime.now().astimezone().isoformat(timespec="seconds")
        typer.echo(f"{when} " + _summary(result.ingest, counts).replace("\n", "; "))
    return not result.poll.warnings and not (result.ingest and result.ingest.rejections)


# -- demo ---------------------------------------------------------------------------------


def examples_dir() -> Path:
    """The repository's bundled examples/ folder (beside the fogofwar package)."""
    return Path(fogofwar.__file__).resolve().parents[1] / "examples"


def demo(ctx: typer.Context, no_extract: NoExtractOption = False) -> None:
    """Ingest the bundled examples/ reports, then print the articles, the events and a summary.

    \b
    Example:
        fogofwar --db demo.db demo
    """
    settings = settings_of(ctx)
    folder = examples_dir()
    with exit_on_error():
        if not folder.is_dir() or not any(folder.iterdir()):
            raise ConfigError("E024", path=folder)
        report, counts = _ingest(settings, [str(folder)], extract=not no_extract, show=show_progress(ctx))
        with Store.open(settings.db_path) as store:
            stored_articles, stored_events = store.articles(), shown_events(store, settings)
    typer.echo(_summary(report, counts))
    typer.echo("\nArticles")
    console.write_articles(stored_articles, fmt="table", out=sys.stdout)
    typer.echo("\nEvents")
    console.write_events(stored_events, fmt="table", out=sys.stdout)
    paragraph = present.describe_demo(
        counts,
        folder=str(folder),
        added=len(report.added),
        already=len(report.already),
        rejected=len(report.rejections),
    )
    typer.echo("\n" + paragraph)


# The commands, in the order `fogofwar --help` lists them (`eval` and its commands: fogofwar.cli.evaluate).
for command in (
    ingest,
    watch,
    records.articles,
    records.events,
    records.show,
    records.export,
    records.report,
    records.serve,
    demo,
):
    app.command()(command)

__all__ = ["app", "evaluate", "examples_dir", "main"]
