"""Broken submissions of assignment 02_sigmoid get exactly the partial score they deserve.

One class of submissions, each made from the released notebook the way a student would break
it, is graded by ``scripts/autograde.py`` (what ``make autograde`` runs) in one run. The run must
finish in bounded time even though one submission loops forever and one kills its kernel.
"""

import time

import pytest
from coursework_helpers import Submission, autograde, expect, generate, grade_cells, make_course

pytestmark = pytest.mark.coursework

A = "02_sigmoid"
NAIVE_SIGMOID = """
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))
"""
WRONG_DERIVATIVE = """
def sigmoid_derivative(z):
    s = sigmoid(z)
    return s * (1.0 + s)
"""
ENDLESS_CHAIN = """
def chain_gradient(z0, depth):
    gradient = 1.0
    a = z0
    while depth > 0:  # forgot `depth -= 1`
        gradient = gradient * sigmoid_derivative(a)
        a = sigmoid(a)
    return gradient
"""
PASSING = 'print("all tests passed")'
#: Cells that fail whenever the sigmoid overflows (the derivative reuses the sigmoid).
OVERFLOW = {"test_sigmoid_extremes", "test_sigmoid_derivative_extremes"}
AUTOGRADED = {g for g, (_, by_hand) in grade_cells(A).items() if not by_hand}
#: Wall-clock bound for grading this class: about 2 s a notebook, plus 3 cells that time out.
BOUND_SECONDS = 240


def submissions(release):
    def s():
        return Submission(release, A)

    def edited_tests():
        sub = s().solve().write("sigmoid", NAIVE_SIGMOID)
        for grade_id in OVERFLOW:
            sub.cell(grade_id).source = PASSING
        return sub

    def unmarked_tests():
        sub = s().solve().write("sigmoid", NAIVE_SIGMOID)
        for grade_id in OVERFLOW:
            sub.cell(grade_id).source = PASSING
            sub.unmark(grade_id)
        return sub

    def tampered_metadata():
        sub = s().solve()
        sub.cell("test_sigmoid_values").metadata["nbgrader"]["schema_version"] = 99
        return sub

    def more_points():
        sub = s().solve()
        sub.cell("test_sigmoid_values").metadata["nbgrader"]["points"] = 100
        return sub

    return {
        # student id: (submission, autograded cells expected to score 0)
        "reference": (s().solve(), set()),
        "untouched": (s(), AUTOGRADED),
        "naive_sigmoid": (s().solve().write("sigmoid", NAIVE_SIGMOID), OVERFLOW),
        "wrong_derivative": (
            s().solve().write("sigmoid_derivative", WRONG_DERIVATIVE),
            {
                "test_sigmoid_derivative_values",
                "test_sigmoid_derivative_extremes",
                "test_chain_gradient",  # the chain rule multiplies the wrong derivative
                "test_chain_gradient_deep",
            },
        ),
        "crash_after_function": (
            s().solve().append("sigmoid", "sigmoid(np.array([1.0])) + undefined_name"),
            set(),
        ),
        "infinite_loop": (
            s().solve().write("chain_gradient", ENDLESS_CHAIN),
            {"test_chain_gradient", "test_chain_gradient_deep"},
        ),
        "edited_tests": (edited_tests(), OVERFLOW),
        "deleted_tests": (
            s()
            .solve()
            .write("sigmoid", NAIVE_SIGMOID)
            .delete("test_sigmoid_extremes")
            .delete("test_sigmoid_derivative_extremes"),
            OVERFLOW,
        ),
        "unmarked_tests": (unmarked_tests(), OVERFLOW),
        # Deleted test cells are put back and run: correct code keeps its points.
        "deleted_tests_correct_code": (
            s().solve().delete("test_sigmoid_extremes").delete("test_chain_gradient_deep"),
            set(),
        ),
        "more_points": (more_points(), set()),
        "kills_kernel": (s().solve().append("sigmoid", "import os\nos._exit(1)"), AUTOGRADED),
        # nbgrader stops the whole run on this one; the others must still be graded
        "tampered_metadata": (tampered_metadata(), AUTOGRADED),
        "not_a_notebook": (None, AUTOGRADED),
    }


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sigmoid")
    course = make_course(tmp)
    release = generate(course, A)
    cases = submissions(release)
    folder = tmp / "submissions"
    for student, (sub, _) in cases.items():
        if sub is None:
            path = folder / student / A / f"{A}.ipynb"
            path.parent.mkdir(parents=True)
            path.write_text("this is not a notebook", encoding="utf-8")
        else:
            sub.save(folder, student)
    started = time.monotonic()
    rows = autograde(course, folder)
    return cases, rows, time.monotonic() - started


def test_the_whole_class_is_graded_in_bounded_time(graded):
    cases, rows, seconds = graded
    assert set(rows) == set(cases), f"students missing from the CSV: {set(cases) - set(rows)}"
    assert seconds < BOUND_SECONDS, f"grading {len(cases)} submissions took {seconds:.0f} s"


@pytest.mark.parametrize(
    "student",
    [
        "reference",
        "untouched",
        "naive_sigmoid",
        "wrong_derivative",
        "crash_after_function",
        "infinite_loop",
        "edited_tests",
        "deleted_tests",
        "unmarked_tests",
        "deleted_tests_correct_code",
        "more_points",
    ],
)
def test_each_submission_gets_its_expected_score(graded, student):
    cases, rows, _ = graded
    _, lost = cases[student]
    expect(rows[student], A, lost)
    assert rows[student][f"{A}:status"] == "needs manual grading: explain_overflow"


def test_points_cannot_be_raised_by_editing_metadata(graded):
    _, rows, _ = graded
    assert rows["more_points"][f"{A}:max"] == "10"
    assert rows["more_points"][f"{A}:auto"] == "8"


@pytest.mark.parametrize("student", ["kills_kernel", "tampered_metadata", "not_a_notebook"])
def test_a_submission_that_cannot_be_graded_fails_alone_with_no_points(graded, student):
    _, rows, _ = graded
    row = rows[student]
    assert row[f"{A}:status"].startswith("failed"), row
    expect(row, A, AUTOGRADED, manual={"explain_overflow": "0"})
    assert rows["reference"][f"{A}:auto"] == "8"
