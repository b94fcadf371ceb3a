r"""Interactive explorers: one notebook cell, live in Jupyter and still working on the website.

Each explorer is one function that returns an :class:`Explorer`. Make it the last expression
of a cell::

    from actcourse import explorers
    explorers.activation_explorer()

and the cell's output carries two views of the same explorer:

* ``application/vnd.jupyter.widget-view+json``: a live ipywidgets explorer. JupyterLab and
  VS Code show it; moving a control recomputes the picture with the library (:mod:`activations`,
  :mod:`nn`) in the kernel and redraws it (a few milliseconds, see
  ``benchmarks/bench_explorers.py``).
* ``text/html``: a static player for a page without a kernel. The pictures for a grid of
  control values are computed in advance, by the same Python code and the same library, and
  stored once each as SVG fragments; a 2 KB script inside the output swaps them when the reader
  moves a native ``<select>`` or ``<input type="range">``. Nothing is loaded from anywhere, so
  the player works on the built book, in ``jupyter nbconvert --to html`` and from a folder with
  the network off. Without JavaScript it shows the default picture and its caption.

The website shows the ``text/html`` view because ``_config.yml`` ranks it above the widget view
for the HTML builder (``nb_mime_priority_overrides``), and the Sphinx extension
:mod:`explorers_sphinx` keeps MyST-NB from loading the Jupyter widget manager on pages that
display no widget view: the saved widget state could only replay the one picture of the
executed notebook, while the manager weighs about 0.9 MB compressed.

Both views draw from one renderer, so they look the same: each explorer has a ``render``
function ``state -> Frame``; a :class:`Frame` is a list of SVG *layers* (axes, curves,
marker, ...) plus a caption that says in words and numbers what the picture shows. The static
player stores each distinct layer once, which keeps the page light (tens of kilobytes where
pre-rendered images of every frame would take megabytes). The figures follow the book's
look: the colours and line styles of :data:`plotting.STYLES`, light grid, no top or right
spine, white background.

Examples
--------
>>> ex = activation_explorer()
>>> ex.frame(activation="sigmoid", z=0.0).values["value"]
0.5
>>> sorted(c.name for c in ex.controls)
['activation', 'alpha', 'z']
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import activations
import numpy as np

from . import lab, nn, plotting

__all__ = [
    "Control",
    "Explorer",
    "Frame",
    "activation_explorer",
    "depth_explorer",
    "dying_relu_explorer",
    "neuron_explorer",
]

#: The four activations the explorers offer, in the book's order.
KEYS = ("sigmoid", "tanh", "relu", "leaky_relu")

MINUS = "\u2212"  # typographic minus, as Matplotlib's tick labels use
TEXT = "#222222"
GRID = "#b3b3b3"  # Matplotlib's default grid colour at the course's grid.alpha of 0.3 on white
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"  # Matplotlib's default font first


def _num(value: float, digits: int = 2) -> str:
    """A number as the reader sees it: fixed decimals and a typographic minus sign."""
    text = f"{value:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def _sci(value: float) -> str:
    """A positive number in scientific notation, ``3.2×10⁻⁸``, or plain if moderate."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}".replace("-", MINUS)
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}×10{_superscript(int(exponent))}"


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _c(value: float) -> str:
    """A pixel coordinate with one decimal (enough on screens up to 10x the figure size)."""
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _tenths(n: int, separate: bool = False) -> str:
    """An integer number of tenths as the shortest SVG number: 15 -> "1.5", -3 -> "-.3"."""
    n = int(n)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10)
    text = f"{whole}.{frac}" if frac else f"{whole}"
    if text.startswith("0."):
        text = text[1:]
    # A following number needs a separator unless it starts with "-" (or ".", after a ".").
    sep = " " if separate and not sign else ""
    return f"{sep}{sign}{text}"


# ---------------------------------------------------------------------------------------------
# A tiny SVG plotting layer in the course style
# ---------------------------------------------------------------------------------------------
def _dasharray(linestyle, linewidth: float) -> str | None:
    """SVG ``stroke-dasharray`` for a Matplotlib line style (scaled by the line width)."""
    named = {
        "-": None,
        "solid": None,
        "--": (3.7, 1.6),
        "-.": (6.4, 1.6, 1.0, 1.6),
        ":": (1.0, 1.65),
    }
    if isinstance(linestyle, tuple):
        pattern = linestyle[1]
    else:
        pattern = named.get(linestyle)
    if pattern is None:
        return None
    return " ".join(_c(p * linewidth) for p in pattern)


