"""nbgrader configuration of the course directory (this folder).

Run nbgrader from this folder with the course's environment first on PATH (nbgrader calls
helper programs such as ``alembic`` from it); ``make assignments`` and ``make autograde`` in
the repository root do both. The instructor page (chapters/instructors.md) explains the
workflow and how to use these assignments in an existing JupyterHub nbgrader course.
"""

import os

c = get_config()  # noqa: F821 (traitlets defines get_config when it runs this file)

# ---- the course directory --------------------------------------------------------------------
c.CourseDirectory.course_id = "activation-functions"
# The folder holding this file, wherever it is copied (the tests grade a temporary copy).
# source/, release/, submitted/, autograded/, feedback/ and gradebook.db all live here;
# everything except source/ is generated and ignored by git.
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
# Keep nbgrader's log (why a submission failed to grade, which cells were restored).
c.NbGrader.logfile = os.path.join(c.CourseDirectory.root, ".nbgrader.log")

# ---- grading a submission that misbehaves ----------------------------------------------------
# Every cell gets at most this many seconds; then the kernel is interrupted, the cell records a
# CellTimeoutError (so its test fails) and grading goes on with the next cell. The reference
# solutions need well under a second per cell, so a slow cell is a broken one.
c.Execute.timeout = 10
c.Execute.interrupt_on_timeout = True
# Kernel start-up on a busy grading machine can be slow; that is not the student's fault.
c.Execute.startup_timeout = 120
# Test cells are locked: a test cell whose code a student edited is replaced by the original
# (with its hidden tests) before the notebook runs. A test cell the student deleted is put back.
c.OverwriteCells.add_missing_cells = True
# A student who prints a million lines must not bloat the gradebook or the feedback.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 50
