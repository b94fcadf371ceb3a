"""Every assignment: the reference solution gets full marks, the untouched student version none,
and a typical mistake loses exactly the points of the tests that catch it.

(02_sigmoid also has the hostile corpus of broken, cheating and attacking submissions:
test_hostile_corpus.py.)
"""

import pytest
from coursework_helpers import (
    ASSIGNMENTS,
    Submission,
    autograde,
    expect,
    generate_all,
    grade_cells,
    make_course,
)

pytestmark = pytest.mark.coursework

#: assignment -> (what the student got wrong, {solution cell: code}, test cells that catch it)
MISTAKES = {
    "01_why_activations": (
        "collapse adds the biases without passing them through the later layers",
        {
            "collapse": """
def collapse(weights, biases):
    W, b = weights[0], biases[0]
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W = W @ W_next
        b = b + b_next
    return W, b
"""
        },
        {"test_collapse", "test_collapse_three_layers"},
    ),
    "03_tanh": (
        "tanh typed in from its definition, overflowing for large |z|",
        {
            "tanh": """
def tanh(z):
    return (np.exp(z) - np.exp(-z)) / (np.exp(z) + np.exp(-z))
"""
        },
        {"test_tanh_extremes", "test_tanh_derivative_checked"},
    ),
    "04_relu": (
        "relu zeroes the negative entries of its input in place",
        {
            "relu": """
def relu(z):
    z = np.asarray(z, dtype=np.float64)
    z[z < 0] = 0.0
    return z
"""
        },
        {"test_relu_leaves_input_alone"},
    ),
    "05_leaky_relu": (
        "the derivative ignores alpha and always uses 0.01",
        {
            "leaky_relu_derivative": """
def leaky_relu_derivative(z, alpha=0.01):
    return np.where(np.asarray(z) > 0, 1.0, 0.01)
"""
        },
        {"test_leaky_relu_derivative_values", "test_leaky_relu_derivative_checked"},
    ),
    "06_beyond": (
        "silu typed in as z / (1 + exp(-z)), which overflows for large negative z",
        {
            "silu": """
def silu(z):
    z = np.asarray(z, dtype=np.float64)
    return z / (1.0 + np.exp(-z))
"""
        },
        {"test_silu_extremes"},
    ),
    "07_choosing": (
        "softmax without subtracting the largest score, and a network without an activation",
        {
            "softmax": """
def softmax(S):
    e = np.exp(np.asarray(S, dtype=np.float64))
    return e / e.sum(axis=1, keepdims=True)
""",
            "choice": 'CHOICE = {"activation": "identity", "hidden": [8], "lr": 1, "epochs": 99}',
        },
        {"test_softmax_large_scores", "test_choice"},
    ),
}
CASES = sorted(MISTAKES)


def autograded(assignment):
    return {g for g, (_, by_hand) in grade_cells(assignment).items() if not by_hand}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("all")
    course = make_course(tmp)
    folder = tmp / "submissions"
    releases = generate_all(course, ASSIGNMENTS)
    for assignment in ASSIGNMENTS:
        release = releases[assignment]
        Submission(release, assignment).solve().save(folder, "reference")
        # the other layout: <assignment>/<student>.ipynb
        Submission(release, assignment).save(folder, "untouched", flat=True)
        if assignment in MISTAKES:
            sub = Submission(release, assignment).solve()
            for grade_id, code in MISTAKES[assignment][1].items():
                sub.write(grade_id, code)
            sub.save(folder, "mistaken")
    return autograde(course, folder)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_reference_solution_gets_full_marks(graded, assignment):
    expect(graded["reference"], assignment, lost=set())
    max_auto = sum(p for p, by_hand in grade_cells(assignment).values() if not by_hand)
    assert float(graded["reference"][f"{assignment}:auto"]) == max_auto


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_untouched_student_version_gets_nothing(graded, assignment):
    expect(graded["untouched"], assignment, lost=autograded(assignment))


@pytest.mark.parametrize("assignment", CASES)
def test_a_typical_mistake_loses_exactly_the_tests_that_catch_it(graded, assignment):
    _, _, lost = MISTAKES[assignment]
    expect(graded["mistaken"], assignment, lost=lost)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_written_answers_wait_for_the_grader(graded, assignment):
    manual = [g for g, (_, by_hand) in grade_cells(assignment).items() if by_hand]
    status = graded["reference"][f"{assignment}:status"]
    assert status == "needs manual grading: " + " ".join(manual)