def _simplify(px: np.ndarray, py: np.ndarray, tolerance: float = 0.25):
    """Ramer-Douglas-Peucker: drop points within ``tolerance`` pixels of the polyline."""
    n = len(px)
    if n <= 2:
        return px, py
    keep = np.zeros(n, dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        if j <= i + 1:
            continue
        dx, dy = px[j] - px[i], py[j] - py[i]
        xs, ys = px[i + 1 : j] - px[i], py[i + 1 : j] - py[i]
        length = math.hypot(dx, dy)
        dist = np.abs(dx * ys - dy * xs) / length if length > 0 else np.hypot(xs, ys)
        k = int(np.argmax(dist))
        if dist[k] > tolerance:
            keep[i + 1 + k] = True
            stack.extend([(i, i + 1 + k), (i + 1 + k, j)])
    return px[keep], py[keep]


def _nice_ticks(lo: float, hi: float, target: int = 5) -> list[float]:
    """Round tick positions inside ``[lo, hi]``, about ``target`` of them."""
    span = hi - lo
    magnitude = 10 ** math.floor(math.log10(span / target))
    for m in (1, 2, 2.5, 5, 10):
        step = m * magnitude
        if span / step <= target:
            break
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + 1e-9 * span:
        ticks.append(round(k * step, 10))
        k += 1
    return ticks


def _tick_label(t: float) -> str:
    return f"{t:g}".replace("-", MINUS)


def _text(x, y, s, size=12, anchor="middle", weight=None, rotate=False, color=TEXT) -> str:
    extra = f' font-weight="{weight}"' if weight else ""
    if rotate:
        extra += f' transform="rotate(-90 {_c(x)} {_c(y)})"'
    return (
        f'<text x="{_c(x)}" y="{_c(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{color}"{extra}>{html.escape(s)}</text>'
    )


@dataclass(frozen=True)
class _Axes:
    """A rectangle of the figure (pixels) showing ``xlim`` x ``ylim`` (data), y up."""

    left: float
    top: float
    width: float
    height: float
    xlim: tuple[float, float]
    ylim: tuple[float, float]
    ylog: bool = False

    def _ty(self, y):
        return np.log10(y) if self.ylog else y

    def px(self, x):
        x0, x1 = self.xlim
        return self.left + (np.asarray(x, dtype=float) - x0) / (x1 - x0) * self.width

    def py(self, y):
        y0, y1 = (self._ty(v) for v in self.ylim)
        with np.errstate(divide="ignore"):
            ty = self._ty(np.asarray(y, dtype=float))
        return self.top + (y1 - ty) / (y1 - y0) * self.height

    @property
    def bottom(self):
        return self.top + self.height

    # -- the static part: background, grid, spines, ticks and labels ---------------------------
    def frame(self, xlabel="", ylabel="", title="", xticks=None, yticks=None, xtick_labels=None):
        xticks = _nice_ticks(*self.xlim) if xticks is None else list(xticks)
        if yticks is None:
            if self.ylog:
                lo, hi = (math.log10(v) for v in self.ylim)
                step = max(1, math.ceil((hi - lo) / 6))
                yticks = [10.0**e for e in range(math.ceil(lo), math.floor(hi) + 1, step)]
            else:
                yticks = _nice_ticks(*self.ylim)
        parts = []
        for t in xticks:
            x = _c(self.px(t))
            parts.append(
                f'<path d="M{x} {_c(self.top)}V{_c(self.bottom)}" stroke="{GRID}" '
                f'stroke-width="0.8"/>'
            )
        for t in yticks:
            y = _c(self.py(t))
            parts.append(
                f'<path d="M{_c(self.left)} {y}H{_c(self.left + self.width)}" stroke="{GRID}" '
                f'stroke-width="0.8"/>'
            )
        # Spines (left and bottom only) and ticks.
        parts.append(
            f'<path d="M{_c(self.left)} {_c(self.top)}V{_c(self.bottom)}'
            f'H{_c(self.left + self.width)}" fill="none" stroke="{TEXT}" stroke-width="0.8"/>'
        )
        labels = xtick_labels or [_tick_label(t) for t in xticks]
        for t, label in zip(xticks, labels, strict=True):
            x = float(self.px(t))
            parts.append(
                f'<path d="M{_c(x)} {_c(self.bottom)}v3.5" stroke="{TEXT}" stroke-width="0.8"/>'
            )
            parts.append(_text(x, self.bottom + 17, label))
        for t in yticks:
            y = float(self.py(t))
            label = _power_label(t) if self.ylog else _tick_label(t)
            parts.append(
                f'<path d="M{_c(self.left)} {_c(y)}h-3.5" stroke="{TEXT}" stroke-width="0.8"/>'
            )
            parts.append(_text(self.left - 6, y + 4, label, anchor="end"))
        if xlabel:
            parts.append(_text(self.left + self.width / 2, self.bottom + 36, xlabel, size=13))
        if ylabel:
            parts.append(
                _text(self.left - 44, self.top + self.height / 2, ylabel, size=13, rotate=True)
            )
        if title:
            parts.append(_text(self.left + self.width / 2, self.top - 8, title, size=14))
        return "".join(parts)

    # -- data, clipped to the axes by a nested <svg> (no ids needed) ---------------------------
    def clip(self, content: str) -> str:
        box = f"{_c(self.left)} {_c(self.top)} {_c(self.width)} {_c(self.height)}"
        return (
            f'<svg x="{_c(self.left)}" y="{_c(self.top)}" width="{_c(self.width)}" '
            f'height="{_c(self.height)}" viewBox="{box}" overflow="hidden">{content}</svg>'
        )

    def path_d(self, x, y) -> str:
        px = np.asarray(self.px(x), dtype=float)
        py = np.clip(np.asarray(self.py(y), dtype=float), -2000.0, 2000.0)
        px, py = _simplify(px, py)
        # Absolute first point, then relative moves in whole tenths of a pixel (short, exact).
        tx, ty = np.rint(px * 10).astype(np.int64), np.rint(py * 10).astype(np.int64)
        steps = "".join(
            f"l{_tenths(dx)}{_tenths(dy, True)}"
            for dx, dy in zip(np.diff(tx), np.diff(ty), strict=True)
        )
        return f"M{_tenths(tx[0])} {_tenths(ty[0])}{steps}"

    def line(self, x, y, color, linestyle="-", linewidth=2.0, opacity=None, role=None) -> str:
        dash = _dasharray(linestyle, linewidth)
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        if opacity is not None:
            extra += f' stroke-opacity="{opacity}"'
        if role:
            extra += f' data-role="{role}"'
        return (
            f'<path d="{self.path_d(x, y)}" fill="none" stroke="{color}" '
            f'stroke-width="{_c(linewidth)}" stroke-linejoin="round"{extra}/>'
        )

    def hline(self, y, color="#808080", width=0.8) -> str:
        yy = _c(self.py(y))
        return (
            f'<path d="M{_c(self.left)} {yy}H{_c(self.left + self.width)}" stroke="{color}" '
            f'stroke-width="{width}"/>'
        )

    def vline(self, x, color="#808080", width=0.8, dash=None) -> str:
        xx = _c(self.px(x))
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<path d="M{xx} {_c(self.top)}V{_c(self.bottom)}" stroke="{color}" '
            f'stroke-width="{width}"{extra}/>'
        )

    def span(self, x0, x1, color, opacity=0.15) -> str:
        a, b = float(self.px(x0)), float(self.px(x1))
        return (
            f'<rect x="{_c(min(a, b))}" y="{_c(self.top)}" width="{_c(abs(b - a))}" '
            f'height="{_c(self.height)}" fill="{color}" fill-opacity="{opacity}"/>'
        )

    def dot(self, x, y, color, r=5.0, data=None) -> str:
        attrs = "".join(f' data-{k}="{v:.9g}"' for k, v in (data or {}).items())
        return (
            f'<circle cx="{_c(self.px(x))}" cy="{_c(self.py(y))}" r="{_c(r)}" fill="{color}" '
            f'stroke="white" stroke-width="1.5"{attrs}/>'
        )

    def legend(self, entries, x=None, y=None, horizontal=False) -> str:
        """``entries``: (label, colour, linestyle, linewidth, opacity); top-left by default.

        ``horizontal`` puts the entries side by side (text width estimated at 6 px a letter).
        """
        x = self.left + 10 if x is None else x
        y = self.top + 14 if y is None else y
        parts = []
        for i, (label, color, linestyle, linewidth, opacity) in enumerate(entries):
            yy = y if horizontal else y + 17 * i
            if horizontal and i:
                x += 30 + 7 * len(entries[i - 1][0]) + 18
            dash = _dasharray(linestyle, linewidth)
            extra = f' stroke-dasharray="{dash}"' if dash else ""
            if opacity is not None:
                extra += f' stroke-opacity="{opacity}"'
            parts.append(
                f'<path d="M{_c(x)} {_c(yy)}h24" stroke="{color}" stroke-width="{_c(linewidth)}"'
                f"{extra}/>"
            )
            parts.append(_text(x + 30, yy + 4, label, anchor="start"))
        return "".join(parts)


