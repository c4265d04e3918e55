"""The web pages as HTML (no browser): list with filters, map and timeline; the event page with its
claims, chart and marked evidence; the correction forms, which work without JavaScript."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.api.webserver import BATTLE_EVENT, TOKEN, load_battle

from fogofwar.api import create_app
from fogofwar.settings import Settings

ARTICLES, _, EVENTS = load_battle()
BATTLE = next(e for e in EVENTS if e.id == BATTLE_EVENT)
DRONE = next(e for e in EVENTS if e.sub_event_type == "Air/drone strike")
CLAIM_84 = next(c for c in BATTLE.claims if c.figure == 84)
CLAIM_20 = next(c for c in BATTLE.claims if c.figure == 20)


def form(kind: str, **fields: str | list[str]) -> dict[str, str | list[str]]:
    return {"kind": kind, "author": "ana", "reason": "checked", "token": TOKEN, **fields}


def post(client: TestClient, data: dict, event_id: str = BATTLE_EVENT):
    return client.post(f"/events/{event_id}/corrections", data=data, follow_redirects=False)


def test_web_pages_index_lists_maps_and_times_every_event(client: TestClient) -> None:
    html = client.get("/").text
    for event in EVENTS:
        assert html.count(f'href="/events/{event.id}"') == 3  # map point, timeline mark, table row
    assert '<svg class="map"' in html and '<svg class="timeline"' in html
    assert "3 of 3 events" in html
    assert "20°N" in html  # the graticule is labelled


def test_web_pages_index_filters(client: TestClient) -> None:
    html = client.get("/?country=BF&since=&actor=").text  # empty fields are ignored, as a form sends them
    assert "1 of 3 events" in html
    assert f'href="/events/{BATTLE_EVENT}"' not in html
    assert '<option value="BF" selected>' in html
    wagner = client.get("/?actor=wagner&min_killed=50").text
    assert "1 of 3 events" in wagner and f'href="/events/{BATTLE_EVENT}"' in wagner


def test_web_pages_index_bad_filter_is_explained(client: TestClient) -> None:
    response = client.get("/?since=last+week")
    assert response.status_code == 200
    assert "filters ignored" in response.text and "3 of 3 events" in response.text


def test_web_pages_index_empty_database(tmp_path: Path) -> None:
    html = TestClient(create_app(Settings(db_path=tmp_path / "empty.db"), environ={})).get("/").text
    assert "No events match" in html and "fogofwar ingest" in html


def test_web_pages_event_claims_table(client: TestClient) -> None:
    html = client.get(f"/events/{BATTLE_EVENT}").text
    rows = re.findall(r'<tr id="claim-([0-9a-f]+)"', html)
    assert set(rows) == {c.id for c in BATTLE.claims}
    assert "Armed clash" in html and "Tinzaouaten" in html and "22–131" in html


def test_web_pages_event_chart_of_wagner_dead(client: TestClient) -> None:
    html = client.get(f"/events/{BATTLE_EVENT}").text
    chart = html[html.index("Wagner Group · killed") :]
    chart = chart[: chart.index("</svg>")]
    assert re.findall(r'data-value="(\d+)"', chart) == ["20", "50", "84"]
    assert "<polyline" in chart and 'data-claimant="CSP-DPA"' in chart


def test_web_pages_event_evidence_is_marked_at_its_offsets(client: TestClient) -> None:
    html = client.get(f"/events/{BATTLE_EVENT}").text
    marks = dict(re.findall(r'<mark class="evidence" data-claims="([0-9a-f ]+)">(.*?)</mark>', html, re.S))
    for claim in BATTLE.claims:
        assert marks[claim.id] == claim.evidence.text.replace("'", "&#39;")
        assert f'id="ev-{claim.id}"' in html and f'href="#ev-{claim.id}"' in html
    article = ARTICLES[0]
    text_block = html[html.index(f'id="article-{article.id}"') :]
    assert "BAMAKO, July 27 (AFP) - Heavy fighting" in text_block  # the text is shown whole


def test_web_pages_event_prefix_redirects(client: TestClient) -> None:
    response = client.get(f"/events/{BATTLE_EVENT[:6]}", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == f"/events/{BATTLE_EVENT}"
    missing = client.get("/events/ffffffffffff")
    assert missing.status_code == 404 and "[E021]" in missing.text and "<h1>Error 404</h1>" in missing.text


def test_web_pages_form_reject_claim_with_token(client: TestClient) -> None:
    response = post(client, form("reject_claim", claim_id=CLAIM_84.id))
    assert response.status_code == 303
    assert response.headers["location"] == f"/events/{BATTLE_EVENT}?done=1#corrections"
    html = client.get(response.headers["location"]).text
    assert "Correction #1: applied" in html
    assert f'<tr id="claim-{CLAIM_84.id}" class="rejected">' in html
    assert "marked wrong (#1)" in html and "22–97" in html  # 20–50 Wagner + 2–47 army


@pytest.mark.parametrize(("token", "code", "text"), [("", 401, "[E072]"), ("wrong", 401, "[E072]")])
def test_web_pages_form_refused_without_the_token(
    client: TestClient, token: str, code: int, text: str
) -> None:
    response = post(client, form("reject_claim", claim_id=CLAIM_84.id, token=token))
    assert response.status_code == code and text in response.text
    assert 'class="rejected"' not in response.text
    assert client.get("/api/corrections").json() == []


def test_web_pages_form_read_only_server(battle_ledger: Path) -> None:
    client = TestClient(create_app(Settings(db_path=battle_ledger), environ={}))
    response = post(client, form("reject_claim", claim_id=CLAIM_84.id))
    assert response.status_code == 403 and "FOGOFWAR_TOKEN" in response.text


def test_web_pages_form_invalid_keeps_input_but_not_token(client: TestClient) -> None:
    response = post(client, form("reject_claim", claim_id=CLAIM_84.id, author="", reason="my reason"))
    assert response.status_code == 422
    assert 'value="my reason"' in response.text and TOKEN not in response.text


def test_web_pages_form_set_place(client: TestClient) -> None:
    data = form("set_place", place_name="Kidal", place_lat="18.44", place_lon="1.41", place_country="ml")
    assert post(client, data).status_code == 303
    html = client.get(f"/events/{BATTLE_EVENT}").text
    assert "Kidal" in html and "(18.440, 1.410)" in html


def test_web_pages_form_set_dates_with_a_precision(client: TestClient) -> None:
    # A form posts every field as text; the precision select's "2" must still pass the schema.
    data = form("set_dates", start="2024-07-25", end="2024-07-28", date_precision="2")
    assert post(client, data).status_code == 303
    html = client.get(f"/events/{BATTLE_EVENT}").text
    assert "2024-07-25–2024-07-28" in html and "date precision 2" in html


def test_web_pages_form_merge_by_prefix(client: TestClient) -> None:
    assert post(client, form("merge", more_event_ids=DRONE.id[:6])).status_code == 303
    response = client.get(f"/events/{DRONE.id}", follow_redirects=False)
    assert response.headers["location"] == f"/events/{BATTLE_EVENT}"
    assert "Merged from" in client.get(f"/events/{BATTLE_EVENT}").text


def test_web_pages_form_split_and_revert(client: TestClient) -> None:
    assert post(client, form("split", article_ids=[CLAIM_84.article_id])).status_code == 303
    html = client.get(f"/events/{BATTLE_EVENT}").text
    new_id = re.search(r'Split off</dt><dd><a href="/events/([0-9a-f]+)"', html).group(1)  # type: ignore[union-attr]
    assert "Split from" in client.get(f"/events/{new_id}").text
    assert post(client, form("revert", reverts="1")).status_code == 303
    html = client.get(f"/events/{BATTLE_EVENT}?done=2").text
    assert "reverted by 2" in html and "Split off</dt>" not in html


def test_web_pages_form_must_be_urlencoded(client: TestClient) -> None:
    response = client.post(
        f"/events/{BATTLE_EVENT}/corrections", json=form("reject_claim", claim_id=CLAIM_84.id)
    )
    assert response.status_code == 415


def test_web_pages_article_page(client: TestClient) -> None:
    article = next(a for a in ARTICLES if a.id == CLAIM_20.article_id)
    html = client.get(f"/articles/{article.id}").text
    assert f'data-claims="{CLAIM_20.id}">killed at least 20 Wagner mercenaries</mark>' in html
    assert f'href="/events/{BATTLE_EVENT}"' in html
    assert client.get(f"/articles/{article.id[:5]}", follow_redirects=False).status_code == 303


def test_web_pages_search_page(client: TestClient) -> None:
    html = client.get("/search?q=trenches").text
    assert "1 article contains" in html and '<mark class="hit">trenches</mark>' in html
    assert "Search articles" in client.get("/search").text


def test_web_pages_report_calls_write_report(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def write_report(events, articles, *, country=None, since=None, fmt="md"):
        calls.append((len(events), len(articles), country, since, fmt))
        return "# Report" if fmt == "md" else "<html><body><h1>Report</h1></body></html>"

    from fogofwar.api import exports

    monkeypatch.setattr(exports, "write_report", write_report)
    assert client.get("/report?country=ML&since=2024-07-01").text.endswith("</html>")
    markdown = client.get("/report?fmt=md")
    assert markdown.text == "# Report" and markdown.headers["content-type"].startswith("text/markdown")
    assert calls[0][2:] == ("ML", __import__("datetime").date(2024, 7, 1), "html")
    assert calls[0][:2] == (len(EVENTS), len(ARTICLES))
    assert client.get("/report?since=soon").status_code == 400


def test_web_pages_static_css(client: TestClient) -> None:
    response = client.get("/static/style.css")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    html = client.get("/").text
    assert html.count('rel="stylesheet"') == 1 and "http" not in re.findall(r'href="([^"]+\.css)"', html)[0]


def _table_ids(html: str) -> list[str]:
    body = html[html.index('<table class="events"') :]
    return re.findall(r'<td class="nowrap"><a href="/events/([0-9a-f]+)"', body)


@pytest.mark.parametrize(
    ("sort", "first"),
    [("killed", DRONE.id), ("-killed", next(e.id for e in EVENTS if e.sub_event_type == "Attack"))],
)
def test_web_pages_index_sorts_in_sql(client: TestClient, sort: str, first: str) -> None:
    html = client.get(f"/?sort={sort}").text
    assert _table_ids(html)[0] == first
    assert html.count('aria-sort="ascending"' if sort == "killed" else 'aria-sort="descending"') == 1


def test_web_pages_index_sort_links_keep_the_filters(client: TestClient) -> None:
    html = client.get("/?country=ML&sort=killed").text
    # The Killed heading reverses the sort; the others sort by themselves; every one keeps the filter.
    assert 'href="/?country=ML&amp;sort=-killed#events"' in html
    assert 'href="/?country=ML&amp;sort=sources#events"' in html
    assert 'href="/?country=ML#events"' in html  # start is the default sort
    assert '<input type="hidden" name="sort" value="killed">' in html  # the filter form keeps the sort


def test_web_pages_index_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from fogofwar.api import events

    monkeypatch.setattr(events, "PAGE_ROWS", 1)
    first = client.get("/?sort=-killed").text
    assert "page 1 of 3" in first and 'rel="next"' in first and 'rel="prev"' not in first
    second_url = re.search(r'href="([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert second_url == "/?sort=-killed&offset=1#events"
    second = client.get(second_url.split("#")[0]).text
    assert "page 2 of 3" in second and 'rel="prev"' in second
    seen = [
        _table_ids(first)[0],
        _table_ids(second)[0],
        _table_ids(client.get("/?sort=-killed&offset=2").text)[0],
    ]
    assert sorted(seen) == sorted(e.id for e in EVENTS)  # every event once, no overlap between pages
    assert "the table shows 2–2" in second


@pytest.mark.parametrize("query", ["sort=nonsense", "offset=-4", "offset=abc"])
def test_web_pages_index_bad_order_is_explained(client: TestClient, query: str) -> None:
    response = client.get(f"/?{query}")
    assert response.status_code == 200 and 'class="problem"' in response.text
    assert len(_table_ids(response.text)) == 3


def test_web_pages_precision_shown(client: TestClient) -> None:
    html = client.get(f"/events/{BATTLE_EVENT}").text
    assert f"date precision {BATTLE.date_precision}:" in html
    assert f"place precision {BATTLE.place.precision}: town" in html
    index = client.get("/").text
    assert 'class="precision" title="place precision 1">town</span>' in index


def test_web_pages_map_has_borders(client: TestClient) -> None:
    html = client.get("/").text
    assert 'class="country marked" d="M' in html and 'data-iso="ML"' in html
    assert "country borders from Natural Earth" in html


def test_web_pages_sources_page(client: TestClient) -> None:
    html = client.get("/sources").text
    assert '<a href="/sources">Sources</a>' in html
    outlets = {a.source for a in ARTICLES if a.source}
    for outlet in outlets:
        assert f"<td>{outlet}</td>" in html
    for article in ARTICLES:
        assert f'href="/articles/{article.id}"' in html
    assert "<td>CSP-DPA</td>" in html and f"#claim-{CLAIM_84.id}" in html


def test_web_pages_sources_leave_out_rejected_claims(client: TestClient) -> None:
    assert post(client, form("reject_claim", claim_id=CLAIM_84.id)).status_code == 303
    assert f"#claim-{CLAIM_84.id}" not in client.get("/sources").text


def test_web_pages_api_docs_render_markdown(client: TestClient) -> None:
    html = client.get("/api/docs").text
    assert "<code>sort</code>" in html and "<code>GET /api/events</code>" in html
    assert "`" not in re.sub(r"<pre>.*?</pre>", "", html, flags=re.S)  # no raw Markdown backticks left
    assert "<strong>who claimed it</strong>" in html


def test_web_pages_map_and_timeline_read_the_stored_totals(client: TestClient) -> None:
    # The map and timeline draw summaries (no claims, no figures): the killed totals stored beside
    # them size the dots and raise the bars.
    html = client.get("/").text
    timeline = html[html.index('<svg class="timeline"') :]
    assert ">300<" in timeline or ">300</text>" in timeline  # the y axis reaches the 300 claimed
    assert "killed 100–300" in html  # tooltips carry the figures
