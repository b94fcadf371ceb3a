"""Generate the website's exercise pages from the nbgrader source notebooks.

    python scripts/make_exercise_pages.py [--mode public|student] [--out exercises]

Reads ``coursework/source/<name>/<name>.ipynb`` (the instructor versions, with nbgrader's
solution and hidden-test regions) and writes ``<out>/<name>.ipynb`` for the book:

``public`` (``make book``)
    Solutions stay, hidden behind a toggle: a solution code cell gets the ``hide-input`` tag
    (labelled "Show a solution"), a written model answer goes into a collapsed ``dropdown``.
    Hidden tests are removed. The pages are executed by the book build, so the visible tests
    run against the solutions.
``student`` (``make book-student``)
    Solutions are removed as nbgrader removes them (the student's stub code only), hidden
    tests are removed, outputs are cleared, and the page is not executed (the stubs raise
    ``NotImplementedError``): notebook metadata ``mystnb: {execution_mode: "off"}``.

In both modes every nbgrader marker line and nbgrader cell metadata is gone, and the script
refuses to write a page in which a marker survives. The pages are generated files: they are
ignored by git and rebuilt by every ``make book`` and ``make book-student``.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
from actcourse.grading import course

ROOT = Path(__file__).resolve().parents[1]
COURSE = ROOT / "coursework"
SOURCE = COURSE / "source"
# nbgrader's markers and stub, and the region splitter, live with the other assignment facts
SOLUTION, HIDDEN, MARKERS, CODE_STUB = (
    course.SOLUTION,
    course.HIDDEN,
    course.MARKERS,
    course.CODE_STUB,
)
split_regions = course.split_regions

#: The toggle of a solution's code (translated in the other editions: scripts/i18n.py).
SHOW = "Show a solution"
HIDE = "Hide the solution"

NOTE = {
    "public": (
        "```{{note}}\n"
        "This is the exercise page of assignment **{name}**. Solutions are hidden: click "
        "*Show a solution* under a question for the code, or open *A model answer* for a "
        "written answer. Try the question first. Instructors: see {{doc}}`../chapters/"
        "instructors` for running it as graded coursework.\n"
        "```"
    ),
    "student": (
        "```{{note}}\n"
        "This is the exercise page of assignment **{name}**. Work in the notebook your "
        "instructor handed out; solutions are not published while the course runs.\n"
        "```"
    ),
}


def assignments() -> list[str]:
    """Assignment names in chapter order (their folders under coursework/source)."""
    return course.assignments(COURSE)


def _indent(lines: list[str]) -> str:
    first = next((line for line in lines if line.strip()), "")
    return first[: len(first) - len(first.lstrip())]


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n")


def public_cell(cell):
    """The cell as the public page shows it, or ``None`` to drop it."""
    meta = cell.metadata.get("nbgrader", {})
    runs = split_regions(cell.source, *SOLUTION)
    if meta.get("solution") and cell.cell_type == "markdown":
        question = _join([line for inside, lines in runs if not inside for line in lines])
        answer = _join([line for inside, lines in runs if inside for line in lines])
        cell.source = f"{question}\n\n```{{dropdown}} A model answer\n{answer}\n```"
    elif meta.get("solution"):
        cell.source = _join([line for _, lines in runs for line in lines])
        cell.metadata["tags"] = sorted({*cell.metadata.get("tags", []), "hide-input"})
        cell.metadata["mystnb"] = {"code_prompt_show": SHOW, "code_prompt_hide": HIDE}
    elif meta.get("grade"):
        runs = split_regions(cell.source, *HIDDEN)
        cell.source = _join([line for inside, lines in runs if not inside for line in lines])
    return cell


def student_cell(cell):
    """The cell as the student page shows it: what ``nbgrader generate_assignment`` leaves."""
    meta = cell.metadata.get("nbgrader", {})
    if meta.get("solution"):
        runs = split_regions(cell.source, *SOLUTION)
        kept: list[str] = []
        for inside, lines in runs:
            if not inside:
                kept += lines
            elif cell.cell_type == "code":
                indent = _indent(lines)
                kept += [indent + stub for stub in CODE_STUB.split("\n")]
            else:
                kept += ["*Write your answer in the notebook.*"]
        cell.source = _join(kept)
    elif meta.get("grade"):
        runs = split_regions(cell.source, *HIDDEN)
        cell.source = _join([line for inside, lines in runs if not inside for line in lines])
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    return cell


def make_page(name: str, mode: str):
    """The exercise page of assignment ``name`` as a notebook node."""
    nb = course.source_notebook(COURSE, name)
    transform = public_cell if mode == "public" else student_cell
    cells = []
    for cell in nb.cells:
        cell = transform(copy.deepcopy(cell))
        if cell is None:
            continue
        for key in ("nbgrader", "editable", "deletable"):
            cell.metadata.pop(key, None)
        cells.append(cell)
    # The note goes right under the page title (the first line of the first cell).
    title, _, intro = cells[0].source.partition("\n")
    cells[0].source = title
    note = nbformat.v4.new_markdown_cell(NOTE[mode].format(name=name))
    note["id"] = f"exercise-note-{mode}"
    rest = nbformat.v4.new_markdown_cell(intro.strip("\n"))
    rest["id"] = "exercise-intro"
    cells[1:1] = [note, rest]
    nb.cells = cells
    if mode == "student":
        nb.metadata["mystnb"] = {"execution_mode": "off"}
    check_no_markers(nb, name)
    nbformat.validate(nb)
    return nb


def check_no_markers(nb, name: str) -> None:
    for cell in nb.cells:
        for marker in MARKERS:
            if re.search(re.escape(marker), cell.source, re.IGNORECASE):
                raise SystemExit(f"{name}: nbgrader marker {marker!r} survived in:\n{cell.source}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("public", "student"), default="public")
    parser.add_argument("--out", type=Path, default=ROOT / "exercises")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    names = assignments()
    for stale in args.out.glob("*.ipynb"):
        if stale.stem not in names:
            stale.unlink()
    for name in names:
        nbformat.write(make_page(name, args.mode), args.out / f"{name}.ipynb")
    print(f"make_exercise_pages: {len(names)} {args.mode} pages in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
