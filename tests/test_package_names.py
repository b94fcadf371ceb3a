"""The course's modules cannot collide with a student's packages of the same generic names.

On a machine-learning JupyterHub ``import datasets`` usually means Hugging Face's ``datasets``.
The course keeps everything beyond ``activations`` inside the package ``actcourse``, so a
student's ``datasets`` (or ``nn``, ``plotting``, ...) and the course's never shadow each other,
whichever comes first on the path. Each check runs in a fresh interpreter, so that the packages
this test process has already imported cannot hide a collision.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import actcourse
import pytest

CODE_DIR = Path(actcourse.__file__).resolve().parent.parent
#: Generic names a student may well have installed under the same name as a course module.
GENERIC_NAMES = ("datasets", "nn", "plotting", "explorers", "lab", "svg", "player")

CHECK = textwrap.dedent(
    """
    import importlib
    names = {names!r}
    # The course first: every module of the package, which import one another.
    from actcourse import datasets, nn, plotting, explorers, lab
    import activations
    assert datasets.__name__ == "actcourse.datasets", datasets.__file__
    X, y = datasets.moons(n=20, seed=0)
    assert X.shape == (20, 2), X.shape
    model = nn.MLP([2, 4, 1], activation="relu")
    assert model.forward(X).shape == (20, 1)
    assert explorers.activation_explorer().frame(activation="relu", z=2.0).values["value"] == 2.0
    # Then the student's: each generic name is still their package, not the course's.
    for name in names:
        module = importlib.import_module(name)
        assert getattr(module, "OWNER", None) == "student", (name, module.__file__)
    # And the course's modules did not change after the student's were imported.
    from actcourse import datasets as again
    assert again is datasets and hasattr(again, "moons")
    print("ok")
    """
)


@pytest.fixture(scope="module")
def student_packages(tmp_path_factory) -> Path:
    """A scratch folder holding a dummy package for every generic name, as a student's."""
    root = tmp_path_factory.mktemp("student_site")
    for name in GENERIC_NAMES:
        package = root / name
        package.mkdir()
        (package / "__init__.py").write_text(f'"""A student\'s own {name}."""\nOWNER = "student"\n')
    return root


def run_check(pythonpath: list[Path], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(str(p) for p in pythonpath)}
    return subprocess.run(
        [sys.executable, "-c", CHECK.format(names=GENERIC_NAMES)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "order",
    ["student_first", "course_first"],
    ids=["student-packages-ahead-of-the-course", "course-ahead-of-student-packages"],
)
def test_a_students_generic_packages_and_the_course_each_import_their_own(
    order, student_packages, tmp_path
):
    path = (
        [student_packages, CODE_DIR] if order == "student_first" else [CODE_DIR, student_packages]
    )
    result = run_check(path, cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]


def test_the_course_installs_no_generic_top_level_module():
    modules = {
        p.stem for p in CODE_DIR.iterdir() if (p.suffix == ".py" or (p / "__init__.py").is_file())
    }
    assert modules == {"activations", "actcourse"}, f"top-level modules in code/: {sorted(modules)}"
