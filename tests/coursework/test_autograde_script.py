"""``make autograde`` refuses to grade without a working sandbox, and grading without it on
purpose is loud and on the record."""

import csv
import os
import subprocess
import sys

import pytest
from coursework_helpers import SCRIPTS, Submission, env, expect, generate, make_course

pytestmark = pytest.mark.coursework

A = "02_sigmoid"


@pytest.fixture(scope="module")
def submissions(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("script")
    course = make_course(tmp)
    release = generate(course, A)
    folder = tmp / "submissions"
    Submission(release, A).solve().save(folder, "reference")
    return course, folder


def run(course, folder, *args, path=None):
    e = env()
    if path is not None:
        e["PATH"] = path
    out = course / "grades.csv"
    result = subprocess.run(
        [sys.executable, SCRIPTS / "autograde.py", folder, "--course", course, "--csv", out, *args],
        env=e,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    return result, out


def test_autograde_stops_with_the_reason_when_the_sandbox_cannot_start(submissions, tmp_path):
    course, folder = submissions
    # a PATH without bubblewrap (the environment's bin/ stays, for nbgrader)
    result, out = run(course, folder, path=str(tmp_path))
    assert result.returncode == 3, result.stdout + result.stderr
    assert "STOPPED" in result.stderr and "bubblewrap" in result.stderr
    assert "NO_SANDBOX=1" in result.stderr
    assert not (course / "autograded").exists(), "nothing may be graded without the sandbox"


def test_grading_without_the_sandbox_is_loud_and_recorded_in_every_row(submissions):
    course, folder = submissions
    result, out = run(course, folder, "--no-sandbox")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert result.stderr.count("WITHOUT THE SANDBOX") == 2, result.stderr[-2000:]
    with out.open(encoding="utf-8") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row[f"{A}:sandbox"] == "OFF"
    assert row[f"{A}:status"] == "UNSANDBOXED; needs manual grading: explain_overflow"
    expect(row, A, lost=set())
    assert os.environ.get("ACTCOURSE_SANDBOX") is None
