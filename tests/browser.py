"""Debian's Chromium driven by Playwright, offline: for the HTML report's tests and the
README's screenshot (`python -m tests.browser REPORT.html docs/report.png`)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

CHROMIUM = Path("/usr/bin/chromium")  # `apt-get install chromium`; never `playwright install`
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


def screenshot(report: Path, png: Path, keys: str = "jjj") -> None:
    """A picture of `report` after pressing `keys` (j: the next finding, shown in detail)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(report.resolve().as_uri())
        for key in keys:
            page.keyboard.press(key)
        page.screenshot(path=str(png))
        browser.close()


if __name__ == "__main__":
    screenshot(Path(sys.argv[1]), Path(sys.argv[2]))
