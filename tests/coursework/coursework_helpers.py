"""Shared helpers for the coursework tests: a temporary course, submissions made from the release.

Every test module grades a temporary copy of ``coursework/`` (source notebooks and
``nbgrader_config.py`` only), so runs leave no gradebook, release or submissions in the
repository and modules can run in parallel (``pytest -n 2 --dist loadfile``).
"""

from __future__ import annotations

import copy
import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from actcourse.grading import course as coursedir
from actcourse.grading.course import HIDDEN, MARKERS, SOLUTION, nbgrader_meta, split_regions

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "coursework"
SCRIPTS = ROOT / "scripts"
ASSIGNMENTS = coursedir.assignments(COURSE)
__all__ = ["HIDDEN", "MARKERS", "SOLUTION", "nbgrader_meta", "split_regions"]


def source(assignment: str) -> nbformat.NotebookNode:
    """The instructor version of an assignment, as committed."""
    return coursedir.source_notebook(COURSE, assignment)


def region_lines(nb, begin_end) -> set[str]:
    """Non-blank lines inside the given marker regions, minus lines that also occur outside."""
    inside, outside = set(), set()
    for cell in nb.cells:
        for is_inside, lines in split_regions(cell.source, *begin_end):
            for line in lines:
                (inside if is_inside else outside).add(line.strip())
    return {line for line in inside - outside if line}


def lines(nb) -> set[str]:
    """Every stripped source line of a notebook."""
    return {line.strip() for cell in nb.cells for line in cell.source.split("\n")}


def env() -> dict:
    """nbgrader needs the environment's bin/ on PATH (it runs alembic and kernels from it)."""
    e = dict(os.environ)
    e["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{e.get('PATH', '')}"
    return e


def make_course(tmp: Path) -> Path:
    """A fresh course directory: the config and the source notebooks, nothing generated."""
    course = tmp / "coursework"
    course.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", course)
    shutil.copytree(COURSE / "source", course / "source")
    return course


def nbgrader(course: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=course,
        env=env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def generate(course: Path, assignment: str) -> nbformat.NotebookNode:
    return generate_all(course, [assignment])[assignment]


GENERATE = """
import sys
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config.loader import PyFileConfigLoader

config = PyFileConfigLoader("nbgrader_config.py", path=".").load_config()
api = NbGraderAPI(CourseDirectory(config=config), config=config)
for assignment in sys.argv[1:]:
    result = api.generate_assignment(assignment, force=True)
    if not result["success"]:
        sys.exit(result.get("error", "") + result.get("log", ""))
"""


def generate_all(course: Path, assignments: list[str]) -> dict[str, nbformat.NotebookNode]:
    """``nbgrader generate_assignment`` for each assignment (what ``make assignments`` runs),
    through nbgrader's API in one process; the student versions, by assignment."""
    result = subprocess.run(
        [sys.executable, "-c", GENERATE, *assignments],
        cwd=course,
        env=env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {
        a: nbformat.read(course / "release" / a / f"{a}.ipynb", as_version=4) for a in assignments
    }


def autograde(course: Path, submissions: Path) -> dict[str, dict[str, str]]:
    """Run ``scripts/autograde.py`` (what ``make autograde`` runs); return the CSV by student."""
    out = course / "grades.csv"
    result = subprocess.run(
        [sys.executable, SCRIPTS / "autograde.py", submissions, "--course", course, "--csv", out],
        env=env(),
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    with out.open(encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


def grade_cells(assignment: str) -> dict[str, tuple[float, bool]]:
    """``grade_id -> (points, graded by hand)`` of the source notebook."""
    return {g.grade_id: (g.points, g.manual) for g in coursedir.grade_cells(source(assignment))}


# ------------------------------------------------------------------ building submissions
class Submission:
    """A student's notebook, made from the released notebook and edited like a student would."""

    def __init__(self, release: nbformat.NotebookNode, assignment: str):
        self.assignment = assignment
        self.nb = copy.deepcopy(release)
        self.source = source(assignment)

    def _index(self, grade_id: str) -> int:
        for i, cell in enumerate(self.nb.cells):
            if nbgrader_meta(cell).get("grade_id") == grade_id:
                return i
        raise KeyError(grade_id)

    def cell(self, grade_id: str):
        return self.nb.cells[self._index(grade_id)]

    def solve(self, *grade_ids: str) -> Submission:
        """Answer with the reference solution (all solution cells if none are named)."""
        for ref in self.source.cells:
            meta = nbgrader_meta(ref)
            if meta.get("solution") and (not grade_ids or meta["grade_id"] in grade_ids):
                self.cell(meta["grade_id"]).source = coursedir.without_markers(ref.source)
        return self

    def write(self, grade_id: str, code: str) -> Submission:
        """Replace the answer in a solution cell."""
        self.cell(grade_id).source = code
        return self

    def append(self, grade_id: str, code: str) -> Submission:
        cell = self.cell(grade_id)
        cell.source = cell.source + "\n" + code
        return self

    def delete(self, grade_id: str) -> Submission:
        del self.nb.cells[self._index(grade_id)]
        return self

    def unmark(self, grade_id: str) -> Submission:
        """Remove a cell's nbgrader metadata, as if the student copied it into a new cell."""
        cell = self.cell(grade_id)
        del cell.metadata["nbgrader"]
        return self

    def save(self, folder: Path, student: str, flat: bool = False) -> Path:
        """Save as ``<student>/<assignment>/<assignment>.ipynb``, or if ``flat`` as
        ``<assignment>/<student>.ipynb`` (the two layouts scripts/autograde.py accepts)."""
        path = folder / student / self.assignment / f"{self.assignment}.ipynb"
        if flat:
            path = folder / self.assignment / f"{student}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(self.nb, path)
        return path


def expect(row: dict, assignment: str, lost: set[str], manual: dict[str, str] | None = None):
    """Assert the CSV row: every autograded cell full marks except those in ``lost``."""
    cells = grade_cells(assignment)
    unknown = lost - set(cells)
    assert not unknown, f"not grade cells of {assignment}: {unknown}"
    problems = []
    auto = 0.0
    for grade_id, (points, by_hand) in cells.items():
        got = row[f"{assignment}:{grade_id}"]
        if by_hand:
            want = (manual or {}).get(grade_id, "")
        else:
            want = "0" if grade_id in lost else f"{points:g}"
            auto += 0 if grade_id in lost else points
        if got != want:
            problems.append(f"{grade_id}: expected {want!r}, got {got!r}")
    assert not problems, f"{row['student_id']} on {assignment}:\n" + "\n".join(problems)
    assert float(row[f"{assignment}:auto"]) == auto


# ------------------------------------------------------------------ without nbgrader
def answered(assignment: str, answers: dict[str, str] | None = None) -> nbformat.NotebookNode:
    """The instructor's notebook as a student would hand it in: every answer cell holds the
    reference solution (without nbgrader's markers) unless ``answers`` gives its code."""
    nb = copy.deepcopy(source(assignment))
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("solution") and cell.cell_type == "code":
            given = (answers or {}).get(meta["grade_id"])
            cell.source = given.strip("\n") if given else coursedir.without_markers(cell.source)
    return nb
