"""Open one page of the built site in Chromium and record what a reader would meet.

Kept apart from the tests so that each page is loaded once per colour mode (loading is the
slow part); test_site.py states the requirements against the recorded `PageAudit`s.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

#: Bytes on the wire for a cold load of one page (tested: the same on every machine).
TRANSFER_BUDGET_BYTES = 2 * 1024 * 1024
#: Time to a fully rendered page (reported by `make bench-site`, never tested: it measures the
#: machine as much as the page).
RENDER_BUDGET_MS = 2000

# Where a file name or path shows through as alt text: "abc.png", "../_images/x.svg", hashes.
FILE_NAME_ALT = re.compile(
    r"(\.(png|jpe?g|gif|svg|webp|avif|bmp)\b)|(^[\w./-]*/[\w.-]+$)|(^[0-9a-f]{16,}$)", re.I
)

# Waits for everything that makes the page "fully rendered": the load event has fired when
# this runs; then MathJax's first typeset, web fonts, images and any ipywidgets views.
# Returns milliseconds since navigation start.
RENDERED_JS = """
async () => {
  const mj = window.MathJax;
  if (mj && mj.startup && mj.startup.promise) { await mj.startup.promise; }
  await document.fonts.ready;
  await Promise.all([...document.images].map(img => img.complete ? null : new Promise(done => {
      img.addEventListener('load', done);
      img.addEventListener('error', done);
  })));
  const views = [...document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]')];
  const shown = () => views.every(s => {
      const el = s.previousElementSibling;
      return el && el.classList.contains('widget-subarea') && el.childElementCount > 0; });
  for (let i = 0; i < 100 && !shown(); i++) { await new Promise(r => setTimeout(r, 50)); }
  return performance.now();
}
"""

# Text a reader can see that still looks like TeX source. Code, MathJax's own output and
# hidden nodes are skipped.
RAW_TEX_JS = r"""
() => {
  const skip = 'pre, code, script, style, textarea, mjx-container, .MathJax, .highlight';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const pattern = /\$\$|\\\(|\\\)|\\\[|\\\]|\\begin\{|\$[^\s$][^$]*\$/;
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || el.closest(skip) || !el.checkVisibility()) continue;
    if (pattern.test(node.textContent)) found.push(node.textContent.trim().slice(0, 120));
  }
  return found;
}
"""

MATH_JS = """
() => {
  const maths = [...document.querySelectorAll('.math')];
  return {
    sources: maths.length,
    typeset: maths.filter(m => m.querySelector('mjx-container')).length,
    containers: document.querySelectorAll('mjx-container').length,
    errors: [...document.querySelectorAll('mjx-merror')].map(
        e => e.getAttribute('data-mjx-error') || e.textContent),
  };
}
"""

IMAGES_JS = """
() => [...document.images].map(img => ({
  src: img.getAttribute('src'),
  alt: img.getAttribute('alt'),
  decorative: img.getAttribute('role') === 'presentation'
      || img.getAttribute('aria-hidden') === 'true',
  width: img.naturalWidth,
}))
"""

# Content a reader cannot see without scrolling sideways: the page itself, or a code block.
OVERFLOW_JS = """
() => {
  const page = document.scrollingElement.scrollWidth > window.innerWidth + 1
      ? [`page is ${document.scrollingElement.scrollWidth}px wide`] : [];
  const code = [...document.querySelectorAll('.bd-article pre')]
      .filter(pre => pre.checkVisibility() && pre.scrollWidth > pre.clientWidth + 1)
      .map(pre => pre.textContent.trim().split('\\n')[0].slice(0, 80));
  return page.concat(code);
}
"""

WIDGETS_JS = """
() => {
  const views = [...document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]')];
  return { views: views.length, rendered: views.filter(s => { const el = s.previousElementSibling;
      return el && el.classList.contains('widget-subarea') && el.childElementCount > 0; }).length };
}
"""

SEARCH_FIELDS_JS = """
() => [...document.querySelectorAll('.search-button-field, .search-button, input[type=search]')]
    .filter(el => el.checkVisibility() && el.getBoundingClientRect().height > 0).length
