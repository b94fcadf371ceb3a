"""Execute every chapter notebook once per machine variant and compare it with its stored outputs.

    python scripts/execute_notebooks.py [--compare] [--variants native baseline threads]
                                        [--jobs N] [--force] [NOTEBOOK ...]

``make portability`` runs it with ``--compare`` and every variant (``make test`` includes it);
``make book`` runs it for ``native`` only and builds the site from those copies, so a notebook
is executed once per variant and reused. Each executed copy goes to
``_build/executed/<variant>/chapters/<name>.ipynb``; a summary to ``_build/executed/report.md``.

The variants are the kernel's environment: the ways another machine runs the same code.

``native``
    this machine as it is.
``baseline``
    NumPy's baseline SIMD dispatch: ``NPY_DISABLE_CPU_FEATURES`` lists every feature that
    ``numpy.show_runtime()`` reports as found on this machine (worked out at run time, e.g.
    ``X86_V3 X86_V4 AVX512_ICL``); on x86-64 another OpenBLAS kernel,
    ``OPENBLAS_CORETYPE=Prescott`` (unless already set; never on ARM); one BLAS thread.
``threads``
    more BLAS threads than cores: ``OPENBLAS_NUM_THREADS`` = 2 x cores + 1.

A cell that raises fails the run (as ``nb_execution_raise_on_error`` fails the book), unless it
is tagged ``raises-exception``. With ``--compare``, every code cell's new outputs are compared
with the committed ones by nbval's own comparison code (``nbval.plugin``): its tags
(``nbval-ignore-output``, ``nbval-skip``, ``raises-exception``) and comment markers, the
sanitizer ``tests/nbval_sanitize.cfg``, and the keys it skips (images, metadata, widget model
ids). So a difference here is a difference for ``pytest --nbval``; the message says how to
reproduce it.

An executed copy records a hash of what it was computed from (the notebook, ``code/``, the
pinned requirements, the variant's environment); a later run reuses it while that hash is
unchanged. ``--force`` executes everything again.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ROOT / "chapters"
OUT = ROOT / "_build" / "executed"
SANITIZE = ROOT / "tests" / "nbval_sanitize.cfg"
VARIANTS = ("native", "baseline", "threads")
#: The timeout per cell, as the book's (``execute: timeout`` in _config.yml).
TIMEOUT = 600
#: Besides the notebook: what its outputs are computed from.
INPUTS = ("code", "requirements.txt", "pyproject.toml")
#: Environment variables that change how NumPy and OpenBLAS compute.
MACHINE_VARIABLES = (
    "NPY_DISABLE_CPU_FEATURES",
    "NPY_ENABLE_CPU_FEATURES",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_NUM_THREADS",
    "OMP_NUM_THREADS",
)
METADATA_KEY = "execute_notebooks"


def chapter_notebooks() -> list[Path]:
    """Every chapter notebook (``chapters/*.ipynb``), in file-name order."""
    return sorted(CHAPTERS.glob("*.ipynb"))


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def simd_found(env: dict[str, str] | None = None) -> list[str]:
    """The SIMD features NumPy dispatches to beyond its baseline, as numpy.show_runtime()
    reports them under 'found' (computed the same way, in a fresh interpreter with ``env``)."""
    code = (
        "from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__\n"
        "print(' '.join(f for f in __cpu_dispatch__ if __cpu_features__.get(f)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.split()


def variant_env(name: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The kernel's environment for variant ``name``."""
    env = dict(os.environ if base is None else base)
    if name == "baseline":
        found = simd_found(env)
        if found:
            env["NPY_DISABLE_CPU_FEATURES"] = " ".join(found)
        if platform.machine().lower() in ("x86_64", "amd64"):
            env.setdefault("OPENBLAS_CORETYPE", "Prescott")
        env["OPENBLAS_NUM_THREADS"] = "1"
    elif name == "threads":
        env["OPENBLAS_NUM_THREADS"] = str(2 * cores() + 1)
    elif name != "native":
        raise ValueError(f"unknown variant {name!r} (known: {', '.join(VARIANTS)})")
    # The kernel is this interpreter's: its bin/ first on PATH (ipykernel's kernelspec
    # runs "python").
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def machine_settings(env: dict[str, str]) -> dict[str, str]:
    return {k: env[k] for k in MACHINE_VARIABLES if k in env}


def reproduce_prefix(env: dict[str, str]) -> str:
    """``VAR=value ...`` that sets a variant's machine settings in a shell."""
    return " ".join(f"{k}={shlex.quote(v)}" for k, v in machine_settings(env).items())


def inputs_hash(notebook: Path, env: dict[str, str]) -> str:
    digest = hashlib.sha256()
    digest.update(notebook.read_bytes())
    for name in INPUTS:
        path = ROOT / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            if f.is_file() and "__pycache__" not in f.parts and ".egg-info" not in str(f):
                digest.update(f.relative_to(ROOT).as_posix().encode() + b"\0" + f.read_bytes())
    digest.update(json.dumps(machine_settings(env), sort_keys=True).encode())
    digest.update(sys.version.encode())
    return digest.hexdigest()


def executed_path(variant: str, notebook: Path, out: Path = OUT) -> Path:
    return out / variant / notebook.relative_to(ROOT)


# ---- execution (in a child process whose environment is the variant's) ----------------------


def execute_one(source: Path, target: Path, timeout: int = TIMEOUT) -> int:
    """Execute ``source`` top to bottom in a fresh kernel (this process's environment) and
    write the result to ``target``; 1 if a cell raised (the traceback is printed)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(source.parent)}},
    )
    status = 0
    try:
        client.execute()
    except CellExecutionError as error:
        print(f"{source}: a cell raised\n{error}", file=sys.stderr)
        status = 1
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    return status


# ---- comparison, with nbval's code --------------------------------------------------------


class _NbvalCell:
    """Just enough of an ``nbval.plugin.IPyNbCell`` to run its own ``compare_outputs``."""

    # The keys nbval (strict mode, without --nbdime) leaves out of the comparison: the tuple
    # is built in nbval.plugin.IPyNbFile.__init__. tests/test_notebooks.py checks that this
    # comparison and `pytest --nbval` agree.
    SKIP_COMPARE = (
        "metadata",
        "traceback",
        "prompt_number",
        "output_type",
        "name",
        "execution_count",
        "application/vnd.jupyter.widget-view+json",
        "image/png",
        "image/jpeg",
    )

    def __init__(self, patterns):
        from nbval.plugin import IPyNbCell, nocolors

        self.parent = SimpleNamespace(skip_compare=self.SKIP_COMPARE, sanitize_patterns=patterns)
        self.colors = nocolors
        self.comparison_traceback: list[str] = []
        self._compare = IPyNbCell.compare_outputs
        self._sanitize = IPyNbCell.sanitize

    def sanitize(self, s):
        return self._sanitize(self, s)

    def compare_outputs(self, test, ref) -> bool:
        return self._compare(self, test, ref)

    def format_output_compare(self, key, left, right):
        # nbval's own fallback report (its first choice asks pytest for an assertion diff).
        from nbval.plugin import _indent, _trim_base64

        left = _trim_base64(left) if isinstance(left, str) else left
        right = _trim_base64(right) if isinstance(right, str) else right
        self.comparison_traceback += [
            f" mismatch '{key}'",
            "  <<<<<<<<<<<< stored output (the committed notebook):",
            _indent(left),
            "  ============ differs from the output of this run:",
            _indent(right),
            "  >>>>>>>>>>>>",
        ]


def sanitize_patterns(path: Path = SANITIZE):
    from nbval.plugin import get_sanitize_patterns

    return dict(get_sanitize_patterns(path.read_text(encoding="utf-8")))


def cell_options(cell) -> dict:
    """nbval's options for a cell: its tags, then its comment markers, strict by default."""
    from nbval.plugin import find_comment_markers, find_metadata_tags

    options = defaultdict(bool, find_metadata_tags(cell.metadata))
    options.update(dict(find_comment_markers(cell.source)))
    options.setdefault("check", True)
    return options


@dataclass
class Difference:
    cell: int  # nbval's cell number: the index among code cells
    source: str
    report: str


def compare(reference, executed, patterns) -> tuple[int, int, list[Difference]]:
    """(cells compared, cells exempt, differences) of two versions of a notebook, with nbval's
    rules; both are nbformat notebooks with the same cells."""
    from nbval.plugin import coalesce_streams

    ref_cells = [c for c in reference.cells if c.cell_type == "code"]
    new_cells = [c for c in executed.cells if c.cell_type == "code"]
    if [c.source for c in ref_cells] != [c.source for c in new_cells]:
        raise ValueError("the executed copy has other code cells than the notebook")
    compared = exempt = 0
    differences = []
    for number, (ref, new) in enumerate(zip(ref_cells, new_cells, strict=True)):
        options = cell_options(ref)
        if options["skip"] or not options["check"]:
            exempt += 1
            continue
        if ref.execution_count is None:  # nbval does not compare a cell that was never run
            if ref.outputs:
                differences.append(Difference(number, ref.source, "unrun cell with outputs"))
            continue
        compared += 1
        cell = _NbvalCell(patterns)
        test_outputs = coalesce_streams(copy.deepcopy(new.outputs))
        ref_outputs = coalesce_streams(copy.deepcopy(ref.outputs))
        if not cell.compare_outputs(test_outputs, ref_outputs):
            differences.append(Difference(number, ref.source, "\n".join(cell.comparison_traceback)))
    return compared, exempt, differences


# ---- the run ------------------------------------------------------------------------------


@dataclass
class Job:
    variant: str
    notebook: Path
    env: dict[str, str]
    target: Path
    hash: str
    reused: bool = False
    seconds: float = 0.0
    status: int = 0
    log: str = ""
    compared: int = 0
    exempt: int = 0
    differences: list[Difference] = field(default_factory=list)


def _fresh(job: Job) -> bool:
    if not job.target.is_file():
        return False
    try:
        meta = json.loads(job.target.read_text(encoding="utf-8"))["metadata"].get(METADATA_KEY)
    except (ValueError, KeyError):
        return False
    return bool(meta) and meta.get("inputs") == job.hash and meta.get("status") == 0


def _run(job: Job) -> Job:
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, __file__, "--execute-one", str(job.notebook), str(job.target)],
        env=job.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    job.seconds = time.monotonic() - start
    job.status = result.returncode
    job.log = (result.stdout + result.stderr).strip()
    if job.target.is_file():
        import nbformat

        nb = nbformat.read(job.target, as_version=4)
        nb.metadata[METADATA_KEY] = {
            "variant": job.variant,
            "inputs": job.hash,
            "status": job.status,
            "seconds": round(job.seconds, 1),
            "machine": machine_settings(job.env),
        }
        nbformat.write(nb, job.target)
    return job


def execute(
    notebooks: list[Path],
    variants: list[str],
    *,
    jobs: int,
    out: Path = OUT,
    force: bool = False,
    log=print,
) -> list[Job]:
    """Execute ``notebooks`` under ``variants`` (``jobs`` at a time), reusing fresh copies."""
    envs = {v: variant_env(v) for v in variants}
    todo = []
    for variant in variants:
        for nb in notebooks:
            job = Job(variant, nb, envs[variant], executed_path(variant, nb, out), "")
            job.hash = inputs_hash(nb, job.env)
            job.reused = not force and _fresh(job)
            todo.append(job)
    run = [j for j in todo if not j.reused]
    for variant in variants:
        settings = reproduce_prefix(envs[variant]) or "(this machine's settings)"
        log(f"execute_notebooks: {variant}: {settings}")
    log(
        f"execute_notebooks: executing {len(run)} notebook(s), {jobs} at a time"
        + (f"; reusing {len(todo) - len(run)} unchanged" if len(run) < len(todo) else "")
    )
    # The longest first (from the last run's times, else by size), so the tail is short.
    run.sort(key=lambda j: -_expected_seconds(j))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for job in pool.map(_run, run):
            mark = "ok" if job.status == 0 else "FAILED (a cell raised)"
            log(f"  {job.variant:9} {job.notebook.relative_to(ROOT)}  {job.seconds:5.1f} s  {mark}")
    return todo


def _expected_seconds(job: Job) -> float:
    if job.target.is_file():
        try:
            meta = json.loads(job.target.read_text(encoding="utf-8"))["metadata"]
            return float(meta[METADATA_KEY]["seconds"])
        except (ValueError, KeyError, TypeError):
            pass
    return job.notebook.stat().st_size / 1e5


def compare_all(jobs: list[Job]) -> None:
    import nbformat

    patterns = sanitize_patterns()
    for job in jobs:
        if job.status != 0 or not job.target.is_file():
            continue
        reference = nbformat.read(job.notebook, as_version=4)
        executed = nbformat.read(job.target, as_version=4)
        job.compared, job.exempt, job.differences = compare(reference, executed, patterns)


def nbval_command(job: Job) -> str:
    prefix = reproduce_prefix(job.env)
    python = os.path.relpath(sys.executable, ROOT)
    return (
        f"{prefix + ' ' if prefix else ''}{python} -m pytest --nbval "
        f"{job.notebook.relative_to(ROOT)} --nbval-sanitize-with "
        f"{SANITIZE.relative_to(ROOT)} -p no:cacheprovider"
    )


def report(jobs: list[Job], compared: bool, out: Path = OUT) -> str:
    variants = list(dict.fromkeys(j.variant for j in jobs))
    lines = [
        "# Executed notebooks",
        "",
        f"Machine: {platform.machine()}, {cores()} cores; NumPy dispatches to "
        f"{' '.join(simd_found()) or 'its baseline only'} beyond its baseline.",
        "",
    ]
    for variant in variants:
        env = next(j.env for j in jobs if j.variant == variant)
        lines.append(f"- **{variant}**: {reproduce_prefix(env) or 'this machine as it is'}")
    lines += [
        "",
        "| variant | notebook | seconds | cells compared | exempt (tags) | differences |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for j in jobs:
        seconds = "reused" if j.reused else f"{j.seconds:.1f}"
        diff = "error" if j.status else (str(len(j.differences)) if compared else "-")
        lines.append(
            f"| {j.variant} | {j.notebook.relative_to(ROOT)} | {seconds} "
            f"| {j.compared if compared else '-'} | {j.exempt if compared else '-'} | {diff} |"
        )
    text = "\n".join(lines) + "\n"
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.md").write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: chapters/*.ipynb")
    parser.add_argument("--variants", nargs="+", default=["native"], choices=VARIANTS)
    parser.add_argument("--compare", action="store_true", help="compare with stored outputs")
    parser.add_argument("--jobs", type=int, default=cores(), help="notebooks at a time")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--force", action="store_true", help="execute even if unchanged")
    parser.add_argument("--execute-one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.execute_one:
        return execute_one(*(p.resolve() for p in args.execute_one))

    notebooks = [p.resolve() for p in args.notebooks] or chapter_notebooks()
    if not notebooks:
        parser.error("no notebook to execute")
    start = time.monotonic()
    jobs = execute(
        notebooks, args.variants, jobs=args.jobs, out=args.out.resolve(), force=args.force
    )
    if args.compare:
        compare_all(jobs)
    print(report(jobs, args.compare, args.out.resolve()))
    failed = False
    for job in jobs:
        if job.status:
            failed = True
            print(f"ERROR {job.variant}: {job.notebook.relative_to(ROOT)}\n{job.log}\n")
        for d in job.differences:
            failed = True
            print(
                f"DIFFERENT {job.variant}: {job.notebook.relative_to(ROOT)}, cell {d.cell} "
                f"(nbval's numbering: code cells from 0)\n  source: {d.source[:200]!r}\n"
                f"{d.report}\n"
            )
    if failed:
        reproducers = {
            (j.variant, j.notebook): nbval_command(j) for j in jobs if j.status or j.differences
        }
        print("To reproduce (the README explains more):")
        for command in reproducers.values():
            print(f"  {command}")
    print(
        f"execute_notebooks: {len(jobs)} notebook runs in {time.monotonic() - start:.0f} s; "
        f"executed copies in {args.out.resolve()}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
