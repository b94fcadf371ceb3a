"""The trusted re-run: the test cells run in the grader, the student's code in the sandbox.

nbgrader runs a submission in one kernel, tests included, so the student's code can replace
anything the tests use (``np.allclose``, ``numpy.testing``, ``activations``, IPython's
hooks) or skip the tests altogether. The trusted re-run gives every test a second verdict
that the student's code cannot reach:

* the student's cells (answers, and every cell that is not a test) run again, in order, in
  a fresh sandboxed process (``runtime``);
* each test cell, taken from the **instructor's** notebook with its hidden tests, runs here,
  in the grader's own process, with the real NumPy and course library. A name the test
  uses that the test did not define is looked up in the student's namespace: a function
  becomes a :class:`wire.Remote` whose calls run in the sandbox and return plain data, a
  module is imported afresh here, data is copied;
* so every expected value is computed here, every comparison is made here, and the only
  thing the student's code decides is what its functions return.

A test passes only if it passes both in nbgrader's run and here (``preprocessors``), so
tampering can lower a grade but never raise it.

Command line (what the ``TrustedTests`` preprocessor runs)::

    python -m actcourse.grading.trusted JOB.json RESULT.json
"""

from __future__ import annotations

import builtins
import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import time
import traceback

from actcourse.grading import course, sandbox, wire

#: Seconds the student's side gets to stop after an interrupt before it is killed.
GRACE = 2.0


class CellTimeout(Exception):
    """A test cell ran out of time."""


