"""The web page in headless Chromium: filter, open the battle, see its claims and marked evidence,
submit corrections with and without the token, and check that hostile article text runs nothing.

Needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver); skipped
without them. uvicorn serves the app on a free loopback port in a thread.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fixtures.api.webserver import BATTLE_EVENT, battle_db, browser_missing, chromium, hostile_db, served

MISSING = browser_missing()
pytestmark = pytest.mark.skipif(MISSING is not None, reason=MISSING or "")

TOKEN = "browser-test-token"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    browser = chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    with served(battle_db(tmp_path / "browser.db"), environ={"FOGOFWAR_TOKEN": TOKEN}) as base:
        yield base


def by_css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def wait_css(driver, selector: str, timeout: float = 10.0):
    """Elements matching ``selector`` once at least one exists: a form post navigates
    asynchronously, so the next page's elements are waited for, not read from the old page."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.find_elements(By.CSS_SELECTOR, selector))


def assert_no_dialog(driver) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        text = driver.switch_to.alert.text
    except NoAlertPresentException:
        return
    pytest.fail(f"a dialog opened: {text!r}")


def submit_rejection(driver, claim_text: str, token: str) -> None:
    from selenium.webdriver.support.ui import Select

    by_css(driver, "details.correct summary")[0].click()
    (form,) = by_css(driver, "#form-reject_claim")
    select = Select(form.find_element("name", "claim_id"))
    select.select_by_visible_text(next(o.text for o in select.options if claim_text in o.text))
    form.find_element("name", "author").send_keys("Ana Analyst")
    form.find_element("name", "reason").send_keys("the 84 comes from a misread table")
    form.find_element("name", "token").send_keys(token)
    form.find_element("css selector", "button").click()


def wait_for_url(driver, condition, timeout: float = 10.0) -> None:
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, timeout).until(lambda d: condition(d.current_url))


def test_web_browser_filter_and_open_the_battle(driver, site: str) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(site + "/")
    assert len(by_css(driver, "table.events tbody tr")) == 3
    assert len(by_css(driver, "svg.map circle.point")) == 3
    Select(by_css(driver, "select[name=country]")[0]).select_by_value("ML")
    by_css(driver, "input[name=actor]")[0].send_keys("Wagner")
    by_css(driver, "form.filters button")[0].click()
    # A click starts navigation; wait for it rather than read the old URL on a busy machine.
    wait_for_url(driver, lambda url: "country=ML" in url and "actor=Wagner" in url)
    rows = by_css(driver, "table.events tbody tr")
    assert len(rows) == 1 and "Tinzaouaten" in rows[0].text
    rows[0].find_element("css selector", "a").click()
    wait_for_url(driver, lambda url: url.endswith(f"/events/{BATTLE_EVENT}"))
    claims = by_css(driver, "table.claims tbody tr")
    assert len(claims) == 7
    assert any("84" in row.text and "CSP-DPA" in row.text for row in claims)
    marks = [m.text for m in by_css(driver, "mark.evidence")]
    assert "killed at least 20 Wagner mercenaries" in marks and "84 Wagner fighters" in marks
    values = [
        c.get_attribute("data-value")
        for c in by_css(driver, "svg.chart")[0].find_elements("css selector", "circle")
    ]
    assert values == ["20", "50", "84"]
    # The evidence link in the claims table jumps to the marked text.
    by_css(driver, "a.quote")[0].click()
    wait_for_url(driver, lambda url: "#ev-" in url)


def test_web_browser_map_point_opens_its_event(driver, site: str) -> None:
    driver.get(site + "/?country=BF")
    (point,) = by_css(driver, "svg.map a.map-point")
    point.click()
    wait_for_url(driver, lambda url: "/events/" in url)
    assert "Barsalogho" in by_css(driver, "h1")[0].text


def test_web_browser_correction_needs_the_token(driver, site: str) -> None:
    driver.get(f"{site}/events/{BATTLE_EVENT}")
    submit_rejection(driver, "84 Wagner Group", "not-the-token")
    assert "[E072]" in wait_css(driver, "#form-error")[0].text
    assert not by_css(driver, "tr.rejected")
    assert "22–131" in by_css(driver, "#killed")[0].text


def test_web_browser_correction_with_the_token(driver, site: str) -> None:
    driver.get(f"{site}/events/{BATTLE_EVENT}")
    submit_rejection(driver, "84 Wagner Group", TOKEN)
    assert "Correction #1: applied" in wait_css(driver, "p.notice")[0].text
    (rejected,) = by_css(driver, "tr.rejected")
    assert "84" in rejected.text and "marked wrong" in rejected.text
    assert "22–97" in by_css(driver, "#killed")[0].text
    assert "Ana Analyst" in by_css(driver, "table.trail")[0].text
    assert by_css(driver, "mark.evidence.rejected")[0].text == "84 Wagner fighters"


