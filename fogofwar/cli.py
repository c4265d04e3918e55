"""fogofwar's command line: a thin skin over the library.

A command parses its options, builds Settings once, opens the store, calls library functions,
prints with :mod:`fogofwar.output`, and maps errors to exit codes: 0 success; 1 a failure
the user can act on (rejected inputs, unknown id, a database or configuration problem);
2 a usage error (Click's own, and unknown export formats).

Extraction loads spaCy, which takes seconds; ``ingest --no-extract`` and ``demo --no-extract``
store articles without it. Tests use that, and it suits bulk loads too: a later ``ingest``
of the same inputs extracts the stored articles that were never extracted.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

import fogofwar
from fogofwar import output
from fogofwar.batch import IngestReport, ingest_items
from fogofwar.errors import ConfigError, FogofwarError, NotFound, message
from fogofwar.model import Article, Event, Extraction, Rejection
from fogofwar.pipeline import Pipeline, RunResult
from fogofwar.reconcile import RULES
from fogofwar.settings import DEFAULT_RECONCILE_RULE, Settings
from fogofwar.store import Store
from fogofwar.store.queries import DEFAULT_SORT, SORTS, EventQuery

log = logging.getLogger(__name__)

app = typer.Typer(
    name="fogofwar",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain Click help and errors: greppable, and stable for tests
    pretty_exceptions_enable=False,  # main() turns an unexpected error into one line
    context_settings={"help_option_names": ["-h", "--help"]},
)
eval_app = typer.Typer(
    help=(
        "Score fogofwar against an annotated corpus (ISAF, MUC-4, GVA).\n\n"
        "\b\nExample:\n    fogofwar eval isaf ../shared/eval/dev/isaf --json"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(eval_app, name="eval")


class ListFormat(StrEnum):
    """Formats of the listing commands (articles, events)."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
NoExtractOption = Annotated[
    bool,
    typer.Option("--no-extract", help="Store the articles without running extraction (no spaCy; fast)."),
]


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


@contextmanager
def _exit_on_error():
    """Turn the library's typed errors into a message on stderr and exit status 1."""
    try:
        yield
    except FogofwarError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from e


