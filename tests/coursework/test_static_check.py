"""The static check flags what honest work never does, and nothing else.

No false positive on the reference solutions or on the honest alternatives
(``honest_solutions.py``: at least ten per assignment, in different styles); a flag for every
kind of tampering the issue lists, by several spellings.
"""

import pytest
from actcourse.grading import course, staticcheck
from coursework_helpers import ASSIGNMENTS, answered, source
from honest_solutions import ALTERNATIVES

pytestmark = pytest.mark.coursework

HONEST = [(a, name) for a in ASSIGNMENTS for name in ALTERNATIVES.get(a, {})]


def flags(nb, assignment):
    return [str(f) for f in staticcheck.check_notebook(nb, source(assignment))]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_assignment_has_ten_honest_alternatives(assignment):
    alternatives = ALTERNATIVES.get(assignment, {})
    assert len(alternatives) >= 10, f"{assignment}: only {len(alternatives)} honest alternatives"
    answer_cells = {
        course.nbgrader_meta(c)["grade_id"]
        for c in source(assignment).cells
        if course.is_answer_cell(c) and c.cell_type == "code"
    }
    for name, answers in alternatives.items():
        assert set(answers) <= answer_cells, f"{assignment}/{name}: not answer cells"
    covered = set().union(*alternatives.values())
    assert covered == answer_cells, f"{assignment}: no alternative for {answer_cells - covered}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_reference_solution_is_not_flagged(assignment):
    assert flags(answered(assignment), assignment) == []


@pytest.mark.parametrize(("assignment", "name"), HONEST)
def test_an_honest_alternative_is_not_flagged(assignment, name):
    assert flags(answered(assignment, ALTERNATIVES[assignment][name]), assignment) == []


# Each: code appended to the sigmoid answer of 02_sigmoid, and a part of the reason it gets.
TAMPERING = {
    "patch np.allclose": ("np.allclose = lambda *a, **k: True", "assigns np.allclose"),
    "patch numpy.testing": (
        "import numpy.testing as npt\nnpt.assert_allclose = lambda *a, **k: None",
        "assigns npt.assert_allclose",
    ),
    "patch numpy.testing by its full name": (
        "import numpy\nnumpy.testing.assert_allclose = print",
        "assigns numpy.testing.assert_allclose",
    ),
    "setattr on numpy": ("setattr(np, 'allclose', lambda *a, **k: True)", "setattr() on np"),
    "replace the library's function": (
        "import activations\nactivations.sigmoid = sigmoid",
        "assigns activations.sigmoid",
    ),
    "replace the library's function with from-import": (
        "from actcourse import nn\nnn.MLP.forward = None",
        "imports actcourse.nn",
    ),
    "import the library instead of writing it": (
        "from activations import sigmoid",
        "imports activations",
    ),
    "import scipy": ("from scipy.special import expit as sigmoid", "imports scipy.special"),
    "use the library a test cell imported": (
        "def sigmoid(z):\n    return activations.sigmoid(z)",
        "uses activations",
    ),
    "rebind numpy": ("np = None", "assigns the module name np"),
    "exec": ("exec('sigmoid = None')", "exec()"),
    "eval": ("eval('1')", "eval()"),
    "sys.modules": ("import sys\nsys.modules['numpy'].allclose = None", "sys.modules"),
    "builtins": ("import builtins\nbuiltins.abs = lambda x: 0", "imports builtins"),
    "__builtins__": ("__builtins__['abs'] = None", "uses __builtins__"),
    "ctypes": ("import ctypes", "imports ctypes"),
    "gc": ("import gc\ngc.get_objects()", "imports gc"),
    "inspect": ("import inspect\ninspect.currentframe()", "imports inspect"),
    "importlib": ("import importlib\nimportlib.import_module('activations')", "imports importlib"),
    "__import__": ("__import__('activ' + 'ations')", "__import__()"),
    "function globals": ("sigmoid.__globals__['np'] = None", "__globals__"),
    "subclasses": ("().__class__.__base__.__subclasses__()", "__class__"),
    "getattr of a dunder": ("getattr(sigmoid, '__globals__')", "getattr() of __globals__"),
    "IPython hooks": (
        "get_ipython().input_transformers_cleanup.append(lambda lines: [])",
        "get_ipython()",
    ),
    "shell command": ("!rm -rf ~", "shell command"),
    "other magic": ("%run other_notebook.ipynb", "IPython magic %run"),
    "os": ("import os\nos.kill(os.getppid(), 9)", "imports os"),
    "socket": ("import socket", "imports socket"),
    "subprocess": ("import subprocess", "imports subprocess"),
    "open a file": ("open('/etc/passwd').read()", "open()"),
    "unittest.mock": ("from unittest import mock", "imports unittest"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_is_flagged(case):
    code, reason = TAMPERING[case]
    nb = answered("02_sigmoid")
    (answer,) = [c for c in nb.cells if course.nbgrader_meta(c).get("grade_id") == "sigmoid"]
    answer.source += "\n" + code
    found = flags(nb, "02_sigmoid")
    assert any(reason in f for f in found), f"{case}: expected {reason!r}, got {found}"


def test_a_flag_names_the_cell_and_line():
    nb = answered("02_sigmoid", {"chain_gradient": "x = 1\nnp.allclose = None\n"})
    (flag,) = staticcheck.check_notebook(nb, source("02_sigmoid"))
    assert (flag.cell, flag.line) == ("chain_gradient", 2)


def test_timeit_is_honest_but_what_it_times_is_checked():
    honest = answered("02_sigmoid", {"chain_gradient": "%timeit np.exp(1.0)\n"})
    assert flags(honest, "02_sigmoid") == []
    sneaky = answered("02_sigmoid", {"chain_gradient": "%timeit np.allclose.__code__\n"})
    assert any("__code__" in f for f in flags(sneaky, "02_sigmoid"))


def test_a_cell_the_student_added_is_checked_and_an_unchanged_one_is_not():
    nb = answered("02_sigmoid")
    added = nb.cells[1].copy()
    added.source = "import scipy"
    added["id"] = "added-by-student"
    nb.cells.insert(2, added)
    assert any("imports scipy" in f for f in flags(nb, "02_sigmoid"))
    # the instructor's own cells import the library and are not the student's code
    assert flags(answered("03_tanh"), "03_tanh") == []


def test_the_course_network_may_be_used_to_explore_but_not_in_an_answer():
    nb = answered("07_choosing")
    explore = nb.cells[1].copy()
    explore.source = 'model = nn.MLP([2, 8, 1], activation="tanh")\nprint(test_accuracy(CHOICE))'
    explore["id"] = "exploring"
    nb.cells.append(explore)
    assert flags(nb, "07_choosing") == []
    cheat = answered("07_choosing", {"softmax": "def softmax(S):\n    return nn.softmax(S)"})
    assert any("uses nn (actcourse.nn" in f for f in flags(cheat, "07_choosing"))