def test_web_browser_read_only_server_refuses(driver, tmp_path: Path) -> None:
    with served(battle_db(tmp_path / "readonly.db")) as base:
        driver.get(f"{base}/events/{BATTLE_EVENT}")
        submit_rejection(driver, "84 Wagner Group", TOKEN)
        assert "writes are disabled" in wait_css(driver, "#form-error")[0].text


def test_web_browser_dialog_check_sees_a_dialog(driver) -> None:
    # The control for the test below: a page that does run a script is caught.
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("data:text/html,<p>probe</p><script>alert('probe')</script>")
    # On a loaded machine the dialog may open a moment after get() returns.
    alert = WebDriverWait(driver, 10).until(expected_conditions.alert_is_present())
    assert alert.text == "probe"
    alert.accept()
    assert_no_dialog(driver)


def test_web_browser_hostile_text_runs_nothing(driver, tmp_path: Path) -> None:
    db, event_id = hostile_db(tmp_path / "hostile.db")
    with served(db) as base:
        for page in ("/", f"/events/{event_id}", "/search?q=message"):
            driver.get(base + page)
            time.sleep(0.3)  # an injected handler (onerror, onload) would have fired by now
            assert_no_dialog(driver)
        driver.get(f"{base}/events/{event_id}")
        text = by_css(driver, "article.report .text")[0].text
        assert "<script>alert('xss-text')</script>" in text
        assert "<img src=x onerror=alert('xss-img')>" in text
        assert by_css(driver, "mark.evidence")[0].text.startswith("<script>alert('xss-text')</script>")
        assert (
            "<script>alert('xss-title')</script> Market shooting"
            in by_css(driver, "article.report h3")[0].text
        )
        assert (
            driver.execute_script("return document.querySelectorAll('article script, article img').length")
            == 0
        )