def _cores() -> int:
    """The CPU cores this process may run on (the default number of extraction processes)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


def _settings(ctx: typer.Context) -> Settings:
    return ctx.find_root().obj


# ctx.meta key: whether progress is shown (stderr is a terminal and no --quiet).
_SHOW_PROGRESS = "fogofwar.show_progress"


def _show_progress(ctx: typer.Context) -> bool:
    return bool(ctx.find_root().meta.get(_SHOW_PROGRESS, False))


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
    ctx.meta[_SHOW_PROGRESS] = not quiet and sys.stderr.isatty()
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


@dataclass
class _PipelineWithStatus:
    """Runs ``pipeline`` with a spinner on stderr for big batches (when stderr is a terminal)."""

    pipeline: Pipeline

    show: bool = True

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        stream = self.pipeline.iter_extract(articles)
        return list(
            output.progress_bar(stream, total=len(articles), description="extracting", enabled=self.show)
        )

    def run(
        self,
        articles: Sequence[Article],
        *,
        events: Sequence[Event] = (),
        known_articles: Sequence[Article] = (),
        extractions: Sequence[Extraction] | None = None,
    ) -> RunResult:
        with self._spinner("linking", articles):
            return self.pipeline.run(
                articles, events=events, known_articles=known_articles, extractions=extractions
            )

    def _spinner(self, doing: str, articles: Sequence[Article]) -> AbstractContextManager[object]:
        enabled = self.show and len(articles) > output.PROGRESS_THRESHOLD
        return output.status(f"{doing} {_plural(len(articles), 'article')}", enabled=enabled)


def _ingest(
    settings: Settings, paths: list[str], *, extract: bool, show: bool
) -> tuple[IngestReport, dict[str, int]]:
    """Read ``paths``, ingest into the store of ``settings``; prints rejection lines on stderr."""
    from fogofwar.ingest import read_inputs  # imported here: readers pull in trafilatura & co.

    stdin = typer.get_binary_stream("stdin") if "-" in paths else None
    items = output.track(
        read_inputs(paths, settings=settings, stdin=stdin), description="reading", enabled=show
    )

    with Store.open(settings.db_path) as store:
        pipeline = _PipelineWithStatus(Pipeline(settings), show=show) if extract else None
        report = ingest_items(
            store, items, pipeline=pipeline, on_rejection=_print_rejection, on_wait=_print_wait
        )
        return report, store.counts()


def _print_rejection(rejection: Rejection) -> None:
    typer.echo(f"rejected: {rejection.input}: {rejection.reason}", err=True)


def _print_wait(line: str) -> None:
    typer.echo(line, err=True)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _summary(report: IngestReport, counts: dict[str, int]) -> str:
    already, rejected = f"{len(report.already)} already stored", f"{len(report.rejections)} rejected"
    if report.added or not report.already:
        line = f"{_plural(len(report.added), 'article')} stored, {already}, {rejected}"
    else:
        line = f"nothing new: {already}, {rejected}"
    if report.extracted:
        mentions = sum(len(e.mentions) for e in report.extractions)
        claims = sum(len(e.claims) for e in report.extractions)
        line += (
            f"\nextracted {_plural(len(report.extractions), 'article')}: {_plural(mentions, 'mention')}, "
            f"{_plural(claims, 'claim')}"
        )
        if report.unlinked_claims:
            line += f" ({len(report.unlinked_claims)} in no event: see `fogofwar show ARTICLE`)"
        line += (
            f"; {len(report.new_events)} new and {len(report.updated_events)} updated "
            f"{'event' if len(report.updated_events) == 1 else 'events'}, "
            f"{_plural(counts['events'], 'event')} stored in all"
        )
    return line


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Files or folders to read; - reads stdin.")
    ],
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", min=1, help="Reject inputs larger than this many bytes.")
    ] = None,
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
    settings = _settings(ctx).with_(max_bytes=max_bytes)
    with _exit_on_error():
        report, counts = _ingest(settings, paths, extract=not no_extract, show=_show_progress(ctx))
    typer.echo(_summary(report, counts))
    if report.rejections:
        raise typer.Exit(1)


@app.command()
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
    max_bytes: Annotated[
        int | None, typer.Option("--max-bytes", min=1, help="Reject inputs larger than this many bytes.")
    ] = None,
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
    settings = _settings(ctx).with_(max_bytes=max_bytes)
    pipeline = _PipelineWithStatus(Pipeline(settings), show=_show_progress(ctx)) if not no_extract else None
    failed = False

    def poll_once() -> None:
        nonlocal failed
        with _exit_on_error():
            failed = not _watch_poll(settings, sources, pipeline=pipeline) or failed

    repeat(poll_once, every_s=interval, times=1 if once else None)
    if not once:
        typer.echo("stopped", err=True)
    elif failed:
        raise typer.Exit(1)


def _watch_poll(settings: Settings, sources: list[str], *, pipeline: _PipelineWithStatus | None) -> bool:
    """One poll of ``sources`` into the store; prints warnings and a summary. True when nothing failed."""
    from fogofwar.watch import watch_once

    with Store.open(settings.db_path) as store:
        result = watch_once(
            store,
            sources,
            settings=settings,
            pipeline=pipeline,
            on_rejection=_print_rejection,
            on_wait=_print_wait,
        )
        counts = store.counts() if result.ingest is not None else {}
    for warning in result.poll.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if result.ingest is not None:
        when = datetime.now().astimezone().isoformat(timespec="seconds")
        typer.echo(f"{when} " + _summary(result.ingest, counts).replace("\n", "; "))
    return not result.poll.warnings and not (result.ingest and result.ingest.rejections)


# -- listing and showing ------------------------------------------------------------------


@app.command()
def articles(
    ctx: typer.Context,
    fmt: FormatOption = ListFormat.table,
    with_text: Annotated[
        bool, typer.Option("--with-text", help="Include each article's text (json, csv).")
    ] = False,
) -> None:
    """List the stored articles.

    \b
    Example:
        fogofwar articles
        fogofwar articles --format json --with-text > articles.json
    """
    with _exit_on_error(), Store.open(_settings(ctx).db_path) as store:
        stored = store.articles()
    output.write_articles(stored, fmt=fmt.value, out=sys.stdout, with_text=with_text)


# Event filters, shared by `events`, `export` and `report` (the API takes the same names).
CountryFilter = Annotated[
    str | None, typer.Option("--country", help="Country: ISO code or name (ML, MLI, Mali).")
]
Admin1Filter = Annotated[str | None, typer.Option("--admin1", help="First-level region, e.g. Kidal.")]
SinceFilter = Annotated[
    str | None, typer.Option("--since", metavar="YYYY-MM-DD", help="Events ending on or after this day.")
]
UntilFilter = Annotated[
    str | None, typer.Option("--until", metavar="YYYY-MM-DD", help="Events starting on or before this day.")
]
TypeFilter = Annotated[
    str | None, typer.Option("--type", help="ACLED event type or sub-event type, e.g. Battles.")
]
ActorFilter = Annotated[str | None, typer.Option("--actor", help="Part of an actor's name or alias.")]
MinKilledFilter = Annotated[
    int | None, typer.Option("--min-killed", min=0, metavar="N", help="Events whose killed high reaches N.")
]
PageLimit = Annotated[int | None, typer.Option("--limit", min=0, metavar="N", help="At most N events.")]
PageOffset = Annotated[int, typer.Option("--offset", min=0, metavar="N", help="Skip the first N events.")]
SortChoice = Annotated[
    str,
    typer.Option(
        "--sort", metavar="KEY", help="start, killed, sources or updated; a leading - reverses (-killed)."
    ),
]


def _day(value: str | None, option: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError as e:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}", param_hint=f"'{option}'") from e


def _event_query(
    *,
    country: str | None,
    admin1: str | None,
    since: str | None,
    until: str | None,
    event_type: str | None,
    actor: str | None,
    min_killed: int | None,
    sort: str,
) -> EventQuery:
    """The store query for the filter options; a usage error (exit 2) for a bad value."""
    code = None
    if country:
        from fogofwar.export.countries import resolve_country

        code = resolve_country(country)
        if code is None:
            raise typer.BadParameter(message("E027", country=country), param_hint="'--country'")
    if sort not in SORTS:
        raise typer.BadParameter(f"unknown sort {sort!r}; one of {', '.join(SORTS)}", param_hint="'--sort'")
    return EventQuery(
        country=code,
        admin1=admin1 or None,
        since=_day(since, "--since"),
        until=_day(until, "--until"),
        event_type=event_type or None,
        actor=actor or None,
        min_killed=min_killed,
        sort=sort,
    )


@app.command()
def events(
    ctx: typer.Context,
    fmt: FormatOption = ListFormat.table,
    country: CountryFilter = None,
    admin1: Admin1Filter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    event_type: TypeFilter = None,
    actor: ActorFilter = None,
    min_killed: MinKilledFilter = None,
    limit: PageLimit = None,
    offset: PageOffset = 0,
    sort: SortChoice = DEFAULT_SORT,
) -> None:
    """List the stored events (corrections applied): type, dates, place, actors, killed, articles.

    The filters, sort and paging are the API's (GET /api/events).

    \b
    Example:
        fogofwar events
        fogofwar events --country Mali --since 2024-07-01 --sort -killed --limit 20
        fogofwar events --format csv > events.csv
    """
    query = _event_query(
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        event_type=event_type,
        actor=actor,
        min_killed=min_killed,
        sort=sort,
    )
    settings = _settings(ctx)
    with _exit_on_error(), Store.open(settings.db_path) as store:
        stored = _shown_events(store, settings, query, limit=limit, offset=offset)
    output.write_events(stored, fmt=fmt.value, out=sys.stdout)


@app.command()
def show(
    ctx: typer.Context,
    id: Annotated[
        str, typer.Argument(metavar="ID", help="An article or event id, or a unique prefix of one.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the record(s) as JSON.")] = False,
) -> None:
    """Show an article with its claims, or an event with its claims timeline.

    \b
    Example:
        fogofwar show 3f2a9c
        fogofwar show 3f2a9c41d07be815 --json
    """
    with _exit_on_error(), Store.open(_settings(ctx).db_path) as store:
        text_or_data = _describe(store, id, as_json=as_json)
    if as_json:
        output.write_json(text_or_data, sys.stdout)
    else:
        typer.echo(text_or_data)


def _describe(store: Store, id: str, *, as_json: bool) -> Any:
    """The article or event ``id`` names, described as text (or as a JSON-ready dict)."""
    article, event = store.article(id), store.event(id)
    if article is not None and event is not None and id not in (article.id, event.id):
        raise NotFound("E023", id=id, count=2, matches=f"article {article.id}, event {event.id}")
    if article is not None and (event is None or article.id == id):
        claims = store.claims(article.id)
        event_ids = store.event_ids_for_article(article.id)
        linked = {c.id for i in event_ids if (e := store.event(i)) is not None for c in e.claims}
        unlinked = [c.id for c in claims if c.id not in linked]
        if as_json:
            return {
                "article": output.article_dict(article, with_text=True),
                "mentions": [m.to_dict() for m in store.mentions(article.id)],
                "claims": [c.to_dict() for c in claims],
                "unlinked_claims": unlinked,
                "events": event_ids,
            }
        return output.describe_article(article, claims, event_ids=event_ids, unlinked=set(unlinked))
    if event is not None:
        return output.event_dict(event) if as_json else output.describe_event(event)
    raise NotFound("E022", id=id)


# -- export -------------------------------------------------------------------------------


def _shown_events(
    store: Store,
    settings: Settings,
    query: EventQuery | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[Event]:
    """The stored events as analysts see them (every correction applied) that match ``query``.

    Read from the materialised corrected events, rebuilt first when stale (waiting for another
    writer if need be), so the CLI and the API show the same records.
    """
    from fogofwar.corrections import refresh_corrected_events
    from fogofwar.store import queries

    if not queries.is_fresh(store, rule=settings.reconcile_rule):
        refresh_corrected_events(store, rule=settings.reconcile_rule)
    return queries.select_events(store, query or EventQuery(), limit=limit, offset=offset)


def _export_formats() -> tuple[str, ...]:
    from fogofwar.export import FORMATS

    return (*FORMATS, "articles-jsonl")


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="acled, ucdp, geojson, parquet, jsonl or articles-jsonl."
        ),
    ] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    country: CountryFilter = None,
    admin1: Admin1Filter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    event_type: TypeFilter = None,
    actor: ActorFilter = None,
    min_killed: MinKilledFilter = None,
    limit: PageLimit = None,
    offset: PageOffset = 0,
    sort: SortChoice = DEFAULT_SORT,
) -> None:
    """Export the events (corrections applied) as ACLED- or UCDP-shaped CSV, GeoJSON, Parquet or JSONL.

    Column by column, docs/EXPORTS.md says how each format is filled. The filters are those of
    `events` (they select events; articles-jsonl writes every stored article).

    \b
    Example:
        fogofwar export --format acled --out events.csv
        fogofwar export --format parquet --out events.parquet
        fogofwar export --format articles-jsonl | gzip > articles.jsonl.gz
    """
    from fogofwar.export import FORMATS
    from fogofwar.export import export as export_events

    if fmt not in _export_formats():
        choices = ", ".join(_export_formats())
        raise typer.BadParameter(message("E020", format=fmt, choices=choices), param_hint="'--format'")
    query = _event_query(
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        event_type=event_type,
        actor=actor,
        min_killed=min_killed,
        sort=sort,
    )
    settings = _settings(ctx)
    with _exit_on_error(), Store.open(settings.db_path) as store:
        stored_articles = store.articles()
        if fmt == "articles-jsonl":
            data = "".join(output.json_line(a.to_dict()) for a in stored_articles).encode("utf-8")
            count, noun = len(stored_articles), "article"
        else:
            shown = _shown_events(store, settings, query, limit=limit, offset=offset)
            data, count, noun = export_events(fmt, shown, stored_articles), len(shown), "event"
    if out is None:
        if fmt != "articles-jsonl" and FORMATS[fmt].binary and sys.stdout.isatty():
            raise typer.BadParameter("binary output: give --out FILE", param_hint="'--out'")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    with _exit_on_error():
        try:
            out.write_bytes(data)
        except OSError as e:
            raise ConfigError("E026", path=out, detail=e.strerror or str(e)) from e
    typer.echo(f"wrote {_plural(count, noun)} to {out}", err=True)


@app.command()
def report(
    ctx: typer.Context,
    country: CountryFilter = None,
    since: SinceFilter = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    admin1: Admin1Filter = None,
    until: UntilFilter = None,
    event_type: TypeFilter = None,
    actor: ActorFilter = None,
    min_killed: MinKilledFilter = None,
    limit: PageLimit = None,
    offset: PageOffset = 0,
    sort: SortChoice = DEFAULT_SORT,
) -> None:
    """Write a situation report from the stored records: each event, and each figure with its
    claimant and a source footnote. The filters are those of `events`.

    \b
    Example:
        fogofwar report --country Mali --since 2024-07-01
        fogofwar report --format html > report.html
    """
    from fogofwar.report import write_report

    query = _event_query(
        country=country,
        admin1=admin1,
        since=since,
        until=until,
        event_type=event_type,
        actor=actor,
        min_killed=min_killed,
        sort=sort,
    )
    settings = _settings(ctx)
    with _exit_on_error(), Store.open(settings.db_path) as store:
        selected = _shown_events(store, settings, query, limit=limit, offset=offset)
        text = write_report(selected, store.articles(), country=query.country, since=query.since, fmt=fmt)
    typer.echo(text)


@app.command()
def serve(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
) -> None:
    """Serve the web page and the JSON API (read-only unless FOGOFWAR_TOKEN is set).

    \b
    Example:
        fogofwar --db fogofwar.db serve --port 8000
        FOGOFWAR_TOKEN=secret fogofwar serve   # allows corrections with that bearer token
    """
    from fogofwar.api import serve as serve_app

    with _exit_on_error():
        serve_app(_settings(ctx), host=host, port=port)


# -- demo ---------------------------------------------------------------------------------


def examples_dir() -> Path:
    """The repository's bundled examples/ folder (beside the fogofwar package)."""
    return Path(fogofwar.__file__).resolve().parents[1] / "examples"


