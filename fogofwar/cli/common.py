"""What every command shares: the Typer apps, the settings and progress flags the root callback
sets, the error-to-exit-status mapping and the common options."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated

import typer

from fogofwar.errors import FogofwarError
from fogofwar.settings import Settings

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

# ctx.meta key: whether progress is shown (stderr is a terminal and no --quiet).
SHOW_PROGRESS = "fogofwar.show_progress"


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
MaxBytesOption = Annotated[
    int | None, typer.Option("--max-bytes", min=1, help="Reject inputs larger than this many bytes.")
]


@contextmanager
def exit_on_error() -> Iterator[None]:
    """Turn the library's typed errors into a message on stderr and exit status 1."""
    try:
        yield
    except FogofwarError as e:
        typer.echo(f"Error: {e}", err=True)
        raise typer.Exit(1) from e


def settings_of(ctx: typer.Context) -> Settings:
    """The Settings the root callback built from the global options."""
    return ctx.find_root().obj


def show_progress(ctx: typer.Context) -> bool:
    """Whether to draw progress on stderr (a terminal, and no --quiet)."""
    return bool(ctx.find_root().meta.get(SHOW_PROGRESS, False))