def test_web_browser_screenshots_script(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_screenshots", Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "make.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    written = module.main(out=tmp_path)
    assert [p.name for p in written] == ["events.png", "event.png", "sources.png"]
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG") and len(data) > 20_000


def test_web_browser_sort_and_page_keep_the_filters(driver, site: str) -> None:
    driver.get(site + "/?country=ML")
    assert len(by_css(driver, "table.events tbody tr")) == 2
    heading = next(a for a in by_css(driver, "table.events th a.sort") if a.text.startswith("KILLED"))
    heading.click()
    wait_for_url(driver, lambda url: "sort=killed" in url and "country=ML" in url)
    assert by_css(driver, "th[aria-sort=ascending]")[0].text.startswith("KILLED")
    next(a for a in by_css(driver, "table.events th a.sort") if a.text.startswith("KILLED")).click()
    wait_for_url(driver, lambda url: "sort=-killed" in url and "country=ML" in url)
    rows = by_css(driver, "table.events tbody tr")
    assert len(rows) == 2 and "Tinzaouaten" in rows[0].text  # 131 killed at most, above the drone strike


def test_web_browser_map_has_borders_and_separate_labels(driver, site: str) -> None:
    driver.get(site + "/")
    assert len(by_css(driver, "svg.map path.country")) >= 4
    boxes = [
        driver.execute_script(
            "const b = arguments[0].getBBox(); return [b.x, b.y, b.width, b.height];", label
        )
        for label in by_css(driver, "svg.map text.place-label")
    ]
    assert len(boxes) == 2
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert not (x < x2 + w2 and x2 < x + w and y < y2 + h2 and y2 < y + h)


def test_web_browser_sources_page(driver, site: str) -> None:
    driver.get(site + "/")
    next(a for a in by_css(driver, "header nav a") if a.text == "Sources").click()
    wait_for_url(driver, lambda url: url.endswith("/sources"))
    claimants = by_css(driver, "table.claimants tbody tr")
    assert any("CSP-DPA" in row.text for row in claimants)
    by_css(driver, "table.outlets details summary")[0].click()
    assert by_css(driver, "table.outlets details[open] li a")


def test_web_browser_precision_shown(driver, site: str) -> None:
    driver.get(f"{site}/events/{BATTLE_EVENT}")
    assert "date precision 2" in by_css(driver, "#date-precision")[0].text
    assert "town" in by_css(driver, "#place-precision")[0].text


def test_web_browser_set_type_through_the_form(driver, site: str) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(f"{site}/events/{BATTLE_EVENT}")
    by_css(driver, "details.correct summary")[0].click()
    (form,) = by_css(driver, "#form-set_type")
    Select(form.find_element("name", "type")).select_by_value("Battles|Non-state actor overtakes territory")
    form.find_element("name", "author").send_keys("Ana Analyst")
    form.find_element("name", "reason").send_keys("the rebels took the camp")
    form.find_element("name", "token").send_keys(TOKEN)
    form.find_element("css selector", "button").click()
    assert "Correction #1: applied" in wait_css(driver, "p.notice")[0].text
    assert "Non-state actor overtakes territory" in by_css(driver, "h1")[0].text
    assert "is Battles · Non-state actor overtakes territory" in by_css(driver, "table.trail")[0].text


def test_web_browser_api_docs_render_markdown(driver, site: str) -> None:
    driver.get(site + "/api/docs")
    description = by_css(driver, "#api-description")[0]
    assert "`" not in description.text
    assert description.find_elements("css selector", "code")


def fill_and_send(driver, form, reason: str) -> str:
    """Sign ``form`` with the author, ``reason`` and the token, send it and return the notice."""
    form.find_element("name", "author").send_keys("Ana Analyst")
    form.find_element("name", "reason").send_keys(reason)
    form.find_element("name", "token").send_keys(TOKEN)
    form.find_element("css selector", "button").click()
    return wait_css(driver, "p.notice")[0].text


def open_form(driver, site: str, kind: str):
    """The event page's correction form of ``kind``, with the corrections panel open."""
    driver.get(f"{site}/events/{BATTLE_EVENT}")
    by_css(driver, "details.correct summary")[0].click()
    (form,) = by_css(driver, f"#form-{kind}")
    return form


def choose_claim(form, text: str) -> None:
    from selenium.webdriver.support.ui import Select

    select = Select(form.find_element("name", "claim_id"))
    select.select_by_visible_text(next(o.text for o in select.options if text in o.text))


def test_web_browser_set_dates_through_the_form(driver, site: str) -> None:
    from selenium.webdriver.support.ui import Select

    form = open_form(driver, site, "set_dates")
    # A date input's typed format follows the browser's locale; the value property does not.
    for name, value in (("start", "2024-07-25"), ("end", "2024-07-28")):
        driver.execute_script("arguments[0].value = arguments[1]", form.find_element("name", name), value)
    Select(form.find_element("name", "date_precision")).select_by_value("2")
    assert "Correction #1: applied" in fill_and_send(driver, form, "fighting began on the 25th")
    assert "2024-07-25" in by_css(driver, "#when")[0].text and "2024-07-28" in by_css(driver, "#when")[0].text
    assert "dated 2024-07-25 to 2024-07-28" in by_css(driver, "table.trail")[0].text


def test_web_browser_set_actor_through_the_form(driver, site: str) -> None:
    from selenium.webdriver.support.ui import Select

    form = open_form(driver, site, "set_actor")
    form.find_element("name", "actor").send_keys("Wagner Group")
    Select(form.find_element("name", "role")).select_by_value("side_b")
    assert "Correction #1: applied" in fill_and_send(driver, form, "Wagner was ambushed")
    assert "Wagner Group is side B (target)" in by_css(driver, "table.trail")[0].text


def test_web_browser_set_victims_through_the_form(driver, site: str) -> None:
    form = open_form(driver, site, "set_victims")
    choose_claim(form, "84 Wagner Group")
    form.find_element("name", "victims").send_keys("civilians")
    assert "Correction #1: applied" in fill_and_send(driver, form, "the 84 were villagers")
    trail = by_css(driver, "table.trail")[0].text
    assert "is about civilians" in trail
    (row,) = [r for r in by_css(driver, "table.claims tbody tr") if "84" in r.text and "civilians" in r.text]
    assert "Wagner" not in row.find_elements("css selector", "td")[3].text


def test_web_browser_set_claimant_through_the_form(driver, site: str) -> None:
    from selenium.webdriver.support.ui import Select

    form = open_form(driver, site, "set_claimant")
    choose_claim(form, "84 Wagner Group")
    form.find_element("name", "claimant").send_keys("Azawad Liberation Front")
    Select(form.find_element("name", "claimant_kind")).select_by_value("rebel_group")
    assert "Correction #1: applied" in fill_and_send(driver, form, "the statement was the FLA's")
    assert "was made by Azawad Liberation Front (rebel_group)" in by_css(driver, "table.trail")[0].text
    assert any("Azawad Liberation Front" in r.text for r in by_css(driver, "table.claims tbody tr"))
