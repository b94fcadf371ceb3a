"""Fixtures for the browser suite: the built site served on 127.0.0.1, and Debian's Chromium.

Run with `make browser` (which builds the book first), or against a site already built:

    SITE_DIR=_build/html BROWSER_OUT=_build \
        .venv/bin/python -m pytest tests/browser -m browser

Each page of the table of contents is opened once per colour mode in a fresh browser context
(a cold cache, so the transfer size is what a first-time reader downloads), audited, and the
findings are kept in `audits`; the tests in test_site.py then state one requirement each.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .audit import PageAudit, audit_page, toc_pages, write_report
from .serve import launch_chromium, serve

ROOT = Path(__file__).resolve().parents[2]
MODES = ("light", "dark")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--book-dir",
        default=os.environ.get("BOOK_DIR", str(ROOT)),
        help="the book's source folder, whose _toc.yml lists the pages (default: $BOOK_DIR or "
        "the repository)",
    )
    parser.addoption(
        "--site-dir",
        default=os.environ.get("SITE_DIR", str(ROOT / "_build" / "html")),
        help="the built site (default: $SITE_DIR or _build/html)",
    )
    parser.addoption(
        "--browser-out",
        default=os.environ.get("BROWSER_OUT"),
        help="where screenshots/ and browser-report.md go (default: the build dir of --site-dir)",
    )


@pytest.fixture(scope="session")
def site_dir(pytestconfig: pytest.Config) -> Path:
    site = Path(pytestconfig.getoption("--site-dir")).resolve()
    if not (site / "index.html").is_file():
        pytest.fail(f"no built site at {site}: run `make book` first (or pass --site-dir)")
    return site


@pytest.fixture(scope="session")
def out_dir(pytestconfig: pytest.Config, site_dir: Path) -> Path:
    chosen = pytestconfig.getoption("--browser-out")
    # <BUILD_DIR>/html -> <BUILD_DIR>
    out = Path(chosen) if chosen else site_dir.parent
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def base_url(site_dir: Path):
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            # Every page below also gets a fresh context (a cold cache).
            browser = launch_chromium(playwright)
        except FileNotFoundError as missing:
            pytest.fail(str(missing))
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    axe = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    if not axe.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`")
    return axe.read_text(encoding="utf-8")


def editions(site: Path) -> list[str]:
    """The folders of the site's editions: "" (English, the root) and each other language's
    folder that holds a built page tree (``zh_CN``)."""
    return [""] + sorted(
        p.parent.parent.name
        for p in site.glob("*/chapters/index.html")
        if (p.parent.parent / "search.html").is_file()
    )


def _page_ids(config: pytest.Config) -> list[str]:
    # Globs of generated pages (the exercise pages) are matched in the built site. Every page
    # of every edition: the Chinese one under zh_CN/ is held to the same bar as the English.
    site = Path(config.getoption("--site-dir"))
    pages = toc_pages(Path(config.getoption("--book-dir")), site)
    return [f"{edition}/{page}".lstrip("/") for edition in editions(site) for page in pages]


@pytest.fixture
def tab(browser, base_url, mode):
    """A fresh browser tab in colour ``mode`` that may only reach the local server: every other
    request is blocked (``tab.log["blocked"]``); console errors and uncaught exceptions are in
    ``tab.log["errors"]``, every request in ``tab.log["requests"]``."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=mode, service_workers="block"
    )
    log = {"blocked": [], "errors": [], "requests": []}

    def block(route):
        log["blocked"].append(route.request.url)
        route.abort("blockedbyclient")

    context.route(re.compile(r"^(?!" + re.escape(base_url) + ")"), block)
    tab = context.new_page()
    tab.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda exc: log["errors"].append(f"uncaught: {exc}"))
    tab.on("request", lambda req: log["requests"].append(req.url))
    tab.log = log
    yield tab
    context.close()


class Audits(dict):
    """``{(page, mode): PageAudit}``, each page audited on first use (a run of a few tests,
    ``-k``, audits only their pages)."""

    def __init__(self, audit) -> None:
        super().__init__()
        self._audit = audit

    def __missing__(self, key: tuple[str, str]) -> PageAudit:
        self[key] = self._audit(*key)
        return self[key]


@pytest.fixture(scope="session")
def audits(pytestconfig, browser, base_url, site_dir, out_dir, axe_source):
    """Every TOC page of every edition, audited once per colour mode: {(page, mode): PageAudit}."""
    only = re.compile(r"^(?!" + re.escape(base_url) + ")")  # anything not on our server
    results = Audits(
        lambda page, mode: audit_page(
            browser,
            base_url,
            page,
            mode,
            site_dir=site_dir,
            screenshot_dir=out_dir / "screenshots",
            axe_source=axe_source,
            foreign=only,
        )
    )
    yield results
    order = {page: i for i, page in enumerate(_page_ids(pytestconfig))}
    ordered = dict(sorted(results.items(), key=lambda kv: (order.get(kv[0][0], 0), kv[0][1])))
    _REPORT.append(write_report(ordered, out_dir / "browser-report.md"))
    _REPORT.append(
        f"(also written to {out_dir / 'browser-report.md'}; screenshots in "
        f"{out_dir / 'screenshots'})"
    )


_REPORT: list[str] = []


def pytest_terminal_summary(terminalreporter) -> None:
    for text in _REPORT:
        terminalreporter.write_line(text)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page" in metafunc.fixturenames:
        metafunc.parametrize("page", _page_ids(metafunc.config))
    if "mode" in metafunc.fixturenames:
        metafunc.parametrize("mode", MODES)
