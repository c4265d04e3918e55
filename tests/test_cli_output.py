"""fogofwar.present and fogofwar.cli.console: the formatting shared by the CLI commands."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest
from rich.console import Console
from test_store_records import load_records

from fogofwar import present
from fogofwar.cli import console as cli_console
from fogofwar.model import Claim, Reconciled, Span
from fogofwar.reconcile import event_totals


def _event_with(*groups: tuple[str, str, int | None, int | None]):
    event = load_records()[2][0]
    reconciled = tuple(Reconciled(victims=v, outcome=o, low=lo, best=lo, high=hi) for v, o, lo, hi in groups)
    return dataclasses.replace(event, reconciled=reconciled)


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ((), (None, None)),
        ((("civilians", "killed", 3, 5),), (3, 5)),
        ((("civilians", "killed", 3, 5), ("army", "killed", 2, 2)), (5, 7)),
        ((("civilians", "killed", 3, 5), ("civilians", "injured", 10, 12)), (3, 5)),
        ((("civilians", "killed", None, 5), ("army", "killed", 2, None)), (2, 5)),
    ],
)
def test_cli_output_killed_totals_sum_groups(groups, expected) -> None:
    total = event_totals(_event_with(*groups), "killed")
    assert (total.low, total.high) == expected
    row = present.event_csv_row(_event_with(*groups))
    assert (row["killed_low"], row["killed_high"]) == tuple("" if v is None else v for v in expected)


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [(None, None, ""), (3, 3, "3"), (3, 5, "3–5"), (3, None, "≥3"), (None, 5, "≤5")],
)
def test_cli_output_format_range(low, high, text) -> None:
    assert present.format_range(low, high) == text


@pytest.mark.parametrize(
    ("figure", "low", "high", "qualifier", "text"),
    [
        (12, 12, 12, "exact", "12"),
        (12, 12, None, "at_least", "at least 12"),
        (30, 25, 35, "about", "about 30 (25–35)"),
        (None, 10, 20, "vague", "10–20"),
        (None, None, None, "vague", "no figure"),
    ],
)
def test_cli_output_format_figure(figure, low, high, qualifier, text) -> None:
    claim = Claim(
        id="c",
        article_id="a",
        claimant="x",
        victims="civilians",
        outcome="killed",
        evidence=Span(0, 1, "x"),
        figure=figure,
        low=low,
        high=high,
        qualifier=qualifier,
    )
    assert present.format_figure(claim) == text


def test_cli_output_event_dict_has_type_aliases_first() -> None:
    event = load_records()[2][0]
    data = present.event_dict(event)
    assert list(data)[:3] == ["id", "type", "sub_type"]
    assert data["type"] == event.event_type and data["sub_type"] == event.sub_event_type


def test_cli_output_csv_joins_lists() -> None:
    out = io.StringIO()
    present.write_csv([{"a": [1, 2], "b": "x,y"}], ["a", "b"], out)
    assert out.getvalue() == 'a,b\n1; 2,"x,y"\n'


@pytest.mark.parametrize("enabled", [False, True])
def test_cli_output_track_yields_every_item(enabled: bool) -> None:
    items = list(range(50))
    assert list(cli_console.track(iter(items), description="reading", enabled=enabled, threshold=5)) == items


def test_cli_output_table_rows_stay_on_one_line_in_a_pipe() -> None:
    out = io.StringIO()
    row = {"id": "a" * 16, "title": "a rather long title " * 5}
    cli_console.write_table([row], ("id", "title"), out)
    lines = out.getvalue().splitlines()
    assert any(line.startswith("a" * 16) and "title a rather" in line for line in lines)
    assert len(lines) == 3


def test_progress_bar_shows_done_of_total_and_keeps_items() -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=120)
    items = list(range(30))
    assert (
        list(
            cli_console.progress_bar(
                iter(items), total=30, description="extracting", enabled=True, console=console
            )
        )
        == items
    )
    drawn = screen.getvalue()
    assert "extracting" in drawn and "30/30" in drawn and "left" in drawn


@pytest.mark.parametrize(("enabled", "total"), [(False, 30), (True, 5)])
def test_progress_bar_quiet_when_disabled_or_short(enabled: bool, total: int) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True)
    items = list(range(total))
    assert (
        list(cli_console.progress_bar(items, total=total, description="x", enabled=enabled, console=console))
        == items
    )
    assert screen.getvalue() == ""


def test_json_writers_never_write_nan() -> None:
    data = {"a": float("nan"), "b": [1.5, float("inf"), {"c": float("-inf")}], "d": "NaN"}
    out = io.StringIO()
    present.write_json(data, out)
    assert json.loads(out.getvalue()) == {"a": None, "b": [1.5, None, {"c": None}], "d": "NaN"}
    line = present.json_line(data)
    assert "NaN" not in line.replace('"NaN"', "") and "Infinity" not in line


@pytest.mark.parametrize(
    ("words", "shown"),
    [
        ("Ukraine's State Emergency Service", True),
        ("government of ukraine", False),  # the same name in other case says nothing more
        (None, False),
    ],
)
def test_cli_output_claim_names_the_claimant_as_the_report_does(words, shown) -> None:
    claim = Claim(
        id="c",
        article_id="a",
        claimant="Government of Ukraine",
        claimant_words=words,
        victims="unknown",
        outcome="killed",
        evidence=Span(0, 5, "killing at least 32 people"),
        figure=32,
        low=32,
        qualifier="at_least",
    )
    head = present.format_claim(claim).splitlines()[0]
    assert head.startswith("undated  Government of Ukraine claims:")
    assert ("said by \u201cUkraine's State Emergency Service\u201d" in head) is shown
