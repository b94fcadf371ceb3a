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

The parts: :mod:`svg` draws (axes, lines, text), :mod:`player` is the framework
(:class:`Control`, :class:`Frame`, :class:`Explorer` and the static player's script and style
sheet, package data in ``static/``), and this module holds the four explorers.

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
import math
from collections.abc import Sequence

import activations
import numpy as np

from . import lab, nn, plotting
from .player import Control, Explorer, Frame, range_control
from .svg import TEXT, Axes, background, coord, num, sci, text

__all__ = [
    "CLASSIC_KEYS",
    "KEYS",
    "SLOPE_KEY",
    "Control",
    "Explorer",
    "Frame",
    "activation_explorer",
    "depth_explorer",
    "dying_relu_explorer",
    "neuron_explorer",
]

#: The activations the activation explorer offers: all of the library's, in the book's order.
KEYS = tuple(activations.ACTIVATIONS)
#: Those the neuron and depth explorers offer: the classic four of chapters 1-5.
CLASSIC_KEYS = tuple(activations.CLASSIC)
#: The activation whose parameter ``alpha`` (its slope for negative inputs) has a slider, and
#: the library's default slope, the first the slider offers.
SLOPE_KEY = "leaky_relu"
_DEFAULT_SLOPE = activations.get_activation(SLOPE_KEY).parameters["alpha"]


# ---------------------------------------------------------------------------------------------
# The words a reader reads: titles, control labels, captions and descriptions (alt text).
# Each is one of these messages, or a template filled with numbers and other messages, so that
# the Chinese edition can translate an executed explorer's output without running it again
# (:func:`actcourse.player.translate_html`, catalogue ``_course/explorers.po``).
# ---------------------------------------------------------------------------------------------
class T:
    """The explorers' messages and templates (``{field}``: a number or another message)."""

    ACTIVATION = "Activation"
    SLOPE = "Leaky slope α"
    INPUT_Z = "Input z"
    WEIGHT = "Weight w"
    BIAS = "Bias b"
    HIDDEN_LAYERS = "Hidden layers"
    LEARNING_RATE = "Learning rate"
    DEPTH_SYMBOL = "depth"
    LR_SYMBOL = "learning rate"
    READOUT = "{symbol} = {value}"
    WITH_ALPHA = "{name} (α = {alpha})"
    # activation explorer
    ACT_TITLE = "Activation explorer"
    ACT_CAPTION = (
        "{name} at z = {z}: g(z) = {value}, slope g′(z) = {slope}. "
        "The black line is the tangent at z; its slope is g′(z)."
    )
    ACT_ALT = (
        "Two plots of {name}: the function and its derivative over z from {lo} "
        "to {hi}, with a marker at the chosen z and the tangent there."
    )
    # neuron explorer
    NEURON_TITLE = "Neuron explorer: a = g(wx + b)"
    NEURON_CAPTION = "{name} neuron, w = {w}, b = {b}: {where}; {shade}."
    WHERE_CONSTANT = "w = 0: the output is the constant g(b) = {value}"
    WHERE_KINK = "wx + b = 0 at x = −b/w = {x} (the kink)"
    WHERE_MIDPOINT = "wx + b = 0 at x = −b/w = {x} (the midpoint)"
    WHERE_OUTSIDE = "wx + b = 0 at x = {x}, outside the plotted inputs"
    SHADE_KINK = "shaded: the unit's slope is {slope} where x {side} {x}"
    SHADE_NONE = "no input in view reaches half the steepest slope"
    SHADE_STEEP = "shaded: the steep part, where g′(wx + b) ≥ ½ max g′, from x = {lo} to {hi}"
    SHADE_ALL = "shaded: every input (the slope is the same everywhere)"
    NEURON_ALT = (
        "Plot of the output of a {name} neuron, a = g(wx + b), against its input x, "
        "beside the plain {name} curve, with the region where it is steepest shaded."
    )
    # depth explorer
    DEPTH_TITLE = "Depth explorer: gradients through depth"
    DEPTH_CAPTION_ONE = "{name} network with 1 hidden layer: {compare}."
    DEPTH_CAPTION = "{name} network with {depth} hidden layers: {compare}."
    COMPARE_ONE = "the gradient of its one hidden layer has norm {first}"
    COMPARE_NONE = "no gradient reaches some layers"
    COMPARE = (
        "the gradient reaching layer 1 has norm {first}, {how} at layer {depth} "
        "({last}, the black line)"
    )
    HOW_SAME = "about the same size as"
    HOW_SMALLER = "{ratio} times smaller than"
    HOW_LARGER = "{ratio} times larger than"
    DEPTH_ALT = (
        "Bar chart, log scale: the gradient norm of each hidden layer of a {name} "
        "network, layer 1 nearest the input."
    )
    # dying-ReLU explorer
    DYING_TITLE = "Dying-ReLU explorer"
    DYING_CAPTION = (
        "{name}, learning rate {lr}, after {epochs} epochs on the moons data: {what}. "
        "Training accuracy {accuracy}."
    )
    DYING_CAPTION_DIVERGED = (
        "{name}, learning rate {lr}, after {epochs} epochs on the moons data: {what}. "
        "Training accuracy {accuracy}. Training diverged."
    )
    WHAT_DEAD = (
        "{dead} of {units} hidden units ({percent}) are dead: negative on every training "
        "input, so no gradient reaches them and they cannot recover"
    )
    WHAT_SILENT = (
        "{dead} of {units} hidden units are dead; {silent} ({percent}) are negative on every "
        "training input but still pass the gradient α = {alpha} and can recover"
    )
    DYING_ALT = (
        "Bar chart of the fraction of dead hidden units of a {name} network for each "
        "learning rate, and a map of its hidden units."
    )


