"""Autograde a folder of submissions with nbgrader and write a CSV with one column per question.

Usage (``make autograde SUBMISSIONS=<folder>`` runs this)::

    python scripts/autograde.py SUBMISSIONS [--course coursework] [--csv coursework/grades.csv]
    python scripts/autograde.py --export-only [--course coursework] [--csv ...]

SUBMISSIONS may be laid out in either of two ways (they can be mixed):

* ``<student_id>/<assignment>/<any name>.ipynb``: nbgrader's own ``submitted/`` layout, which
  ``nbgrader collect`` and ``nbgrader zip_collect`` produce; an optional ``timestamp.txt`` next
  to the notebook is kept (nbgrader uses it for late penalties);
* ``<assignment>/<student_id>.ipynb``: one folder per assignment, one notebook per student,
  as a learning-management system download usually gives them.

``<assignment>`` is one of the folder names under ``coursework/source``. Each notebook is
copied into the course directory as ``submitted/<student_id>/<assignment>/<assignment>.ipynb``
(replacing an earlier submission of the same student), then ``nbgrader autograde`` grades
every assignment that received submissions.

Student code runs in the bubblewrap sandbox and is checked as ``coursework/nbgrader_config.py``
configures (``actcourse.grading``; the threat model is on the instructor page). Before
grading, this script starts a sandbox and checks that it holds; if it cannot, it stops with
the reason. ``--no-sandbox`` grades without it: it says so loudly and every row records it.
nbgrader restores the original test cells, and a submission whose grading fails is recorded
as failed while the others are graded; this script re-runs nbgrader one student at a time for
any submission a failed batch left ungraded, and kills a grading process (and the kernels it
started) that exceeds a wall-clock budget.

The CSV has one row per student and, for each assignment, one column per graded cell
(``<assignment>:<grade_id>``), then the automatic, manual and total scores, the maximum, a
status and the sandbox it was graded in. The status is ``graded``, ``missing``, ``failed``,
or a ``; ``-separated list of what needs a person: ``flagged: <reasons>`` (first, when the
static check flagged the code), ``limit: <which> (<cell>)``, ``UNSANDBOXED``, ``needs manual
grading: <cells>``. It is written from nbgrader's gradebook and the autograded notebooks, so
running ``--export-only`` after manual grading in the formgrader gives the final marks.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from actcourse.grading import course as coursedir
from actcourse.grading import preprocessors, sandbox

ROOT = Path(__file__).resolve().parents[1]
STUDENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$")
#: Wall-clock budget for one submission: each of its two runs (nbgrader's, and the trusted
#: re-run) stops after ``notebook_timeout`` (300 s, see the config) anyway.
SECONDS_PER_SUBMISSION = 720
#: Extra time for nbgrader's own start-up and bookkeeping per grading process.
SECONDS_PER_RUN = 120


def assignment_names(course: Path) -> list[str]:
    """The assignments of the course, in order: the folders of ``source/``."""
    return coursedir.assignments(course)


def grade_cells(course: Path, assignment: str) -> list[tuple[str, float, bool]]:
    """``(grade_id, points, graded_by_hand)`` of every graded cell, in notebook order."""
    nb = coursedir.source_notebook(course, assignment)
    return [(g.grade_id, g.points, g.manual) for g in coursedir.grade_cells(nb)]


# ---------------------------------------------------------------------------- collecting
def find_submissions(folder: Path, assignments: list[str]) -> list[tuple[str, str, Path]]:
    """``(student_id, assignment, notebook)`` for every submission under ``folder``."""
    found: dict[tuple[str, str], Path] = {}
    problems = []
    for top in sorted(p for p in folder.iterdir() if p.is_dir()):
        if top.name in assignments:  # <assignment>/<student_id>.ipynb
            for nb in sorted(top.glob("*.ipynb")):
                found[(nb.stem, top.name)] = nb
            continue
        for sub in sorted(p for p in top.iterdir() if p.is_dir()):  # <student>/<assignment>/
            if sub.name not in assignments:
                problems.append(f"{sub}: not an assignment of this course")
                continue
            notebooks = sorted(p for p in sub.glob("*.ipynb") if not p.name.startswith("."))
            preferred = [p for p in notebooks if p.stem == sub.name]
            if preferred or len(notebooks) == 1:
                found[(top.name, sub.name)] = (preferred or notebooks)[0]
            elif notebooks:
                problems.append(f"{sub}: several notebooks and none named {sub.name}.ipynb")
    for (student, _), nb in found.items():
        if not STUDENT_ID.match(student):
            problems.append(f"{nb}: student id {student!r} may only use letters, digits, _.@-")
    for problem in problems:
        print(f"autograde: skipping {problem}", file=sys.stderr)
    return [(s, a, nb) for (s, a), nb in sorted(found.items()) if STUDENT_ID.match(s)]


def copy_into_course(course: Path, student: str, assignment: str, notebook: Path) -> None:
    """Place one submission where nbgrader expects it, replacing an earlier one."""
    dest = course / "submitted" / student / assignment
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copyfile(notebook, dest / f"{assignment}.ipynb")
    timestamp = notebook.parent / "timestamp.txt"
    if timestamp.exists() and notebook.parent.name == assignment:
        shutil.copyfile(timestamp, dest / "timestamp.txt")
    # A new submission must be graded again: nbgrader skips students it already graded.
    graded = course / "autograded" / student / assignment
    if graded.exists():
        shutil.rmtree(graded)


# ---------------------------------------------------------------------------- running nbgrader
def nbgrader_env() -> dict:
    """nbgrader runs helpers (alembic) and kernels from this environment's bin/."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def run_nbgrader(course: Path, args: list[str], budget: float) -> int | None:
    """Run ``nbgrader <args>`` in ``course``; kill it and its kernels after ``budget`` seconds.

    Returns the exit status, or ``None`` if it was killed.
    """
    command = [sys.executable, "-m", "nbgrader", *args]
    process = subprocess.Popen(command, cwd=course, env=nbgrader_env(), start_new_session=True)
    try:
        return process.wait(timeout=budget)
    except subprocess.TimeoutExpired:
        print(
            f"autograde: `nbgrader {' '.join(args)}` exceeded {budget:.0f} s; killing it",
            file=sys.stderr,
        )
        _kill_tree(process)
        return None


