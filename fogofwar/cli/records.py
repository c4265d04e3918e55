"""The commands that read the store: `articles`, `events`, `show`, `export`, `report`, `serve`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from fogofwar import present
from fogofwar.cli import console
from fogofwar.cli.common import FormatOption, ListFormat, exit_on_error, settings_of
from fogofwar.cli.filters import Selection, event_filters, shown_events
from fogofwar.errors import ConfigError, NotFound, message
from fogofwar.store import Store

# What `export --format` takes besides the event formats of fogofwar.export.FORMATS.
ARTICLES_JSONL = "articles-jsonl"


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
    with exit_on_error(), Store.open(settings_of(ctx).db_path) as store:
        stored = store.articles()
    console.write_articles(stored, fmt=fmt.value, out=sys.stdout, with_text=with_text)


@event_filters
def events(ctx: typer.Context, fmt: FormatOption = ListFormat.table, *, selection: Selection) -> None:
    """List the stored events (corrections applied): type, dates, place, actors, killed, articles.

    The filters, sort and paging are the API's (GET /api/events).

    \b
    Example:
        fogofwar events
        fogofwar events --country Mali --since 2024-07-01 --sort -killed --limit 20
        fogofwar events --format csv > events.csv
    """
    settings = settings_of(ctx)
    with exit_on_error(), Store.open(settings.db_path) as store:
        stored = shown_events(store, settings, selection)
    console.write_events(stored, fmt=fmt.value, out=sys.stdout)


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
    with exit_on_error(), Store.open(settings_of(ctx).db_path) as store:
        text_or_data = describe(store, id, as_json=as_json)
    if as_json:
        present.write_json(text_or_data, sys.stdout)
    else:
        typer.echo(text_or_data)


def describe(store: Store, id: str, *, as_json: bool) -> Any:
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
                "article": present.article_dict(article, with_text=True),
                "mentions": [m.to_dict() for m in store.mentions(article.id)],
                "claims": [c.to_dict() for c in claims],
                "unlinked_claims": unlinked,
                "events": event_ids,
            }
        return present.describe_article(article, claims, event_ids=event_ids, unlinked=set(unlinked))
    if event is not None:
        return present.event_dict(event) if as_json else present.describe_event(event)
    raise NotFound("E022", id=id)


def _export_formats() -> tuple[str, ...]:
    from fogofwar.export import FORMATS

    return (*FORMATS, ARTICLES_JSONL)


@event_filters
def export(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", "-f", metavar="FORMAT", help="acled, ucdp, geojson, parquet, jsonl or articles-jsonl."
        ),
    ] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    *,
    selection: Selection,
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
    settings = settings_of(ctx)
    with exit_on_error(), Store.open(settings.db_path) as store:
        stored_articles = store.articles()
        if fmt == ARTICLES_JSONL:
            data = "".join(present.json_line(a.to_dict()) for a in stored_articles).encode("utf-8")
            count, noun = len(stored_articles), "article"
        else:
            shown = shown_events(store, settings, selection)
            data, count, noun = export_events(fmt, shown, stored_articles), len(shown), "event"
    if out is None:
        if fmt != ARTICLES_JSONL and FORMATS[fmt].binary and sys.stdout.isatty():
            raise typer.BadParameter("binary output: give --out FILE", param_hint="'--out'")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    with exit_on_error():
        try:
            out.write_bytes(data)
        except OSError as e:
            raise ConfigError("E026", path=out, detail=e.strerror or str(e)) from e
    typer.echo(f"wrote {present.plural(count, noun)} to {out}", err=True)


@event_filters
def report(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md or html.")] = "md",
    *,
    selection: Selection,
) -> None:
    """Write a situation report from the stored records: each event, and each figure with its
    claimant and a source footnote. The filters are those of `events`.

    \b
    Example:
        fogofwar report --country Mali --since 2024-07-01
        fogofwar report --format html > report.html
    """
    from fogofwar.report import write_report  # imported here: it loads the templates (Jinja)

    settings = settings_of(ctx)
    query = selection.query
    with exit_on_error(), Store.open(settings.db_path) as store:
        selected = shown_events(store, settings, selection)
        text = write_report(selected, store.articles(), country=query.country, since=query.since, fmt=fmt)
    typer.echo(text)


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

    with exit_on_error():
        serve_app(settings_of(ctx), host=host, port=port)
