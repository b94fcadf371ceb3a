"""The Chinese edition's catalogues (locales/zh_CN/LC_MESSAGES/): complete, in step with the
English, faithful to its maths, code, links, roles and numbers, and to the glossary.

scripts/i18n.py holds the rules; README.md ("Translations") says how to update the catalogues
when the English changes.
"""

from __future__ import annotations

import i18n
import nbformat
import pytest
import site_fixes
from actcourse import i18n as runtime
from actcourse import player, selfcheck
from babel.messages.pofile import read_po

LANG = "zh_CN"


def test_every_catalogue_is_translated_and_keeps_its_tokens_and_the_glossary():
    problems = i18n.problems(LANG)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:40])


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    return i18n.extract(tmp_path_factory.mktemp("i18n"))


def test_catalogues_hold_exactly_the_sentences_of_the_current_sources(templates):
    """A new or changed English sentence fails here until `make translations` merges it (and
    the test above until it is translated)."""
    messages_dir = i18n.LOCALES / LANG / "LC_MESSAGES"
    pots = sorted(templates.rglob("*.pot"))
    assert len(pots) >= 30
    names = {p.relative_to(templates).with_suffix("").as_posix() for p in pots}
    catalogues = {i18n.catalogue_name(p, LANG) for p in i18n.catalogues(LANG)}
    assert names == catalogues, (names ^ catalogues, "run `make translations`")
    for pot in pots:
        name = pot.relative_to(templates).with_suffix("").as_posix()
        with pot.open("rb") as f:
            wanted = {m.id for m in read_po(f) if m.id}
        with (messages_dir / f"{name}.po").open("rb") as f:
            have = {m.id for m in read_po(f) if m.id}
        assert wanted == have, (name, sorted(wanted - have)[:5], sorted(have - wanted)[:5])


@pytest.mark.parametrize(
    ("english", "chinese", "problem"),
    [
        ("Set $b = 2$ here.", "在这里设 $b = 3$。", "math '$b = 2$'"),
        ("It is 0.25 at most.", "它最多为 0.26。", "number '0.25'"),
        ("See {doc}`02_sigmoid`.", "见 {doc}`03_tanh`。", "role '{doc}`02_sigmoid`'"),
        ("See [the cell](#src-a).", "见[该单元格](#src-b)。", "link '#src-a'"),
        ("Call `np.exp`.", "调用 `np.expm1`。", "code '`np.exp`'"),
        ('A <q lang="zh">quote</q>.', "一句引文。", "tag '<q lang=\"zh\">'"),
        ("{name} at z = {z}", "{name} 在 z 处", "field '{z}'"),
        ("**Bold** text", "**粗体文字", "** (bold)"),
        ("1. A title", "1. 标题", "numbered list"),
    ],
)
def test_the_token_rules_catch_a_dropped_or_changed_token(english, chinese, problem):
    found = i18n.token_problems(english, chinese)
    assert any(problem in p for p in found), found


def test_the_token_rules_accept_a_faithful_translation():
    english = "With {ref}`the saturation cell <src-sat>`, $g'(z)$ is 0.25 at `z = 0` ([see](#a))."
    chinese = "由{ref}`饱和单元格 <src-sat>`可知，$g'(z)$ 在 `z = 0` 处为 0.25（[见此](#a)）。"
    assert i18n.token_problems(english, chinese) == []


def test_the_glossary_holds_the_terms_the_edition_is_held_to():
    terms = {t.english: t.chinese for t in i18n.glossary()}
    for english, chinese in {
        "activation function": "激活函数",
        "affine map": "仿射变换",
        "vanishing gradient": "梯度消失",
        "saturation": "饱和",
        "zero-centred": "零中心",
        "dying ReLU": "死亡 ReLU",
        "Leaky ReLU": "带泄漏 ReLU",
        "parametric ReLU": "参数化 ReLU",
        "backpropagation": "反向传播",
        "initialisation": "初始化",
    }.items():
        assert terms.get(english) == chinese, english


