"""Small fixes to the HTML that Jupyter Book 1 / Sphinx 7.4 / MyST-NB 1.4 write.

A local Sphinx extension (see `sphinx: local_extensions` in _config.yml).

1. Each page listed some inline scripts twice: Sphinx registers an inline script (no file
   name) once as `None` and once as `""`, and its duplicate check tells them apart. Mostly
   harmless, but sphinx-thebe's inline `const THEBE_JS_URL = ...` then threw "Identifier
   'THEBE_JS_URL' has already been declared" on every page. The second copy is dropped.
2. MyST-NB's hidden cell inputs (tag `hide-input`) are <details> whose <summary> says "Show
   code cell source" but is labelled aria-label="Toggle hidden content", which fails WCAG 2.5.3
   "label in name" (axe: label-content-name-mismatch, serious). The label is dropped, so the
   summary's name is the text it shows.
3. Pages whose docname matches a pattern of `launch_buttons_skip` (a list of globs in
   _config.yml's `sphinx: config`) show no launch buttons: sphinx-book-theme links every
   notebook page to Binder/Colab/JupyterHub, but a generated page (the exercise pages) is not a
   file of the repository, so the link would open nothing.
4. The language switcher: every page links to the same page in the other editions (the
   `editions` of _config.yml's `sphinx: config`; scripts/build_site.py builds each, English at
   the site's root and the others in their folders), through _templates/language-switcher.html.
5. Chinese search: Sphinx 7.4's Chinese search language (jieba for the words) keeps every Latin
   term it has seen in a list and looks each word up in that list when it stems it, so the
   index of the Chinese edition took time quadratic in the text (about 5 s of its build). The
   same class, with a set, is registered in its place; the index is the same.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from typing import Any

HIDDEN_CELL_SUMMARY = '<summary aria-label="Toggle hidden content">\n'


def _drop_duplicate_scripts(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for script in scripts:
        attributes = getattr(script, "attributes", {})
        key = (getattr(script, "filename", script) or "", *sorted(attributes.items()))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _drop_launch_buttons(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not any(fnmatchcase(pagename, pattern) for pattern in app.config.launch_buttons_skip):
        return
    buttons = context.get("header_buttons")
    if isinstance(buttons, list):
        buttons[:] = [b for b in buttons if b.get("label") != "launch-buttons"]


def language_links(editions: dict, language: str, pagename: str) -> list[dict[str, str]]:
    """Links from ``pagename`` of the ``language`` edition to the same page of the others,
    relative to the page: ``{"url", "label", "lang"}`` (``lang`` as HTML writes it, zh-CN)."""
    if language not in editions:
        return []
    here = editions[language].get("path", "")
    to_root = "../" * (pagename.count("/") + (here.count("/") + 1 if here else 0))
    links = []
    for code, edition in editions.items():
        if code == language:
            continue
        folder = edition.get("path", "")
        url = to_root + (folder + "/" if folder else "") + pagename + ".html"
        links.append({"url": url, "label": edition["label"], "lang": code.replace("_", "-")})
    return links


def _add_language_links(app, pagename: str, templatename: str, context: dict, doctree) -> None:
    context["language_links"] = language_links(
        app.config.editions, app.config.language or "en", pagename
    )


def _chinese_search():
    """Sphinx's Chinese search language with its Latin terms in a set (item 5 above)."""
    from sphinx.search.zh import SearchChinese

    class Terms(set):
        """A set that ``SearchChinese.split`` can extend as it extends its list."""

        def extend(self, terms) -> None:
            self.update(terms)

    class FastSearchChinese(SearchChinese):
        def init(self, options: dict[str, str]) -> None:
            super().init(options)
            self.latin_terms = Terms()  # an instance's own, not the class's shared list

    return FastSearchChinese


def setup(app) -> dict[str, Any]:
    from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput, visit_HideCellInput

    def visit_hidden_cell(translator, node) -> None:
        visit_HideCellInput(translator, node)
        for index in range(len(translator.body) - 1, -1, -1):
            if translator.body[index] == HIDDEN_CELL_SUMMARY:
                translator.body[index] = "<summary>\n"
                break

    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    # Late (priority 900), after MyST-NB has added its per-page scripts.
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    # After sphinx-book-theme has added its launch buttons (priority 501).
    app.add_config_value("launch_buttons_skip", [], "html")
    app.connect("html-page-context", _drop_launch_buttons, priority=900)
    app.add_search_language(_chinese_search())
    app.add_config_value("editions", {}, "html")
    app.connect("html-page-context", _add_language_links)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