def _kill_tree(process: subprocess.Popen) -> None:
    """Kill a process we started and every process it started (kernels run in new sessions)."""
    try:
        import psutil  # installed with ipykernel

        children = psutil.Process(process.pid).children(recursive=True)
    except Exception:  # psutil missing or the process already gone
        children = []
    for child in children:
        try:
            child.kill()
        except Exception:
            pass
    process.kill()
    process.wait()


def in_gradebook(course: Path, assignment: str) -> bool:
    from nbgrader.api import Gradebook, MissingEntry

    db = course / "gradebook.db"
    if not db.exists():
        return False
    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            gb.find_assignment(assignment)
        except MissingEntry:
            return False
    return True


def autograde(course: Path, batch: list[tuple[str, str, Path]]) -> None:
    """Grade every submission in ``batch`` (already copied into the course)."""
    for assignment in sorted({a for _, a, _ in batch}):
        students = sorted(s for s, a, _ in batch if a == assignment)
        if not in_gradebook(course, assignment):
            # The gradebook learns an assignment (its test cells, points and hidden tests)
            # when the assignment is generated.
            run_nbgrader(course, ["generate_assignment", assignment, "--force"], SECONDS_PER_RUN)
        started = time.monotonic()
        budget = SECONDS_PER_RUN + SECONDS_PER_SUBMISSION * len(students)
        run_nbgrader(course, ["autograde", assignment], budget)
        # A batch stops early only in rare cases (a killed run, a notebook whose nbgrader
        # metadata aborts nbgrader). Give every submission it left ungraded its own run.
        left = [s for s in students if not _graded(course, s, assignment)]
        retry = [s for s in left if (course / "submitted" / s / assignment).exists()]
        if retry:
            print(f"autograde: {assignment}: grading {len(retry)} submissions one at a time")
        for student in retry:
            run_nbgrader(
                course,
                ["autograde", assignment, "--student", student],
                SECONDS_PER_RUN + SECONDS_PER_SUBMISSION,
            )
        done = sum(_graded(course, s, assignment) for s in students)
        print(
            f"autograde: {assignment}: {done} of {len(students)} submissions graded "
            f"in {time.monotonic() - started:.1f} s"
        )


def _graded(course: Path, student: str, assignment: str) -> bool:
    return (course / "autograded" / student / assignment / f"{assignment}.ipynb").exists()


def grading_record(course: Path, student: str, assignment: str) -> dict:
    """What the grading preprocessors wrote into the autograded notebook (flags, limits,
    sandbox); empty for a submission that was not graded."""
    path = course / "autograded" / student / assignment / f"{assignment}.ipynb"
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return nb.get("metadata", {}).get(preprocessors.KEY, {})


def review_notes(entry: dict) -> list[str]:
    """The parts of the status that ask a person to look, most serious first."""
    notes = []
    reasons = list(dict.fromkeys(flag["reason"] for flag in entry.get("flags", [])))
    if reasons:
        notes.append("flagged: " + " | ".join(reasons))
    limits = [f"{e['limit']} ({e['cell']})" for e in entry.get("events", [])]
    stopped = (entry.get("trusted") or {}).get("stopped")
    if stopped:
        limits.append(f"re-run stopped: {stopped}")
    if limits:
        notes.append("limit: " + ", ".join(dict.fromkeys(limits)))
    if (entry.get("trusted") or {}).get("error"):
        notes.append(f"check: {entry['trusted']['error']}")
    if entry.get("sandbox", {}).get("mode") == "OFF":
        notes.append("UNSANDBOXED")
    return notes


