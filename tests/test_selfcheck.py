"""The self-check questions: every chapter's question file is well formed and points into its
chapter, and the renderer turns a question file into static, deterministic, accessible HTML.

The files are chapters/selfcheck/<chapter>.json (jupyterquiz's multiple-choice format, see
code/actcourse/selfcheck.py). The browser half (answering a question by keyboard and by mouse
on the built site, axe on a self-check) is tests/browser/test_selfcheck_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
import yaml
from actcourse import selfcheck
from docutils.nodes import make_id

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
QUESTION_FILES = sorted(selfcheck.QUESTIONS_DIR.glob("*.json"))
MIN_QUESTIONS = 2  # the course asks for "at least 2-3 questions per chapter"
SHOW_CALL = re.compile(r"""\bselfcheck\.show\(\s*["']([^"']+)["']\s*\)""")
# Targets a link can land on in a chapter: MyST labels "(label)=" on a line of their own, the
# ":name:" of a directive, and explicit HTML ids.
MYST_LABEL = re.compile(r"^\s*\(([^()\s]+)\)=\s*$", re.M)
DIRECTIVE_NAME = re.compile(r"^\s*:name:\s*(\S+)\s*$", re.M)
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "col", "area"}


def _notebook(chapter: str) -> nbformat.NotebookNode:
    return nbformat.read(CHAPTERS / f"{chapter}.ipynb", as_version=4)


def _anchors(chapter: str) -> set[str]:
    """The HTML ids the chapter's page will have for its labels and explicit ids."""
    found = set()
    for cell in _notebook(chapter).cells:
        if cell.cell_type != "markdown":
            continue
        labels = MYST_LABEL.findall(cell.source) + DIRECTIVE_NAME.findall(cell.source)
        found.update(make_id(label) for label in labels)  # how Sphinx turns a label into an id
        found.update(HTML_ID.findall(cell.source))
    return found


def _show_calls(chapter: str) -> list[str]:
    nb = _notebook(chapter)
    return [m for c in nb.cells if c.cell_type == "code" for m in SHOW_CALL.findall(c.source)]


def _file_id(path: Path) -> str:
    return path.stem


NO_FILES = "no chapters/selfcheck/*.json yet: the chapters add their questions"
files = pytest.mark.parametrize(
    "path", QUESTION_FILES or [pytest.param(None, marks=pytest.mark.skip(reason=NO_FILES))]
)


# ---- every question file -------------------------------------------------------------------


@files
def test_question_file_belongs_to_a_chapter_that_shows_it(path):
    chapter = path.stem
    assert (CHAPTERS / f"{chapter}.ipynb").is_file(), f"{path.name}: no chapters/{chapter}.ipynb"
    calls = _show_calls(chapter)
    assert calls == [chapter], (
        f"chapters/{chapter}.ipynb should call selfcheck.show({chapter!r}) exactly once, "
        f"found {calls}"
    )


@files
def test_question_file_follows_the_schema(path):
    questions = selfcheck.load(path.stem)  # raises ValueError naming the problem
    assert len(questions) >= MIN_QUESTIONS, (
        f"{path.name}: {len(questions)} question(s); every chapter needs {MIN_QUESTIONS}+"
    )
    texts = [q["question"] for q in questions]
    assert len(set(texts)) == len(texts), f"{path.name}: a question is repeated"


@files
def test_every_wrong_answer_says_why_and_links_to_its_chapter(path):
    anchors = _anchors(path.stem)
    for i, q in enumerate(selfcheck.load(path.stem), 1):
        for a in q["answers"]:
            links = selfcheck.links(a["feedback"])
            where = f"{path.name} question {i}, answer {a['answer']!r}"
            if not a["correct"]:
                assert links, f"{where}: the feedback of a wrong answer needs a link to its cell"
                prose = re.sub(r"<[^>]+>", "", selfcheck.markup(a["feedback"]))
                assert len(prose.split()) >= 4, f"{where}: the feedback should say why"
            for href in links:
                assert href.startswith("#") and len(href) > 1, (
                    f"{where}: link {href!r} should be '#label', a label of this chapter"
                )
                assert href[1:] in anchors, (
                    f"{where}: #{href[1:]} is not a label in chapters/{path.stem}.ipynb "
                    f"(labels there: {sorted(anchors)})"
                )


@files
def test_question_file_renders_one_self_check_per_question(path):
    page = _parse(selfcheck.to_html(path.stem))
    assert len(page.self_checks) == len(json.loads(path.read_text(encoding="utf-8")))


