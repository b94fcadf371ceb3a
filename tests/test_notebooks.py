"""Every chapter notebook is executed, clean, collected by nbval and uses the tested library."""

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# As scripts/execute_notebooks.py and the table of contents find them.
CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
SANITIZER = ROOT / "tests" / "nbval_sanitize.cfg"
ACTIVATION_NAMES = r"(sigmoid|tanh|relu|leaky_relu|prelu)[a-z_]*"


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if c.cell_type == "code"]


def _ids(paths):
    return [p.relative_to(ROOT).as_posix() for p in paths]


def test_the_table_of_contents_takes_every_chapter_notebook_in_file_name_order():
    from sphinx.util.matching import patfilter

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    chapters = next(p for p in toc["parts"] if p["caption"] == "Chapters")["chapters"]
    docnames = [p.relative_to(ROOT).with_suffix("").as_posix() for p in CHAPTERS]
    listed = []
    for entry in chapters:
        listed += sorted(patfilter(docnames, entry["glob"])) if "glob" in entry else [entry["file"]]
    assert len(docnames) >= 6, f"expected at least six chapter notebooks, found {docnames}"
    assert listed == sorted(docnames), f"_toc.yml lists {listed}, the notebooks are {docnames}"


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


# Which cells nbval may skip is decided by cell metadata, never by reading the code: a cell
# tagged `nbval-ignore-output` must also say why, and only two reasons are accepted.
#  - A timing: the cell is also tagged `timing` (its output is labelled as measured on the
#    machine that built the page).
#  - A widget: a stored output is a widget view, whose model id is new on every run (nbval
#    skips that MIME type; the rest of the output comes from the same widget).
IGNORE_OUTPUT = "nbval-ignore-output"
TIMING = "timing"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# Cells that nbval skips and that were tagged before the `timing` tag existed: their chapter's
# author adds `timing` next to `nbval-ignore-output`, then the entry goes (the test below
# fails once the tag is there, so this list cannot outlive its use).
AWAITING_TIMING_TAG: set[tuple[str, str]] = set()


def exemption(cell) -> str | None:
    """Why nbval may skip ``cell``'s output ("timing" or "widget"), read from its metadata and
    its outputs' MIME types; None if it gives no accepted reason."""
    tags = cell.metadata.get("tags", [])
    if TIMING in tags:
        return "timing"
    if any(WIDGET_VIEW in out.get("data", {}) for out in cell.get("outputs", [])):
        return "widget"
    return None


@pytest.mark.parametrize("path", CHAPTERS, ids=_ids(CHAPTERS))
def test_only_timing_and_widget_cells_are_exempt_from_nbval(path):
    rel = path.relative_to(ROOT).as_posix()
    for number, cell in enumerate(_code_cells(path)):
        tags = cell.metadata.get("tags", [])
        waiting = (rel, cell.get("id")) in AWAITING_TIMING_TAG
        if waiting:
            assert TIMING not in tags, f"{rel}: remove {cell.get('id')} from AWAITING_TIMING_TAG"
        if IGNORE_OUTPUT in tags and not waiting:
            assert exemption(cell), (
                f"{rel}, code cell {number}: `{IGNORE_OUTPUT}` on a cell that is neither a "
                f"timing (tag it `{TIMING}` too) nor a widget view: its output must be "
                f"reproducible. Source: {cell.source[:80]!r}"
            )
        assert not (TIMING in tags and IGNORE_OUTPUT not in tags), (
            f"{rel}, code cell {number}: a `{TIMING}` cell is also tagged `{IGNORE_OUTPUT}`"
        )


def test_the_exemption_reads_metadata_not_code():
    timing = nbformat.v4.new_code_cell("print(1)", metadata={"tags": [IGNORE_OUTPUT, TIMING]})
    widget = nbformat.v4.new_code_cell("x")
    widget.outputs = [nbformat.v4.new_output("display_data", data={WIDGET_VIEW: {}})]
    untagged_timer = nbformat.v4.new_code_cell("timeit.timeit(f)  # perf_counter, _ms")
    plain = nbformat.v4.new_code_cell("x", metadata={"tags": [IGNORE_OUTPUT]})
    plain.outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.226\n")]
    assert [exemption(c) for c in (timing, widget, untagged_timer, plain)] == [
        "timing",
        "widget",
        None,
        None,
    ]


# A sanitizer rewrites stored and new outputs alike before nbval compares them, so whatever it
# matches is never checked. It may hide memory addresses (at least six hex digits: what
# Python prints) and figure sizes, never a number.
NUMBERS_THE_PROSE_USES = [
    "largest error: 3.3e-16",
    "accuracy 0.93 +- 0.02",
    "ReLU forward: 1.6x sigmoid",
    "12.5 ms",
    "[0.226 0.5 0.774]",
    "| relu | 0.95 | 0.01 |",
    "z = 18.99",
    "1/4",
    "-0.9951, +0.0000",
    "a 100x100 grid, 4096x256 @ 256x256",
    "seed 0x1f",
]


def test_the_nbval_sanitizer_hides_no_number():
    from nbval.plugin import get_sanitize_patterns

    patterns = get_sanitize_patterns(SANITIZER.read_text(encoding="utf-8"))
    assert patterns, "tests/nbval_sanitize.cfg has no pattern"
    for regex, replace in patterns:
        for text in NUMBERS_THE_PROSE_USES:
            assert re.sub(regex, replace, text) == text, (
                f"the sanitizer pattern {regex!r} rewrites {text!r}: nbval would not check it"
            )
    sanitize = {regex: replace for regex, replace in patterns}
    examples = {"0x7f3a2b1c9d40": "0xADDRESS", "<Figure size 640x480 with 1 Axes>": "<Figure>"}
    for text, expected in examples.items():
        for regex, replace in sanitize.items():
            text = re.sub(regex, replace, text)
        assert text == expected
