"""How fast the built site renders in Chromium, against the budget: a report, never a failure.

    SITE_DIR=_build/html .venv/bin/python -m tests.browser.bench_render   (`make bench-site`)

Every page of the table of contents, in light and dark mode, is loaded cold (a fresh browser
context) ``REPEATS`` times; the table gives the fastest and the median time from navigation
start to a fully rendered page (MathJax typeset, fonts, images, widget views: RENDERED_JS in
audit.py) against ``RENDER_BUDGET_MS``. The time depends on the machine and its load as much as
on the page, so it is reported here (``make bench``), not tested by ``make test``. Written to
``$BROWSER_OUT/render-bench.md`` too.
"""

from __future__ import annotations

import os
import statistics
import sys
from pathlib import Path

from .audit import RENDER_BUDGET_MS, time_render, toc_pages
from .serve import launch_chromium, serve

ROOT = Path(__file__).resolve().parents[2]
MODES = ("light", "dark")
REPEATS = 3


def main() -> int:
    from playwright.sync_api import sync_playwright

    site = Path(os.environ.get("SITE_DIR", ROOT / "_build" / "html")).resolve()
    out = Path(os.environ.get("BROWSER_OUT", site.parent))
    if not (site / "index.html").is_file():
        print(f"bench_render: no built site at {site}: run `make book` first", file=sys.stderr)
        return 2
    rows = []
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for page in toc_pages(ROOT, site):
                for mode in MODES:
                    times = [time_render(browser, base_url + page, mode) for _ in range(REPEATS)]
                    rows.append((page, mode, min(times), statistics.median(times)))
                    print(f"  {page} ({mode}): {min(times):.0f} ms", flush=True)
        finally:
            browser.close()
    over = [r for r in rows if r[2] > RENDER_BUDGET_MS]
    lines = [
        "# Render times",
        "",
        f"Cold loads in headless Chromium on this machine, {REPEATS} per page and mode; budget "
        f"{RENDER_BUDGET_MS} ms for the fastest.",
        "",
        "| page | mode | fastest ms | median ms | within budget |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for page, mode, best, median in rows:
        ok = "yes" if best <= RENDER_BUDGET_MS else "**no**"
        lines.append(f"| {page} | {mode} | {best:.0f} | {median:.0f} | {ok} |")
    lines += [
        "",
        f"{len(rows) - len(over)} of {len(rows)} page loads within {RENDER_BUDGET_MS} ms"
        + (f"; over budget: {', '.join(f'{p} ({m})' for p, m, *_ in over)}." if over else "."),
    ]
    text = "\n".join(lines) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "render-bench.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
