"""`fogofwar eval`: score the pipeline against an annotated corpus (ISAF, MUC-4, GVA, conflict)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fogofwar import present
from fogofwar.cli import console
from fogofwar.cli.common import eval_app, exit_on_error, settings_of
from fogofwar.errors import ConfigError

DirArgument = Annotated[
    Path,
    typer.Argument(metavar="DIR", exists=True, file_okay=False, dir_okay=True, help="Folder of the corpus."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")]
LimitOption = Annotated[
    int | None, typer.Option("--limit", min=0, help="Score only the first N items (a quick check).")
]


def _evaluate(ctx: typer.Context, name: str, path: Path, *, as_json: bool, limit: int | None) -> None:
    """Run evaluation ``name`` on ``path`` and print its metrics (a table, or JSON)."""
    with exit_on_error():
        try:
            from fogofwar.eval import run_eval  # imported here: evaluation loads the whole pipeline
            from fogofwar.eval.muc4 import NoDocumentsSelected
        except ImportError as e:
            raise ConfigError("E051", name=name, detail=str(e)) from e
        try:
            metrics = run_eval(name, path, settings=settings_of(ctx), limit=limit)
        except NoDocumentsSelected as e:  # a usage error: nothing to score in the chosen splits
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(2) from e
    if as_json:
        present.write_json(metrics, sys.stdout)
    else:
        console.write_metrics(metrics, sys.stdout)


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
    _evaluate(ctx, f"muc4:{splits}" if splits else "muc4", path, as_json=as_json, limit=limit)


def _simple_command(name: str, doc: str) -> None:
    """Register ``fogofwar eval NAME DIR [--json] [--limit N]`` with help ``doc``."""

    def command(
        ctx: typer.Context, path: DirArgument, as_json: JsonOption = False, limit: LimitOption = None
    ) -> None:
        _evaluate(ctx, name, path, as_json=as_json, limit=limit)

    command.__doc__ = doc
    command.__name__ = f"eval_{name}"
    eval_app.command(name)(command)


# The evaluations with no options of their own (muc4, above, has --splits).
_SIMPLE = {
    "isaf": """Score casualty claims against the ISAF press-release annotations.

    \b
    Example:
        fogofwar eval isaf ../shared/eval/dev/isaf --json
    """,
    "gva": """Score incidents and victim counts against the Gun Violence Archive corpus (SemEval-2018 task 5).

    \b
    Example:
        fogofwar eval gva ../shared/eval/dev/gva --json
    """,
    "conflict": """Score event linking and reconciled tolls against the project's conflict set.

    --limit N scores the first N gold events (their reports and same-day distractors).

    \b
    Example:
        fogofwar eval conflict evaldata/conflict --json
    """,
}
# In the order `fogofwar eval --help` lists them.
_simple_command("isaf", _SIMPLE["isaf"])
eval_app.command("muc4")(eval_muc4)
_simple_command("gva", _SIMPLE["gva"])
_simple_command("conflict", _SIMPLE["conflict"])
