"""nbgrader preprocessors: the sandboxed kernel, the trusted re-run, the static check.

``coursework/nbgrader_config.py`` puts them into ``nbgrader autograde``::

    StaticCheck -> StartTrustedTests -> SandboxedExecute -> TrustedTests -> (nbgrader's own:
    LimitOutput, SaveAutoGrades, ...) -> RecordReview

Each writes what it found into the autograded notebook's metadata, under
``actcourse_grading``; ``scripts/autograde.py`` turns that into the CSV's status column, and
``RecordReview`` into comments the formgrader shows next to the student's answers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_client.kernelspec import KernelSpec
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute, NbGraderPreprocessor
from traitlets import Bool, Integer, Unicode
from traitlets.config import Configurable

from actcourse.grading import course, sandbox, staticcheck, trusted

#: The notebook metadata key every preprocessor here writes under.
KEY = "actcourse_grading"
#: Error names (and messages) that say which limit a cell ran into.
LIMIT_ERRORS = (
    ("memory", ("MemoryError", "_ArrayMemoryError"), ()),
    ("processes", ("BlockingIOError",), ("Resource temporarily unavailable",)),
    ("threads", (), ("can't start new thread",)),
    ("disk", (), ("No space left on device", "File too large")),
    ("time", ("CellTimeoutError",), ()),
)


def record(nb) -> dict:
    return nb.metadata.setdefault(KEY, {})


def error_output(ename: str, evalue: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"]
    )


def _label(cell, index: int) -> str:
    return course.nbgrader_meta(cell).get("grade_id") or f"cell {index + 1}"


def _source_notebook(config, resources) -> nbformat.NotebookNode:
    coursedir = CourseDirectory(config=config)
    folder = coursedir.format_path(
        coursedir.source_directory, ".", resources["nbgrader"]["assignment"]
    )
    return nbformat.read(Path(folder) / f"{resources['nbgrader']['notebook']}.ipynb", as_version=4)


# ---------------------------------------------------------------------------- limits
class GradingSandbox(Configurable):
    """The sandbox's settings, shared by the preprocessors that run student code:
    ``c.GradingSandbox.memory = "4G"`` (sizes like "2G", "512M"); see ``sandbox.Limits``.
    An empty value keeps the default (or ``ACTCOURSE_SANDBOX_<NAME>`` from the environment)."""

    memory = Unicode("", help="Address space of the sandboxed kernel, e.g. 2G").tag(config=True)
    threads = Unicode("", help="Threads of the sandboxed kernel").tag(config=True)
    disk = Unicode("", help="Scratch space and largest file, e.g. 64M").tag(config=True)
    output_limit = Unicode("", help="Output one cell may produce, e.g. 1M").tag(config=True)
    cpu = Unicode("", help="CPU seconds of the whole kernel").tag(config=True)
    files = Unicode("", help="Open files of the kernel").tag(config=True)
    notebook_timeout = Integer(
        300, help="Seconds for a whole notebook (each run of it); later cells are not run"
    ).tag(config=True)
    sandbox = Bool(
        True,
        help="Run student code in the bubblewrap sandbox. Turning it off is recorded with "
        "every grade; so is the environment variable ACTCOURSE_SANDBOX=off.",
    ).tag(config=True)

    def limits(self) -> sandbox.Limits:
        names = ("memory", "threads", "disk", "cpu", "files")
        given = {name: getattr(self, name) for name in names}
        given["output"] = self.output_limit
        return sandbox.Limits.from_env(**given)

    def sandboxed(self) -> bool:
        return bool(self.sandbox) and not sandbox.sandbox_disabled()


def _sandbox_record(sandboxed: bool, limits: sandbox.Limits) -> dict:
    if not sandboxed:
        return {"mode": "OFF", "limits": limits.describe()}
    report = sandbox.check(limits)  # raises SandboxUnavailable, stopping the grading
    return {"mode": f"{report['bwrap']}, {report['mode']}", "limits": limits.describe()}


# ---------------------------------------------------------------------------- execution
class SandboxedExecute(GradingSandbox, Execute):
    """nbgrader's ``Execute``, with the kernel in the sandbox and a submission that runs into
    a limit graded as far as it got.

    * The kernel is ``sandbox.kernelspec()`` (whatever the notebook asks for).
    * A cell that prints more than ``output_limit`` bytes is stopped (interrupted) and fails.
    * A cell that exceeds the time limit fails (nbgrader's ``CellTimeoutError``); if the
      kernel does not stop when interrupted, or dies, or the notebook exceeds
      ``notebook_timeout`` seconds, the remaining cells are not run and fail.
    """

    def preprocess(self, nb, resources=None, km=None):
        self._limits = self.limits()
        self._sandboxed = self.sandboxed()
        entry = record(nb)
        entry["sandbox"] = _sandbox_record(self._sandboxed, self._limits)
        self._events: list[dict] = []
        self._output_bytes: dict[int, int] = {}
        self._output_stopped: set[int] = set()
        self._stopped: str | None = None
        self._started = time.monotonic()
        spec = KernelSpec(resource_dir="", **sandbox.kernelspec(self._limits, self._sandboxed))

        class Manager(AsyncKernelManager):
            @property
            def kernel_spec(self):
                return spec

        self.kernel_manager_class = Manager
        try:
            nb, resources = super().preprocess(nb, resources, km)
        except DeadKernelError as error:  # the kernel died before the first cell
            self._stop_all(nb, f"the kernel died before running the notebook ({error})")
        for index, cell in enumerate(nb.cells):
            for limit in _limits_in(cell):
                self._event(cell, index, limit, "the cell's error says so")
        entry["events"] = sorted(self._events, key=lambda e: e["index"])  # notebook order
        entry["execute_seconds"] = round(time.monotonic() - self._started, 2)
        return nb, resources

    def _event(self, cell, index, limit, detail):
        event = {"cell": _label(cell, index), "limit": limit, "detail": detail, "index": index}
        if not any(e["cell"] == event["cell"] and e["limit"] == limit for e in self._events):
            self._events.append(event)

    def _stop_all(self, nb, reason):
        self._stopped = reason
        for cell in nb.cells:
            if cell.cell_type == "code" and not cell.get("outputs"):
                cell.outputs = [error_output("NotRun", f"not run: {reason}")]

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._stopped is None and time.monotonic() - self._started > self.notebook_timeout:
            self._stopped = f"time limit: the notebook ran longer than {self.notebook_timeout} s"
            self._event(cell, index, "time", self._stopped)
        if self._stopped is not None:
            cell.outputs = [error_output("NotRun", f"not run: {self._stopped}")]
            return cell, resources
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except (DeadKernelError, CellTimeoutError) as error:
            if isinstance(error, DeadKernelError):
                reason = f"the kernel died ({self._exit_status()})"
                self._event(cell, index, "kernel", reason)
            else:
                reason = "time limit: the kernel did not stop when interrupted"
                self._event(cell, index, "time", reason)
            cell.outputs.insert(0, error_output(type(error).__name__, reason))
            self._stopped = reason
            self._shutdown()
        if index in self._output_stopped:
            message = f"the cell printed more than {self._limits.output} bytes and was stopped"
            cell.outputs.insert(0, error_output("OutputLimitExceeded", message))
        return cell, resources

    def _exit_status(self) -> str:
        try:
            code = self.km.provisioner.process.poll()
        except AttributeError:
            return "exit status unknown"
        if code is None:
            return "exit status unknown"
        if code in (128 + 24, -24):
            return "CPU time limit"
        return f"exit status {code}"

    def _shutdown(self):
        try:
            self.km.provisioner.process.kill()
        except (AttributeError, OSError):
            pass

    def output(self, outs, msg, display_id, cell_index):
        size = len(json.dumps(msg.get("content", {}), default=str))
        total = self._output_bytes.get(cell_index, 0) + size
        self._output_bytes[cell_index] = total
        if total > self._limits.output:
            if cell_index not in self._output_stopped:
                self._output_stopped.add(cell_index)
                self._event(
                    self.nb.cells[cell_index],
                    cell_index,
                    "output",
                    f"more than {self._limits.output} bytes",
                )
                asyncio.ensure_future(self._interrupt())
            return None
        return super().output(outs, msg, display_id, cell_index)

    async def _interrupt(self):
        try:
            await self.km.interrupt_kernel()
        except Exception:  # the kernel may be gone already
            pass


def _limits_in(cell) -> list[str]:
    found = []
    for output in cell.get("outputs", []):
        if output.get("output_type") != "error":
            continue
        for limit, names, messages in LIMIT_ERRORS:
            text = f"{output.get('ename', '')}: {output.get('evalue', '')}"
            if output.get("ename") in names or any(m in text for m in messages):
                found.append(limit)
    return found


# ---------------------------------------------------------------------------- trusted re-run
class _Rerun:
    """The trusted re-run as a running subprocess (``python -m actcourse.grading.trusted``)."""

    def __init__(self, job: dict, budget: float, log):
        self.budget, self.log = budget, log
        self.started = time.monotonic()
        self.tmp = tempfile.TemporaryDirectory(prefix="actcourse-trusted-")
        self.job_path = Path(self.tmp.name) / "job.json"
        self.out_path = Path(self.tmp.name) / "result.json"
        self.job_path.write_text(json.dumps(job), encoding="utf-8")
        command = [sys.executable, "-m", "actcourse.grading.trusted", self.job_path, self.out_path]
        self.process = subprocess.Popen(
            [str(part) for part in command],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def outcome(self) -> dict:
        remaining = max(1.0, self.budget - (time.monotonic() - self.started))
        try:
            _, err = self.process.communicate(timeout=remaining)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            return {"error": f"the grader's re-run took longer than {self.budget:g} s"}
        finally:
            result = None
            if self.out_path.exists():
                result = json.loads(self.out_path.read_text(encoding="utf-8"))
            self.tmp.cleanup()
        if self.process.returncode != 0 or result is None:
            self.log.error("trusted re-run failed: %s", (err or "")[-2000:])
            return {"error": "the grader's re-run failed (see the nbgrader log)"}
        return result


class TrustedTests(GradingSandbox, NbGraderPreprocessor):
    """Run the notebook again with the tests outside the student's process (``trusted``);
    a test cell that fails there fails in the notebook too (its points are lost).

    If ``StartTrustedTests`` came earlier in the list, the re-run has been going on while
    nbgrader ran the notebook, and this collects it; otherwise it runs now."""

    timeout = Integer(10, help="Seconds for each cell of the re-run").tag(config=True)
    RESOURCE = "actcourse_trusted_rerun"

    def start(self, nb, resources) -> _Rerun:
        source = _source_notebook(self.config, resources)
        job = trusted.job_for(
            nb,
            source,
            timeout=self.timeout,
            budget=self.notebook_timeout,
            limits=dataclasses.asdict(self.limits()),
            sandbox=self.sandboxed(),
        )
        return _Rerun(job, self.notebook_timeout + 60 + 3 * self.timeout, self.log)

    def preprocess(self, nb, resources):
        rerun = resources.pop(self.RESOURCE, None) or self.start(nb, resources)
        outcome = rerun.outcome()
        entry = record(nb)
        entry["trusted"] = {
            "seconds": outcome.get("seconds"),
            "stopped": outcome.get("student", {}).get("stopped"),
            "error": outcome.get("error"),
            "failed": {
                k: v["message"] for k, v in outcome.get("results", {}).items() if not v["passed"]
            },
        }
        results = outcome.get("results", {})
        for cell in nb.cells:
            if not course.is_test_cell(cell):
                continue
            verdict = results.get(course.nbgrader_meta(cell).get("grade_id"))
            if verdict is None:
                message = outcome.get("error") or "the grader's own run of this test did not happen"
            elif verdict["passed"]:
                continue
            else:
                message = verdict["message"]
            cell.outputs.insert(0, error_output("GraderCheckFailed", message))
        return nb, resources


class StartTrustedTests(TrustedTests):
    """Start the trusted re-run before nbgrader runs the notebook, so that the two runs go
    on side by side (``TrustedTests``, later in the list, collects it)."""

    def preprocess(self, nb, resources):
        resources[self.RESOURCE] = self.start(nb, resources)
        return nb, resources


# ---------------------------------------------------------------------------- static check
class StaticCheck(NbGraderPreprocessor):
    """Flag what honest work never does (``staticcheck``); the grade is not changed."""

    def preprocess(self, nb, resources):
        source = _source_notebook(self.config, resources)
        flags = staticcheck.check_notebook(nb, source)
        record(nb)["flags"] = [{"cell": f.cell, "line": f.line, "reason": f.reason} for f in flags]
        return nb, resources


class RecordReview(NbGraderPreprocessor):
    """After nbgrader saved the grades: put each flag, and each limit a cell ran into, in the
    formgrader as a comment on the student's answer (the flagged answer cell, or the first)."""

    def preprocess(self, nb, resources):
        entry = nb.metadata.get(KEY, {})
        notes: dict[str, list[str]] = {}
        answers = [c for c in nb.cells if course.is_answer_cell(c)]
        if not answers:
            return nb, resources
        first = course.nbgrader_meta(answers[0])["grade_id"]
        answer_ids = {course.nbgrader_meta(c)["grade_id"] for c in answers}
        for flag in entry.get("flags", []):
            target = flag["cell"] if flag["cell"] in answer_ids else first
            notes.setdefault(target, []).append(
                f"FLAGGED for review: {flag['reason']} ({flag['cell']}, line {flag['line']})"
            )
        for event in entry.get("events", []):
            notes.setdefault(first, []).append(
                f"Limit reached: {event['limit']} in {event['cell']} ({event['detail']})"
            )
        if entry.get("sandbox", {}).get("mode") == "OFF":
            notes.setdefault(first, []).insert(0, "Graded WITHOUT the sandbox.")
        info = resources["nbgrader"]
        with Gradebook(info["db_url"]) as gb:
            for grade_id, lines in notes.items():
                try:
                    comment = gb.find_comment(
                        grade_id, info["notebook"], info["assignment"], info["student"]
                    )
                except MissingEntry:
                    continue
                previous = comment.auto_comment or ""
                comment.auto_comment = "\n".join([previous, *lines]).strip()
            gb.db.commit()
        return nb, resources