def _power_label(t: float) -> str:
    exponent = round(math.log10(t))
    return "1" if exponent == 0 else f"10{_superscript(exponent)}"


def _background(width: int, height: int) -> str:
    # An opaque white figure, like the book's Matplotlib figures (readable in dark mode too).
    return f'<rect width="{width}" height="{height}" fill="white"/>'


# ---------------------------------------------------------------------------------------------
# Controls, frames and the explorer
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Control:
    """One control of an explorer.

    Parameters
    ----------
    name : str
        Keyword of the explorer's ``render`` state, e.g. ``"z"``.
    label : str
        What the reader sees next to the control (its accessible name).
    values : tuple
        The grid of values the static page offers (every one of them is pre-computed).
    value_labels : tuple of str
        How each value is shown, e.g. ``"1.25"`` or ``"Leaky ReLU"``.
    default : object
        The value shown first; one of ``values``.
    kind : {'select', 'range'}
        A drop-down (``<select>``, ``ipywidgets.Dropdown``) or a slider.
    live_step : float, optional
        For a numeric slider, the step of the live ``FloatSlider`` (the kernel can compute any
        value, so the live slider may be finer than the static grid). ``None``: the live slider
        offers exactly ``values``.
    when : (str, object), optional
        Show the control only while another (earlier) control has this value, e.g. the Leaky
        ReLU slope only for ``("activation", "leaky_relu")``.
    symbol : str, optional
        Short name used in the value read-out, ``"z"`` gives ``"z = 1.25"``.
    """

    name: str
    label: str
    values: tuple
    value_labels: tuple
    default: object
    kind: str = "range"
    live_step: float | None = None
    when: tuple | None = None
    symbol: str = ""

    def __post_init__(self):
        if len(self.values) != len(self.value_labels):
            raise ValueError(f"{self.name}: one label per value")
        if self.default not in self.values:
            raise ValueError(f"{self.name}: default {self.default!r} is not one of the values")
        if self.kind not in ("select", "range"):
            raise ValueError(f"{self.name}: kind must be 'select' or 'range'")

    def readout(self, index: int) -> str:
        label = self.value_labels[index]
        return f"{self.symbol} = {label}" if self.symbol else label


def _alpha_control(alpha_values):
    """The Leaky ReLU slope slider, shown only while Leaky ReLU is selected."""
    return _range_control(
        "alpha",
        "Leaky slope α",
        alpha_values,
        alpha_values[0],
        2,
        "α",
        when=("activation", "leaky_relu"),
    )


def _range_control(name, label, values, default, digits, symbol, live_step=None, when=None):
    values = tuple(float(v) for v in values)
    return Control(
        name=name,
        label=label,
        values=values,
        value_labels=tuple(_num(v, digits) for v in values),
        default=float(default),
        kind="range",
        live_step=live_step,
        when=when,
        symbol=symbol,
    )


def _activation_control(keys=KEYS, default: str | None = None) -> Control:
    keys = tuple(keys)
    default = keys[0] if default is None else default
    if default not in keys:
        raise ValueError(f"activation must be one of {keys}, got {default!r}")
    return Control(
        name="activation",
        label="Activation",
        values=keys,
        value_labels=tuple(activations.get_activation(k).name for k in keys),
        default=default,
        kind="select",
    )


@dataclass
class Frame:
    """One picture of an explorer: SVG layers (back to front), a caption, and its numbers.

    ``values`` holds the numbers the picture and the caption show, for tests and readers of
    the code; ``alt`` is a one-line description for the picture's accessible name. The alt text
    says what kind of picture it is; the numbers are in the caption, which is announced to
    screen readers whenever it changes (``aria-live``).
    """

    layers: list[str]
    caption: str
    alt: str
    values: dict = field(default_factory=dict)


