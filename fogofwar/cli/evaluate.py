"""`fogofwar eval`: score the pipeline against an annotated corpus (ISAF, MUC-4, GVA, conflict, ACLED)."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

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


# How a command prints its scores when --json is not given.
Table = Callable[[Any, TextIO], None]


def eval_command(score: Callable[..., tuple[Any, Table]]) -> Callable[..., None]:
    """A `fogofwar eval` command made of ``score(ctx, path, limit, **options) -> (scores, table)``:
    its parameters are the corpus folder (DIR), --json and --limit, then ``score``'s own options;
    it prints the scores as one JSON object (--json), else with ``table``. (Typer reads the joined
    signature, as with :func:`fogofwar.cli.filters.event_filters`.)"""
    own = list(inspect.signature(score, eval_str=True).parameters.values())[3:]

    def command(
        ctx: typer.Context,
        path: DirArgument,
        as_json: JsonOption = False,
        limit: LimitOption = None,
        **options: Any,
    ) -> None:
        scores, table = score(ctx, path, limit, **options)
        if as_json:
            present.write_json(scores, sys.stdout)
        else:
            table(scores, sys.stdout)

    shared = [
        p for p in inspect.signature(command, eval_str=True).parameters.values() if p.kind != p.VAR_KEYWORD
    ]
    functools.update_wrapper(command, score)
    command.__signature__ = inspect.Signature([*shared, *own])  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in (*shared, *own)}
    return command


def _metrics(ctx: typer.Context, name: str, path: Path, limit: int | None) -> dict[str, Any]:
    """The metrics of evaluation ``name`` on ``path``."""
    with exit_on_error():
        try:
            from fogofwar.eval import run_eval  # imported here: evaluation loads the whole pipeline
            from fogofwar.eval.muc4 import NoDocumentsSelected
        except ImportError as e:
            raise ConfigError("E051", name=name, detail=str(e)) from e
        try:
            return run_eval(name, path, settings=settings_of(ctx), limit=limit)
        except NoDocumentsSelected as e:  # a usage error: nothing to score in the chosen splits
            typer.echo(f"Error: {e}", err=True)
            raise typer.Exit(2) from e


@eval_command
def eval_muc4(
    ctx: typer.Context,
    path: Path,
    limit: int | None,
    splits: Annotated[
        str | None,
        typer.Option(
            "--splits",
            metavar="SPLITS",
            help="Score only these split labels, comma-separated (default: every document with a key).",
        ),
    ] = None,
) -> tuple[dict[str, Any], Table]:
    """Score event extraction against the MUC-4 terrorism templates.

    Every document with a key template is scored unless --splits names some split labels;
    when no keyed document carries them, the command exits 2 naming the splits it found.

    \b
    Example:
        fogofwar eval muc4 ../shared/eval/dev/muc4
        fogofwar eval muc4 ../shared/eval/dev/muc4 --splits tst1,tst2 --json
    """
    return _metrics(ctx, f"muc4:{splits}" if splits else "muc4", path, limit), console.write_metrics


def _simple_command(name: str, doc: str) -> None:
    """Register ``fogofwar eval NAME DIR [--json] [--limit N]`` with help ``doc``."""

    def score(ctx: typer.Context, path: Path, limit: int | None) -> tuple[dict[str, Any], Table]:
        return _metrics(ctx, name, path, limit), console.write_metrics

    score.__doc__ = doc
    score.__name__ = f"eval_{name}"
    eval_app.command(name)(eval_command(score))


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
    "conflict": """Score event linking and reconciled tolls against the project's conflict set,
    or a set laid out like ../shared/eval/dev/realnews (real 2016 wire reports).

    --limit N scores the first N gold events (their reports and same-day distractors).

    \b
    Example:
        fogofwar eval conflict evaldata/conflict --json
        fogofwar eval conflict ../shared/eval/dev/realnews --json
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


@eval_command
def eval_acled(
    ctx: typer.Context,
    path: Path,
    limit: int | None,
    mode: Annotated[
        AcledMode,
        typer.Option(
            "--mode",
            help="pooled: all notes ingested together; per_note: each note linked alone; both (default).",
        ),
    ] = AcledMode.both,
) -> tuple[dict[str, Any], Table]:
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
    return results, _write_runs


def _write_runs(results: dict[str, Any], out: TextIO) -> None:
    """Metrics of several runs as one table: a row per metric, a column per run."""
    console.write_table(*_metrics_columns(results), out)


def _metrics_columns(results: dict[str, Any]) -> tuple[list[dict[str, str]], list[str]]:
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
