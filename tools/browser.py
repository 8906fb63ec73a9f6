"""Headless Chromium for the browser tests and the README pictures, with the network cut off.

The browser is Debian's ``chromium`` (``.ci/run`` installs it), driven by Playwright's Python
package through ``executable_path``: Playwright's own browser download is never used. Every
request the page makes goes through one route: what the caller allows goes on, anything
else is aborted and recorded, so a test can say exactly what a page tried to fetch. Host
names do not resolve at all (``--host-resolver-rules``), in case something slipped past.
Playwright starts Chromium without its sandbox by default, which is what running as root
(CI) needs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

VIEWPORT = (1280, 800)


class BrowserMissing(RuntimeError):
    """Chromium or Playwright is not installed here."""


def chromium_path() -> str:
    """Debian's Chromium (or the one KG_CHROMIUM names)."""
    found = os.environ.get("KG_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise BrowserMissing("no chromium on PATH (Debian: apt-get install chromium)")
    return found


@contextlib.contextmanager
def chromium() -> Iterator:
    """A running headless Chromium, as a Playwright ``Browser``."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        raise BrowserMissing("Playwright is not installed (pip install '.[test]')") from e
    path = chromium_path()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=path,
            headless=True,
            args=[
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--disable-gpu",
                "--font-render-hinting=none",
            ],
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Tab:
    """One page and what it did: requests let through and blocked, console errors, page
    errors (uncaught exceptions) and dialogs (an ``alert`` a script managed to run)."""

    page: object
    allowed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextlib.contextmanager
def offline_tab(browser, allow: Callable[[str], bool], viewport: tuple[int, int] = VIEWPORT) -> Iterator[Tab]:
    """A fresh context and page whose requests go on only where ``allow(url)`` says so."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]},
        device_scale_factor=1,
        service_workers="block",
        locale="vi-VN",
    )
    page = context.new_page()
    tab = Tab(page)

    def route(r) -> None:
        url = r.request.url
        if allow(url):
            tab.allowed.append(url)
            r.continue_()
        else:
            tab.blocked.append(url)
            r.abort("blockedbyclient")

    def dialog(d) -> None:
        tab.dialogs.append(d.message)
        d.dismiss()

    context.route("**/*", route)
    page.on("console", lambda m: tab.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: tab.page_errors.append(str(e)))
    page.on("dialog", dialog)
    try:
        yield tab
    finally:
        context.close()
