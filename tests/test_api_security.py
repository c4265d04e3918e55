"""Security defaults: hostile article text and names are shown as text, never as markup; no scripts;
safe headers; read-only without a token; no CORS; templates autoescape and never mark text safe."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from fixtures.api.webserver import hostile_db

from fogofwar.api import create_app
from fogofwar.api.app import CSP, TEMPLATES, template_environment
from fogofwar.settings import Settings

RAW = [
    "<script>alert('xss-text')</script>",
    "<img src=x onerror=alert('xss-img')>",
    "<script>alert('xss-title')</script>",
    "<img src=x onerror=alert('xss-source')>",
    "<svg onload=alert('xss-name')>",
]


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[TestClient, str, str]:
    db, event_id = hostile_db(tmp_path / "hostile.db")
    client = TestClient(create_app(Settings(db_path=db), environ={}))
    article_id = client.get("/api/articles").json()["articles"][0]["id"]
    return client, event_id, article_id


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's parser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def pages(event_id: str, article_id: str) -> list[str]:
    return ["/", f"/events/{event_id}", f"/articles/{article_id}", "/search?q=message", "/search?q=<script>"]


def test_api_security_hostile_text_is_escaped_everywhere(hostile: tuple[TestClient, str, str]) -> None:
    client, event_id, article_id = hostile
    for page in pages(event_id, article_id):
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.text
        for raw in RAW:
            assert raw not in html, (page, raw)
        elements = Elements(html).tags
        assert {tag for tag, _ in elements}.isdisjoint({"script", "img", "iframe", "object"}), page
        handlers = [(tag, name) for tag, attrs in elements for name, _ in attrs if name.startswith("on")]
        assert handlers == [], page
        links = [
            value or "" for _, attrs in elements for name, value in attrs if name in ("href", "src", "action")
        ]
        assert not [link for link in links if link.strip().lower().startswith("javascript:")], page


def test_api_security_event_page_shows_payload_as_text(hostile: tuple[TestClient, str, str]) -> None:
    client, event_id, _ = hostile
    html = client.get(f"/events/{event_id}").text
    # The evidence is marked, and what it marks is the escaped text.
    assert "&lt;script&gt;alert(&#39;xss-text&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;xss-img&#39;)&gt;" in html
    mark = re.search(r"<mark class=\"evidence\"[^>]*>(.*?)</mark>", html, re.S)
    assert mark is not None and mark.group(1).startswith("&lt;script&gt;")
    assert "&#34;&gt;&lt;svg onload=alert(&#39;xss-name&#39;)&gt;" in html  # names, attributes too
    assert "&lt;script&gt;alert(&#39;xss-title&#39;)&lt;/script&gt; Market shooting" in html


def test_api_security_javascript_url_is_not_linked(hostile: tuple[TestClient, str, str]) -> None:
    client, event_id, article_id = hostile
    for page in (f"/events/{event_id}", f"/articles/{article_id}"):
        html = client.get(page).text
        assert "javascript:" not in html and ">original</a>" not in html


def test_api_security_json_keeps_text_as_data(hostile: tuple[TestClient, str, str]) -> None:
    client, event_id, _ = hostile
    response = client.get(f"/api/events/{event_id}")
    assert response.headers["content-type"] == "application/json"
    assert "<script>alert('xss-text')</script>" in response.json()["articles"][0]["text"]


def test_api_security_headers(hostile: tuple[TestClient, str, str]) -> None:
    client, event_id, _ = hostile
    for path in ("/", f"/events/{event_id}", "/api/events", "/nowhere"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP
        assert "script-src" not in CSP and "default-src 'none'" in CSP  # no script runs at all
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "access-control-allow-origin" not in response.headers


def test_api_security_read_only_by_default(
    hostile: tuple[TestClient, str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, event_id, _ = hostile
    body = {"kind": "set_place", "event_id": event_id, "place": {"name": "Gao"}, "author": "a", "reason": "b"}
    assert client.post("/api/corrections", json=body).status_code == 403
    # create_app reads FOGOFWAR_TOKEN from the process environment when none is given.
    monkeypatch.delenv("FOGOFWAR_TOKEN", raising=False)
    assert create_app(Settings(db_path=client.app.state.settings.db_path)).state.token is None  # type: ignore[attr-defined]
    monkeypatch.setenv("FOGOFWAR_TOKEN", "")
    assert create_app(Settings(db_path=client.app.state.settings.db_path)).state.token is None  # type: ignore[attr-defined]
    monkeypatch.setenv("FOGOFWAR_TOKEN", "s3cret")
    assert create_app(Settings(db_path=client.app.state.settings.db_path)).state.token == "s3cret"  # type: ignore[attr-defined]


def test_api_security_only_get_and_the_correction_posts(hostile: tuple[TestClient, str, str]) -> None:
    client, _, _ = hostile
    for route in client.app.routes:  # type: ignore[attr-defined]
        methods = getattr(route, "methods", None) or set()
        writes = methods - {"GET", "HEAD"}
        if writes:
            assert writes == {"POST"} and route.path in ("/api/corrections", "/events/{event_id}/corrections")


def test_api_security_autoescape_on_and_nothing_marked_safe() -> None:
    env = template_environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    for template in TEMPLATES.glob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "|safe" not in source.replace(" ", "") and "autoescape false" not in source, template.name
        assert "<script" not in source.lower(), template.name


def test_api_security_report_page_escapes(hostile: tuple[TestClient, str, str]) -> None:
    report = pytest.importorskip("fogofwar.report")
    if not hasattr(report, "write_report"):
        pytest.skip("fogofwar.report has no write_report in this build")
    client, _, _ = hostile
    for path in ("/report", "/report?fmt=md"):
        response = client.get(path)
        assert response.status_code == 200, path
        if path == "/report":
            for raw in RAW:
                assert raw not in response.text, raw
            assert response.headers["content-security-policy"].startswith("default-src 'none'")
