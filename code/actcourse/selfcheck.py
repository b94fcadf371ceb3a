"""Self-check questions: a misconception inventory at the end of each chapter.

The questions of chapter ``NN_name`` live in ``chapters/selfcheck/NN_name.json``, in
jupyterquiz's multiple-choice format::

    [{"question": "For large $z$, the sigmoid's slope is ...",
      "type": "multiple_choice",
      "answers": [{"answer": "about $1/4$", "correct": false,
                   "feedback": "No: $1/4$ is its maximum, at $z = 0$; "
                               "[the saturation cell](#src-sigmoid-saturates) shows it."},
                  {"answer": "close to 0", "correct": true, "feedback": "Yes: ..."}]}]

``type`` is ``multiple_choice`` (one correct answer) or ``many_choice`` (several). Text may hold
HTML, inline maths between ``$...$`` (typeset by MathJax on the site and in JupyterLab), code
between backticks and Markdown links ``[text](#label)``, where ``label`` is a MyST label
``(label)=`` of the chapter: every wrong answer's feedback says why and links to the cell that
shows it (tests/test_selfcheck.py checks this). A chapter shows its questions with one cell::

    from actcourse import selfcheck
    selfcheck.show("02_sigmoid")

Why no quiz library
-------------------
The course asked for a maintained library (jupyterquiz, sphinx-exercise or an equivalent) unless
none works offline. Both were tried (jupyterquiz 2.9.6.4 on a one-page book built with this
book's configuration and vendored MathJax, in Debian's Chromium with every off-site request
blocked, like tests/browser):

- jupyterquiz draws its questions with a ~40 kB script inlined into every output (there is no
  asset to vendor) and fails four requirements. (1) Maths: 500 ms after the page loads it calls
  ``MathJax.version[0]``; when MathJax (1 MB, loaded ``defer``) takes longer than that, as on a
  first visit over a slow link, the call throws and the questions keep raw ``\\(z\\)`` source;
  when ``MathJax`` exists without ``typeset`` it swaps in MathJax from a CDN. (2) Accessibility:
  after an answer, axe reports a serious color-contrast violation (white on its green
  ``#009113``), and the feedback is not in a live region, so a screen reader does not announce
  it. (3) nbval: every output carries a fresh random 12-letter element id, and answers are
  shuffled on each page load. (4) JupyterLab runs no script in a notebook it does not trust (a
  fresh clone), so a student sees empty boxes until the cell is run again.
- sphinx-exercise provides MyST directives for exercises and their solutions: no per-answer
  feedback, nothing a code cell can display, and JupyterLab shows its directives as raw text.

So the renderer is the zero-JavaScript equivalent, HTML that every browser and JupyterLab
already know how to operate: each answer is a native ``<details>`` disclosure whose summary is
the answer and whose body is the verdict and the feedback. It needs no kernel, no network, no
script and no asset; it is keyboard-operable (Tab to an answer, Enter or Space to open it) and
screen readers announce each answer as a collapsed or expanded button. The output is
deterministic (ids come from the chapter and the question's number), so nbval can compare it.
The outermost element of each question carries the class ``self-check``. Checked on a built page
(tests/browser/test_selfcheck_browser.py: Tab and Enter or Space, a click, the feedback's link,
maths typeset, axe with every answer open, light and dark) and in JupyterLab 4 on a notebook it
does not trust: there the sanitizer drops the ``<style>``, ids and ARIA attributes, and the
questions still work (answers open with Enter, the maths is typeset), only without the border.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

#: Where the question files live (the repository's ``chapters/selfcheck/``).
QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "chapters" / "selfcheck"

#: The keys a question and an answer may have (a misspelt key is an error, not silence).
QUESTION_KEYS = {"question", "type", "answers"}
ANSWER_KEYS = {"answer", "correct", "feedback"}
TYPES = {"multiple_choice", "many_choice"}

# One pass over the text: an escaped dollar \$, code `...` (left alone inside), inline maths
# $...$ (not $$) and Markdown links [text](target).
_INLINE = re.compile(
    r"(?P<dollar>\\\$)"
    r"|`(?P<code>[^`]+)`"
    r"|(?<![\\$])\$(?!\$)(?P<math>[^$]+?)(?<!\\)\$"
    r"|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)"
)

# Scoped to .self-check; colours come from the theme's variables (light and dark), with fallbacks
# for JupyterLab. The verdict is said in words, never by colour alone. In dark mode the theme
# gives HTML outputs a light background but leaves links their dark-mode colour (contrast 2.2,
# an axe violation): an output that holds self-checks takes the page's colours instead, since a
# self-check is prose, not a figure. (The selector outranks the theme's.)
_STYLE = """<style>
html[data-theme="dark"] .bd-content div.cell_output div.output.text_html:has(> .self-check) {
  background-color: transparent; color: inherit; padding: 0; }
