"""Plain-text articles: article_from_text (used by evaluation too), read_text, the seed files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fogofwar.errors import InputRejected
from fogofwar.ingest.text import article_from_text, read_text
from fogofwar.model import Article, article_id
from fogofwar.settings import Settings

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
needs_seeds = pytest.mark.skipif(not SEEDS.exists(), reason="../shared not present (seed articles)")

WIRE = (
    "date 2024-03-02\n"
    "Goma, March 1 (Northline) – Rebels said they had taken two villages; "
    "the army said it killed 12 fighters.\n\n"
    "Residents fled towards the city."
)


def test_ingest_text_article_fields_from_header() -> None:
    article = article_from_text(WIRE, origin="wire.txt", source="Northline Wire")
    assert article.text.startswith("Goma, March 1 (Northline)")
    assert article.id == article_id(article.text)
    assert (article.published, article.dateline_place, article.dateline_date, article.agency) == (
        date(2024, 3, 2),
        "Goma",
        date(2024, 3, 1),
        "Northline",
    )
    assert (article.source, article.origin, article.title, article.url) == (
        "Northline Wire",
        "wire.txt",
        None,
        None,
    )


def test_ingest_text_metadata_wins_over_the_text() -> None:
    article = article_from_text(
        "Villages taken, rebels say\n" + WIRE.split("\n", 1)[1],
        published=date(2024, 3, 5),
        title="  Villages   taken, rebels say ",
        url=" https://example.org/a ",
        source="",
    )
    assert article.published == date(2024, 3, 5)
    assert article.dateline_date == date(2024, 3, 1)
    assert article.title == "Villages taken, rebels say"
    assert article.text.startswith("Goma, March 1")  # the repeated title line is removed
    assert (article.url, article.source) == ("https://example.org/a", None)


def test_ingest_text_same_report_same_id_with_or_without_header() -> None:
    body = "Goma, March 1 (Northline) – Rebels said they had taken two villages."
    assert article_from_text(body).id == article_from_text("date 2024-03-02\n" + body).id
    assert article_from_text(body).id == article_from_text("Rebels take two villages\n" + body).id


@pytest.mark.parametrize("raw", ["date 2024-03-02\n", "date 2024-03-02   \n\n  "])
def test_ingest_text_nothing_after_header_rejected(raw: str) -> None:
    with pytest.raises(InputRejected) as info:
        article_from_text(raw, origin="short.txt")
    assert info.value.code == "E013"
    assert "short.txt" in str(info.value)


def test_ingest_text_read_text_file_name_is_not_a_source() -> None:
    # A file name is no outlet ("000_02c820628ea3d6ec", "barsalogho_rewrite"): source stays None,
    # origin keeps the path (the exports show "file: goma_wire.txt"), the dateline names the agency.
    result = read_text(WIRE.encode("utf-8"), origin="reports/goma_wire.txt")
    (article,) = result.articles
    assert (article.source, article.agency, article.origin) == (None, "Northline", "reports/goma_wire.txt")
    assert result.rejections == []


def test_ingest_text_read_text_stdin_has_no_source() -> None:
    (article,) = read_text(b"Shelling resumed overnight, officials said.", origin="<stdin>").articles
    assert article.source is None and article.origin == "<stdin>"


def test_ingest_text_round_trips_through_dict() -> None:
    article = article_from_text(WIRE)
    assert Article.from_dict(article.to_dict()) == article


@needs_seeds
def test_ingest_text_seed_wire_report() -> None:
    raw = (SEEDS / "000_02c820628ea3d6ec.txt").read_text(encoding="utf-8")
    article = article_from_text(raw, origin="000")
    assert article.published == date(2024, 7, 28)
    assert (article.dateline_place, article.dateline_date, article.agency) == (
        "Bamako",
        date(2024, 7, 27),
        "Reuters",
    )
    assert article.title is None
    assert article.text.startswith("Bamako, July 27 (Reuters)")


@needs_seeds
def test_ingest_text_seed_rewrite_with_title() -> None:
    raw = (SEEDS / "002_1e436ecec0fe25c2.txt").read_text(encoding="utf-8")
    article = article_from_text(raw, origin="002")
    assert article.title == "Tuareg Rebels Claim Heavy Losses in Fierce Clashes with Russian Mercenaries"
    assert article.published is None
    assert not article.text.startswith(article.title)
    assert raw.rstrip().endswith(article.text)


def test_ingest_text_over_long_article_cut_at_a_line_break(caplog: pytest.LogCaptureFixture) -> None:
    paragraph = "Shelling hit the port district overnight, officials said.\n"
    data = (paragraph * 400).encode("utf-8")
    (article,) = read_text(data, origin="long.txt", settings=Settings(max_text_chars=1000)).articles
    assert len(article.text) <= 1000
    assert article.text.endswith("officials said.")  # whole lines kept
    assert "long.txt: article text of" in caplog.text


def test_ingest_text_over_long_line_cut_hard() -> None:
    article = article_from_text("x" * 5000, origin="one-word.txt", max_chars=100)
    assert article.text == "x" * 100


@pytest.mark.parametrize("marker", ["date 0001-01-01", "date 9999-12-31"])
def test_ingest_text_published_out_of_range_unknown(marker: str) -> None:
    data = f"{marker}\nMarket shelled\n\nKYIV, Dec. 31 (AP) - Shells hit a market, killing two.\n".encode()
    (article,) = read_text(data, origin="far.txt").articles
    assert (article.published, article.dateline_date, article.title) == (None, None, "Market shelled")
    assert article.text.startswith("KYIV")
