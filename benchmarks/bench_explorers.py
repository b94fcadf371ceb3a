"""How fast the live explorers redraw, and how much each static player adds to a page.

Run:  .venv/bin/python benchmarks/bench_explorers.py   (about 20 s)

Redraw: each control of each explorer is swept through its values, one change at a time, the
way a dragged slider sends them; the time of one change is from setting ``widget.value`` to the
end of the callback, which recomputes the picture with the library and assigns the new SVG to
the figure widget (what the kernel does before JupyterLab receives the update). Explorers 1-3
must stay under 100 ms (the issue's budget), judged on the 95th percentile because single
outliers come from other processes sharing the CPU (the maximum is printed too). The dying-ReLU
explorer looks its pictures up in a table computed in advance; "static build" includes it.

Depth slider: one depth-20 ``nn.layer_gradient_norms`` (what the depth explorer computes per
picture) must take under 50 ms, best of 5 (this was a unit test; timings belong here).

Page weight: the explorer's ``text/html`` output (the static player) as stored in the page,
raw and gzip-compressed (what a static host sends); then, for every chapter, the players of the
explorer calls in its notebook together, gzip-compressed, against the 1 MB budget per page.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from pathlib import Path

from actcourse import explorers, nn

BUDGET_MS = 100.0
BUDGET_BYTES = 1_000_000  # gzip-compressed players per page
CHAPTERS = Path(__file__).resolve().parents[1] / "chapters"
CALL = re.compile(r"\bexplorers\.\w+_explorer\([^()]*\)")


def page_weights() -> list[tuple[str, int, int]]:
    """(chapter, explorer calls, gzip bytes of their players together) for every chapter."""
    rows = []
    for notebook in sorted(CHAPTERS.glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        calls = [
            call
            for cell in cells
            if cell["cell_type"] == "code"
            for call in CALL.findall("".join(cell["source"]))
        ]
        if calls:
            pages = [eval(call, {"explorers": explorers}).to_html() for call in calls]
            rows.append((notebook.stem, len(calls), len(gzip.compress("".join(pages).encode(), 6))))
    return rows


DEPTH_BUDGET_MS = 50.0


def depth_gradient_ms(depth: int = 20, repeats: int = 5) -> float:
    """Best time (ms) of one ``nn.layer_gradient_norms('sigmoid', depth)``, after a warm-up."""
    nn.layer_gradient_norms("sigmoid", depth)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        nn.layer_gradient_norms("sigmoid", depth)
        times.append(time.perf_counter() - start)
    return min(times) * 1e3


def sweep(explorer, name):
    """Times (s) of every change of control ``name`` through its values and back."""
    widget = explorer.widgets[name]
    control = next(c for c in explorer.controls if c.name == name)
    if control.live_step is not None and control.kind == "range":
        lo, hi, step = widget.min, widget.max, widget.step
        n = round((hi - lo) / step)
        values = [round(lo + i * step, 10) for i in range(n + 1)]
        values = [type(widget.value)(v) for v in values]
    else:
        values = list(control.values)
    values = values + values[::-1][1:]
    times = []
    for value in values:
        if value == widget.value:
            continue
        start = time.perf_counter()
        widget.value = value
        times.append(time.perf_counter() - start)
    return times


def main() -> int:
    cases = [
        ("activation_explorer", {"activation": "leaky_relu"}),
        ("neuron_explorer", {}),
        ("depth_explorer", {"activation": "sigmoid"}),
        ("dying_relu_explorer", {"activation": "leaky_relu"}),
    ]
    print(
        f"{'explorer':<22}{'control':<12}{'changes':>8}{'median ms':>11}{'p95 ms':>9}{'max ms':>9}"
    )
    over = []
    weights = []
    depth_ms = depth_gradient_ms()
    print(f"nn.layer_gradient_norms('sigmoid', 20): best of 5 {depth_ms:.1f} ms\n")
    if depth_ms > DEPTH_BUDGET_MS:
        over.append(f"layer_gradient_norms depth 20: {depth_ms:.1f} ms")
    for factory_name, setup in cases:
        factory = getattr(explorers, factory_name)
        start = time.perf_counter()
        explorer = factory()
        widget = explorer.widget
        built = time.perf_counter() - start
        for name, value in setup.items():
            explorer.widgets[name].value = value
        for control in explorer.controls:
            times = sweep(explorer, control.name)
            ms = sorted(t * 1e3 for t in times)
            p95 = ms[int(0.95 * (len(ms) - 1))]
            print(
                f"{factory_name:<22}{control.name:<12}{len(ms):>8}"
                f"{statistics.median(ms):>11.2f}{p95:>9.2f}{max(ms):>9.2f}"
            )
            if factory_name != "dying_relu_explorer" and p95 > BUDGET_MS:
                over.append(f"{factory_name}.{control.name}: p95 {p95:.1f} ms")
        start = time.perf_counter()
        page = explorer.to_html().encode()
        static = time.perf_counter() - start
        weights.append(
            (factory_name, len(page), len(gzip.compress(page, 6)), built, static, widget)
        )
    print()
    print(
        f"{'explorer':<22}{'frames':>7}{'raw KB':>9}{'gzip KB':>9}{'live build s':>14}"
        f"{'static build s':>16}"
    )
    for name, raw, packed, built, static, _ in weights:
        frames = sum(1 for _ in getattr(explorers, name)().grid())
        print(
            f"{name:<22}{frames:>7}{raw / 1e3:>9.1f}{packed / 1e3:>9.1f}{built:>14.2f}"
            f"{static:>16.2f}"
        )
    print(f"\n{'chapter':<22}{'explorers':>10}{'gzip KB':>9}")
    for chapter, n_calls, packed in page_weights():
        print(f"{chapter:<22}{n_calls:>10}{packed / 1e3:>9.1f}")
        if packed > BUDGET_BYTES:
            over.append(f"{chapter}: players {packed / 1e6:.2f} MB gzipped")
    if over:
        print("\nOVER BUDGET:", *over, sep="\n  ")
        return 1
    print(
        f"\nExplorers 1-3 redraw in under {BUDGET_MS:.0f} ms (p95); every page's players are "
        "under 1 MB gzipped."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