class StudentProcess:
    """The sandboxed runtime holding the student's namespace."""

    def __init__(self, limits: sandbox.Limits, sandboxed: bool = True):
        to_student_r, self._to_student_w = os.pipe()
        self._from_student_r, from_student_w = os.pipe()
        info_r, info_w = os.pipe()
        debug = os.environ.get("ACTCOURSE_GRADING_DEBUG")
        quiet = {
            "stdin": subprocess.DEVNULL,
            "stdout": subprocess.DEVNULL,
            "stderr": None if debug else subprocess.DEVNULL,
        }
        self.sandboxed = sandboxed
        program_args = ("runtime", str(to_student_r), str(from_student_w))
        if sandboxed:
            box = sandbox.Sandbox(limits)
            self.process = box.popen(
                box.python(*program_args),
                pass_fds=(to_student_r, from_student_w),
                info_fd=info_w,
                **quiet,
            )
        else:
            env = {**os.environ, sandbox.OPT_OUT_VARIABLE: "off"}
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-m", "actcourse.grading.inside", *program_args],
                pass_fds=(to_student_r, from_student_w),
                preexec_fn=limits.apply,
                env=env,
                **quiet,
            )
        for fd in (to_student_r, from_student_w, info_w):
            os.close(fd)
        self._info_r = info_r
        self._pid: int | None = None if sandboxed else self.process.pid
        self.peer = wire.Peer(
            self._from_student_r, self._to_student_w, {"call": self._callback},
            exports_on_return=False,
        )  # fmt: skip
        self.peer.on_deadline = self._on_deadline
        self.timed_out = False
        self.gone: str | None = None
        self._interrupted = False

    # -- the student's pid, for interrupts ------------------------------------------------
    def _student_pid(self) -> int | None:
        if self._pid is None:
            try:
                info = json.loads(os.read(self._info_r, 4096).decode() or "{}")
                init = int(info["child-pid"])
                # the sandbox's first process is bubblewrap's init; the runtime is its child
                with open(f"/proc/{init}/task/{init}/children") as fh:
                    children = fh.read().split()
                self._pid = int(children[0]) if children else init
            except (OSError, ValueError, KeyError):
                return None
        return self._pid

    def _on_deadline(self) -> bool:
        """The student's side is late: interrupt it once, then kill it."""
        self.timed_out = True
        if not self._interrupted:
            self._interrupted = True
            pid = self._student_pid()
            if pid is not None:
                with contextlib.suppress(OSError):
                    os.kill(pid, signal.SIGINT)
            self.peer.deadline = time.monotonic() + GRACE
            return True
        self.kill("it did not stop when interrupted after the time limit")
        return False

    def _callback(self, peer, message):
        """The student's code calls a function the test passed it (``lambda x: x @ A``)."""
        try:
            call = wire.Arguments(peer, message)
            function = peer.exported(int(message["ref"]))
            result = function(*call.args, **call.kwargs)
        except Exception as error:
            peer.reply(error=error)
            return
        peer.reply(result, mutations=call.changes(peer))

    # -- requests -------------------------------------------------------------------------
    def begin(self, deadline: float) -> None:
        self.peer.deadline = deadline
        self._interrupted = False
        self.timed_out = False

    def request(self, op, **fields):
        if self.gone:
            raise wire.PeerGone(f"the student's code stopped earlier: {self.gone}")
        try:
            return self.peer.request(op, **fields)
        except wire.PeerGone as error:
            self.kill(str(error))
            raise wire.PeerGone(self.gone) from None
        except wire.ProtocolError as error:
            self.kill(f"it sent something that is not data ({error})")
            raise wire.PeerGone(self.gone) from None

    def run_cell(self, label: str, source: str) -> tuple[list[str], str | None]:
        """Run one of the student's cells; return the names it bound and its error, if any."""
        try:
            self.request("exec", label=label, source=source)
        except wire.PeerGone as error:
            return [], str(error)
        except BaseException as error:  # the cell's own error, as in the notebook
            return self._bound(), f"{type(error).__name__}: {error}"
        return self._bound(), None

    def _bound(self) -> list[str]:
        bound = self.peer.last_reply.get("bound", [])
        return [name for name in bound if type(name) is str] if type(bound) is list else []

    def bind(self, values: dict) -> None:
        """Give the student's namespace what a test cell bound: modules (imported there
        afresh) and plain data; other objects stay here."""
        if values and not self.gone:
            encoder = wire.Encoder(self.peer, export=False)
            message = {"op": "bind", "values": encoder(values)}
            with contextlib.suppress(Exception):
                self.peer.send(message)
                while (reply := self.peer.receive())["op"] not in ("result", "error"):
                    self.peer.serve_one(reply)

    def lookup(self, name: str):
        try:
            return self.request("lookup", name=name)
        except KeyError:
            raise KeyError(name) from None

    def kill(self, reason: str) -> None:
        if self.gone is None:
            self.gone = "time limit" if self.timed_out else reason
        with contextlib.suppress(OSError):
            self.process.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)

    def close(self) -> None:
        for fd in (self._to_student_w, self._from_student_r, self._info_r):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.kill("finished")


class TrustedNamespace(dict):
    """The globals of the test cells. A name they do not define, and that is not a
    builtin, is looked up in the student's namespace (modules become this process's own)."""

    def __init__(self, student: StudentProcess):
        super().__init__(__name__="__main__", __builtins__=builtins)
        self.student = student
        self.modules: dict[str, object] = {}

    def __missing__(self, name):
        if hasattr(builtins, name):
            raise KeyError(name)  # the real builtin, never the student's
        if name in self.modules:
            return self.modules[name]
        value = self.student.lookup(name)
        if type(value) is type(os):
            self.modules[name] = value
        return value


def _alarm(signum, frame):
    raise CellTimeout("the test cell ran out of time")