.self-check { border: 1px solid var(--pst-color-border, #c8c8c8); border-radius: 6px;
  padding: 0.6em 1em; margin: 1em 0; }
.self-check-answers { margin: 0.4em 0 0 0; padding-left: 1.8em; }
.self-check-answers > li { margin: 0.3em 0; }
.self-check-answer > summary { cursor: pointer; }
.self-check-answer > summary:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
.self-check-feedback { margin: 0.3em 0 0.5em 0; padding-left: 0.8em;
  border-left: 3px solid var(--pst-color-primary, #5a5a5a); }
.self-check-hint { font-size: 0.9em; margin: 0.2em 0 0 0; }
</style>"""


def load(chapter: str) -> list[dict]:
    """The questions of ``chapter`` (a chapter's file stem, such as ``"02_sigmoid"``).

    Raises ``ValueError`` naming the file and question when a question is malformed: unknown
    keys, an unsupported type, fewer than two answers, no correct answer (or, for
    ``multiple_choice``, more than one), or an answer without feedback.
    """
    path = QUESTIONS_DIR / f"{chapter}.json"
    questions = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(questions, list) or not questions:
        raise ValueError(f"{path.name}: expected a non-empty list of questions")
    for i, q in enumerate(questions, 1):
        where = f"{path.name} question {i}"
        if not isinstance(q, dict):
            raise ValueError(f"{where}: expected an object")
        if extra := set(q) - QUESTION_KEYS:
            raise ValueError(f"{where}: unknown keys {sorted(extra)} (allowed: {QUESTION_KEYS})")
        if q.get("type") not in TYPES:
            raise ValueError(f"{where}: type must be one of {sorted(TYPES)}, not {q.get('type')!r}")
        if not isinstance(q.get("question"), str) or not q["question"].strip():
            raise ValueError(f"{where}: the question text is missing")
        answers = q.get("answers")
        if not isinstance(answers, list) or len(answers) < 2:
            raise ValueError(f"{where}: needs a list of 2 or more answers")
        for j, a in enumerate(answers, 1):
            if not isinstance(a, dict) or (extra := set(a) - ANSWER_KEYS):
                raise ValueError(f"{where} answer {j}: only the keys {ANSWER_KEYS} are allowed")
            if not isinstance(a.get("answer"), str) or not a["answer"].strip():
                raise ValueError(f"{where} answer {j}: the answer text is missing")
            if not re.search(r"\w", re.sub(r"\$[^$]*\$", "", a["answer"])):
                # a <summary> holding only typeset maths has no text a screen reader can name
                raise ValueError(f"{where} answer {j}: say it in words too, not only in maths")
            if not isinstance(a.get("correct"), bool):
                raise ValueError(f"{where} answer {j}: 'correct' must be true or false")
            if not isinstance(a.get("feedback"), str) or not a["feedback"].strip():
                raise ValueError(f"{where} answer {j}: every answer needs feedback")
        n_correct = sum(a["correct"] for a in answers)
        if n_correct < 1:
            raise ValueError(f"{where}: no answer is marked correct")
        if q["type"] == "multiple_choice" and n_correct > 1:
            raise ValueError(f"{where}: {n_correct} correct answers; use type many_choice")
    return questions


def markup(text: str) -> str:
    """Question text to HTML: ``$x$`` becomes MathJax's inline ``\\(x\\)`` in a ``math`` span
    (the class MathJax processes on the site), `` `x` `` becomes ``<code>`` and ``[text](url)``
    a link. Other text is passed through, so it may hold HTML; write ``\\$`` for a dollar sign.
    """

    def replace(m: re.Match) -> str:
        if m["dollar"] is not None:
            return "$"
        if m["code"] is not None:
            return f"<code>{html.escape(m['code'], quote=False)}</code>"
        if m["math"] is not None:
            tex = html.escape(m["math"], quote=False)
            return f'<span class="math notranslate nohighlight">\\({tex}\\)</span>'
        return f'<a href="{html.escape(m["href"])}">{markup(m["text"])}</a>'

    return _INLINE.sub(replace, text)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(v for k, v in attrs if k == "href" and v is not None)


def links(text: str) -> list[str]:
    """The link targets (``href``) in ``text`` once marked up: Markdown and HTML links alike."""
    parser = _Links()
    parser.feed(markup(text))
    parser.close()
    return parser.hrefs


def link_targets(chapter: str) -> list[str]:
    """Every link target in the questions, answers and feedback of ``chapter``, in order."""
    found = []
    for q in load(chapter):
        found += links(q["question"])
        for a in q["answers"]:
            found += links(a["answer"]) + links(a["feedback"])
    return found


#: The renderer's own words, translated like the questions (``messages``).
HINT_MANY = "More than one answer is right. Open each answer to see whether it holds and why."
HINT_ONE = "Choose an answer, then open it to see whether it holds and why."
CORRECT = "Correct."
NOT_QUITE = "Not quite."
LABEL = "Self-check {number}."


def messages(chapter: str | None = None) -> list[str]:
    """Every text a reader reads in the self-checks, for the translation catalogues: with
    ``chapter``, its questions, answers and feedback, in order, each once (catalogue
    ``locales/<lang>/LC_MESSAGES/_course/selfcheck/<chapter>.po``); without, the renderer's
    own words (``_course/selfcheck.po``)."""
    if chapter is None:
        return [LABEL, HINT_ONE, HINT_MANY, CORRECT, NOT_QUITE]
    found = []
    for q in load(chapter):
        found.append(q["question"])
        for a in q["answers"]:
            found += [a["answer"], a["feedback"]]
    return list(dict.fromkeys(found))


def chapters() -> list[str]:
    """The chapters that have self-check questions."""
    return sorted(p.stem for p in QUESTIONS_DIR.glob("*.json"))


def to_html(chapter: str, lang: str = "en") -> str:
    """The questions of ``chapter`` as static HTML (deterministic: nbval can compare it), in
    ``lang`` (``"en"``, or a language with a catalogue: see :mod:`actcourse.i18n`)."""
    from actcourse.i18n import gettext

    def _(text: str) -> str:  # the chapter's catalogue, then the renderer's own words
        domain = "selfcheck" if text in messages() else f"selfcheck/{chapter}"
        return gettext(text, lang, domain)

    questions = load(chapter)
    parts = [_STYLE]
    for i, q in enumerate(questions, 1):
        qid = f"self-check-{chapter}-{i}"
        many = q["type"] == "many_choice"
        hint = _(HINT_MANY) if many else _(HINT_ONE)
        items = []
        for a in q["answers"]:
            verdict = _(CORRECT) if a["correct"] else _(NOT_QUITE)
            items.append(
                '<li><details class="self-check-answer">'
                f"<summary>{markup(_(a['answer']))}</summary>"
                f'<p class="self-check-feedback"><strong>{verdict}</strong> '
                f"{markup(_(a['feedback']))}</p></details></li>"
            )
        label = _(LABEL).format(number=i)
        parts.append(
            f'<div class="self-check" id="{qid}" role="group" aria-labelledby="{qid}-q">'
            f'<p id="{qid}-q"><strong>{label}</strong> {markup(_(q["question"]))}</p>'
            f'<p class="self-check-hint">{hint}</p>'
            f'<ol class="self-check-answers" type="A">{"".join(items)}</ol></div>'
        )
    return "\n".join(parts)


class _HTML:
    """What ``show`` returns: Jupyter and MyST-NB display its HTML; the text form counts."""

    def __init__(self, text: str, count: int) -> None:
        self.text = text
        self.count = count

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"<{self.count} self-check questions>"


def show(chapter: str) -> _HTML:
    """Display the self-check questions of ``chapter``; make it the last line of a cell."""
    return _HTML(to_html(chapter), len(load(chapter)))


_SHOW_CALL = re.compile(r"""\bselfcheck\.show\(\s*["']([^"']+)["']\s*\)\s*$""")


def refresh_outputs(notebook: Path, lang: str = "en") -> int:
    """Rewrite the stored output of every ``selfcheck.show(...)`` cell of ``notebook`` to what
    the questions and this renderer give now, without running anything else (the output is
    deterministic, so this is what a fresh run stores). Returns the number of cells changed.

    After editing a question file, or this renderer, run::

        python -m actcourse.selfcheck chapters/*.ipynb

    With ``lang``, the outputs are written in that language: how the Chinese edition's copy of
    an executed chapter gets its questions (``scripts/build_site.py``).
    """
    import nbformat  # only needed here

    nb = nbformat.read(notebook, as_version=4)
    changed = 0
    for cell in nb.cells:
        match = _SHOW_CALL.search(cell.source) if cell.cell_type == "code" else None
        if not match:
            continue
        shown = _HTML(to_html(match[1], lang), len(load(match[1])))
        data = {"text/html": shown._repr_html_(), "text/plain": repr(shown)}
        outputs = [o for o in cell.get("outputs", []) if o.get("output_type") == "execute_result"]
        if len(outputs) == 1 and outputs[0]["data"] == data:
            continue
        count = cell.get("execution_count")
        cell.outputs = [
            nbformat.v4.new_output("execute_result", data=data, metadata={}, execution_count=count)
        ]
        changed += 1
    if changed:
        nbformat.write(nb, notebook)
    return changed


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        print(f"{name}: {refresh_outputs(Path(name))} self-check output(s) refreshed")
