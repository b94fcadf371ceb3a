"""Small fixes to the HTML that Jupyter Book 1 / Sphinx 7.4 write (a local Sphinx extension).

Each page lists some inline scripts twice: Sphinx registers an inline script (no file name)
once as `None` and once as `""`, and its duplicate check tells them apart. Mostly harmless,
but sphinx-thebe's inline `const THEBE_JS_URL = ...` then throws "Identifier 'THEBE_JS_URL'
has already been declared" on every page. This drops the second copy.
"""

from __future__ import annotations

from typing import Any


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


def setup(app) -> dict[str, Any]:
    # Late (priority 900), after MyST-NB has added its per-page scripts.
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