@files
def test_stored_self_check_output_is_current(path):
    chapter = path.stem
    for cell in _notebook(chapter).cells:
        if cell.cell_type == "code" and SHOW_CALL.search(cell.source):
            html = [o["data"].get("text/html") for o in cell.outputs if "data" in o]
            assert html == [selfcheck.to_html(chapter)], (
                f"chapters/{chapter}.ipynb stores an old self-check output: run "
                f"`python -m actcourse.selfcheck chapters/{chapter}.ipynb` (nbval would fail)"
            )


def test_every_chapter_that_shows_questions_has_them():
    for notebook in sorted(CHAPTERS.glob("*.ipynb")):
        for chapter in _show_calls(notebook.stem):
            assert chapter == notebook.stem, (
                f"{notebook.name} shows the questions of another chapter, {chapter!r}"
            )
            assert (selfcheck.QUESTIONS_DIR / f"{chapter}.json").is_file(), (
                f"{notebook.name} calls selfcheck.show({chapter!r}) but "
                f"chapters/selfcheck/{chapter}.json is missing"
            )


def _toc_chapters() -> list[str]:
    """The stems of the chapter notebooks in the table of contents' "Chapters" part (entries
    are files or globs)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    part = next(p for p in toc["parts"] if p.get("caption") == "Chapters")
    stems = []
    for entry in part["chapters"]:
        if "file" in entry:
            stems.append(Path(entry["file"]).name)
        elif "glob" in entry:
            stems += [p.stem for p in sorted(ROOT.glob(entry["glob"] + ".ipynb"))]
    return [s for s in stems if (CHAPTERS / f"{s}.ipynb").is_file()]


def test_every_chapter_shows_its_self_checks():
    for chapter in _toc_chapters():
        assert (selfcheck.QUESTIONS_DIR / f"{chapter}.json").is_file(), (
            f"chapters/selfcheck/{chapter}.json is missing: every chapter needs its self-checks"
        )
        assert _show_calls(chapter) == [chapter], (
            f"chapters/{chapter}.ipynb should call selfcheck.show({chapter!r})"
        )


# ---- the renderer, on questions written here ------------------------------------------------

SAMPLE = [
    {
        "question": "For large $z > 0$, the slope $\\sigma'(z)$ is ...",
        "type": "multiple_choice",
        "answers": [
            {
                "answer": "about $1/4$",
                "correct": False,
                "feedback": "No: $1/4$ is the maximum, at $z = 0$; [the saturation cell]"
                "(#src-sigmoid-saturates) shows it.",
            },
            {"answer": "close to 0", "correct": True, "feedback": "Yes: it saturates."},
        ],
    },
    {
        "question": "Which hold for `relu`? It costs \\$0.",
        "type": "many_choice",
        "answers": [
            {"answer": "A", "correct": True, "feedback": "Yes."},
            {"answer": "B", "correct": True, "feedback": "Yes."},
            {"answer": "C", "correct": False, "feedback": "<a href='#x'>No</a>."},
        ],
    },
]


@pytest.fixture
def questions_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(selfcheck, "QUESTIONS_DIR", tmp_path)

    def write(questions, chapter="99_sample"):
        (tmp_path / f"{chapter}.json").write_text(json.dumps(questions), encoding="utf-8")
        return chapter

    return write


class _Page(HTMLParser):
    """Checks that tags nest and close, and records the top-level elements and their classes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.top: list[tuple[str, dict]] = []
        self.errors: list[str] = []
        self.ids: list[str] = []
        self.summaries = 0
        self.details = 0

    @property
    def self_checks(self) -> list[dict]:
        return [a for tag, a in self.top if "self-check" in (a.get("class") or "").split()]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.append(a["id"])
        self.details += tag == "details"
        self.summaries += tag == "summary"
        if not self.stack:
            self.top.append((tag, a))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    assert not page.errors and not page.stack, f"badly nested HTML: {page.errors} {page.stack}"
    return page


def test_each_question_is_one_element_with_class_self_check(questions_dir):
    page = _parse(selfcheck.to_html(questions_dir(SAMPLE)))
    tags = [tag for tag, _ in page.top if tag != "style"]
    assert tags == ["div", "div"], f"top-level elements: {tags}"
    assert len(page.self_checks) == 2
    for a in page.self_checks:
        assert a["role"] == "group" and a["aria-labelledby"] == a["id"] + "-q"


def test_every_answer_is_a_native_disclosure_with_its_verdict_and_feedback(questions_dir):
    text = selfcheck.to_html(questions_dir(SAMPLE))
    page = _parse(text)
    assert page.details == page.summaries == 5
    assert text.count("<strong>Correct.</strong>") == 3
    assert text.count("<strong>Not quite.</strong>") == 2
    assert "More than one answer is right" in text  # said for the many_choice question


