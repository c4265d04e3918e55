"""Screenshots of the web page for the README: the event list (map, timeline), the battle's event
page and the sources page.

Serves the invented battle fixture (tests/fixtures/api/battle.json) on a free loopback port and
photographs it with headless Chromium (Debian: apt-get install chromium chromium-driver).

    .venv/bin/python docs/screenshots/make.py        # writes docs/screenshots/*.png
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from fixtures.api.webserver import BATTLE_EVENT, battle_db, browser_missing, chromium, served  # noqa: E402

WIDTH = 1280
MAX_HEIGHT = 6000  # pixels; a longer page is cut
PAGES = {
    "events.png": "/",
    "event.png": f"/events/{BATTLE_EVENT}",
    "sources.png": "/sources",
}


def full_page(driver, path: Path) -> None:
    """Save the whole page, below the fold too: the viewport is set to the page's height first."""
    height = int(driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)"))
    metrics = {"width": WIDTH, "height": min(height, MAX_HEIGHT), "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        if not driver.save_screenshot(str(path)):
            raise RuntimeError(f"Chromium could not save {path}")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main(out: Path = HERE) -> list[Path]:
    """Write the screenshots into ``out``; returns their paths."""
    reason = browser_missing()
    if reason:
        raise SystemExit(reason)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        db = battle_db(Path(tmp) / "battle.db")
        with served(db) as base:
            driver = chromium(Path(tmp) / "profile", width=WIDTH)
            try:
                for name, url in PAGES.items():
                    driver.get(base + url)
                    full_page(driver, out / name)
                    written.append(out / name)
            finally:
                driver.quit()
    return written


if __name__ == "__main__":
    for path in main():
        print(path)
