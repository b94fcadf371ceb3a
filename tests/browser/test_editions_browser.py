"""The two editions of the site in Chromium: the language switcher, each page's language,
Chinese search, and the explorers and self-checks of the Chinese edition.

Every page of both editions also goes through the audits of test_site.py (offline, axe, maths,
alt text, console, phone width): conftest.py lists the pages of each edition. Uses the fixtures
of conftest.py (`tab`: offline, light or dark); run with `make browser`.
"""

from __future__ import annotations

import re

import pytest

from .conftest import editions

pytestmark = pytest.mark.browser

PAGE = "chapters/02_sigmoid.html"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def zh(site_dir):
    if "zh_CN" not in editions(site_dir):
        pytest.fail(f"no Chinese edition in {site_dir}/zh_CN: run `make book`")
    return "zh_CN/"


def _tab_to(tab, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching ``selector`` has the keyboard focus."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if tab.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    pytest.fail(f"{selector} never received the focus after {limit} presses of Tab")


@pytest.mark.parametrize(
    ("start", "target", "label", "lang"),
    [("", "zh_CN/", "中文", "zh-CN"), ("zh_CN/", "", "English", "en")],
    ids=["en-to-zh", "zh-to-en"],
)
def test_the_switcher_leads_by_keyboard_to_the_same_page_in_the_other_language(
    tab, base_url, zh, mode, start, target, label, lang
):
    tab.goto(base_url + start + PAGE, wait_until="load")
    nav = tab.locator("nav.language-switcher")
    assert nav.count() == 1, "one language switcher per page"
    assert nav.get_attribute("aria-label") in ("Language", "语言")
    link = nav.locator("a")
    assert link.inner_text().strip() == label
    assert link.get_attribute("lang") == lang and link.get_attribute("hreflang") == lang
    _tab_to(tab, "nav.language-switcher a")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url == base_url + target + PAGE
    assert tab.evaluate("document.documentElement.lang") == lang
    assert not tab.log["errors"], tab.log["errors"]
    assert not tab.log["blocked"], tab.log["blocked"]


def test_every_page_says_its_language(zh, site_dir):
    pages = sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*.html")
        if "_static" not in p.parts  # the theme's template fragments
    )
    wrong = []
    for page in pages:
        text = (site_dir / page).read_text(encoding="utf-8")
        found = re.search(r'<html[^>]*\slang="([^"]+)"', text)
        expected = "zh-CN" if page.startswith("zh_CN/") else "en"
        if 'http-equiv="Refresh"' in text or 'http-equiv="refresh"' in text:
            continue  # a redirect page
        if not found or found[1] != expected:
            wrong.append((page, found[1] if found else None))
    assert not wrong, wrong
    assert sum(p.startswith("zh_CN/") for p in pages) >= 18


@pytest.mark.parametrize(
    ("query", "expected"),
    [("梯度消失", "chapters/02_sigmoid.html"), ("死亡 ReLU", "chapters/04_relu.html")],
)
def test_chinese_search_finds_the_chapter(tab, base_url, zh, mode, query, expected):
    tab.goto(base_url + f"zh_CN/search.html?q={query}", wait_until="load")
    results = tab.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=20_000)
    hrefs = [a.get_attribute("href") or "" for a in results.all()]
    assert any(h.split("?")[0].split("#")[0].endswith(expected) for h in hrefs), hrefs
    assert not tab.log["errors"], tab.log["errors"]


def test_chinese_explorer_speaks_chinese_and_responds(tab, base_url, zh, mode):
    tab.goto(base_url + "zh_CN/" + PAGE, wait_until="load")
    player = tab.locator(".afx").first
    player.wait_for()
    caption = player.locator(".afx-caption")
    before = caption.inner_text()
    assert CJK.search(before), before
    labels = player.locator(".afx-label").all_inner_texts()
    assert labels and all(CJK.search(t) for t in labels), labels
    slider = player.locator('input[type="range"]').first
    slider.focus()
    tab.keyboard.press("ArrowRight")
    after = caption.inner_text()
    assert after != before and CJK.search(after), (before, after)
    alt = player.locator("svg").first.get_attribute("aria-label")
    assert CJK.search(alt or ""), alt
    assert not tab.log["errors"], tab.log["errors"]


def test_chinese_self_check_answers_in_chinese(tab, base_url, zh, mode):
    tab.goto(base_url + "zh_CN/" + PAGE, wait_until="load")
    question = tab.locator(".self-check").first
    assert CJK.search(question.locator("p").first.inner_text())
    answer = question.locator("summary").first
    answer.focus()
    tab.keyboard.press("Enter")
    verdict = question.locator(".self-check-feedback strong").first
    verdict.wait_for(state="visible")
    assert verdict.inner_text() in ("正确。", "不完全对。")
    assert not tab.log["errors"], tab.log["errors"]


def test_both_editions_have_the_same_page_tree(zh, site_dir):
    def tree(root):
        return {
            p.relative_to(root).as_posix()
            for p in root.rglob("*.html")
            if "_static" not in p.parts and "zh_CN" not in p.relative_to(root).parts
        }

    english, chinese = tree(site_dir), tree(site_dir / "zh_CN")
    assert english == chinese, (sorted(english - chinese), sorted(chinese - english))
