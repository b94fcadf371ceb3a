"""Every honest alternative solution gets full marks from the grader's trusted re-run.

The trusted re-run (``actcourse.grading.trusted``) is what awards the automatic points: the
test cells run in the grader's process and call the student's functions in a sandbox, with
only plain data crossing. Student code written in any honest style (``honest_solutions.py``)
must cross unharmed: closures, classes, ``np.vectorize`` objects, lists, NumPy scalars, 0-d
arrays, callbacks into the tests. (The same alternatives pass the static check:
``test_static_check.py``.)
"""

import pytest
from actcourse.grading import trusted
from coursework_helpers import ASSIGNMENTS, answered, source
from honest_solutions import ALTERNATIVES

pytestmark = pytest.mark.coursework

CASES = [(a, name) for a in ASSIGNMENTS for name in ["reference", *ALTERNATIVES.get(a, {})]]


@pytest.fixture(scope="module")
def verdicts():
    """``(assignment, name) -> {grade_id: verdict}``; one sandboxed process per assignment."""
    found = {}
    for assignment in ASSIGNMENTS:
        names = ["reference", *ALTERNATIVES.get(assignment, {})]
        jobs = [
            trusted.job_for(
                answered(assignment, ALTERNATIVES.get(assignment, {}).get(name)),
                source(assignment),
                timeout=10,
            )
            for name in names
        ]
        for name, outcome in zip(names, trusted.run_jobs(jobs), strict=True):
            found[assignment, name] = outcome
    return found


@pytest.mark.parametrize(("assignment", "name"), CASES)
def test_an_honest_solution_passes_every_test_of_the_trusted_rerun(verdicts, assignment, name):
    outcome = verdicts[assignment, name]
    failed = {k: v["message"] for k, v in outcome["results"].items() if not v["passed"]}
    assert not failed, f"{assignment}/{name}: {failed}"
    assert outcome["student"]["stopped"] is None
    tests = [c for c in source(assignment).cells if c.metadata.get("nbgrader", {}).get("grade")]
    autograded = {c.metadata.nbgrader.grade_id for c in tests if c.cell_type == "code"}
    assert set(outcome["results"]) == autograded