def test_rendering_is_deterministic_and_needs_no_script(questions_dir):
    chapter = questions_dir(SAMPLE)
    first = selfcheck.to_html(chapter)
    assert first == selfcheck.to_html(chapter)
    assert "<script" not in first and "http" not in first
    assert _parse(first).ids == [
        "self-check-99_sample-1",
        "self-check-99_sample-1-q",
        "self-check-99_sample-2",
        "self-check-99_sample-2-q",
    ]


def test_maths_becomes_mathjax_spans_the_site_typesets(questions_dir):
    text = selfcheck.to_html(questions_dir(SAMPLE))
    assert '<span class="math notranslate nohighlight">\\(z &gt; 0\\)</span>' in text
    assert "\\(\\sigma'(z)\\)" in text
    assert "$" not in text.replace("\\$", "").replace("It costs $0", "")
    assert "It costs $0" in text  # an escaped dollar is a dollar


def test_markdown_links_and_code_become_html(questions_dir):
    text = selfcheck.to_html(questions_dir(SAMPLE))
    assert '<a href="#src-sigmoid-saturates">the saturation cell</a>' in text
    assert "<code>relu</code>" in text
    assert selfcheck.link_targets("99_sample") == ["#src-sigmoid-saturates", "#x"]


def test_show_displays_the_html_and_counts_questions(questions_dir):
    shown = selfcheck.show(questions_dir(SAMPLE))
    assert shown._repr_html_() == selfcheck.to_html("99_sample")
    assert repr(shown) == "<2 self-check questions>"


def _answer(correct=False, feedback="No: see [it](#a)."):
    return {"answer": "an answer", "correct": correct, "feedback": feedback}


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"question": "Q?", "type": "numeric", "answers": []}, "type must be"),
        ({"question": "", "type": "multiple_choice", "answers": []}, "question text"),
        ({"question": "Q?", "type": "multiple_choice", "answers": [_answer(True)]}, "2 or more"),
        ({"question": "Q?", "type": "multiple_choice", "answers": [_answer()] * 2}, "no answer"),
        (
            {"question": "Q?", "type": "multiple_choice", "answers": [_answer(True)] * 2},
            "use type many_choice",
        ),
        (
            {"question": "Q?", "type": "multiple_choice", "answers": [_answer(True), _answer("")]},
            "true or false",
        ),
        (
            {
                "question": "Q?",
                "type": "multiple_choice",
                "answers": [_answer(True, ""), _answer()],
            },
            "needs feedback",
        ),
        (
            {"question": "Q?", "type": "multiple_choice", "answers": [_answer(True)], "hint": "x"},
            "unknown keys",
        ),
        (
            {
                "question": "Q?",
                "type": "multiple_choice",
                "answers": [_answer(True), {**_answer(), "feeback": "typo"}],
            },
            "only the keys",
        ),
        (
            {
                "question": "Q?",
                "type": "multiple_choice",
                "answers": [_answer(True), {**_answer(), "answer": "$p - y$"}],
            },
            "in words too",
        ),
    ],
)
def test_a_malformed_question_is_refused_with_its_reason(questions_dir, question, message):
    chapter = questions_dir([question])
    with pytest.raises(ValueError, match=message):
        selfcheck.load(chapter)


def test_refresh_rewrites_a_stale_self_check_output_and_nothing_else(questions_dir, tmp_path):
    chapter = questions_dir(SAMPLE)
    nb = nbformat.v4.new_notebook()
    stale = nbformat.v4.new_output(
        "execute_result", data={"text/html": "<section>old</section>"}, execution_count=2
    )
    other = nbformat.v4.new_output("stream", name="stdout", text="kept\n")
    nb.cells = [
        nbformat.v4.new_code_cell("print('kept')", outputs=[other], execution_count=1),
        nbformat.v4.new_code_cell(
            f'from actcourse import selfcheck\n\nselfcheck.show("{chapter}")',
            outputs=[stale],
            execution_count=2,
        ),
    ]
    path = tmp_path / "chapter.ipynb"
    nbformat.write(nb, path)
    assert selfcheck.refresh_outputs(path) == 1
    fresh = nbformat.read(path, as_version=4)
    nbformat.validate(fresh)
    assert fresh.cells[0].outputs == [other]
    (result,) = fresh.cells[1].outputs
    assert result["data"]["text/html"] == selfcheck.to_html(chapter)
    assert result["data"]["text/plain"] == "<2 self-check questions>"
    assert result["execution_count"] == 2
    assert selfcheck.refresh_outputs(path) == 0  # already fresh: the file is left alone
