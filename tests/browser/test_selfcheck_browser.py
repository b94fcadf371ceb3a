"""The self-check questions on the built website: with no kernel, no network and no script of
their own, a reader answers one question by keyboard and one by mouse and sees the feedback,
its link lands on the cell that shows it, the maths in the questions is typeset, and axe finds
no serious or critical violation in a self-check with its answers open.

Every chapter page whose notebook calls ``selfcheck.show(...)`` is opened in Chromium, light and
dark, with every request that leaves the local server blocked. Uses the fixtures of conftest.py
(the built site on 127.0.0.1 and Debian's chromium); run with `make browser`.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from .audit import toc_pages

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SHOW_CALL = re.compile(r"""\bselfcheck\.show\(\s*["']([^"']+)["']\s*\)""")


def _selfcheck_pages(book: Path) -> list[tuple[str, str]]:
    """(built page, chapter whose questions it shows) for every TOC notebook that shows some."""
    found = []
    for page in toc_pages(book):
        source = book / Path(page).with_suffix(".ipynb")
        if not source.is_file():
            continue
        nb = nbformat.read(source, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                found += [(page, chapter) for chapter in SHOW_CALL.findall(cell.source)]
    return found


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "selfcheck_page" in metafunc.fixturenames:
        found = _selfcheck_pages(Path(metafunc.config.getoption("--book-dir")))
        metafunc.parametrize(
            "selfcheck_page", [page for page, _ in found] or [None], ids=lambda v: str(v)
        )


NO_SELFCHECK = (
    "no chapter notebook calls selfcheck.show() yet, so there is no self-check to answer; this "
    "test runs as soon as a chapter shows its questions"
)

# The state of one answer: is it open, is its feedback shown, where do its links point.
ANSWER_JS = """
details => {
  const fb = details.querySelector('.self-check-feedback');
  return {
    open: details.open,
    feedbackShown: !!fb && fb.checkVisibility() && fb.getBoundingClientRect().height > 0,
    verdict: fb ? fb.querySelector('strong').textContent : null,
    links: fb ? [...fb.querySelectorAll('a')].map(a => a.getAttribute('href')) : [],
  };
}
"""


# `tab`: a fresh offline browser tab (conftest.py).


def _open_page(tab, base_url, site_dir, page):
    assert (site_dir / page).is_file(), f"{page} is not in the built site"
    tab.goto(base_url + page, wait_until="load")
    tab.evaluate(
        "async () => { if (window.MathJax?.startup?.promise) await MathJax.startup.promise; }"
    )
    checks = tab.locator(".self-check")
    assert checks.count() >= 2, f"{page}: {checks.count()} self-check question(s), expected 2+"
    return checks


def _wrong_answer(check):
    """The first answer of a question whose verdict is 'Not quite.' (a wrong answer)."""
    answers = check.locator("details.self-check-answer")
    for i in range(answers.count()):
        if "Not quite." in answers.nth(i).locator(".self-check-feedback").text_content():
            return answers.nth(i)
    raise AssertionError("a question with no wrong answer")


def test_a_question_answered_by_keyboard_shows_its_feedback(
    tab, base_url, site_dir, selfcheck_page, mode
):
    page = selfcheck_page
    if page is None:
        pytest.skip(NO_SELFCHECK)
    checks = _open_page(tab, base_url, site_dir, page)
    first = checks.nth(0)
    summaries = first.locator("details.self-check-answer > summary")
    # Start on the question's text, as a reader who has just read it; Tab then reaches its
    # first answer, and (past the open feedback's links and any focusable maths) its second.
    first.locator("p").first.evaluate(
        "p => { p.tabIndex = -1; p.focus(); p.removeAttribute('tabindex'); }"
    )
    for i, key in enumerate(["Enter", "Space"]):
        summary = summaries.nth(i)
        for _ in range(8):
            tab.keyboard.press("Tab")
            if summary.evaluate("s => s === document.activeElement"):
                break
        focused = tab.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        assert summary.evaluate("s => s === document.activeElement"), (
            f"{page} ({mode}): Tab did not reach answer {i + 1}; focus is on {focused}"
        )
        tab.keyboard.press(key)
        state = summary.locator("..").evaluate(ANSWER_JS)
        assert state["open"] and state["feedbackShown"], (
            f"{page} ({mode}): {key} on answer {i + 1} of question 1 did not show its feedback"
        )
        assert state["verdict"] in {"Correct.", "Not quite."}
    # The same key again closes it: the answer is a real toggle.
    tab.keyboard.press("Space")
    assert not summaries.nth(1).locator("..").evaluate("d => d.open")
    assert not tab.log["blocked"] and not tab.log["errors"], tab.log


def test_a_question_answered_by_mouse_shows_feedback_that_links_to_its_cell(
    tab, base_url, site_dir, selfcheck_page, mode
):
    page = selfcheck_page
    if page is None:
        pytest.skip(NO_SELFCHECK)
    checks = _open_page(tab, base_url, site_dir, page)
    wrong = _wrong_answer(checks.nth(1))
    wrong.locator("summary").click()
    state = wrong.evaluate(ANSWER_JS)
    assert state["open"] and state["feedbackShown"], f"{page} ({mode}): a click showed nothing"
    assert state["verdict"] == "Not quite."
    assert state["links"], f"{page}: the feedback of a wrong answer has no link"
    # The link lands on an element of this page (the cell that shows it).
    href = state["links"][0]
    assert href.startswith("#"), href
    wrong.locator(".self-check-feedback a").first.click()
    tab.wait_for_function("h => location.hash === h", arg=href)
    target = tab.evaluate("id => !!document.getElementById(id)", href[1:])
    assert target, f"{page}: the feedback links to {href}, which is not on the page"
    assert not tab.log["blocked"] and not tab.log["errors"], tab.log


def test_self_checks_are_typeset_and_pass_axe_with_answers_open(
    tab, base_url, site_dir, selfcheck_page, mode, axe_source
):
    page = selfcheck_page
    if page is None:
        pytest.skip(NO_SELFCHECK)
    checks = _open_page(tab, base_url, site_dir, page)
    maths = tab.evaluate(
        """() => [...document.querySelectorAll('.self-check .math')].map(
            m => !!m.querySelector('mjx-container'))"""
    )
    assert all(maths), f"{page} ({mode}): {maths.count(False)} maths in self-checks not typeset"
    errors = tab.evaluate(
        """() => [...document.querySelectorAll('.self-check mjx-merror')].map(
            e => e.getAttribute('data-mjx-error'))"""
    )
    assert not errors, f"{page} ({mode}): MathJax could not typeset a self-check: {errors}"
    tab.evaluate(
        "() => document.querySelectorAll('.self-check details').forEach(d => d.open = true)"
    )
    tab.add_script_tag(content=axe_source)
    result = tab.evaluate(
        """async () => await axe.run(document.querySelectorAll('.self-check'),
                                     {resultTypes: ['violations']})"""
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, f"{page} ({mode}), {checks.count()} self-checks:\n" + "\n".join(serious)
