"""One look for every figure of the course.

Every activation has one colour, one line style and one marker, used on every page
(:data:`STYLES`). The colours come from the Okabe-Ito palette, which stays distinguishable
for the common forms of colour blindness; the line styles differ too, so the curves can still
be told apart in greyscale print.

Call :func:`use_course_style` once at the top of a notebook. Every plotting function
returns the Matplotlib ``Axes`` (or ``Figure``) it drew on, so a cell can add to it, and
none calls ``plt.show()`` or closes a figure: Jupyter's inline backend shows each figure a
cell creates when the cell ends. End the cell's last line with ``;`` (or assign the result)
so that the returned object's text form is not printed under the figure.

Examples
--------
>>> use_course_style()
>>> ax = plot_activation("tanh")
>>> ax.get_title(), ax.get_xlabel(), ax.get_ylabel()
('Tanh', 'z', "g(z), g'(z)")
>>> [line.get_label() for line in ax.get_lines()[:2]]
['g(z)', "g'(z)"]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import activations
import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap

from . import nn

__all__ = [
    "OKABE_ITO",
    "STYLES",
    "plot_activation",
    "plot_activations",
    "plot_decision_boundary",
    "plot_gradient_norms",
    "plot_loss_curves",
    "style_for",
    "use_course_style",
]

#: The Okabe-Ito palette (Okabe and Ito, 2008), colour-blind safe.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: The looks of the classic four, the identity and PReLU: colours and line styles pairwise
#: distinct; yellow is left out (too light on white).
_CLASSIC_STYLES = {
    "sigmoid": {"color": OKABE_ITO["blue"], "linestyle": "-", "marker": "o"},
    "tanh": {"color": OKABE_ITO["orange"], "linestyle": "--", "marker": "s"},
    "relu": {"color": OKABE_ITO["bluish_green"], "linestyle": "-.", "marker": "^"},
    "leaky_relu": {"color": OKABE_ITO["vermillion"], "linestyle": ":", "marker": "D"},
    "identity": {"color": OKABE_ITO["black"], "linestyle": (0, (8, 2, 1, 2, 1, 2)), "marker": "x"},
    "prelu": {"color": OKABE_ITO["reddish_purple"], "linestyle": (0, (12, 3)), "marker": "v"},
}
#: Looks for the other activations of :data:`activations.ACTIVATIONS`, given out in its order:
#: six colours, pairwise distinct, and dash patterns and markers unlike every one above.
_MORE_COLOURS = ("sky_blue", "blue", "orange", "bluish_green", "vermillion", "reddish_purple")
_MORE_DASHES = ((5, 1), (3, 1, 1, 1, 1, 1), (1, 3), (6, 2, 2, 2), (9, 2, 2, 2, 2, 2), (2, 1))
_MORE_MARKERS = ("P", "*", "h", "<", ">", "p", "X", "d", "H", "8", "1", "2")


def _more_styles(keys) -> dict[str, dict]:
    """A look for each of ``keys``; after the sixth, the colours repeat with longer dashes."""
    styles = {}
    for i, key in enumerate(keys):
        lap, j = divmod(i, len(_MORE_COLOURS))
        dashes = tuple(d * (lap + 1) for d in _MORE_DASHES[j]) if lap else _MORE_DASHES[j]
        styles[key] = {
            "color": OKABE_ITO[_MORE_COLOURS[j]],
            "linestyle": (0, dashes),
            "marker": _MORE_MARKERS[i % len(_MORE_MARKERS)],
        }
    return styles


#: Colour, line style and marker of each activation, the same on every page: the classic four,
#: the identity and PReLU by hand, every other activation of the library in order (a new one
#: needs no edit here). Line styles and markers are pairwise distinct; so are the colours
#: within each of the two groups.
STYLES: dict[str, dict] = {
    **_CLASSIC_STYLES,
    **_more_styles([key for key in activations.ACTIVATIONS if key not in _CLASSIC_STYLES]),
}

#: Colours of the two classes in scatter plots and decision regions.
CLASS_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"])
CLASS_MARKERS = ("o", "s")

_RC = {
    "figure.figsize": (6.0, 4.0),
    "figure.dpi": 100,
    "figure.facecolor": "white",  # an opaque background keeps figures readable in dark mode
    "axes.facecolor": "white",
    "savefig.dpi": 100,  # PNGs of about 30-80 KB on the web page
    "savefig.facecolor": "white",
    "savefig.bbox": "tight",
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "legend.handlelength": 3.5,  # long enough to show each line style
    "image.cmap": "cividis",
    "axes.prop_cycle": mpl.cycler(
        color=[OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "vermillion", "black")]
    ),
}


def use_course_style() -> None:
    """Set Matplotlib's defaults (``rcParams``) to the course look.

    Readable font sizes, a light grid, no top and right spines, an opaque white background
    (so figures stay readable when the page is shown in dark mode), and 100 dpi, which keeps
    the PNGs embedded in the pages small (tens of kilobytes).
    """
    mpl.rcParams.update(_RC)


def style_for(key: str) -> dict:
    """A copy of the style of ``key``, ready to pass to ``ax.plot(..., **style_for(key))``.

    The marker is left out (pass ``marker=STYLES[key]["marker"]`` to use it), because most
    figures draw smooth curves on which markers would clutter.
    """
    if key not in STYLES:
        raise KeyError(f"no style for {key!r}; known: {sorted(STYLES)}")
    return {"color": STYLES[key]["color"], "linestyle": STYLES[key]["linestyle"]}


def _get_ax(ax):
    return plt.subplots()[1] if ax is None else ax


def _curves(activation, z: np.ndarray, alpha: float | None):
    """Key, display name, values and slopes of an activation (or PReLU) over ``z``."""
    learnt = nn.LEARNT_SLOPES.get(activation) if isinstance(activation, str) else None
    if learnt is not None:  # PReLU: drawn at a given slope, by default its initial one
        a = learnt.initial if alpha is None else alpha
        act = activations.get_activation(learnt.evaluates).with_alpha(a)
        return (
            activation,
            f"{learnt.name} ({learnt.symbol} = {a:g})",
            act.function(z),
            act.derivative(z),
        )
    act = activations.get_activation(activation) if isinstance(activation, str) else activation
    if alpha is None:
        return act.key, act.name, act.function(z), act.derivative(z)
    if "alpha" not in act.parameters:
        with_alpha = [k for k, a in activations.ACTIVATIONS.items() if "alpha" in a.parameters]
        raise ValueError(
            f"alpha applies to {', '.join(map(repr, with_alpha))} and 'prelu' only, not {act.key!r}"
        )
    base_name = activations.get_activation(act.key).name
    act = act.with_alpha(alpha)
    return act.key, f"{base_name} (α = {alpha:g})", act.function(z), act.derivative(z)


def plot_activation(
    activation,
    z: np.ndarray | None = None,
    ax=None,
    alpha: float | None = None,
    derivative: bool = True,
    **line_kwargs,
):
    """Draw an activation function and, dashed and lighter, its derivative.

    Parameters
    ----------
    activation : str or activations.Activation
        A key of :func:`activations.get_activation`, ``'prelu'`` (drawn at slope ``alpha``,
        default its initial one, :data:`nn.LEARNT_SLOPES`), or an activation description.
    z : ndarray, optional
        Inputs to draw over; default ``np.linspace(-6, 6, 601)``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure if omitted.
    alpha : float, optional
        The ``alpha`` parameter (Leaky ReLU's and PReLU's slope for negative inputs, ELU's
        saturation value), for an activation that has one.
    derivative : bool, default True
        ``True``: one activation per panel. The function is a solid line labelled ``g(z)``,
        the derivative a dashed, lighter line of the same colour labelled ``g'(z)``, and
        the panel is titled with the activation's name.
        ``False``: draw the function only, in its activation's own line style and labelled
        with its name, so that several activations can share one panel and still be told
        apart in greyscale.
    **line_kwargs
        Passed to ``ax.plot`` for the function's line, overriding the course style (for
        example ``linestyle`` to tell apart several slopes of Leaky ReLU).

    Returns
    -------
    matplotlib Axes
        With x-axis label ``z`` and y-axis label ``g(z), g'(z)`` (or ``g(z)``).
    """
    z = np.linspace(-6.0, 6.0, 601) if z is None else np.asarray(z, dtype=np.float64)
    key, name, values, slopes = _curves(activation, z, alpha)
    ax = _get_ax(ax)
    style = style_for(key)
    if derivative:
        ax.plot(z, values, **{"label": "g(z)", **style, "linestyle": "-", **line_kwargs})
        ax.plot(z, slopes, label="g'(z)", color=style["color"], linestyle="--", alpha=0.6)
        ax.set_ylabel("g(z), g'(z)")
        ax.set_title(name)
    else:
        ax.plot(z, values, **{"label": name, **style, **line_kwargs})
        ax.set_ylabel("g(z)")
    ax.axhline(0.0, color="0.5", linewidth=0.8, zorder=0)
    ax.axvline(0.0, color="0.5", linewidth=0.8, zorder=0)
    ax.set_xlabel("z")
    ax.legend(loc="upper left")
    return ax


def plot_activations(keys: Sequence[str] | None = None, derivative: bool = True, ncols: int = 2):
    """A grid with one panel per activation (function and derivative), in the course styles.

    Parameters
    ----------
    keys : sequence of str, optional
        Activations to draw; default ``'sigmoid'``, ``'tanh'``, ``'relu'``, ``'leaky_relu'``.
    derivative : bool, default True
        Also draw each derivative.
    ncols : int, default 2
        Panels per row.

    Returns
    -------
    matplotlib Figure
    """
    keys = list(activations.CLASSIC) if keys is None else list(keys)
    nrows = -(-len(keys) // ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(4.0 * ncols, 3.0 * nrows), squeeze=False, layout="constrained"
    )
    for ax, key in zip(axes.flat, keys, strict=False):
        plot_activation(key, ax=ax, derivative=derivative)
        if not derivative:
            ax.set_title(_curves(key, np.zeros(1), None)[1])
    for ax in axes.flat[len(keys) :]:
        ax.set_visible(False)
    return fig


def plot_decision_boundary(
    model, X: np.ndarray, y: np.ndarray, ax=None, title: str | None = None, resolution: int = 200
):
    """Shade the regions a classifier assigns to each class and scatter the data on top.

    Parameters
    ----------
    model : object with a ``predict(X)`` method
        For example a trained :class:`nn.MLP`.
    X : ndarray of shape (n, 2)
    y : ndarray of shape (n,)
        Labels 0 and 1 (any integers are accepted; colours repeat after two classes).
    ax : matplotlib Axes, optional
    title : str, optional
    resolution : int, default 200
        Grid points per axis at which the model is evaluated.

    Returns
    -------
    matplotlib Axes
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    ax = _get_ax(ax)
    pad = 0.5
    x0 = np.linspace(X[:, 0].min() - pad, X[:, 0].max() + pad, resolution)
    x1 = np.linspace(X[:, 1].min() - pad, X[:, 1].max() + pad, resolution)
    grid0, grid1 = np.meshgrid(x0, x1)
    labels = np.asarray(model.predict(np.column_stack([grid0.ravel(), grid1.ravel()])))
    cmap = ListedColormap(CLASS_COLOURS)
    ax.contourf(
        grid0,
        grid1,
        labels.reshape(grid0.shape) % 2,
        levels=[-0.5, 0.5, 1.5],
        cmap=cmap,
        alpha=0.25,
    )
    for label in np.unique(y):
        members = y == label
        ax.scatter(
            X[members, 0],
            X[members, 1],
            s=18,
            color=CLASS_COLOURS[int(label) % 2],
            marker=CLASS_MARKERS[int(label) % 2],
            edgecolor="white",
            linewidth=0.5,
            label=f"class {label}",
        )
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    ax.legend(loc="upper right")
    if title is not None:
        ax.set_title(title)
    return ax


