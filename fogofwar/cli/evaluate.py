"""`fogofwar eval`: score the pipeline against an annotated corpus (ISAF, MUC-4, GVA, conflict, ACLED)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from fogofwar import present
from fogofwar.cli import console
from fogofwar.cli.common import eval_app, exit_on_error, settings_of
from fogofwar.errors import ConfigError, FogofwarError

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


class AcledMode(StrEnum):
    """Which runs ``fogofwar eval acled`` scores (fogofwar.eval.acled: pooled, per_note)."""

    pooled = "pooled"
    per_note = "per_note"
    both = "both"


def eval_acled(
    ctx: typer.Context,
    path: DirArgument,
    as_json: JsonOption = False,
    limit: LimitOption = None,
    mode: Annotated[
        AcledMode,
        typer.Option(
            "--mode",
            help="pooled: all notes ingested together; per_note: each note linked alone; both (default).",
        ),
    ] = AcledMode.both,
) -> None:
    """Score events against ACLED's coding of its own event notes (one note = one event).

    The notes are extracted once; `pooled` links them all together, as one ingest would (wrong
    merges cost), `per_note` links each note alone (extraction only). --json prints
    {"pooled": {...}, "per_note": {...}}.

    \b
    Example:
        fogofwar eval acled ../shared/eval/dev/acled --limit 100
        fogofwar -j 2 eval acled ../shared/eval/dev/acled --mode per_note --json
    """
    modes = ("pooled", "per_note") if mode is AcledMode.both else (mode.value,)
    with exit_on_error():
        from fogofwar.eval.acled import evaluate_acled  # imported here: it loads the whole pipeline

        try:
            results = evaluate_acled(path, settings=settings_of(ctx), limit=limit, modes=modes)
        except FogofwarError as e:
            if e.code != "E050":
                raise
            typer.echo(f"Error: {e}", err=True)  # the set's files are missing: a usage error
            raise typer.Exit(2) from e
    if as_json:
        present.write_json(results, sys.stdout)
    else:
        console.write_table(*_metrics_columns(results), sys.stdout)


def _metrics_columns(results: dict[str, dict[str, float | int]]) -> tuple[list[dict[str, str]], list[str]]:
    """Metrics of several runs as table rows: one row per metric, one column per run (None or NaN: "–")."""
    from fogofwar.eval import strict_metrics

    runs = {name: strict_metrics(metrics) for name, metrics in results.items()}
    names = list(dict.fromkeys(k for metrics in runs.values() for k in metrics))

    def cell(value: float | int | None) -> str:
        if value is None:
            return "–"
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    rows = [{"metric": k, **{run: cell(metrics.get(k)) for run, metrics in runs.items()}} for k in names]
    return rows, ["metric", *runs]


eval_app.command("acled")(eval_acled)
