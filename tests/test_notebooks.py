"""Every chapter notebook is executed, clean, collected by nbval and uses the tested library."""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = sorted((ROOT / "chapters").rglob("*.ipynb"))
CHAPTERS = [p for p in CHAPTERS if ".ipynb_checkpoints" not in p.parts]
ACTIVATION_NAMES = r"(sigmoid|tanh|relu|leaky_relu|prelu)[a-z_]*"


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def _ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


def test_there_is_a_notebook_for_every_chapter_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    listed = set(re.findall(r"file:\s*(chapters/[\w/-]+)", toc))
    notebooks = {p.relative_to(ROOT).with_suffix("").as_posix() for p in CHAPTERS}
    assert len(notebooks) >= 6, (
        f"expected at least six chapter notebooks, found {sorted(notebooks)}"
    )
    assert notebooks <= listed, f"notebooks missing from _toc.yml: {sorted(notebooks - listed)}"


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_every_code_cell_was_executed_in_order_from_a_fresh_kernel(path):
    counts = [c["execution_count"] for c in _code_cells(path) if c["source"].strip()]
    assert None not in counts, (
        f"{path.name}: unexecuted code cells (run the notebook top to bottom)"
    )
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts} are not 1..n: restart the kernel and run all"
    )


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_stored_outputs_have_no_errors_warnings_or_memory_addresses(path):
    for cell in _code_cells(path):
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"{path.name}: a cell raised {out.get('ename')}"
            if out["output_type"] == "stream":
                assert out["name"] != "stderr", (
                    f"{path.name}: stderr output (a warning?) in cell: {cell['source'][:80]!r}"
                )
            text = json.dumps(out.get("data", {}).get("text/plain", "")) + json.dumps(
                out.get("text", "")
            )
            assert not re.search(r"at 0x[0-9a-f]{6,}", text), (
                f"{path.name}: a memory address is printed by cell {cell['source'][:80]!r}"
            )


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_chapters_import_activations_instead_of_defining_them(path):
    sources = "\n".join(c.source for c in _code_cells(path))
    assert not re.search(rf"^\s*def {ACTIVATION_NAMES}\(", sources, re.M), (
        f"{path.name} defines an activation: import it from code/activations.py"
    )
    assert not re.search(r"^\s*(from code\b|import code\b)", sources, re.M), (
        f"{path.name} imports the standard library's `code` module"
    )
    assert "sys.path" not in sources, f"{path.name}: no path hacks; `import activations` just works"
    assert re.search(r"^\s*(import activations|from activations import)", sources, re.M), (
        f"{path.name} does not import the tested library `activations`"
    )


def test_nbval_collects_every_chapter_notebook():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "--nbval",
            "-p",
            "no:cacheprovider",
        ]
        + [str(p) for p in CHAPTERS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for path in CHAPTERS:
        rel = path.relative_to(ROOT).as_posix()
        n_cells = len([c for c in _code_cells(path) if c["source"].strip()])
        collected = result.stdout.count(f"{rel}::Cell")
        assert collected == n_cells, f"nbval collected {collected} of {n_cells} cells in {rel}"


VARIABLE_OUTPUT = re.compile(r"explorers\.\w+_explorer\(|timeit|process_time|perf_counter|_ms\b")


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_only_timing_and_explorer_cells_are_exempt_from_nbval(path):
    for cell in _code_cells(path):
        if "nbval-ignore-output" in cell.metadata.get("tags", []):
            assert VARIABLE_OUTPUT.search(cell.source), (
                f"{path.name}: nbval-ignore-output on a cell whose output should be reproducible:"
                f" {cell.source[:80]!r}"
            )
