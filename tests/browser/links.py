"""An internal-link checker for a built static site: files must exist, anchors must exist."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = {"href", "src", "poster", "data"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in {"id", "name"} and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in LINK_ATTRIBUTES and not (tag == "link" and _is_hint(attrs)):
                self.links.append(value)
            elif name == "srcset":
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())


def _is_hint(attrs: list[tuple[str, str | None]]) -> bool:
    """<link rel="preconnect"> and the like name hosts, not files."""
    rel = dict(attrs).get("rel") or ""
    return rel in {"preconnect", "dns-prefetch"}


@cache
def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8", errors="replace"))
    return collector


def _is_external(link: str) -> bool:
    parts = urlsplit(link)
    return bool(parts.scheme or parts.netloc) or link.startswith(("javascript:", "data:"))


def _check(source: Path, link: str, site: Path) -> str | None:
    """A description of what is wrong with `link` found in `source`, or None."""
    if not link or _is_external(link):
        return None
    parts = urlsplit(link)
    if parts.path:
        if parts.path.startswith("/"):
            return f"{link} is root-relative: it breaks when the site is not served at /"
        target = (source.parent / unquote(parts.path)).resolve()
        if not target.is_relative_to(site):
            return f"{link} points outside the site"
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            return f"{link}: no such file"
    else:
        target = source
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in _parse(target).ids:
        return f"{link}: no id {fragment!r} in {target.relative_to(site)}"
    return None


def broken_internal_links(site: Path) -> list[str]:
    """Every href/src of every HTML page, and every url() of every style sheet, that does not
    resolve to a file of the site (and, for #fragments into HTML pages, to an element id)."""
    site = site.resolve()
    broken = []
    # _static/ holds the theme's Jinja templates, copied verbatim: not pages.
    pages = [p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts]
    for page in sorted(pages):
        for link in _parse(page).links:
            if problem := _check(page, link, site):
                broken.append(f"{page.relative_to(site)}: {problem}")
    for sheet in sorted(site.rglob("*.css")):
        for link in CSS_URL.findall(sheet.read_text(encoding="utf-8", errors="replace")):
            if problem := _check(sheet, link.split("#")[0], site):
                broken.append(f"{sheet.relative_to(site)}: {problem}")
    return broken