"""

# Clicks every toggle twice and reports those that did not open, then close.
TOGGLES_JS = """
async () => {
  const tick = () => new Promise(r => setTimeout(r, 60));
  const broken = [];
  let count = 0;
  for (const details of document.querySelectorAll('details')) {
    const summary = details.querySelector(':scope > summary');
    if (!summary || !summary.checkVisibility()) continue;
    count++;
    const was = details.open;
    summary.click(); await tick();
    const flipped = details.open !== was;
    summary.click(); await tick();
    if (!flipped || details.open !== was) {
      broken.push('details: ' + summary.textContent.trim().slice(0, 60));
    }
  }
  for (const button of document.querySelectorAll('button.toggle-button')) {
    if (!button.checkVisibility()) continue;
    count++;
    const target = document.querySelector(button.dataset.target)
        || button.closest('.toggle, .dropdown');
    const hidden = () => target.classList.contains('toggle-hidden');
    const was = hidden();
    button.click(); await tick();
    const flipped = hidden() !== was;
    button.click(); await tick();
    if (!flipped || hidden() !== was) {
      const name = button.getAttribute('aria-label') || button.textContent;
      broken.push('toggle-button: ' + name.trim().slice(0, 60));
    }
  }
  return { count, broken };
}
"""


@dataclasses.dataclass
class PageAudit:
    page: str
    mode: str
    theme: str = ""
    console_errors: list[str] = dataclasses.field(default_factory=list)
    foreign_requests: list[str] = dataclasses.field(default_factory=list)  # unique URLs
    blocked: int = 0  # requests to other hosts that the route aborted
    failed_requests: list[str] = dataclasses.field(default_factory=list)
    images: list[dict] = dataclasses.field(default_factory=list)
    raw_tex: list[str] = dataclasses.field(default_factory=list)
    maths: dict = dataclasses.field(default_factory=dict)
    widgets: dict = dataclasses.field(default_factory=dict)
    overflowing: list[str] = dataclasses.field(default_factory=list)
    toggles: dict = dataclasses.field(default_factory=dict)
    search_fields: int = 0  # visible search fields and buttons
    axe: list[dict] = dataclasses.field(default_factory=list)  # serious and critical only
    axe_other: list[str] = dataclasses.field(default_factory=list)  # lesser impact: reported
    transfer_bytes: int = 0  # on the wire (gzip), every request of a cold load
    decoded_bytes: int = 0  # the same, uncompressed
    requests: int = 0
    render_ms: float = 0.0
    screenshot: str = ""


def toc_pages(root: Path, site: Path | None = None) -> list[str]:
    """The built HTML path of every page in _toc.yml (root first), relative to the site.

    A ``glob:`` entry is matched against the sources in ``root``, or, given the built
    ``site``, against its pages (generated pages, such as the exercise pages, exist only
    there).
    """
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs: list[str] = [toc["root"]]

    def matches(pattern: str) -> list[str]:
        if site is not None:
            found = site.glob(pattern + ".html")
            return sorted(p.relative_to(site).with_suffix("").as_posix() for p in found)
        found = root.glob(pattern + ".*")
        return sorted(
            p.relative_to(root).with_suffix("").as_posix()
            for p in found
            if p.suffix in {".md", ".ipynb", ".rst"}
        )

    def walk(entries: list[dict]) -> None:
        for entry in entries or []:
            if "file" in entry:
                docs.append(entry["file"])
            elif "glob" in entry:
                docs.extend(d for d in matches(entry["glob"]) if d not in docs)
            for key in ("sections", "chapters", "parts"):
                walk(entry.get(key, []))

    for key in ("parts", "chapters", "sections"):
        walk(toc.get(key, []))
    pages = [re.sub(r"\.(md|ipynb|rst)$", "", doc) + ".html" for doc in docs]
    return list(dict.fromkeys(pages))


def _size(response) -> tuple[int, int]:
    """(bytes on the wire, bytes decoded) of a finished response's body."""
    try:
        encoded = response.request.sizes()["responseBodySize"]
    except Exception:  # a failed or aborted request
        return 0, 0
    length = response.headers.get("content-length")
    try:
        decoded = len(response.body())
    except Exception:
        decoded = int(length) if length else encoded
    return encoded, decoded


