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

# ---- grading code we do not trust -------------------------------------------------------------
# The preprocessors come from the course package (code/actcourse/grading, installed with the
# course library); chapters/instructors.md explains what they promise.
#   StaticCheck       flags patching, forbidden imports, exec/eval and introspection tricks;
#   SandboxedExecute  nbgrader's Execute with the kernel in a bubblewrap sandbox (no network,
#                     read-only environment, private scratch folder, no new processes, limits);
#   TrustedTests      runs every test cell again in the grader's own process, calling the
#                     student's functions in a fresh sandbox: a test passes only if it passes
#                     both times, so patching NumPy or the course library earns nothing
#                     (StartTrustedTests starts that run early, side by side with nbgrader's);
#   RecordReview      puts flags and limits into the formgrader as comments.
_GRADING = "actcourse.grading.preprocessors."
c.Autograde.autograde_preprocessors = [
    _GRADING + "StaticCheck",
    _GRADING + "StartTrustedTests",
    _GRADING + "SandboxedExecute",
    _GRADING + "TrustedTests",
    "nbgrader.preprocessors.IgnorePattern",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
    _GRADING + "RecordReview",
]
# Limits of each sandbox. The defaults are below; set one here (sizes like "4G" or "512M") or
# with an environment variable (ACTCOURSE_SANDBOX_MEMORY=4G). ACTCOURSE_SANDBOX=off (or
# `make autograde NO_SANDBOX=1`) turns the sandbox off, which every grade then records.
# c.GradingSandbox.memory = "2G"  # address space of the student's process
# c.GradingSandbox.threads = "64"  # threads; new processes are refused
# c.GradingSandbox.disk = "64M"  # scratch folder, and the largest file
# c.GradingSandbox.output_limit = "1M"  # output of one cell; the cell is stopped beyond it
# c.GradingSandbox.cpu = "600"  # CPU seconds of the whole kernel
# A whole notebook gets at most this many seconds (in each of the two runs); the cells after
# that are not run, and their tests fail.
c.GradingSandbox.notebook_timeout = 300

# ---- grading a submission that misbehaves ----------------------------------------------------
# Every cell gets at most this many seconds; then the kernel is interrupted, the cell records a
# CellTimeoutError (so its test fails) and grading goes on with the next cell. The reference
# solutions need well under a second per cell, so a slow cell is a broken one.
c.Execute.timeout = 10
c.TrustedTests.timeout = 10
c.Execute.interrupt_on_timeout = True
# Kernel start-up on a busy grading machine can be slow; that is not the student's fault.
c.Execute.startup_timeout = 120
# Test cells are locked: a test cell whose code a student edited is replaced by the original
# (with its hidden tests) before the notebook runs. A test cell the student deleted is put back.
c.OverwriteCells.add_missing_cells = True
# A student who prints a million lines must not bloat the gradebook or the feedback.
c.LimitOutput.max_lines = 200
c.LimitOutput.max_traceback = 50