# ---------------------------------------------------------------------------- exporting
def export_csv(course: Path, out: Path) -> list[dict]:
    """Write one row per student, one column per graded cell, from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    assignments = assignment_names(course)
    columns = ["student_id"]
    rows: dict[str, dict] = {}
    db = course / "gradebook.db"
    if not db.exists():
        raise SystemExit(f"no gradebook at {db}: autograde something first")
    with Gradebook(f"sqlite:///{db}") as gb:
        known = {a.name for a in gb.assignments}
        graded = [a for a in assignments if a in known]
        for assignment in graded:
            cells = grade_cells(course, assignment)
            columns += [f"{assignment}:{grade_id}" for grade_id, _, _ in cells]
            columns += [
                f"{assignment}:{k}" for k in ("auto", "manual", "total", "max", "status", "sandbox")
            ]
            max_score = sum(points for _, points, _ in cells)
            for student in gb.students:
                row = rows.setdefault(student.id, {"student_id": student.id})
                try:
                    submission = gb.find_submission(assignment, student.id)
                except MissingEntry:
                    row[f"{assignment}:status"] = "missing"
                    row[f"{assignment}:max"] = _fmt(max_score)
                    continue
                grades = {g.name: g for nb in submission.notebooks for g in nb.grades}
                ok = _graded(course, student.id, assignment)
                auto = manual = 0.0
                waiting = []
                for grade_id, _, by_hand in cells:
                    grade = grades.get(grade_id)
                    if grade is None or not ok:
                        score = 0.0
                    elif by_hand and grade.manual_score is None:
                        score = None  # not graded yet: left blank
                        waiting.append(grade_id)
                    else:
                        score = float(grade.score)
                    row[f"{assignment}:{grade_id}"] = "" if score is None else _fmt(score)
                    if score is not None:
                        if by_hand:
                            manual += score
                        else:
                            auto += score
                row[f"{assignment}:auto"] = _fmt(auto)
                row[f"{assignment}:manual"] = _fmt(manual)
                row[f"{assignment}:total"] = _fmt(auto + manual)
                row[f"{assignment}:max"] = _fmt(max_score)
                entry = grading_record(course, student.id, assignment)
                row[f"{assignment}:sandbox"] = entry.get("sandbox", {}).get("mode", "")
                if not ok:
                    status = "failed (see coursework/.nbgrader.log)"
                else:
                    notes = review_notes(entry)
                    if waiting:
                        notes.append("needs manual grading: " + " ".join(waiting))
                    status = "; ".join(notes) or "graded"
                row[f"{assignment}:status"] = status
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, restval="")
        writer.writeheader()
        for student in sorted(rows):
            writer.writerow(rows[student])
    print(f"autograde: wrote {out} ({len(rows)} students, {len(columns) - 1} columns)")
    return [rows[s] for s in sorted(rows)]


def _fmt(x: float) -> str:
    return f"{x:g}"


def _loud(*lines: str) -> None:
    banner = "#" * 78
    print(banner, *(f"# {line}" for line in lines), banner, sep="\n", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("submissions", nargs="?", type=Path, help="folder of submissions")
    parser.add_argument("--course", type=Path, default=ROOT / "coursework")
    parser.add_argument("--csv", type=Path, default=None, help="default: <course>/grades.csv")
    parser.add_argument("--export-only", action="store_true", help="only write the CSV")
    parser.add_argument(
        "--no-sandbox",
        action="store_true",
        help="grade WITHOUT the sandbox (student code runs with your rights; recorded in the CSV)",
    )
    args = parser.parse_args(argv)
    course = args.course.resolve()
    out = args.csv or course / "grades.csv"
    if not args.export_only:
        if args.submissions is None or not args.submissions.is_dir():
            parser.error("give a folder of submissions (or --export-only)")
        if args.no_sandbox:
            os.environ[sandbox.OPT_OUT_VARIABLE] = "off"
        if sandbox.sandbox_disabled():
            _loud(
                "GRADING WITHOUT THE SANDBOX: student code runs with your rights: it can read",
                "and write your files, the gradebook and the source notebooks, and use the",
                "network. Every row of the CSV records it.",
            )
        else:
            try:
                report = sandbox.check(sandbox.Limits.from_env())
            except sandbox.SandboxUnavailable as error:
                print(
                    f"autograde: STOPPED: the grading sandbox cannot start here: {error}\n"
                    "Install bubblewrap (`make bubblewrap`) and allow unprivileged user "
                    "namespaces, or run as root; see chapters/instructors.md. To grade without "
                    "the sandbox anyway (student code then runs with your rights): "
                    "`make autograde NO_SANDBOX=1`.",
                    file=sys.stderr,
                )
                return 3
            print(f"autograde: sandbox OK ({report['bwrap']}, {report['mode']})")
        batch = find_submissions(args.submissions.resolve(), assignment_names(course))
        if not batch:
            parser.error(f"no submissions found in {args.submissions}")
        for student, assignment, notebook in batch:
            copy_into_course(course, student, assignment, notebook)
        autograde(course, batch)
    export_csv(course, out)
    if sandbox.sandbox_disabled() and not args.export_only:
        _loud(f"GRADED WITHOUT THE SANDBOX (recorded in {out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