class Explorer:
    """An explorer: live ipywidgets in Jupyter, a pre-computed static player on the website.

    Parameters
    ----------
    key : str
        Short name, used in CSS classes, e.g. ``"activation"``.
    title : str
        Heading shown above the controls.
    controls : sequence of Control
    render : callable
        ``render(state) -> Frame`` where ``state`` maps every control name to a value.
    size : (int, int)
        Width and height of the picture in CSS pixels (it scales down to narrow screens).

    Attributes
    ----------
    widgets : dict of str -> ipywidgets widget
        The live controls by name (created on first use of :attr:`widget`).
    figure : ipywidgets.HTML
        The live picture and caption.
    """

    def __init__(self, key, title, controls: Sequence[Control], render: Callable, size):
        self.key = key
        self.title = title
        self.controls = tuple(controls)
        self.render = render
        self.size = size
        self._widget = None
        self.widgets: dict = {}
        self.figure = None
        self.current: Frame | None = None

    def __repr__(self) -> str:
        names = ", ".join(c.name for c in self.controls)
        return f"<{self.title} ({names}): run the cell in Jupyter to use it live>"

    # -- state ---------------------------------------------------------------------------------
    def default_state(self) -> dict:
        return {c.name: c.default for c in self.controls}

    def frame(self, **state) -> Frame:
        """The picture for the given control values (defaults for those not given)."""
        unknown = set(state) - {c.name for c in self.controls}
        if unknown:
            raise TypeError(f"unknown control(s) {sorted(unknown)} for the {self.key} explorer")
        return self.render({**self.default_state(), **state})

    def _applies(self, control: Control, state: dict) -> bool:
        return control.when is None or state[control.when[0]] == control.when[1]

    def grid(self):
        """Every combination of control values the static player offers.

        Yields ``(key, state)``; ``key`` joins the value indices of the controls with ``.``,
        with ``-`` for a control that does not apply (its ``when`` is false).
        """

        def expand(i, state, key):
            if i == len(self.controls):
                yield ".".join(key), dict(state)
                return
            control = self.controls[i]
            if not self._applies(control, state):
                state[control.name] = control.default
                yield from expand(i + 1, state, [*key, "-"])
                return
            for j, value in enumerate(control.values):
                state[control.name] = value
                yield from expand(i + 1, state, [*key, str(j)])

        yield from expand(0, {}, [])

    # -- the live view -----------------------------------------------------------------------------
    @property
    def widget(self):
        """The live ipywidgets view (built on first access)."""
        if self._widget is None:
            self._build_widget()
        return self._widget

    def _build_widget(self):
        import ipywidgets as w

        style = {"description_width": "initial"}
        for c in self.controls:
            if c.kind == "select":
                widget = w.Dropdown(
                    options=list(zip(c.value_labels, c.values, strict=True)),
                    value=c.default,
                    description=c.label,
                    style=style,
                )
            elif c.live_step is not None and all(isinstance(v, int) for v in c.values):
                widget = w.IntSlider(
                    value=c.default,
                    min=min(c.values),
                    max=max(c.values),
                    step=int(c.live_step),
                    description=c.label,
                    continuous_update=True,
                    style=style,
                )
            elif c.live_step is not None:
                widget = w.FloatSlider(
                    value=c.default,
                    min=min(c.values),
                    max=max(c.values),
                    step=c.live_step,
                    description=c.label,
                    readout_format=".2f",
                    continuous_update=True,
                    style=style,
                )
            else:
                widget = w.SelectionSlider(
                    options=list(zip(c.value_labels, c.values, strict=True)),
                    value=c.default,
                    description=c.label,
                    continuous_update=True,
                    style=style,
                )
            widget.observe(self._on_change, names="value")
            self.widgets[c.name] = widget
        self.figure = w.HTML(layout=w.Layout(max_width=f"{self.size[0] + 20}px"))
        header = w.HTML(f"<strong>{html.escape(self.title)}</strong>")
        self._widget = w.VBox(
            [
                header,
                w.HBox(list(self.widgets.values()), layout=w.Layout(flex_flow="row wrap")),
                self.figure,
            ]
        )
        self._redraw()

    def state(self) -> dict:
        """The live controls' current values."""
        if self._widget is None:
            return self.default_state()
        state = {}
        for c in self.controls:
            value = self.widgets[c.name].value
            if c.live_step is not None and isinstance(value, float):
                value = round(value, 10)
            state[c.name] = value
        return state

    def _on_change(self, change=None):
        self._redraw()

    def _redraw(self):
        state = self.state()
        for c in self.controls:
            visible = self._applies(c, state)
            self.widgets[c.name].layout.display = None if visible else "none"
        self.current = self.render(state)
        self.figure.value = self._figure_html(self.current)

    def _svg(self, frame: Frame, content: str | None = None) -> str:
        width, height = self.size
        body = "".join(frame.layers) if content is None else content
        return (
            f'<svg class="afx-figure" xmlns="http://www.w3.org/2000/svg" role="img" '
            f'aria-label="{html.escape(frame.alt)}" viewBox="0 0 {width} {height}" '
            f'width="100%" style="max-width:{width}px;height:auto;display:block" '
            f'font-family="{FONT}">{body}</svg>'
        )

    def _figure_html(self, frame: Frame) -> str:
        return (
            f"{self._svg(frame)}"
            f'<p style="margin:0.3em 0 0 0;max-width:{self.size[0]}px">'
            f"{html.escape(frame.caption)}</p>"
        )

    # -- the static view ---------------------------------------------------------------------------
    def static_frames(self) -> dict:
        """``{key: Frame}`` for every grid combination (see :meth:`grid`)."""
        return {key: self.render(state) for key, state in self.grid()}

    def _default_key(self) -> str:
        state = self.default_state()
        return ".".join(
            str(c.values.index(c.default)) if self._applies(c, state) else "-"
            for c in self.controls
        )

    def to_html(self) -> str:
        """The static player: controls, the default picture, every frame, a small script."""
        frames = self.static_frames()
        layer_index: dict[str, int] = {}
        alt_index: dict[str, int] = {}
        table = {}
        for key, frame in frames.items():
            ids = [layer_index.setdefault(layer, len(layer_index)) for layer in frame.layers]
            table[key] = [ids, frame.caption, alt_index.setdefault(frame.alt, len(alt_index))]
        data = {
            "controls": [
                {
                    "name": c.name,
                    "readouts": [c.readout(i) for i in range(len(c.values))],
                    "when": None
                    if c.when is None
                    else [c.when[0], self._control(c.when[0]).values.index(c.when[1])],
                }
                for c in self.controls
            ],
            # Single-quoted attributes: no backslash before every quote in the JSON.
            "layers": [_ATTRIBUTE.sub(r"\1='\2'", layer) for layer in layer_index],
            "alts": list(alt_index),
            "frames": table,
        }
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        payload = payload.replace("</", "<\\/").replace("<!--", "<\\!--")
        first = frames[self._default_key()]
        default_state = self.default_state()
        controls_html = "".join(
            self._control_html(c, self._applies(c, default_state)) for c in self.controls
        )
        return (
            f'<div class="afx afx-{self.key}">'
            f"<style>{_CSS}</style>"
            f'<p class="afx-title">{html.escape(self.title)}</p>'
            f'<div class="afx-controls" hidden>{controls_html}</div>'
            f'<div class="afx-fig">{self._svg(first)}'
            f'<p class="afx-caption" aria-live="polite">{html.escape(first.caption)}</p></div>'
            f'<script type="application/json" class="afx-data">{payload}</script>'
            f"<script>{_PLAYER_JS}</script>"
            f"</div>"
        )

    def _control(self, name: str) -> Control:
        return next(c for c in self.controls if c.name == name)

    def _control_html(self, c: Control, visible: bool) -> str:
        index = c.values.index(c.default)
        hidden = "" if visible else " hidden"
        if c.kind == "select":
            options = "".join(
                f'<option value="{i}"{" selected" if i == index else ""}>'
                f"{html.escape(label)}</option>"
                for i, label in enumerate(c.value_labels)
            )
            field_html = f'<select data-name="{c.name}">{options}</select>'
            readout = ""
        else:
            field_html = (
                f'<input type="range" data-name="{c.name}" min="0" max="{len(c.values) - 1}" '
                f'step="1" value="{index}" aria-valuetext="{html.escape(c.readout(index))}">'
            )
            readout = (
                f'<span class="afx-value" aria-hidden="true">{html.escape(c.readout(index))}</span>'
            )
        return (
            f'<div class="afx-control" data-for="{c.name}"{hidden}><label>'
            f'<span class="afx-label">{html.escape(c.label)}</span>{field_html}</label>'
            f"{readout}</div>"
        )

    # -- display -----------------------------------------------------------------------------------
    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self), "text/html": self.to_html()}
        try:
            bundle.update(
                {
                    k: v
                    for k, v in self.widget._repr_mimebundle_().items()
                    if k == "application/vnd.jupyter.widget-view+json"
                }
            )
        except ImportError:  # no ipywidgets: the static player alone
            pass
        return bundle