@app.command()
def demo(ctx: typer.Context, no_extract: NoExtractOption = False) -> None:
    """Ingest the bundled examples/ reports, then print the articles, the events and a summary.

    \b
    Example:
        fogofwar --db demo.db demo
    """
    settings = _settings(ctx)
    folder = examples_dir()
    with _exit_on_error():
        if not folder.is_dir() or not any(folder.iterdir()):
            raise ConfigError("E024", path=folder)
        report, counts = _ingest(settings, [str(folder)], extract=not no_extract, show=_show_progress(ctx))
        with Store.open(settings.db_path) as store:
            stored_articles, stored_events = store.articles(), _shown_events(store, settings)
    typer.echo(_summary(report, counts))
    typer.echo("\nArticles")
    output.write_articles(stored_articles, fmt="table", out=sys.stdout)
    typer.echo("\nEvents")
    output.write_events(stored_events, fmt="table", out=sys.stdout)
    paragraph = output.describe_demo(
        counts,
        folder=str(folder),
        added=len(report.added),
        already=len(report.already),
        rejected=len(report.rejections),
    )
    typer.echo("\n" + paragraph)


# -- eval ---------------------------------------------------------------------------------

DirArgument = Annotated[
    Path,
    typer.Argument(metavar="DIR", exists=True, file_okay=False, dir_okay=True, help="Folder of the corpus."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=0, help="Score only the first N items (a quick check).")
]