@pytest.mark.parametrize(
    ("english", "chinese", "missing"),
    [
        ("The sigmoid saturates for large z.", "对很大的 z，sigmoid 趋于平坦。", "饱和"),
        ("Leaky ReLU keeps a slope.", "Leaky ReLU 保留一个斜率。", "带泄漏 ReLU"),
        ("Its initialization matters.", "它的设定很重要。", "初始化"),
        ("Vanishing gradients slow it.", "梯度变小使它变慢。", "梯度消失"),
    ],
)
def test_the_glossary_rule_catches_another_term(english, chinese, missing):
    found = i18n.glossary_problems(english, chinese, i18n.glossary())
    assert any(missing in p for p in found), found


def test_the_glossary_rule_ignores_terms_inside_code_and_maths():
    terms = i18n.glossary()
    english = "Call `leaky_relu` with $\\text{Leaky ReLU}$."
    assert i18n.glossary_problems(english, "调用 `leaky_relu`，$\\text{Leaky ReLU}$。", terms) == []
    # the same term in prose is held to the glossary
    assert i18n.glossary_problems("Call Leaky ReLU.", "调用 Leaky ReLU。", terms)


def test_a_fuzzy_or_empty_entry_is_a_problem(tmp_path):
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgid "Old sentence here."\nmsgstr "旧句子。"\n\n'
        'msgid "New sentence here."\nmsgstr ""\n',
        encoding="utf-8",
    )
    found = i18n.problems(LANG, [po])
    assert any("fuzzy" in p for p in found) and any("untranslated" in p for p in found)


@pytest.mark.parametrize("chapter", selfcheck.chapters())
def test_self_checks_render_in_chinese_with_the_same_links(chapter):
    english, chinese = selfcheck.to_html(chapter), selfcheck.to_html(chapter, LANG)
    assert chinese != english and "自测 1。" in chinese
    assert selfcheck.links(english) == selfcheck.links(chinese)


def test_every_stored_explorer_output_translates_completely():
    translate = runtime.TemplateTranslator("explorers", LANG)
    found = 0
    for notebook in sorted((i18n.ROOT / "chapters").glob("[0-9]*.ipynb")):
        for cell in nbformat.read(notebook, as_version=4).cells:
            for output in cell.get("outputs", []):
                shown = output.get("data", {}).get("text/html", "")
                if 'class="afx afx-' in shown:
                    translated = player.translate_html(shown, translate)  # raises if a text is left
                    assert translated != shown
                    found += 1
    assert found >= 4


def test_text_no_message_explains_is_an_error():
    translate = runtime.TemplateTranslator("explorers", LANG)
    assert translate("Sigmoid network with 3 hidden layers: no gradient reaches some layers.")
    with pytest.raises(runtime.MissingTranslation):
        translate("A caption nobody wrote a template for.")


def test_the_switcher_links_each_page_to_the_same_page_of_the_other_edition():
    editions = {"en": {"path": "", "label": "English"}, "zh_CN": {"path": "zh_CN", "label": "中文"}}
    assert site_fixes.language_links(editions, "en", "chapters/02_sigmoid") == [
        {"url": "../zh_CN/chapters/02_sigmoid.html", "label": "中文", "lang": "zh-CN"}
    ]
    assert site_fixes.language_links(editions, "zh_CN", "search") == [
        {"url": "../search.html", "label": "English", "lang": "en"}
    ]
    assert site_fixes.language_links(editions, "zh_CN", "chapters/index")[0]["url"] == (
        "../../chapters/index.html"
    )


def test_chinese_search_splits_as_sphinx_does_with_a_set_of_latin_terms():
    from sphinx.search.zh import SearchChinese

    fast = site_fixes._chinese_search()({})
    text = "ReLU 的梯度消失问题：sigmoid 在 z = 36 时饱和。"
    assert fast.split(text) == SearchChinese({}).split(text)
    assert "梯度" in fast.split(text) and isinstance(fast.latin_terms, set)
    assert fast.stem("ReLU") == SearchChinese({}).stem("ReLU")
