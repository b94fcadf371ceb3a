"""The page "The popular account, checked" (chapters/popular_account.md) checks every claim of
the post the course started from (ShuYini, AINLPer WeChat public account, 2019-09-01).

For each claim the page gives the original Chinese, marked up with lang="zh"; an English
rendering; one verdict (holds, qualified or wrong); and links to the cells that check it. These
tests hold the page to that: every claim complete, the summary table and the counts agreeing
with the claims, every quotation verbatim from the post, every link target in a chapter.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "chapters" / "popular_account.md"
VERDICTS = ("holds", "qualified", "wrong")
CLAIM = re.compile(r"^- \*\*Claim (\d+)\.\*\*(.*?)(?=^- \*\*Claim |^## |\Z)", re.M | re.S)
QUOTE = re.compile(r'<q lang="zh">(.+?)</q>', re.S)
VERDICT = re.compile(r"\*\*Verdict: (\w+)")
REF = re.compile(r"\{ref\}`[^`<]*<([\w-]+)>`")
DOC = re.compile(r"\{doc\}`(?:[^`<]*<)?([\w./-]+)>?`")
ROW = re.compile(r"^\| (\d+) \| [^|]+ \| (\w+) \| ([^|]+) \|$", re.M)
COUNTS = re.compile(
    r"Of its \*\*(\d+) claims\*\*, \*\*(\d+) hold\*\*, \*\*(\d+) are qualified\*\* and "
    r"\*\*(\d+) are wrong\*\*"
)
# The post's text lives beside the repository (../shared/), not in it: it is quoted, not copied.
SOURCE = next(
    (
        p
        for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
        if (p / "source-article.zh.txt").is_file()
    ),
    None,
)


def _page() -> str:
    return PAGE.read_text(encoding="utf-8")


def _claims() -> dict[int, str]:
    return {int(n): body for n, body in CLAIM.findall(_page())}


def _chapter_targets() -> set[str]:
    """Every MyST label and directive :name: in the chapter notebooks."""
    found = set()
    for nb in (ROOT / "chapters").glob("*.ipynb"):
        text = nb.read_text(encoding="utf-8")
        found |= set(re.findall(r"\(([\w-]+)\)=", text))
        found |= set(re.findall(r":name: ([\w-]+)", text))
    return found


def test_claims_are_numbered_in_order():
    numbers = [int(n) for n, _ in CLAIM.findall(_page())]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 20, numbers


def test_every_claim_has_chinese_english_one_verdict_and_a_link():
    for n, body in _claims().items():
        assert QUOTE.search(body), f'claim {n}: no <q lang="zh"> quotation'
        assert "*In English:*" in body, f"claim {n}: no English rendering"
        verdicts = VERDICT.findall(body)
        assert len(verdicts) == 1 and verdicts[0] in VERDICTS, f"claim {n}: verdicts {verdicts}"
        assert REF.search(body) or DOC.search(body), f"claim {n}: no link to a chapter"


def test_summary_table_and_counts_agree_with_the_claims():
    claims = {n: VERDICT.search(body)[1] for n, body in _claims().items()}
    rows = {int(n): verdict for n, verdict, _ in ROW.findall(_page())}
    assert rows == claims, "the summary table and the claims disagree"
    counts = Counter(claims.values())
    stated = COUNTS.search(_page())
    assert stated, "the page should state how many claims hold, are qualified and are wrong"
    assert tuple(map(int, stated.groups())) == (
        len(claims),
        counts["holds"],
        counts["qualified"],
        counts["wrong"],
    )


def test_every_chinese_passage_is_marked_up_as_chinese():
    # Strip the marked-up passages; no CJK character may remain outside them.
    text = re.sub(r'<(q|span) lang="zh">.*?</\1>', "", _page(), flags=re.S)
    stray = re.findall(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+", text)
    assert not stray, f'Chinese text without lang="zh": {stray}'


@pytest.mark.skipif(SOURCE is None, reason="../shared/source-article.zh.txt is not beside the repo")
def test_every_quotation_is_verbatim_from_the_post():
    post = (SOURCE / "source-article.zh.txt").read_text(encoding="utf-8")
    for n, body in _claims().items():
        for quote in QUOTE.findall(body):
            assert quote in post, f"claim {n}: {quote!r} is not in the post"
    assert "ShuYini" in post and "2019-9-1" in post  # the attribution the page gives


def test_every_link_target_is_in_a_chapter():
    targets = _chapter_targets()
    page = _page()
    missing = [label for label in REF.findall(page) if label not in targets]
    assert not missing, f"labels not defined in any chapter: {missing}"
    for doc in DOC.findall(page):
        assert any((ROOT / "chapters" / f"{doc}{ext}").is_file() for ext in (".ipynb", ".md")), doc


def test_the_landing_page_cites_the_post_and_links_the_page():
    index = (ROOT / "chapters" / "index.md").read_text(encoding="utf-8")
    for needed in ("ShuYini", "AINLPer", "2019-09-01", "{doc}`popular_account`"):
        assert needed in index, f"chapters/index.md should contain {needed!r}"
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [c.get("file") for part in toc["parts"] for c in part["chapters"]]
    assert "chapters/popular_account" in files
