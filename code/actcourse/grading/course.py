"""The assignments of an nbgrader course directory, and what nbgrader's metadata says about
their cells: the one place the build scripts, the autograder and the tests read them from.

An assignment is a folder ``<course>/source/<name>/`` holding ``<name>.ipynb`` (the instructor
version, with nbgrader's solution and hidden-test regions). Assignments are listed in the
order of their names, which start with the chapter number.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

#: nbgrader's delimiters (its defaults, which coursework/nbgrader_config.py keeps).
SOLUTION = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
MARKERS = (*SOLUTION, *HIDDEN, "BEGIN MARK SCHEME", "END MARK SCHEME", "AUTOTEST")
#: What nbgrader puts in place of a solution (ClearSolutions' defaults for Python).
CODE_STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
#: Modules a student's code must not import unless the notebook's metadata says otherwise
#: (``{"actcourse": {"forbidden_imports": [...]}}``): the course library's reference
#: implementations, and libraries that ship the functions the assignments ask for.
FORBIDDEN_IMPORTS = (
    "activations",
    "actcourse.nn",
    "scipy",
    "sklearn",
    "torch",
    "jax",
    "tensorflow",
    "keras",
)


def assignments(course: Path) -> list[str]:
    """Assignment names in chapter order (their folders under ``<course>/source``)."""
    source = Path(course) / "source"
    return sorted(p.name for p in source.iterdir() if (p / f"{p.name}.ipynb").is_file())


def source_path(course: Path, assignment: str) -> Path:
    return Path(course) / "source" / assignment / f"{assignment}.ipynb"


def source_notebook(course: Path, assignment: str):
    """The instructor version of an assignment (an ``nbformat`` notebook)."""
    import nbformat  # only here: the grader's re-run imports this module and needs no nbformat

    return nbformat.read(source_path(course, assignment), as_version=4)


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def is_test_cell(cell) -> bool:
    """An autograded test cell: graded, not an answer, code."""
    meta = nbgrader_meta(cell)
    return cell.get("cell_type") == "code" and bool(meta.get("grade")) and not meta.get("solution")


def is_answer_cell(cell) -> bool:
    """A cell the student answers in (code or written)."""
    return bool(nbgrader_meta(cell).get("solution"))


@dataclasses.dataclass(frozen=True)
class GradeCell:
    grade_id: str
    points: float
    #: graded by hand: a written answer, or any graded answer cell
    manual: bool


def grade_cells(nb) -> list[GradeCell]:
    """Every graded cell of a notebook, in order."""
    cells = []
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade"):
            manual = bool(meta.get("solution")) or cell.cell_type == "markdown"
            cells.append(GradeCell(meta["grade_id"], float(meta["points"]), manual))
    return cells


def forbidden_imports(nb) -> tuple[str, ...]:
    """The modules the notebook forbids in the student's code."""
    given = nb.metadata.get("actcourse", {}).get("forbidden_imports")
    return tuple(given) if given is not None else FORBIDDEN_IMPORTS


def split_regions(source: str, begin: str, end: str) -> list[tuple[bool, list[str]]]:
    """Split ``source`` into ``(inside_region, lines)`` runs; the marker lines are dropped."""
    runs: list[tuple[bool, list[str]]] = [(False, [])]
    inside = False
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise ValueError(f"nested {begin!r} in:\n{source}")
            inside = True
            runs.append((True, []))
        elif end in line:
            if not inside:
                raise ValueError(f"{end!r} without {begin!r} in:\n{source}")
            inside = False
            runs.append((False, []))
        else:
            runs[-1][1].append(line)
    if inside:
        raise ValueError(f"{begin!r} without {end!r} in:\n{source}")
    return runs


def without_markers(source: str, begin_end=SOLUTION) -> str:
    """The source with the marker lines removed and both sides of the regions kept (the
    reference solution as the student would write it)."""
    return "\n".join(line for _, lines in split_regions(source, *begin_end) for line in lines)


def outside_regions(source: str, begin_end=HIDDEN) -> str:
    """The source without the regions (what the student sees of a test cell)."""
    runs = split_regions(source, *begin_end)
    return "\n".join(line for inside, lines in runs if not inside for line in lines)
