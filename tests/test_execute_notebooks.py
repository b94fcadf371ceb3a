"""scripts/execute_notebooks.py: the machine variants, and a comparison that is nbval's."""

import re
import subprocess
import sys
from pathlib import Path

import execute_notebooks as ex
import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_native_leaves_the_machine_settings_alone(monkeypatch):
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "3")
    env = ex.variant_env("native")
    assert env["OPENBLAS_NUM_THREADS"] == "3"
    assert "NPY_DISABLE_CPU_FEATURES" not in env or "NPY_DISABLE_CPU_FEATURES" in ex.os.environ


def test_baseline_disables_every_simd_feature_numpy_found_and_uses_one_blas_thread(monkeypatch):
    monkeypatch.delenv("NPY_DISABLE_CPU_FEATURES", raising=False)
    monkeypatch.delenv("OPENBLAS_CORETYPE", raising=False)
    found = ex.simd_found()
    env = ex.variant_env("baseline")
    assert env.get("NPY_DISABLE_CPU_FEATURES", "").split() == found
    assert env["OPENBLAS_NUM_THREADS"] == "1"
    # NumPy, started with that environment, dispatches to its baseline only.
    assert ex.simd_found(env) == []


def test_baseline_picks_an_old_openblas_kernel_on_x86_64_only_and_keeps_a_chosen_one(
    monkeypatch,
):
    monkeypatch.delenv("OPENBLAS_CORETYPE", raising=False)
    monkeypatch.setattr(ex, "simd_found", lambda env=None: ["FEATURE"])
    monkeypatch.setattr(ex.platform, "machine", lambda: "x86_64")
    assert ex.variant_env("baseline")["OPENBLAS_CORETYPE"] == "Prescott"
    monkeypatch.setattr(ex.platform, "machine", lambda: "aarch64")
    assert "OPENBLAS_CORETYPE" not in ex.variant_env("baseline")
    monkeypatch.setattr(ex.platform, "machine", lambda: "x86_64")
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    assert ex.variant_env("baseline")["OPENBLAS_CORETYPE"] == "Haswell"


def test_threads_asks_for_more_blas_threads_than_cores():
    assert int(ex.variant_env("threads")["OPENBLAS_NUM_THREADS"]) == 2 * ex.cores() + 1


def test_an_executed_copy_is_reused_only_for_the_same_inputs():
    notebook = ex.chapter_notebooks()[0]
    native, threads = ex.variant_env("native"), ex.variant_env("threads")
    assert ex.inputs_hash(notebook, native) == ex.inputs_hash(notebook, native)
    assert ex.inputs_hash(notebook, native) != ex.inputs_hash(notebook, threads)
    assert ex.inputs_hash(notebook, native) != ex.inputs_hash(ex.chapter_notebooks()[1], native)


def test_every_chapter_notebook_is_found():
    found = ex.chapter_notebooks()
    assert found == sorted((ROOT / "chapters").glob("*.ipynb")) and len(found) >= 6


def _cell(source, outputs=(), tags=()):
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)} if tags else {})
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output(**o) for o in outputs]
    return cell


def _stream(text, name="stdout"):
    return {"output_type": "stream", "name": name, "text": text}


# Stored outputs, some of which a fresh run does not reproduce: cells 1 and 5 differ.
CASES = [
    _cell('print("same")', [_stream("same\n")]),
    _cell("print(0.1 + 0.2)", [_stream("0.3\n")]),
    _cell('print("new")', [_stream("old\n")], tags=["nbval-ignore-output"]),
    _cell(
        "class A:\n    pass\n\n\nA()",
        [
            {
                "output_type": "execute_result",
                "data": {"text/plain": "<__main__.A at 0x7f00deadbeef>"},
                "execution_count": 1,
            }
        ],
    ),
    _cell(
        'import sys\nprint("a")\nprint("b", file=sys.stderr)\nprint("c")',
        [_stream("a\n"), _stream("b\n", "stderr"), _stream("c\n")],
    ),
    _cell(
        'from IPython.display import Markdown, display\ndisplay(Markdown("**x**"))',
        [{"output_type": "display_data", "data": {"text/markdown": "**y**", "text/plain": "m"}}],
    ),
]


def test_the_comparison_agrees_with_pytest_nbval(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[*CASES])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    source = tmp_path / "cases.ipynb"
    nbformat.write(nb, source)

    assert ex.execute_one(source, tmp_path / "executed.ipynb") == 0
    executed = nbformat.read(tmp_path / "executed.ipynb", as_version=4)
    compared, exempt, differences = ex.compare(nb, executed, ex.sanitize_patterns())
    ours = {d.cell for d in differences}

    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", source.name, "-p", "no:cacheprovider"]
        + ["--nbval-sanitize-with", str(ex.SANITIZE), "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    nbval = {int(n) for n in re.findall(r"FAILED \S+::Cell (\d+)", result.stdout)}
    assert nbval == {1, 5}, result.stdout[-2000:]
    assert ours == nbval
    assert (compared, exempt) == (5, 1)
    assert "0.30000000000000004" in next(d.report for d in differences if d.cell == 1)


def test_a_cell_that_raises_fails_the_run(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[_cell("1 / 0")])
    source = tmp_path / "raises.ipynb"
    nbformat.write(nb, source)
    assert ex.execute_one(source, tmp_path / "out.ipynb") == 1
    tagged = nbformat.v4.new_notebook(cells=[_cell("1 / 0", tags=["raises-exception"])])
    nbformat.write(tagged, source)
    assert ex.execute_one(source, tmp_path / "out.ipynb") == 0


@pytest.mark.parametrize("variant", ["baseline", "threads"])
def test_the_reproduction_command_sets_the_variant(variant):
    job = ex.Job(variant, ex.chapter_notebooks()[0], ex.variant_env(variant), Path("x"), "")
    command = ex.nbval_command(job)
    assert f"OPENBLAS_NUM_THREADS={job.env['OPENBLAS_NUM_THREADS']}" in command
    assert "--nbval chapters/" in command and "nbval_sanitize.cfg" in command