_ATTRIBUTE = re.compile(r'(\s[\w:-]+)="([^"\']*)"')

_CSS = (
    ".afx{margin:0.5em 0 1em 0}"
    ".afx-title{font-weight:600;margin:0 0 0.3em 0}"
    ".afx-controls{display:flex;flex-wrap:wrap;gap:0.4em 1.5em;align-items:center;"
    "margin:0 0 0.5em 0}"
    ".afx-controls[hidden],.afx-control[hidden]{display:none}"
    ".afx-control{display:flex;align-items:center;gap:0.5em}"
    ".afx-control label{display:flex;align-items:center;gap:0.5em;margin:0}"
    ".afx-control input[type=range]{width:12em}"
    ".afx-control select,.afx-control input{font:inherit}"
    ".afx-value{font-variant-numeric:tabular-nums;min-width:5.5em}"
    ".afx-caption{margin:0.3em 0 0 0;max-width:46em}"
)

# The static player. It only switches between pictures computed in Python: it reads the
# controls, builds the frame key and shows that frame's SVG layers and caption.
_PLAYER_JS = """(function(root){
var data=JSON.parse(root.querySelector('.afx-data').textContent);
var svg=root.querySelector('.afx-figure'),cap=root.querySelector('.afx-caption');
var box=root.querySelector('.afx-controls'),shown=null;
function field(name){return root.querySelector('[data-name="'+name+'"]');}
function update(){
var key=data.controls.map(function(c){
var on=!c.when||field(c.when[0]).value==String(c.when[1]);
root.querySelector('[data-for="'+c.name+'"]').hidden=!on;
if(!on)return '-';
var el=field(c.name),text=c.readouts[+el.value];
if(el.type=='range'){el.setAttribute('aria-valuetext',text);
el.parentNode.parentNode.querySelector('.afx-value').textContent=text;}
return el.value;}).join('.');
if(key===shown)return;
var f=data.frames[key];if(!f)return;shown=key;
svg.innerHTML=f[0].map(function(i){return data.layers[i];}).join('');
svg.setAttribute('aria-label',data.alts[f[2]]);cap.textContent=f[1];
root.setAttribute('data-frame',key);}
root.querySelectorAll('[data-name]').forEach(function(el){
el.addEventListener('input',update);el.addEventListener('change',update);});
box.hidden=false;update();
})(document.currentScript.parentNode);"""


# ---------------------------------------------------------------------------------------------
# 1. Activation explorer
# ---------------------------------------------------------------------------------------------
def _evaluate(key: str, z, alpha: float | None = None):
    """Value and slope of activation ``key`` at ``z``, from :mod:`activations`."""
    act = activations.get_activation(key)
    if key == "leaky_relu" and alpha is not None:
        return act.function(z, alpha), act.derivative(z, alpha)
    return act.function(z), act.derivative(z)


def _padded(lo: float, hi: float, pad: float = 0.08) -> tuple[float, float]:
    span = hi - lo
    return lo - pad * span, hi + pad * span


def activation_explorer(
    activation: str = "sigmoid",
    z_values: Sequence[float] | None = None,
    alpha_values: Sequence[float] = (0.01, 0.05, 0.1, 0.2, 0.3),
) -> Explorer:
    r"""Pick an activation and an input :math:`z`; see :math:`g(z)`, :math:`g'(z)` and the slope.

    Left: the function with a marker at :math:`(z, g(z))` and its tangent, whose slope is
    :math:`g'(z)`. Right: the derivative with a marker at :math:`(z, g'(z))`. For Leaky ReLU a
    slider sets the slope :math:`\alpha` for negative inputs. The value and the slope are printed
    above the picture and in the caption.

    Parameters
    ----------
    activation : str, default 'sigmoid'
        The activation shown first (the reader can pick any of the four).
    z_values : sequence of float, optional
        The inputs the static page offers; default ``-4, -3.75, ..., 4`` (33 values). The live
        slider covers the same range in steps of 0.05.
    alpha_values : sequence of float
        Leaky ReLU slopes offered; the first is the default.

    Returns
    -------
    Explorer
    """
    z_values = np.round(np.arange(-4.0, 4.0001, 0.25), 2) if z_values is None else z_values
    alpha_values = tuple(float(a) for a in alpha_values)
    z_lo, z_hi = float(min(z_values)), float(max(z_values))
    xlim = _padded(z_lo, z_hi, 0.05)
    zs = np.linspace(*xlim, 441)
    controls = [
        _activation_control(default=activation),
        _alpha_control(alpha_values),
        _range_control(
            "z",
            "Input z",
            z_values,
            1.0 if 1.0 in z_values else z_values[0],
            2,
            "z",
            live_step=0.05,
        ),
    ]

    @functools.cache
    def limits(key):
        alphas = alpha_values if key == "leaky_relu" else (None,)
        values = [_evaluate(key, zs, a) for a in alphas]
        g = np.concatenate([v[0] for v in values])
        d = np.concatenate([v[1] for v in values])
        return _padded(min(g.min(), 0.0), g.max()), _padded(min(d.min(), 0.0), max(d.max(), 0.0))

    width, height = 680, 300
    top, plot_h = 58, 190

    def render(state):
        key = state["activation"]
        alpha = state["alpha"] if key == "leaky_relu" else None
        z = float(state["z"])
        act = activations.get_activation(key)
        style = plotting.STYLES[key]
        glim, dlim = limits(key)
        left_ax = _Axes(64, top, 256, plot_h, xlim, glim)
        right_ax = _Axes(410, top, 256, plot_h, xlim, dlim)
        name = act.name if alpha is None else f"{act.name} (α = {_num(alpha)})"
        axes_layer = (
            _background(width, height)
            + left_ax.frame("z", "g(z)", f"{act.name}: g(z)")
            + right_ax.frame("z", "g′(z)", "its slope g′(z)")
        )
        g, d = _evaluate(key, zs, alpha)
        curves = left_ax.clip(
            left_ax.hline(0)
            + left_ax.vline(0)
            + left_ax.line(zs, g, style["color"], style["linestyle"], role="function")
        ) + right_ax.clip(
            right_ax.hline(0)
            + right_ax.vline(0)
            + right_ax.line(zs, d, style["color"], style["linestyle"], role="derivative")
        )
        value, slope = (float(v[0]) for v in _evaluate(key, np.array([z]), alpha))
        tz = np.array([z - 0.9, z + 0.9])
        marker = (
            left_ax.clip(
                left_ax.vline(z, color="#555555", dash="3 3")
                + left_ax.line(tz, value + slope * (tz - z), TEXT, "-", 1.2, role="tangent")
                + left_ax.dot(z, value, style["color"], data={"z": z, "value": value})
            )
            + right_ax.clip(
                right_ax.vline(z, color="#555555", dash="3 3")
                + right_ax.dot(z, slope, style["color"], data={"z": z, "slope": slope})
            )
            + _text(
                width / 2,
                20,
                f"z = {_num(z)}  ·  g(z) = {_num(value, 3)}  ·  slope g′(z) = {_num(slope, 3)}",
                size=14,
                weight="600",
            )
        )
        caption = (
            f"{name} at z = {_num(z)}: g(z) = {_num(value, 3)}, slope g′(z) = {_num(slope, 3)}. "
            "The black line is the tangent at z; its slope is g′(z)."
        )
        alt = (
            f"Two plots of {name}: the function and its derivative over z from {_num(z_lo, 0)} "
            f"to {_num(z_hi, 0)}, with a marker at the chosen z and the tangent there."
        )
        return Frame(
            [axes_layer, curves, marker],
            caption,
            alt,
            {
                "activation": key,
                "alpha": alpha,
                "z": z,
                "value": value,
                "slope": slope,
                "axes": (left_ax, right_ax),
            },
        )

    return Explorer("activation", "Activation explorer", controls, render, (width, height))