def messages() -> list[str]:
    """Every message and template of the explorers, and the activations' names (the
    activation menu): the catalogue ``locales/<lang>/LC_MESSAGES/_course/explorers.po``."""
    found = [v for k, v in vars(T).items() if k.isupper() and isinstance(v, str)]
    found += [a.name for a in activations.ACTIVATIONS.values()]
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------------------------------------
# The controls every explorer shares
# ---------------------------------------------------------------------------------------------
def _alpha_control(alpha_values):
    """The Leaky ReLU slope slider, shown only while Leaky ReLU is selected."""
    return range_control(
        "alpha",
        T.SLOPE,
        alpha_values,
        alpha_values[0],
        2,
        "α",
        when=("activation", SLOPE_KEY),
    )


def _alpha_of(state: dict) -> float | None:
    """The slope the slider sets, while it applies (``None`` for the other activations)."""
    return float(state["alpha"]) if state["activation"] == SLOPE_KEY else None


def _activation_control(keys=KEYS, default: str | None = None) -> Control:
    keys = tuple(keys)
    default = keys[0] if default is None else default
    if default not in keys:
        raise ValueError(f"activation must be one of {keys}, got {default!r}")
    return Control(
        name="activation",
        label=T.ACTIVATION,
        values=keys,
        value_labels=tuple(activations.get_activation(k).name for k in keys),
        default=default,
        kind="select",
    )


# ---------------------------------------------------------------------------------------------
# 1. Activation explorer
# ---------------------------------------------------------------------------------------------
def _evaluate(key: str, z, alpha: float | None = None):
    """Value and slope of activation ``key`` (with parameter ``alpha`` if given) at ``z``."""
    act = activations.get_activation(key)
    if alpha is not None:
        act = act.with_alpha(alpha)
    return act.function(z), act.derivative(z)


def _padded(lo: float, hi: float, pad: float = 0.08) -> tuple[float, float]:
    span = hi - lo
    return lo - pad * span, hi + pad * span


