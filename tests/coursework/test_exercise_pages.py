"""The website's exercise pages: public pages hide solutions, student pages do not have them."""

import subprocess

import make_exercise_pages as pages
import nbformat
import pytest
from coursework_helpers import (
    ASSIGNMENTS,
    HIDDEN,
    MARKERS,
    ROOT,
    SOLUTION,
    lines,
    nbgrader_meta,
    region_lines,
    source,
)

pytestmark = pytest.mark.coursework


def generate(mode, tmp_path_factory):
    out = tmp_path_factory.mktemp(mode)
    assert pages.main(["--mode", mode, "--out", str(out)]) == 0
    return {a: nbformat.read(out / f"{a}.ipynb", as_version=4) for a in ASSIGNMENTS}


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return generate("public", tmp_path_factory)


@pytest.fixture(scope="module")
def student(tmp_path_factory):
    return generate("student", tmp_path_factory)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("mode", ["public", "student"])
def test_no_page_shows_a_hidden_test_a_marker_or_nbgrader_metadata(request, mode, assignment):
    nb = request.getfixturevalue(mode)[assignment]
    leaked = region_lines(source(assignment), HIDDEN) & lines(nb)
    assert not leaked, f"{assignment}: hidden tests on the page: {leaked}"
    for cell in nb.cells:
        for marker in MARKERS:
            assert marker.lower() not in cell.source.lower(), f"{assignment}: {marker!r} shown"
        assert "nbgrader" not in cell.metadata, f"{assignment}: nbgrader metadata kept"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_public_pages_keep_solutions_behind_a_toggle(public, assignment):
    nb = public[assignment]
    missing = region_lines(source(assignment), SOLUTION) - lines(nb)
    assert not missing, f"{assignment}: solution lines missing from the public page: {missing}"
    solutions = {c.id for c in source(assignment).cells if nbgrader_meta(c).get("solution")} - {
        c.id for c in source(assignment).cells if _is_written(c)
    }
    shown = [c for c in nb.cells if c.get("id") in solutions]
    assert len(shown) == len(solutions) >= 3
    for cell in shown:
        assert "hide-input" in cell.metadata.get("tags", []), f"not hidden: {cell.source[:80]!r}"
    answers = [c for c in nb.cells if "```{dropdown} A model answer" in c.source]
    written = [c for c in source(assignment).cells if _is_written(c)]
    assert len(answers) == len(written) >= 1
    assert "mystnb" not in nb.metadata, "public pages are executed by the book build"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_pages_have_stubs_no_solutions_no_outputs_and_are_not_executed(student, assignment):
    nb = student[assignment]
    leaked = region_lines(source(assignment), SOLUTION) & lines(nb)
    assert not leaked, f"{assignment}: solutions on the student page: {leaked}"
    assert nb.metadata["mystnb"] == {"execution_mode": "off"}
    text = "\n".join(c.source for c in nb.cells)
    assert text.count("raise NotImplementedError()") >= 3
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None


def test_generated_pages_are_not_committed_but_their_catalogues_are():
    def ignored(path: str) -> bool:
        check = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT, check=False)
        assert check.returncode in (0, 1), "not a git checkout"
        return check.returncode == 0

    assert ignored("exercises/02_sigmoid.ipynb")
    # the Chinese edition's catalogues of those pages are sources (locales/)
    assert not ignored("locales/zh_CN/LC_MESSAGES/exercises/02_sigmoid.po")


def _is_written(cell):
    meta = nbgrader_meta(cell)
    return cell.cell_type == "markdown" and meta.get("solution") and meta.get("grade")
