"""Self-check questions: a misconception inventory at the end of each chapter.

The questions of chapter ``NN_name`` live in ``chapters/selfcheck/NN_name.json``, in
jupyterquiz's multiple-choice format::

    [{"question": "...", "type": "multiple_choice",
      "answers": [{"answer": "...", "correct": false,
                   "feedback": "Why not: <a href='#anchor'>the cell that shows it</a>"},
                  ...]}]

A chapter shows them with one cell::

    from actcourse import selfcheck
    selfcheck.show("02_sigmoid")

The output is static HTML (no kernel, no network, no script needed) that works the same in
JupyterLab and on the website: every answer is a native ``<details>`` disclosure, so it is
keyboard-operable and announced by screen readers. The outermost element of each question
carries the class ``self-check``.
"""

from __future__ import annotations

import json
from pathlib import Path

#: Where the question files live (the repository's ``chapters/selfcheck/``).
QUESTIONS_DIR = Path(__file__).resolve().parents[2] / "chapters" / "selfcheck"


def load(chapter: str) -> list[dict]:
    """The questions of ``chapter`` (a chapter's file stem, such as ``"02_sigmoid"``)."""
    path = QUESTIONS_DIR / f"{chapter}.json"
    questions = json.loads(path.read_text(encoding="utf-8"))
    for i, q in enumerate(questions, 1):
        answers = q.get("answers", [])
        if not q.get("question") or len(answers) < 2:
            raise ValueError(f"{path.name} question {i}: needs a question and 2+ answers")
        if sum(bool(a.get("correct")) for a in answers) < 1:
            raise ValueError(f"{path.name} question {i}: no answer is marked correct")
        if not all(a.get("feedback") for a in answers):
            raise ValueError(f"{path.name} question {i}: every answer needs feedback")
    return questions


def to_html(chapter: str) -> str:
    """The questions of ``chapter`` as static HTML (deterministic: nbval can compare it)."""
    parts = []
    for i, q in enumerate(load(chapter), 1):
        qid = f"self-check-{chapter}-{i}"
        items = []
        for a in q["answers"]:
            verdict = "Correct." if a["correct"] else "Not quite."
            items.append(
                f'<li><details class="self-check-answer"><summary>{a["answer"]}</summary>'
                f'<p class="self-check-feedback"><strong>{verdict}</strong> {a["feedback"]}</p>'
                "</details></li>"
            )
        parts.append(
            f'<section class="self-check" id="{qid}" aria-labelledby="{qid}-q">'
            f'<p id="{qid}-q"><strong>Self-check {i}.</strong> {q["question"]}</p>'
            f'<ul class="self-check-answers">{"".join(items)}</ul></section>'
        )
    return "\n".join(parts)


class _HTML:
    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __repr__(self) -> str:
        n = self.text.count('<section class="self-check"')
        return f"<{n} self-check questions>"


def show(chapter: str) -> _HTML:
    """Display the self-check questions of ``chapter``; make it the last line of a cell."""
    return _HTML(to_html(chapter))