def _key_from_label(label) -> str | None:
    """The activation a label starts with ('ReLU, He init' -> 'relu'), or None."""
    text = (
        str(label).lower().replace("leaky relu", "leaky_relu").replace("leaky-relu", "leaky_relu")
    )
    match = re.match(r"[a-z_]+", text)
    word = match.group(0) if match else ""
    word = {"leaky": "leaky_relu", "linear": "identity"}.get(word, word)
    return word if word in STYLES else None


def _line_style(label, styles: Mapping | None, marker: bool) -> dict:
    """Keyword arguments for the line of ``label``: the override in ``styles`` if any, else
    the style of the activation the label starts with, else nothing (Matplotlib's cycle)."""
    if styles and label in styles:
        override = styles[label]
        return style_for(override) if isinstance(override, str) else dict(override)
    key = _key_from_label(label)
    if key is None:
        return {"marker": "o"} if marker else {}
    style = style_for(key)
    if marker:
        style["marker"] = STYLES[key]["marker"]
    return style


def plot_loss_curves(
    histories: Mapping,
    ax=None,
    log: bool = False,
    ylabel: str = "training loss",
    styles: Mapping | None = None,
):
    """Loss against epoch for several runs, one line each.

    Parameters
    ----------
    histories : mapping of label -> list of float, or label -> history dict from ``MLP.fit``
        A plain list is drawn at epochs 1, 2, ...; a history at its ``"epoch"`` entries.
        A label that starts with an activation's key or name (``'relu'``, ``'ReLU, lr=0.1'``,
        ``'Leaky ReLU'``, ...) gets that activation's colour and line style.
    ax : matplotlib Axes, optional
    log : bool, default False
        Logarithmic loss axis.
    ylabel : str, default 'training loss'
    styles : mapping of label -> style key or dict of line properties, optional
        Overrides, for two lines that would otherwise share an activation's style
        (``{"ReLU, Xavier": {"color": "0.4", "linestyle": "--"}}``).

    Returns
    -------
    matplotlib Axes
    """
    ax = _get_ax(ax)
    for label, history in histories.items():
        if isinstance(history, Mapping):
            epochs, losses = history["epoch"], history["loss"]
        else:
            losses = list(history)
            epochs = np.arange(1, len(losses) + 1)
        ax.plot(epochs, losses, label=str(label), **_line_style(label, styles, marker=False))
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    if log:
        ax.set_yscale("log")
    ax.legend()
    return ax


