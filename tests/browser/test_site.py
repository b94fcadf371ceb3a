"""The built website, in a real browser: offline, accessible, typeset, small, no broken links.

Every test is parametrised over the pages of _toc.yml and, where the browser is involved,
over light and dark mode. Findings come from one audited load per page and mode (conftest).
"""

from __future__ import annotations

import pytest

from .audit import FILE_NAME_ALT, TRANSFER_BUDGET_BYTES
from .links import broken_internal_links

pytestmark = pytest.mark.browser


def test_page_is_shown_in_the_requested_colour_mode(audits, page, mode):
    assert audits[page, mode].theme == mode, "the theme did not follow prefers-color-scheme"


def test_page_logs_no_console_error(audits, page, mode):
    errors = audits[page, mode].console_errors
    assert not errors, f"{page} ({mode}) logged errors:\n" + "\n".join(errors)


def test_page_makes_no_request_off_the_site(audits, page, mode):
    audit = audits[page, mode]
    assert not audit.foreign_requests and not audit.blocked, (
        f"{page} ({mode}) made {audit.blocked} request(s) to other hosts (blocked):\n"
        + "\n".join(audit.foreign_requests)
    )


def test_every_request_for_a_site_file_succeeds(audits, page, mode):
    failed = audits[page, mode].failed_requests
    assert not failed, f"{page} ({mode}) has failed requests:\n" + "\n".join(failed)


def test_every_image_loads_and_has_alt_text_that_is_not_a_file_name(audits, page, mode):
    problems = []
    for img in audits[page, mode].images:
        if img["width"] == 0:
            problems.append(f"{img['src']}: did not load")
        if img["decorative"]:
            continue
        alt = (img["alt"] or "").strip()
        if not alt:
            problems.append(f"{img['src']}: no alt text")
        elif FILE_NAME_ALT.search(alt) or alt in (img["src"] or ""):
            problems.append(f"{img['src']}: alt text {alt!r} is a file name")
    assert not problems, f"{page} ({mode}):\n" + "\n".join(problems)


def test_every_maths_element_is_typeset_without_error(audits, page, mode):
    maths = audits[page, mode].maths
    assert maths["typeset"] == maths["sources"], (
        f"{page}: only {maths['typeset']} of {maths['sources']} maths elements were typeset"
    )
    assert not maths["errors"], f"{page}: MathJax could not typeset: {maths['errors']}"


def test_no_raw_tex_is_visible(audits, page, mode):
    raw = audits[page, mode].raw_tex
    assert not raw, f"{page} ({mode}): raw TeX in the text:\n" + "\n".join(raw)


def test_embedded_widgets_are_rendered(audits, page, mode):
    widgets = audits[page, mode].widgets
    assert widgets["rendered"] == widgets["views"], (
        f"{page}: {widgets['rendered']} of {widgets['views']} saved widget views rendered"
    )


def test_page_shows_one_search_field(audits, page, mode):
    shown = audits[page, mode].search_fields
    assert shown == 1, f"{page} ({mode}) shows {shown} search fields"


def test_nothing_overflows_sideways(audits, page, mode):
    overflowing = audits[page, mode].overflowing
    assert not overflowing, f"{page} ({mode}) needs sideways scrolling:\n" + "\n".join(overflowing)


def test_toggles_open_and_close(audits, page, mode):
    broken = audits[page, mode].toggles["broken"]
    assert not broken, f"{page} ({mode}): toggles that did not open and close: {broken}"


def test_no_serious_or_critical_accessibility_violation(audits, page, mode):
    violations = audits[page, mode].axe
    lines = [
        f"[{v['impact']}] {v['id']}: {v['help']}\n    at {v['targets']}\n    {v['summary']}"
        for v in violations
    ]
    assert not violations, f"{page} ({mode}) axe-core:\n" + "\n".join(lines)


def test_page_transfer_is_within_budget(audits, page, mode):
    audit = audits[page, mode]
    assert audit.transfer_bytes <= TRANSFER_BUDGET_BYTES, (
        f"{page} ({mode}) transfers {audit.transfer_bytes / 1024:.0f} KB on a cold load; "
        f"budget {TRANSFER_BUDGET_BYTES / 1024:.0f} KB"
    )


def test_every_internal_link_of_the_site_resolves(site_dir):
    broken = broken_internal_links(site_dir)
    assert not broken, "broken internal links:\n" + "\n".join(broken[:50])