def activation_explorer(
    activation: str = "sigmoid",
    z_values: Sequence[float] | None = None,
    alpha_values: Sequence[float] = (_DEFAULT_SLOPE, 0.05, 0.1, 0.2, 0.3),
) -> Explorer:
    r"""Pick an activation and an input :math:`z`; see :math:`g(z)`, :math:`g'(z)` and the slope.

    Left: the function with a marker at :math:`(z, g(z))` and its tangent, whose slope is
    :math:`g'(z)`. Right: the derivative with a marker at :math:`(z, g'(z))`. For Leaky ReLU a
    slider sets the slope :math:`\alpha` for negative inputs. The value and the slope are printed
    above the picture and in the caption.

    Parameters
    ----------
    activation : str, default 'sigmoid'
        The activation shown first (the reader can pick any of :data:`KEYS`).
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
        range_control(
            "z",
            T.INPUT_Z,
            z_values,
            1.0 if 1.0 in z_values else z_values[0],
            2,
            "z",
            live_step=0.05,
        ),
    ]

    @functools.cache
    def limits(key):
        alphas = alpha_values if key == SLOPE_KEY else (None,)
        values = [_evaluate(key, zs, a) for a in alphas]
        g = np.concatenate([v[0] for v in values])
        d = np.concatenate([v[1] for v in values])
        return _padded(min(g.min(), 0.0), g.max()), _padded(min(d.min(), 0.0), max(d.max(), 0.0))

    width, height = 680, 300
    top, plot_h = 58, 190

    def render(state):
        key = state["activation"]
        alpha = _alpha_of(state)
        z = float(state["z"])
        act = activations.get_activation(key)
        style = plotting.STYLES[key]
        glim, dlim = limits(key)
        left_ax = Axes(64, top, 256, plot_h, xlim, glim)
        right_ax = Axes(410, top, 256, plot_h, xlim, dlim)
        name = act.name if alpha is None else T.WITH_ALPHA.format(name=act.name, alpha=num(alpha))
        axes_layer = (
            background(width, height)
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
            + text(
                width / 2,
                20,
                f"z = {num(z)}  ·  g(z) = {num(value, 3)}  ·  slope g′(z) = {num(slope, 3)}",
                size=14,
                weight="600",
            )
        )
        caption = T.ACT_CAPTION.format(
            name=name, z=num(z), value=num(value, 3), slope=num(slope, 3)
        )
        alt = T.ACT_ALT.format(name=name, lo=num(z_lo, 0), hi=num(z_hi, 0))
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

    return Explorer("activation", T.ACT_TITLE, controls, render, (width, height))


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
    keys: Sequence[str] = CLASSIC_KEYS,
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
    keys : sequence of str, default :data:`CLASSIC_KEYS`
        The activations offered (any keys of :data:`activations.ACTIVATIONS`).

    Returns
    -------
    Explorer
    """
    w_values = np.round(np.arange(-3.0, 3.0001, 0.5), 2) if w_values is None else w_values
    b_values = np.arange(-4.0, 4.0001, 1.0) if b_values is None else b_values
    xs = np.linspace(*x_range, 401)
    controls = [
        _activation_control(keys, default=activation),
        range_control("w", T.WEIGHT, w_values, 1.0, 1, "w", live_step=0.1),
        range_control("b", T.BIAS, b_values, 0.0, 1, "b", live_step=0.1),
    ]

    @functools.cache
    def peak_slope(key):
        return float(np.max(_evaluate(key, np.linspace(-10, 10, 20001))[1]))

    width, height = 680, 308

    def render(state):
        key = state["activation"]
        w, b = float(state["w"]), float(state["b"])
        act = activations.get_activation(key)
        style = plotting.STYLES[key]
        ax = Axes(64, 44, 596, 216, x_range, act.plot_limits)
        ref = _evaluate(key, xs)[0]
        static = (
            background(width, height)
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
        dynamic = ax.clip(body) + text(
            ax.left,
            24,
            f"{act.name} neuron:  w = {num(w, 1)}  ·  b = {num(b, 1)}",
            size=14,
            weight="600",
            anchor="start",
        )
        # Describe the picture in words.
        if x_star is None:
            where = T.WHERE_CONSTANT.format(value=num(float(a[0]), 3))
        elif x_range[0] <= x_star <= x_range[1]:
            where = (T.WHERE_KINK if act.has_kink else T.WHERE_MIDPOINT).format(x=num(x_star))
        else:
            where = T.WHERE_OUTSIDE.format(x=num(x_star))
        if act.has_kink and w != 0:
            side = ">" if w > 0 else "<"
            right = float(act.derivative(1.0))  # the slope on the kink's right
            shade = T.SHADE_KINK.format(slope=f"{right:g}", side=side, x=num(x_star))
        elif not spans:
            shade = T.SHADE_NONE
        elif w != 0:
            lo, hi = spans[0][0], spans[-1][1]
            shade = T.SHADE_STEEP.format(lo=num(lo), hi=num(hi))
        else:
            shade = T.SHADE_ALL
        caption = T.NEURON_CAPTION.format(
            name=act.name, w=num(w, 1), b=num(b, 1), where=where, shade=shade
        )
        alt = T.NEURON_ALT.format(name=act.name)
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

    return Explorer("neuron", T.NEURON_TITLE, controls, render, (width, height))


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
    keys: Sequence[str] = CLASSIC_KEYS,
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
    keys : sequence of str, default :data:`CLASSIC_KEYS`
        The activations offered; the log scale fits all of them.

    Returns
    -------
    Explorer
    """
    depths = tuple(range(1, max_depth + 1))
    keys = tuple(keys)
    controls = [
        _activation_control(keys, default=activation),
        Control(
            name="depth",
            label=T.HIDDEN_LAYERS,
            values=depths,
            value_labels=tuple(str(d) for d in depths),
            default=min(10, max_depth),
            live_step=1,
            symbol=T.DEPTH_SYMBOL,
        ),
    ]

    def norms_for(key, depth):
        return nn.layer_gradient_norms(
            key, int(depth), width=width, n_samples=n_samples, init=init, seed=seed
        )

    @functools.cache
    def log_limits():
        # One scale for every activation and depth: whole decades around all the bars.
        values = np.concatenate([norms_for(k, d) for k in keys for d in (1, max_depth)])
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
        ax = Axes(78, 44, 582, 216, (0.4, max_depth + 0.6), log_limits(), ylog=True)
        ticks = sorted({1, *range(5, max_depth + 1, 5)})
        axes_layer = background(*size) + ax.frame(
            "hidden layer (1 = nearest the input)", "gradient norm", xticks=ticks
        )
        bottom = ax.bottom
        bars = []
        for layer, value in enumerate(norms, start=1):
            if not value > 0:
                continue
            top = float(ax.py(value))
            x0 = float(ax.px(layer - 0.38))
            bar_width = coord(float(ax.px(0.76) - ax.px(0)))
            bars.append(
                f'<rect x="{coord(x0)}" y="{coord(top)}" width="{bar_width}" '
                f'height="{coord(bottom - top)}" fill="{style["color"]}" data-layer="{layer}" '
                f'data-norm="{value:.9g}"/>'
            )
        last = float(norms[-1])
        reference = ax.hline(last, color=TEXT, width=1) if last > 0 else ""
        picture = ax.clip("".join(bars) + reference) + text(
            ax.left,
            24,
            f"{act.name}, {depth} hidden layer{'s' if depth > 1 else ''}",
            size=14,
            weight="600",
            anchor="start",
        )
        first = float(norms[0])
        if depth == 1:
            compare = T.COMPARE_ONE.format(first=sci(first))
        elif first == 0 or last == 0:
            compare = T.COMPARE_NONE
        else:
            ratio = last / first
            if 0.5 <= ratio <= 2:
                how = T.HOW_SAME
            elif ratio > 1:
                how = T.HOW_SMALLER.format(ratio=sci(ratio))
            else:
                how = T.HOW_LARGER.format(ratio=sci(1 / ratio))
            compare = T.COMPARE.format(first=sci(first), how=how, depth=depth, last=sci(last))
        caption = (T.DEPTH_CAPTION_ONE if depth == 1 else T.DEPTH_CAPTION).format(
            name=act.name, depth=depth, compare=compare
        )
        alt = T.DEPTH_ALT.format(name=act.name)
        return Frame([axes_layer, picture], caption, alt, {"norms": norms, "axes": ax})

    return Explorer("depth", T.DEPTH_TITLE, controls, render, size)


# ---------------------------------------------------------------------------------------------
# 4. Dying-ReLU explorer
# ---------------------------------------------------------------------------------------------
def dying_relu_explorer(
    activation: str = "relu",
    lr_values: Sequence[float] = (0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 5.0),
    alpha_values: Sequence[float] = (_DEFAULT_SLOPE, 0.05, 0.1, 0.3),
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
            label=T.LEARNING_RATE,
            values=lr_values,
            value_labels=tuple(f"{v:g}" for v in lr_values),
            default=lr_values[len(lr_values) // 2],
            symbol=T.LR_SYMBOL,
        ),
    ]

    def run(key, lr, alpha):
        return lab.units_after_training(key, lr, alpha, hidden=hidden, epochs=epochs, seed=seed)

    size = (680, 330)
    n_units = sum(hidden)

    def render(state):
        key = state["activation"]
        alpha = _alpha_of(state)
        lr = float(state["lr"])
        act = activations.get_activation(key)
        # With no slope for negative inputs (ReLU), a unit negative on every input is dead.
        silent_is_dead = float(_evaluate(key, -1.0, alpha)[1]) == 0.0
        style = plotting.STYLES[key]
        color = style["color"]
        runs = [run(key, v, alpha) for v in lr_values]
        chosen = run(key, lr, alpha)
        k = len(lr_values)
        ax = Axes(64, 48, 300, 204, (-0.6, k - 0.4), (0.0, 1.0))
        axes_layer = background(*size) + ax.frame(
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
                    f'<rect x="{coord(x0)}" y="{coord(top)}" width="{coord(bar_w)}" '
                    f'height="{coord(ax.bottom - top)}" {look} opacity="{opacity}"/>'
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
            labels.append(text(x_start, y, f"hidden layer {layer}", anchor="start"))
            y += 8
            for j, (is_dead, is_silent) in enumerate(zip(dead_layer, silent_layer, strict=True)):
                kind = "dead" if is_dead else "silent" if is_silent else "active"
                x, yy = x_start + (j % per_row) * pitch, y + (j // per_row) * pitch
                squares[kind].append(f"M{coord(x)} {coord(yy)}h{cell}v{cell}h-{cell}z")
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
            if kind == "silent" and silent_is_dead:
                continue
            legend += f'<path d="M{x_start + dx} {coord(y - 6)}h12v12h-12z" {looks[kind]}/>' + text(
                x_start + dx + 17, y + 4.5, label, anchor="start"
            )
        name = act.name if alpha is None else T.WITH_ALPHA.format(name=act.name, alpha=num(alpha))
        title = text(
            ax.left, 24, f"{name}, learning rate {lr:g}", size=14, weight="600", anchor="start"
        )
        n_dead = round(chosen.dead_fraction * n_units)
        n_silent = round(chosen.inactive_fraction * n_units)
        if silent_is_dead:
            what = T.WHAT_DEAD.format(
                dead=n_dead, units=n_units, percent=f"{chosen.dead_fraction:.0%}"
            )
        else:
            what = T.WHAT_SILENT.format(
                dead=n_dead,
                units=n_units,
                silent=n_silent,
                percent=f"{chosen.inactive_fraction:.0%}",
                alpha=num(alpha),
            )
        caption = (T.DYING_CAPTION_DIVERGED if chosen.diverged else T.DYING_CAPTION).format(
            name=name, lr=f"{lr:g}", epochs=epochs, what=what, accuracy=f"{chosen.accuracy:.0%}"
        )
        alt = T.DYING_ALT.format(name=name)
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

    return Explorer("dying-relu", T.DYING_TITLE, controls, render, size)