def job_for(submission, source, **settings) -> dict:
    """The re-run of a submission: its cells in order, each test cell replaced by the
    instructor's (hidden tests included), every other code cell as the student left it.
    ``settings``: ``timeout``, ``budget``, ``limits`` (a dict), ``sandbox``."""
    tests = {
        course.nbgrader_meta(c)["grade_id"]: c.source
        for c in source.cells
        if course.is_test_cell(c)
    }
    cells = []
    for index, cell in enumerate(submission.cells):
        if cell.cell_type != "code":
            continue
        grade_id = course.nbgrader_meta(cell).get("grade_id")
        if course.is_test_cell(cell) and grade_id in tests:
            cells.append({"kind": "test", "label": grade_id, "source": tests[grade_id]})
        else:
            label = grade_id or f"cell {index + 1}"
            cells.append({"kind": "student", "label": label, "source": cell.source})
    return {"cells": cells, **settings}


def run_job(job: dict) -> dict:
    """Run the cells of one notebook (``{"cells": [{"kind", "label", "source"}], "timeout",
    "budget", "limits", "sandbox"}``); return each test cell's verdict and what became of the
    student's process."""
    return run_jobs([job])[0]


def run_jobs(jobs: list[dict]) -> list[dict]:
    """Several notebooks of one submitter (the tests' honest alternatives) in one process,
    reset between them; a new process whenever the previous one stopped. The grader itself
    runs one job per process."""
    signal.signal(signal.SIGALRM, _alarm)
    student = None
    outcomes = []
    try:
        for job in jobs:
            if student is None or student.gone:
                if student is not None:
                    student.close()
                limits = sandbox.Limits(**job.get("limits", {}))
                student = StudentProcess(limits, sandboxed=job.get("sandbox", True))
            elif outcomes:
                student.begin(time.monotonic() + float(job.get("timeout", 10)))
                with contextlib.suppress(Exception):
                    student.request("reset")
            outcomes.append(_run_cells(job, student))
    finally:
        if student is not None:
            student.close()
    return outcomes


def _run_cells(job: dict, student: StudentProcess) -> dict:
    started = time.monotonic()
    timeout = float(job.get("timeout", 10))
    budget = float(job.get("budget", 300))
    namespace = TrustedNamespace(student)
    results = {}
    for cell in job["cells"]:
        if time.monotonic() - started > budget:
            student.kill(f"time limit: the notebook ran longer than {budget:g} s")
        student.begin(time.monotonic() + timeout)
        namespace.modules.clear()
        if cell["kind"] == "student":
            bound, _ = student.run_cell(cell["label"], cell["source"])
            for name in bound:  # the latest assignment wins, as in one namespace
                if name not in ("__name__", "__builtins__"):
                    namespace.pop(name, None)
            continue
        verdict = {"passed": True, "message": ""}
        before = dict(namespace)
        # a test's own computations get the same time, plus the grace for interrupts
        signal.setitimer(signal.ITIMER_REAL, timeout + 2 * GRACE + 1)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                code = compile(cell["source"], f"<test cell {cell['label']}>", "exec")
                exec(code, namespace)
        except BaseException as error:  # noqa: BLE001 - every failure is a verdict
            verdict = {"passed": False, "message": _describe(error, student)}
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        results[cell["label"]] = verdict
        student.bind(
            {
                name: value
                for name, value in namespace.items()
                if not name.startswith("__") and before.get(name, namespace) is not value
            }
        )
    return {
        "results": results,
        "student": {"stopped": student.gone if student.gone != "finished" else None},
        "seconds": round(time.monotonic() - started, 2),
    }


def _describe(error: BaseException, student: StudentProcess) -> str:
    if isinstance(error, wire.PeerGone):
        return f"the student's code stopped: {error}"
    if student.timed_out:
        return f"time limit: the student's code ran out of time ({type(error).__name__})"
    if isinstance(error, CellTimeout):
        return "time limit: the test ran out of time"
    where = ""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith("<")]
    if frames:
        where = f" (line {frames[-1].lineno})"
    return f"{type(error).__name__}: {error}{where}"[:1000]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    job = json.loads(open(args[0], encoding="utf-8").read())
    result = run_job(job)
    with open(args[1], "w", encoding="utf-8") as fh:
        json.dump(result, fh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