def plot_gradient_norms(
    norms_by_label: Mapping,
    ax=None,
    log: bool = True,
    bound=None,
    xlabel: str = "hidden layer (1 = closest to the input)",
    ylabel: str = "gradient norm",
    styles: Mapping | None = None,
):
    """Gradient norm per layer (or per depth) for several activations, one line each.

    Parameters
    ----------
    norms_by_label : mapping of label -> sequence of float
        For example ``{"sigmoid": nn.layer_gradient_norms("sigmoid", 10), ...}``. Entry ``i``
        is drawn at x = ``i + 1`` (a layer or a depth). Labels that start with an
        activation's key or name get its colour, line style and marker.
    ax : matplotlib Axes, optional
    log : bool, default True
        Logarithmic y-axis (vanishing gradients are exponential in depth).
    bound : sequence of float or (label, sequence), optional
        A reference curve drawn in grey, for example ``0.25 ** np.arange(1, 21)``.
    xlabel, ylabel : str
    styles : mapping of label -> style key or dict of line properties, optional
        Overrides, as in :func:`plot_loss_curves`.

    Returns
    -------
    matplotlib Axes
    """
    ax = _get_ax(ax)
    for label, norms in norms_by_label.items():
        norms = np.asarray(norms, dtype=np.float64)
        style = {"markersize": 4, **_line_style(label, styles, marker=True)}
        ax.plot(np.arange(1, len(norms) + 1), norms, label=str(label), **style)
    if bound is not None:
        bound_label, values = bound if isinstance(bound, tuple) else ("bound", bound)
        values = np.asarray(values, dtype=np.float64)
        ax.plot(
            np.arange(1, len(values) + 1),
            values,
            color="0.45",
            linewidth=1.2,
            linestyle=(0, (1, 1)),
            label=bound_label,
        )
    if log:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend()
    return ax