def audit_page(
    browser,
    base_url: str,
    page: str,
    mode: str,
    *,
    site_dir: Path,
    screenshot_dir: Path,
    axe_source: str,
    foreign: re.Pattern,
) -> PageAudit:
    audit = PageAudit(page=page, mode=mode)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=mode, service_workers="block"
    )
    host = urlsplit(base_url).netloc

    def note_foreign(url: str) -> None:
        if url not in audit.foreign_requests:
            audit.foreign_requests.append(url)

    def block(route) -> None:
        audit.blocked += 1
        note_foreign(route.request.url)
        route.abort("blockedbyclient")

    # The pattern is evaluated inside the browser driver, so requests to our own server
    # are not slowed by a round trip through Python (that would spoil the timings).
    context.route(foreign, block)
    tab = context.new_page()
    tab.on(
        "console",
        lambda msg: (
            audit.console_errors.append(f"{msg.text} @ {msg.location.get('url', '')}")
            if msg.type == "error"
            else None
        ),
    )
    tab.on("pageerror", lambda exc: audit.console_errors.append(f"uncaught: {exc}"))
    responses = []
    tab.on("response", lambda response: responses.append(response))
    tab.on(
        "requestfailed",
        lambda req: (
            audit.failed_requests.append(f"{req.url} ({req.failure})")
            if urlsplit(req.url).netloc == host
            else None
        ),
    )
    # Also anything that bypasses routing (a navigation, a WebSocket): noted, not blocked.
    tab.on(
        "request",
        lambda req: (
            note_foreign(req.url)
            if req.url.split(":")[0] in {"http", "https", "ws", "wss"}
            and urlsplit(req.url).netloc != host
            else None
        ),
    )
    try:
        tab.goto(base_url + page, wait_until="load", timeout=30_000)
        audit.render_ms = tab.evaluate(RENDERED_JS)
        audit.theme = tab.evaluate("document.documentElement.dataset.theme || ''")
        tab.wait_for_load_state("networkidle", timeout=10_000)
        for response in responses:
            encoded, decoded = _size(response)
            audit.transfer_bytes += encoded + (response.request.sizes()["responseHeadersSize"])
            audit.decoded_bytes += decoded
        audit.requests = len(responses)

        audit.maths = tab.evaluate(MATH_JS)
        audit.raw_tex = tab.evaluate(RAW_TEX_JS)
        audit.widgets = tab.evaluate(WIDGETS_JS)
        audit.overflowing = tab.evaluate(OVERFLOW_JS)
        audit.search_fields = tab.evaluate(SEARCH_FIELDS_JS)

        screenshot = (
            screenshot_dir / mode / (page.replace("/", "__").removesuffix(".html") + ".png")
        )
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        # As tall a window as the page (not a stitched full-page shot), so the theme's sticky
        # sidebars and header are drawn where a reader sees them.
        # (Past Chromium's 16k-pixel limit, a stitched full-page shot is the fallback.)
        height = tab.evaluate("document.documentElement.scrollHeight")
        if height <= 16_000:
            tab.set_viewport_size({"width": 1280, "height": max(height, 900)})
            tab.screenshot(path=str(screenshot))
            tab.set_viewport_size({"width": 1280, "height": 900})
        else:
            tab.screenshot(path=str(screenshot), full_page=True)
        audit.screenshot = str(screenshot)

        # Lazy images below the fold load once asked to, then every image is judged.
        tab.evaluate(
            "document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading='eager')"
        )
        tab.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=10_000)
        audit.images = tab.evaluate(IMAGES_JS)

        tab.add_script_tag(content=axe_source)
        result = tab.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in {"serious", "critical"}:
                audit.axe.append(
                    {
                        "id": violation["id"],
                        "impact": violation["impact"],
                        "help": violation["help"],
                        "targets": [n["target"] for n in violation["nodes"]][:5],
                        "summary": violation["nodes"][0].get("failureSummary", "")[:300],
                    }
                )
            else:
                audit.axe_other.append(f"{violation['id']} ({violation['impact']})")

        audit.toggles = tab.evaluate(TOGGLES_JS)
    finally:
        context.close()
    return audit


def time_render(browser, url: str, mode: str) -> float:
    """Milliseconds from navigation start to a fully rendered page, on a cold load."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=mode, service_workers="block"
    )
    try:
        tab = context.new_page()
        tab.goto(url, wait_until="load", timeout=30_000)
        return tab.evaluate(RENDERED_JS)
    finally:
        context.close()


def write_report(results: dict[tuple[str, str], PageAudit], path: Path) -> str:
    lines = [
        "# Browser report",
        "",
        "A cold load of every page of the table of contents, served on 127.0.0.1 with gzip (as a",
        "static host serves it), in headless Chromium at 1280 px, in light and dark mode.",
        "",
        "- transfer: bytes on the wire, headers + (gzip) bodies, every request; decoded: bodies",
        f"  uncompressed. Budget: {TRANSFER_BUDGET_BYTES / 1024:.0f} KB transfer (tested).",
        "- render: navigation start to the load event, MathJax's typeset, web fonts, images and",
        "  widget views done, one cold load on this machine. Budget: "
        f"{RENDER_BUDGET_MS} ms, reported by `make bench-site` (not tested: it times the machine).",
        "- maths: elements typeset / elements with TeX. images: loaded with alt text / total.",
        "- axe: serious + critical violations (must be 0); lesser ones are listed after them.",
        "- off-site: requests to any other host (blocked); errors: console errors.",
        "",
        "| page | mode | requests | transfer KB | decoded KB | render ms | maths | images "
        "| widgets | toggles | axe | off-site | errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for (page, mode), a in results.items():
        good_images = sum(1 for i in a.images if i["width"] and (i["alt"] or "").strip())
        axe = str(len(a.axe)) + (f" ({', '.join(sorted(set(a.axe_other)))})" if a.axe_other else "")
        lines.append(
            f"| {page} | {mode} | {a.requests} | {a.transfer_bytes / 1024:.0f} "
            f"| {a.decoded_bytes / 1024:.0f} | {a.render_ms:.0f} "
            f"| {a.maths.get('typeset', 0)}/{a.maths.get('sources', 0)} "
            f"| {good_images}/{len(a.images)} "
            f"| {a.widgets.get('rendered', 0)}/{a.widgets.get('views', 0)} "
            f"| {a.toggles.get('count', 0) - len(a.toggles.get('broken', []))}"
            f"/{a.toggles.get('count', 0)} | {axe} | {len(a.foreign_requests)} "
            f"| {len(a.console_errors)} |"
        )
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return text
