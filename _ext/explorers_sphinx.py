"""Sphinx extension: no Jupyter widget manager on pages that display no widget.

MyST-NB adds the saved widget state and the ``nb_ipywidgets_js`` scripts (the widget manager
and its shim, about 0.9 MB compressed) to every page whose notebook created a widget while it
ran, even when the page shows every output through another MIME type. The explorers of
:mod:`explorers` create live widgets, but the website shows their static ``text/html`` player
(``nb_mime_priority_overrides`` in ``_config.yml``), so on their pages the manager would load
for nothing, and the saved state could only replay the single picture of the executed notebook.

This handler runs just before MyST-NB's own ``html-page-context`` handler and drops those
entries when the page's final doctree holds no ``application/vnd.jupyter.widget-view+json``
view. A page that does display a widget view keeps the manager.

Listed in ``_config.yml`` under ``sphinx: extra_extensions``. It imports nothing from the course
library, so the book's configuration does not depend on the library importing cleanly.
"""

from __future__ import annotations

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def drop_unused_widget_manager(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context`` handler: forget the page's ``ipywidgets_*`` scripts if unused."""
    if doctree is None or app.builder.format != "html":
        return
    from docutils import nodes

    if any(WIDGET_VIEW in node.astext() for node in doctree.findall(nodes.raw)):
        return
    from myst_nb.sphinx_ import NbMetadataCollector

    js_files = NbMetadataCollector.get_js_files(app.env, pagename)
    for key in [k for k in js_files if k.startswith("ipywidgets_")]:
        del js_files[key]


def setup(app) -> dict:
    # Priority 400: before MyST-NB's handler (default 500) turns the entries into <script>s.
    app.connect("html-page-context", drop_unused_widget_manager, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
