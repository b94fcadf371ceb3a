"""Every assignment is well formed, and its generated student version gives nothing away."""

import re

import pytest
from coursework_helpers import (
    ASSIGNMENTS,
    HIDDEN,
    MARKERS,
    ROOT,
    SOLUTION,
    generate_all,
    lines,
    make_course,
    nbgrader_meta,
    region_lines,
    source,
    split_regions,
)

pytestmark = pytest.mark.coursework

#: The chapters (``chapters/NN_name.ipynb``); each assignment belongs to one of them.
CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("release"))
    return generate_all(course, ASSIGNMENTS)


def test_every_assignment_belongs_to_a_chapter_and_the_first_chapters_have_one():
    assert set(ASSIGNMENTS) <= set(CHAPTERS), set(ASSIGNMENTS) - set(CHAPTERS)
    core = ["01_why_activations", "02_sigmoid", "03_tanh", "04_relu", "05_leaky_relu"]
    assert set(core) <= set(ASSIGNMENTS), set(core) - set(ASSIGNMENTS)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_each_assignment_has_three_autograded_questions_and_a_written_one(assignment):
    nb = source(assignment)
    answers = [nbgrader_meta(c) for c in nb.cells if nbgrader_meta(c).get("solution")]
    tests = [nbgrader_meta(c) for c in nb.cells if nbgrader_meta(c).get("grade")]
    code_answers = [m for m, c in zip(answers, nb.cells, strict=False) if not m.get("grade")]
    written = [
        m
        for c in nb.cells
        if (m := nbgrader_meta(c)).get("grade") and m.get("solution") and c.cell_type == "markdown"
    ]
    autograded = [m for m in tests if not m.get("solution")]
    assert len(code_answers) >= 3, f"{assignment}: {len(code_answers)} code answers"
    assert len(autograded) >= 3, f"{assignment}: {len(autograded)} autograded test cells"
    assert written, f"{assignment}: no written answer graded by hand"
    assert all(m.get("locked") for m in autograded), f"{assignment}: an unlocked test cell"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_test_cell_gives_visible_feedback_and_some_tests_are_hidden(assignment):
    nb = source(assignment)
    hidden = 0
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and cell.cell_type == "code":
            runs = split_regions(cell.source, *HIDDEN)
            visible = "\n".join(line for inside, lines in runs if not inside for line in lines)
            assert re.search(r"^\s*assert ", visible, re.M), (
                f"{assignment}/{meta['grade_id']}: no visible assert"
            )
            assert "expected" in visible, (
                f"{assignment}/{meta['grade_id']}: visible tests should say what they expected"
            )
            hidden += any(inside for inside, _ in runs)
    assert hidden >= 2, f"{assignment}: only {hidden} test cells have hidden tests"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_version_has_no_solution_no_hidden_test_and_no_output(released, assignment):
    nb = released[assignment]
    text = "\n".join(cell.source for cell in nb.cells)
    src = source(assignment)
    leaked = region_lines(src, SOLUTION) & lines(nb)
    assert not leaked, f"{assignment}: solution lines in the student version: {leaked}"
    leaked = region_lines(src, HIDDEN) & lines(nb)
    assert not leaked, f"{assignment}: hidden tests in the student version: {leaked}"
    for marker in MARKERS:
        assert marker not in text, f"{assignment}: nbgrader marker {marker!r} left"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{assignment}: output left in {cell.source[:60]!r}"
            )
    stubs = [c for c in nb.cells if nbgrader_meta(c).get("solution") and c.cell_type == "code"]
    assert stubs and all("raise NotImplementedError()" in c.source for c in stubs)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_student_version_keeps_every_visible_test(released, assignment):
    released_tests = {
        nbgrader_meta(c)["grade_id"]: c.source
        for c in released[assignment].cells
        if nbgrader_meta(c).get("grade") and c.cell_type == "code"
    }
    for cell in source(assignment).cells:
        meta = nbgrader_meta(cell)
        if meta.get("grade") and cell.cell_type == "code":
            runs = split_regions(cell.source, *HIDDEN)
            first_visible = "\n".join(runs[0][1]).strip()
            assert first_visible in released_tests[meta["grade_id"]]
