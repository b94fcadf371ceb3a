"""Grading the course's nbgrader assignments without trusting the student's code.

Nothing here is course material; it is the machinery behind ``make autograde`` and the
formgrader, wired into nbgrader through ``coursework/nbgrader_config.py``:

``course``
    The assignments of a course directory and the nbgrader facts about their cells
    (discovery, marker regions, grade cells): the one helper the build scripts, the
    autograder and the tests share.
``sandbox``
    Runs a program under bubblewrap: no network, a read-only view of the Python environment
    and the course library, a small private scratch folder, no new processes, and limits on
    memory, threads, file size, open files and CPU time. Also the Jupyter kernel launcher.
``runtime`` and ``wire``
    The student's side of the *trusted re-run*: the student's cells run in a sandboxed
    process, and the test cells run in a separate grader process that can only call the
    student's functions and receive plain data back (``wire`` encodes it).
``trusted``
    The grader's side of that re-run, where every expected value is computed and every
    comparison is made, out of the student's reach.
``staticcheck``
    Reads every cell the student wrote (without running it) and flags what honest work never
    does: patching modules, forbidden imports, ``exec``/``eval``, introspection tricks.
``preprocessors``
    The nbgrader preprocessors that put it together (see ``coursework/nbgrader_config.py``).

The threat model (what is promised, what is not) is on the instructor page,
``chapters/instructors.md``.
"""
