"""Headless Chromium for pictures of pages: Debian's ``chromium`` driven through Playwright.

Nothing is downloaded: Playwright is told which Chromium to start (``chromium_path()``),
never ``playwright install``. ``make gallery`` photographs ``report.html`` with it, and
``tests/test_jupyterlab.py`` drives JupyterLab with the same launch.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ..errors import LeadertoneError

#: Names a Chromium executable other than the ``chromium`` on the PATH (Debian: /usr/bin/chromium).
CHROMIUM_ENV = "LEADERTONE_CHROMIUM"
#: Chromium's flags: no sandbox (CI runs as root), no first-run, sync or update traffic.
CHROMIUM_ARGS = ("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync")
#: The browser window of a screenshot, in CSS pixels, when none is given.
WINDOW = {"width": 1000, "height": 1250}


def chromium_path() -> str:
    """The Chromium to drive: ``$LEADERTONE_CHROMIUM``, else ``chromium`` (or ``chromium-browser``) on the PATH.

    Raises:
        LeadertoneError: when there is none, saying how to install it.
    """
    named = os.environ.get(CHROMIUM_ENV)
    if named:
        if not (Path(named).is_file() and os.access(named, os.X_OK)):
            raise LeadertoneError(f"{CHROMIUM_ENV}={named} is not an executable file")
        return named
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise LeadertoneError("chromium is not installed: apt-get install chromium "
                              f"(or set {CHROMIUM_ENV} to a Chromium executable)")
    return found


def launch_chromium(playwright: Any, **options: Any) -> Any:
    """Headless Chromium through a started Playwright (``sync_playwright()``); returns the ``Browser``."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS),
                                      **options)


def screenshot_html(path: str | os.PathLike[str], *, window: dict[str, int] | None = None) -> bytes:
    """A PNG of the top of a local HTML page as headless Chromium shows it.

    Raises:
        LeadertoneError: when Playwright or Chromium is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise LeadertoneError('screenshots need playwright (the dev extra): pip install -e ".[dev]"') from None
    chromium_path()  # the clear message before Playwright's own
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            page = browser.new_page(viewport=window or WINDOW)
            page.goto(Path(path).resolve().as_uri(), wait_until="load")
            return page.screenshot(type="png")
        finally:
            browser.close()