def _evaluate(ctx: typer.Context, name: str, path: Path, *, as_json: bool, limit: int | None) -> None:
    with _exit_on_error():
        try:
            from fogofwar.eval import run_eval  # imported here: evaluation loads the whole pipeline
        except ImportError as e:
            raise ConfigError("E051", name=name, detail=str(e)) from e
        metrics = run_eval(name, path, settings=_settings(ctx), limit=limit)
    if as_json:
        output.write_json(metrics, sys.stdout)
    else:
        output.write_metrics(metrics, sys.stdout)


@eval_app.command("isaf")
def eval_isaf(
    ctx: typer.Context, path: DirArgument, as_json: JsonOption = False, limit: LimitOption = None
) -> None:
    """Score casualty claims against the ISAF press-release annotations.

    \b
    Example:
        fogofwar eval isaf ../shared/eval/dev/isaf --json
    """
    _evaluate(ctx, "isaf", path, as_json=as_json, limit=limit)


@eval_app.command("muc4")
def eval_muc4(
    ctx: typer.Context,
    path: DirArgument,
    as_json: JsonOption = False,
    limit: LimitOption = None,
    splits: Annotated[
        str | None,
        typer.Option(
            "--splits",
            metavar="SPLITS",
            help="Score only these split labels, comma-separated (default: every document with a key).",
        ),
    ] = None,
) -> None:
    """Score event extraction against the MUC-4 terrorism templates.

    Every document with a key template is scored unless --splits names some split labels;
    when no keyed document carries them, the command exits 2 naming the splits it found.

    \b
    Example:
        fogofwar eval muc4 ../shared/eval/dev/muc4
        fogofwar eval muc4 ../shared/eval/dev/muc4 --splits tst1,tst2 --json
    """
    name = f"muc4:{splits}" if splits else "muc4"
    with _exit_on_error():
        from fogofwar.eval import run_eval  # imported here: evaluation loads the whole pipeline
        from fogofwar.eval.muc4 import NoDocumentsSelected

        try:
            metrics = run_eval(name, path, settings=_settings(ctx), limit=limit)
        except NoDocumentsSelected as e:  # a usage error: nothing to score in the chosen splits
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(2) from e
    if as_json:
        output.write_json(metrics, sys.stdout)
    else:
        output.write_metrics(metrics, sys.stdout)


@eval_app.command("gva")
def eval_gva(
    ctx: typer.Context, path: DirArgument, as_json: JsonOption = False, limit: LimitOption = None
) -> None:
    """Score incidents and victim counts against the Gun Violence Archive corpus (SemEval-2018 task 5).

    \b
    Example:
        fogofwar eval gva ../shared/eval/dev/gva --json
    """
    _evaluate(ctx, "gva", path, as_json=as_json, limit=limit)


@eval_app.command("conflict")
def eval_conflict(
    ctx: typer.Context, path: DirArgument, as_json: JsonOption = False, limit: LimitOption = None
) -> None:
    """Score event linking and reconciled tolls against the project's conflict set.

    --limit N scores the first N gold events (their reports and same-day distractors).

    \b
    Example:
        fogofwar eval conflict evaldata/conflict --json
    """
    _evaluate(ctx, "conflict", path, as_json=as_json, limit=limit)