# ---------------------------------------------------------------------------------------------
# 2. Neuron explorer
# ---------------------------------------------------------------------------------------------
def _runs(mask: np.ndarray):
    """(start, stop) index pairs of the runs of True in ``mask``."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    return list(zip(edges[::2], edges[1::2] - 1, strict=True))


def neuron_explorer(
    activation: str = "sigmoid",
    w_values: Sequence[float] | None = None,
    b_values: Sequence[float] | None = None,
    x_range: tuple[float, float] = (-5.0, 5.0),
) -> Explorer:
    r"""Sliders for the weight :math:`w` and bias :math:`b` of one neuron :math:`a = g(wx + b)`.

    The curve :math:`a(x)` is drawn over a fixed input range next to :math:`g(x)` (grey, the
    neuron with :math:`w = 1, b = 0`). A dotted line marks where :math:`wx + b = 0`: the kink
    of ReLU and Leaky ReLU, the midpoint of sigmoid and tanh, at :math:`x = -b/w`. The shaded
    band is where the neuron responds most to its input, where :math:`g'(wx + b)` is at least
    half its largest value: the weight scales its width by :math:`1/|w|`, the bias moves it.

    Parameters
    ----------
    activation : str, default 'sigmoid'
        The activation shown first.
    w_values : sequence of float, optional
        Weights the static page offers; default ``-3, -2.5, ..., 3``. Live: steps of 0.1.
    b_values : sequence of float, optional
        Biases the static page offers; default ``-4, -3, ..., 4``. Live: steps of 0.1.
    x_range : (float, float)
        The inputs drawn.

    Returns
    -------
    Explorer
    """
    w_values = np.round(np.arange(-3.0, 3.0001, 0.5), 2) if w_values is None else w_values
    b_values = np.arange(-4.0, 4.0001, 1.0) if b_values is None else b_values
    xs = np.linspace(*x_range, 401)
    controls = [
        _activation_control(default=activation),
        _range_control("w", "Weight w", w_values, 1.0, 1, "w", live_step=0.1),
        _range_control("b", "Bias b", b_values, 0.0, 1, "b", live_step=0.1),
    ]
    ylims = {
        "sigmoid": (-0.1, 1.1),
        "tanh": (-1.15, 1.15),
        "relu": (-1.0, 5.0),
        "leaky_relu": (-1.0, 5.0),
    }

    @functools.cache
    def peak_slope(key):
        return float(np.max(_evaluate(key, np.linspace(-10, 10, 20001))[1]))

    width, height = 680, 308

    def render(state):
        key = state["activation"]
        w, b = float(state["w"]), float(state["b"])
        act = activations.get_activation(key)
        style = plotting.STYLES[key]
        ax = _Axes(64, 44, 596, 216, x_range, ylims[key])
        ref = _evaluate(key, xs)[0]
        static = (
            _background(width, height)
            + ax.frame("input x", "output a")
            + ax.clip(
                ax.hline(0) + ax.vline(0) + ax.line(xs, ref, "#9a9a9a", "-", 1.5, role="reference")
            )
            + ax.legend(
                [
                    ("a = g(wx + b)", style["color"], style["linestyle"], 2.0, None),
                    ("g(x): w = 1, b = 0", "#9a9a9a", "-", 1.5, None),
                ],
                x=380,
                y=20,
                horizontal=True,
            )
        )
        a, slope = _evaluate(key, w * xs + b)
        responsive = slope >= 0.5 * peak_slope(key)
        spans = [(float(xs[i]), float(xs[j])) for i, j in _runs(responsive)]
        x_star = -b / w if w != 0 else None
        body = "".join(ax.span(x0, x1, style["color"]) for x0, x1 in spans if x1 > x0)
        if x_star is not None:
            body += ax.vline(x_star, color=TEXT, width=1.2, dash="2 3")
        body += ax.line(xs, a, style["color"], style["linestyle"], role="neuron")
        dynamic = ax.clip(body) + _text(
            ax.left,
            24,
            f"{act.name} neuron:  w = {_num(w, 1)}  ·  b = {_num(b, 1)}",
            size=14,
            weight="600",
            anchor="start",
        )
        # Describe the picture in words.
        if x_star is None:
            where = f"w = 0: the output is the constant g(b) = {_num(float(a[0]), 3)}"
        elif x_range[0] <= x_star <= x_range[1]:
            what = "kink" if key in ("relu", "leaky_relu") else "midpoint"
            where = f"wx + b = 0 at x = −b/w = {_num(x_star)} (the {what})"
        else:
            where = f"wx + b = 0 at x = {_num(x_star)}, outside the plotted inputs"
        if key in ("relu", "leaky_relu") and w != 0:
            side = ">" if w > 0 else "<"
            shade = f"shaded: the unit's slope is 1 where x {side} {_num(x_star)}"
        elif not spans:
            shade = "no input in view reaches half the steepest slope"
        elif w != 0:
            lo, hi = spans[0][0], spans[-1][1]
            shade = (
                f"shaded: the steep part, where g′(wx + b) ≥ ½ max g′, from x = {_num(lo)} "
                f"to {_num(hi)}"
            )
        else:
            shade = "shaded: every input (the slope is the same everywhere)"
        caption = f"{act.name} neuron, w = {_num(w, 1)}, b = {_num(b, 1)}: {where}; {shade}."
        alt = (
            f"Plot of the output of a {act.name} neuron, a = g(wx + b), against its input x, "
            f"beside the plain {act.name} curve, with the region where it is steepest shaded."
        )
        return Frame(
            [static, dynamic],
            caption,
            alt,
            {
                "activation": key,
                "w": w,
                "b": b,
                "x": xs,
                "a": a,
                "x_star": x_star,
                "spans": spans,
                "axes": ax,
            },
        )

    return Explorer("neuron", "Neuron explorer: a = g(wx + b)", controls, render, (width, height))


# ---------------------------------------------------------------------------------------------
# 3. Depth explorer
# ---------------------------------------------------------------------------------------------
def depth_explorer(
    activation: str = "sigmoid",
    max_depth: int = 20,
    width: int = 32,
    n_samples: int = 256,
    init: str = "xavier",
    seed: int = 0,
) -> Explorer:
    r"""A depth slider and an activation choice; bars of the gradient that reaches each layer.

    The bars are :func:`nn.layer_gradient_norms` of a fixed random network (``depth`` hidden
    layers of ``width`` units, the same seed for every depth, so the first layers are the same
    network): the norm of the gradient of each hidden layer's weights on one batch, on a log
    scale. Layer 1 is the one nearest the input, the last one to be reached by
    backpropagation. The axes stay the same for every setting, so the bars can be compared.

    Parameters
    ----------
    activation : str, default 'sigmoid'
        The activation shown first.
    max_depth : int, default 20
        Deepest network offered (the static page has every depth from 1).
    width, n_samples, init, seed
        Passed to :func:`nn.layer_gradient_norms`.

    Returns
    -------
    Explorer
    """
    depths = tuple(range(1, max_depth + 1))
    controls = [
        _activation_control(default=activation),
        Control(
            name="depth",
            label="Hidden layers",
            values=depths,
            value_labels=tuple(str(d) for d in depths),
            default=min(10, max_depth),
            live_step=1,
            symbol="depth",
        ),
    ]

    def norms_for(key, depth):
        return nn.layer_gradient_norms(
            key, int(depth), width=width, n_samples=n_samples, init=init, seed=seed
        )

    @functools.cache
    def log_limits():
        # One scale for every activation and depth: whole decades around all the bars.
        values = np.concatenate([norms_for(k, d) for k in KEYS for d in (1, max_depth)])
        values = values[values > 0]
        return 10.0 ** math.floor(math.log10(values.min())), 10.0 ** math.ceil(
            math.log10(values.max())
        )

    size = (680, 320)

    def render(state):
        key, depth = state["activation"], int(state["depth"])
        act = activations.get_activation(key)
        style = plotting.STYLES[key]
        norms = norms_for(key, depth)
        ax = _Axes(78, 44, 582, 216, (0.4, max_depth + 0.6), log_limits(), ylog=True)
        ticks = sorted({1, *range(5, max_depth + 1, 5)})
        axes_layer = _background(*size) + ax.frame(
            "hidden layer (1 = nearest the input)", "gradient norm", xticks=ticks
        )
        bottom = ax.bottom
        bars = []
        for layer, value in enumerate(norms, start=1):
            if not value > 0:
                continue
            top = float(ax.py(value))
            x0 = float(ax.px(layer - 0.38))
            bars.append(
                f'<rect x="{_c(x0)}" y="{_c(top)}" width="{_c(float(ax.px(0.76) - ax.px(0)))}" '
                f'height="{_c(bottom - top)}" fill="{style["color"]}" data-layer="{layer}" '
                f'data-norm="{value:.9g}"/>'
            )
        last = float(norms[-1])
        reference = ax.hline(last, color=TEXT, width=1) if last > 0 else ""
        picture = ax.clip("".join(bars) + reference) + _text(
            ax.left,
            24,
            f"{act.name}, {depth} hidden layer{'s' if depth > 1 else ''}",
            size=14,
            weight="600",
            anchor="start",
        )
        first = float(norms[0])
        if depth == 1:
            compare = f"the gradient of its one hidden layer has norm {_sci(first)}"
        elif first == 0 or last == 0:
            compare = "no gradient reaches some layers"
        else:
            ratio = last / first
            if 0.5 <= ratio <= 2:
                how = "about the same size as"
            elif ratio > 1:
                how = f"{_sci(ratio)} times smaller than"
            else:
                how = f"{_sci(1 / ratio)} times larger than"
            compare = (
                f"the gradient reaching layer 1 has norm {_sci(first)}, {how} at layer {depth} "
                f"({_sci(last)}, the black line)"
            )
        caption = (
            f"{act.name} network with {depth} hidden layer{'s' if depth > 1 else ''}: {compare}."
        )
        alt = (
            f"Bar chart, log scale: the gradient norm of each hidden layer of a {act.name} "
            "network, layer 1 nearest the input."
        )
        return Frame([axes_layer, picture], caption, alt, {"norms": norms, "axes": ax})

    return Explorer("depth", "Depth explorer: gradients through depth", controls, render, size)


# ---------------------------------------------------------------------------------------------
# 4. Dying-ReLU explorer
# ---------------------------------------------------------------------------------------------
def dying_relu_explorer(
    activation: str = "relu",
    lr_values: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 5.0),
    alpha_values: Sequence[float] = (0.01, 0.05, 0.1, 0.3),
    hidden: Sequence[int] = (32, 32),
    epochs: int = 100,
    seed: int = 0,
) -> Explorer:
    r"""Learning rate (and Leaky ReLU's slope) against the fraction of dead units after training.

    For every setting a network is trained once, in advance (:func:`lab.units_after_training`, about
    0.03 s a run; the table takes about a second), because training is too slow to redo on
    every slider move. Left: the fraction of dead hidden units for every learning rate, the
    chosen one highlighted. A unit is *dead* when its activation's slope is zero on every
    training input (:func:`nn.dead_units`): no gradient reaches its weights, so it never
    recovers. Outlined bars: units whose input is negative on every training input ("silent");
    for ReLU they are the dead units, a Leaky ReLU unit there still passes the gradient
    :math:`\alpha` and can recover. Right: every hidden unit, dead, silent or active.

    Parameters
    ----------
    activation : {'relu', 'leaky_relu'}, default 'relu'
        The activation shown first.
    lr_values : sequence of float
        Learning rates offered.
    alpha_values : sequence of float
        Leaky ReLU slopes offered; the first is the default.
    hidden : sequence of int
        Hidden layer widths.
    epochs : int
        Full-batch gradient-descent epochs of each run.
    seed : int
        Seed of the data and of the initial weights.

    Returns
    -------
    Explorer
    """
    lr_values = tuple(float(v) for v in lr_values)
    alpha_values = tuple(float(a) for a in alpha_values)
    hidden = tuple(int(h) for h in hidden)
    controls = [
        _activation_control(("relu", "leaky_relu"), default=activation),
        _alpha_control(alpha_values),
        Control(
            name="lr",
            label="Learning rate",
            values=lr_values,
            value_labels=tuple(f"{v:g}" for v in lr_values),
            default=lr_values[len(lr_values) // 2],
            symbol="learning rate",
        ),
    ]

    def run(key, lr, alpha):
        return lab.units_after_training(key, lr, alpha, hidden=hidden, epochs=epochs, seed=seed)

    size = (680, 330)
    n_units = sum(hidden)

    def render(state):
        key = state["activation"]
        alpha = float(state["alpha"]) if key == "leaky_relu" else None
        lr = float(state["lr"])
        act = activations.get_activation(key)
        style = plotting.STYLES[key]
        color = style["color"]
        runs = [run(key, v, alpha) for v in lr_values]
        chosen = run(key, lr, alpha)
        k = len(lr_values)
        ax = _Axes(64, 48, 300, 204, (-0.6, k - 0.4), (0.0, 1.0))
        axes_layer = _background(*size) + ax.frame(
            "learning rate",
            "fraction of hidden units",
            xticks=range(k),
            yticks=[0, 0.25, 0.5, 0.75, 1],
            xtick_labels=[f"{v:g}" for v in lr_values],
        )
        bars = []
        bar_w = float(ax.px(0.7) - ax.px(0))
        for i, r in enumerate(runs):
            opacity = "1" if lr_values[i] == lr else "0.3"
            x0 = float(ax.px(i - 0.35))
            for value, look in (
                (r.inactive_fraction, f'fill="white" stroke="{color}" stroke-width="2"'),
                (r.dead_fraction, f'fill="{TEXT}"'),
            ):
                top = float(ax.py(value))
                bars.append(
                    f'<rect x="{_c(x0)}" y="{_c(top)}" width="{_c(bar_w)}" '
                    f'height="{_c(ax.bottom - top)}" {look} opacity="{opacity}"/>'
                )
        # The unit map: one square per hidden unit, 16 to a row, one block per layer. Each kind
        # of unit is one <path> of squares (much shorter than a <rect> per unit).
        cell, pitch, x_start, per_row = 14, 17, 400, 16
        squares = {"dead": [], "silent": [], "active": []}
        labels = []
        y = 66.0
        for layer, (dead_layer, silent_layer) in enumerate(
            zip(chosen.dead, chosen.inactive, strict=True), start=1
        ):
            labels.append(_text(x_start, y, f"hidden layer {layer}", anchor="start"))
            y += 8
            for j, (is_dead, is_silent) in enumerate(zip(dead_layer, silent_layer, strict=True)):
                kind = "dead" if is_dead else "silent" if is_silent else "active"
                x, yy = x_start + (j % per_row) * pitch, y + (j // per_row) * pitch
                squares[kind].append(f"M{_c(x)} {_c(yy)}h{cell}v{cell}h-{cell}z")
            y += -(-len(dead_layer) // per_row) * pitch + 22
        looks = {
            "dead": f'fill="{TEXT}"',
            "silent": f'fill="white" stroke="{color}" stroke-width="2"',
            "active": f'fill="{color}"',
        }
        cells = "".join(labels) + "".join(
            f'<path d="{"".join(d)}" {looks[kind]} data-units="{kind}"/>'
            for kind, d in squares.items()
            if d
        )
        legend = ""
        for dx, kind, label in (
            (0, "dead", "dead"),
            (68, "silent", "silent, alive"),
            (180, "active", "active"),
        ):
            if kind == "silent" and key == "relu":
                continue  # a silent ReLU unit is a dead one
            legend += f'<path d="M{x_start + dx} {_c(y - 6)}h12v12h-12z" {looks[kind]}/>' + _text(
                x_start + dx + 17, y + 4.5, label, anchor="start"
            )
        name = act.name if alpha is None else f"{act.name} (α = {_num(alpha)})"
        title = _text(
            ax.left, 24, f"{name}, learning rate {lr:g}", size=14, weight="600", anchor="start"
        )
        n_dead = round(chosen.dead_fraction * n_units)
        n_silent = round(chosen.inactive_fraction * n_units)
        if key == "relu":
            what = (
                f"{n_dead} of {n_units} hidden units ({chosen.dead_fraction:.0%}) are dead: "
                "negative on every training input, so no gradient reaches them and they "
                "cannot recover"
            )
        else:
            what = (
                f"{n_dead} of {n_units} hidden units are dead; {n_silent} "
                f"({chosen.inactive_fraction:.0%}) are negative on every training input but still "
                f"pass the gradient α = {_num(alpha)} and can recover"
            )
        fate = " Training diverged." if chosen.diverged else ""
        caption = (
            f"{name}, learning rate {lr:g}, after {epochs} epochs on the moons data: {what}. "
            f"Training accuracy {chosen.accuracy:.0%}.{fate}"
        )
        alt = (
            f"Bar chart of the fraction of dead hidden units of a {name} network for each "
            "learning rate, and a map of its hidden units."
        )
        return Frame(
            [axes_layer, ax.clip("".join(bars)) + title, "".join(cells) + legend],
            caption,
            alt,
            {
                "activation": key,
                "alpha": alpha,
                "lr": lr,
                "dead_fraction": chosen.dead_fraction,
                "silent_fraction": chosen.inactive_fraction,
                "run": chosen,
                "axes": ax,
            },
        )

    return Explorer("dying-relu", "Dying-ReLU explorer", controls, render, size)
