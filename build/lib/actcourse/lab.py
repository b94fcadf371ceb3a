r"""A lab for any activation: one call runs it through the course's measurements.

Pass your own vectorised function and its derivative, or a description from the library::

    from actcourse import lab
    import numpy as np

    result = lab.measure(lambda z: z * np.tanh(np.log1p(np.exp(z))), my_mish_derivative)
    result = lab.measure(activations.get_activation("tanh"))   # or lab.measure("tanh")
    result                        # in Jupyter: the five measurements as tables (HTML and text)
    result.forward_gain           # every number is a field, for claim checks in a notebook
    lab.compare("relu", "gelu", (my_g, my_g_prime))   # one row per activation

The five measurements, each the one a chapter makes for the four classic activations:

1. **Derivative check.** ``g_prime`` against central finite differences of ``g`` at 240
   points of :math:`[-6, 6]` (none on an integer, where kinks usually sit):
   :attr:`Measurements.derivative_agrees` when every difference is within
   :data:`DERIVATIVE_TOLERANCE` of ``g_prime``, relative to :math:`1 + |g'(z)|`.
2. **Saturation.** :math:`g(z)` and :math:`g'(z)` at :data:`SATURATION_Z`, and the slope as a
   fraction of the steepest slope on :math:`[-10, 10]`. A side *saturates* when the slope at
   :math:`z = \mp 10` is below 1% of the steepest.
3. **Gradient through depth.** The norm of the first hidden layer's weight gradient
   (:func:`nn.layer_gradient_norms`, width 32, 256 random inputs, a sigmoid output) in networks
   of :data:`DEPTHS` hidden layers, with Xavier initialisation and with this activation's own
   variance-preserving initialisation (5).
4. **Dead and inactive units.** A 2-32-32-1 network (He initialisation) is trained for 100
   epochs of full-batch gradient descent on the moons data at each learning rate, for each
   seed; then the hidden units that are *dead* (:math:`g'(z) = 0` on every training input, so
   no gradient reaches them: :func:`nn.dead_units`) and *inactive* (:math:`z \le 0` on every
   training input: :func:`nn.inactive_units`) are counted. Runs whose training diverges are
   counted per learning rate and left out of the means (their numbers would depend on how the
   CPU rounds the overflow).
5. **Variance-preserving initialisation.** With weights of variance :math:`\text{gain}/n_{in}`
   and pre-activations :math:`z \sim \mathcal N(0, q)`, the next layer's pre-activations keep
   the variance :math:`q` when :math:`\text{gain} = q / E[g(z)^2]` (the *forward gain*), and
   the backpropagated signal keeps its size when :math:`\text{gain} = 1 / E[g'(z)^2]` (the
   *backward gain*). ReLU gives 2 for both: He initialisation. The expectations are computed
   by the midpoint rule on :math:`\pm 10` standard deviations (20,000 points).

One call takes about 0.3 s (ReLU) to 1 s (GELU) on one core, most of it the training runs of
4; ``seeds=(0,)`` halves it. :func:`measure` returns a :class:`Measurements` whose fields hold
every number (``forward_gain``, ``layer1_own_gain``, ``dead_fraction``, ...); :func:`compare`
measures several activations into one table.

Everything is deterministic: the same call gives the same numbers on every run. The text and
HTML views print each number only to the digits that are the same on every machine (a
round-off bound as "below 1e-6", the rest to two or three significant digits).

Examples
--------
>>> import activations
>>> result = measure(activations.get_activation("relu"), learning_rates=(0.1,), seeds=(0,))
>>> result.derivative_agrees, round(result.forward_gain, 6), round(result.backward_gain, 6)
(True, 2.0, 2.0)
>>> print(result.text().splitlines()[0])
Lab measurements of ReLU
"""

from __future__ import annotations

import functools
import html
import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import activations
import numpy as np

from . import datasets, nn

__all__ = [
    "DEPTHS",
    "DERIVATIVE_TOLERANCE",
    "SATURATION_Z",
    "Comparison",
    "Measurements",
    "UnitCount",
    "compare",
    "measure",
    "units_after_training",
]

#: Largest accepted gap between ``g_prime`` and a finite difference, relative to 1 + |g'(z)|.
DERIVATIVE_TOLERANCE = 1e-6
#: Inputs of the saturation table.
SATURATION_Z = (-10.0, -5.0, -2.0, 0.0, 2.0, 5.0, 10.0)
#: Numbers of hidden layers of the depth measurement.
DEPTHS = (1, 2, 5, 10, 20)

_FD_Z = np.arange(-6.0, 6.0, 0.05) + 0.0125  # 240 points, none on an integer
_FD_STEP = 1e-5
_N_MIDPOINTS = 20_000
_WIDTH = 32  # width of the depth networks, and their input dimension


@dataclass(frozen=True)
class _Custom:
    """A user's activation: what :class:`nn.MLP` needs of a description."""

    key: str
    name: str
    function: Callable
    derivative: Callable


# ------------------------------------------------------------------------------ checks
def _check_vectorised(f: Callable, label: str) -> None:
    """Refuse, with a message that says how to fix it, a function that is not element-wise."""
    for shape in ((7,), (2, 3)):
        z = np.linspace(-3.0, 3.0, math.prod(shape)).reshape(shape)
        try:
            with np.errstate(all="ignore"):
                out = np.asarray(f(z))
        except Exception as error:  # the user's function may raise anything
            raise TypeError(
                f"{label} is not vectorised: {label}(z) for a NumPy array z of shape {shape} "
                f"raised {type(error).__name__}: {error}. Write it with NumPy operations that "
                "act element by element (np.exp, np.tanh, np.maximum, np.where) instead of "
                "math functions or an `if` on z."
            ) from error
        if out.shape != shape:
            raise ValueError(
                f"{label} must return one value per input: for z of shape {shape} it returned "
                f"shape {out.shape}."
            )
        if not (np.issubdtype(out.dtype, np.floating) or np.issubdtype(out.dtype, np.integer)):
            raise TypeError(f"{label} must return real numbers, got dtype {out.dtype}")
        with np.errstate(all="ignore"):
            one_by_one = np.array([np.asarray(f(z.ravel()[i : i + 1]))[0] for i in range(z.size)])
        if not np.allclose(out.ravel(), one_by_one, rtol=1e-12, atol=0, equal_nan=True):
            raise ValueError(
                f"{label} is not element-wise: {label}(z)[i] differs from {label}(z[i]), so "
                "each value depends on the other inputs (a sum, max or mean over z?)."
            )


def _checked_values(f: Callable, z: np.ndarray, label: str) -> np.ndarray:
    with np.errstate(all="ignore"):
        values = np.asarray(f(z), dtype=np.float64)
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(f"{label}(z) is not finite at z = {float(z[bad][0]):.6g}")
    return values


def _description(g, g_prime, name: str | None):
    if isinstance(g, str) and g_prime is None:
        g = activations.get_activation(g)
    if g_prime is None:
        if not all(callable(getattr(g, a, None)) for a in ("function", "derivative")):
            raise TypeError(
                "pass the derivative too, lab.measure(g, g_prime), or a description with "
                "'function' and 'derivative' (activations.get_activation(key))"
            )
        return g, name or getattr(g, "name", None) or getattr(g, "key", "g")
    if not callable(g) or not callable(g_prime):
        raise TypeError("g and g_prime must be functions of a NumPy array")
    label = name or getattr(g, "__name__", "g")
    label = "g" if label == "<lambda>" else label
    return _Custom(key=label, name=label, function=g, derivative=g_prime), label


# ------------------------------------------------------------------------------ dead units
@dataclass(frozen=True)
class UnitCount:
    """The hidden units a short training run left dead or inactive (one entry of a table)."""

    dead: tuple  # per hidden layer, a tuple of bools: the unit passes no gradient on any input
    inactive: tuple  # per hidden layer: the unit's pre-activation is <= 0 on every input
    dead_fraction: float
    inactive_fraction: float
    accuracy: float
    diverged: bool


@functools.cache
def units_after_training(
    activation,
    lr: float,
    alpha: float | None = None,
    hidden: tuple = (32, 32),
    epochs: int = 100,
    n: int = 200,
    noise: float = 0.2,
    seed: int = 0,
) -> UnitCount:
    """Train a small network on the moons data and count its dead and inactive hidden units.

    ``nn.MLP([2, *hidden, 1], activation, alpha=alpha, seed=seed)`` (He initialisation) is
    trained by full-batch gradient descent for ``epochs`` epochs at learning rate ``lr`` on
    ``datasets.moons(n, noise, seed)``; then :func:`nn.dead_units`, :func:`nn.inactive_units`
    and the accuracy are measured on the training inputs, from one forward pass. Results are
    cached (``activation`` is a name or a hashable description).
    """
    X, y = datasets.moons(n=n, noise=noise, seed=seed)
    model = nn.MLP([2, *hidden, 1], activation=activation, alpha=alpha, seed=seed)
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        history = model.fit(X, y, epochs=epochs, lr=lr)
        _, cache = model.forward(X, return_cache=True)  # one pass for every count below
        dead = nn.dead_units(model, cache=cache)
        inactive = nn.inactive_units(model, cache=cache)
        accuracy = model.accuracy_from_logits(cache["Z"][-1], y)
    return UnitCount(
        dead=tuple(tuple(bool(v) for v in mask) for mask in dead),
        inactive=tuple(tuple(bool(v) for v in mask) for mask in inactive),
        dead_fraction=float(np.concatenate(dead).mean()),
        inactive_fraction=float(np.concatenate(inactive).mean()),
        accuracy=float(accuracy),
        diverged=bool(history["diverged"]),
    )


# ------------------------------------------------------------------------------ the result
def _fmt(x: float, digits: int = 3) -> str:
    """``x`` to ``digits`` significant digits, without a sign on zero."""
    if not math.isfinite(x):
        return "∞" if x > 0 else "undefined"
    text = f"{x:.{digits}g}"
    return "0" if float(text) == 0 else text


def _percent(x: float) -> str:
    return f"{x:.0%}" if math.isfinite(x) else "–"


@dataclass(frozen=True)
class Measurements:
    """What :func:`measure` found; every number is a field, the text and HTML views print them.

    Attributes
    ----------
    name : str
        The activation's name.
    q : float
        Variance of the pre-activations :math:`z \\sim \\mathcal N(0, q)` of measurement 5.
    derivative_max_error : float
        Largest :math:`|g'(z) - \\text{finite difference}| / (1 + |g'(z)|)` over the points.
    derivative_worst_z : float
        Where it occurred.
    derivative_agrees : bool
        Whether it is at most :data:`DERIVATIVE_TOLERANCE`.
    saturation_z, saturation_value, saturation_slope : tuple of float
        :data:`SATURATION_Z`, :math:`g(z)` and :math:`g'(z)` there.
    peak_slope : float
        :math:`\\max |g'(z)|` on :math:`[-10, 10]`.
    saturates_left, saturates_right : bool
        Whether :math:`|g'(-10)|`, :math:`|g'(10)|` is below 1% of ``peak_slope``.
    depths : tuple of int
        :data:`DEPTHS`.
    layer1_xavier, layer1_own_gain : tuple of float
        The first hidden layer's gradient norm at each depth, with Xavier initialisation and
        with weights of variance ``forward_gain / 32``.
    learning_rates, seeds : tuple
        The training runs of measurement 4.
    dead_fraction, inactive_fraction, accuracy : tuple of float
        One per learning rate: the mean over the seeds whose training did not diverge (NaN if
        none: a diverged run's numbers depend on how the CPU rounds its overflows).
    diverged : tuple of int
        One per learning rate: how many of the runs diverged (see :meth:`nn.MLP.fit`).
    mean_square : float
        :math:`E[g(z)^2]` under :math:`\\mathcal N(0, q)`.
    mean_square_slope : float
        :math:`E[g'(z)^2]`.
    forward_gain, backward_gain : float
        :math:`q / E[g(z)^2]` and :math:`1 / E[g'(z)^2]` (infinite when the mean is 0).
    """

    name: str
    q: float
    derivative_max_error: float
    derivative_worst_z: float
    derivative_agrees: bool
    saturation_z: tuple
    saturation_value: tuple
    saturation_slope: tuple
    peak_slope: float
    saturates_left: bool
    saturates_right: bool
    depths: tuple
    layer1_xavier: tuple
    layer1_own_gain: tuple
    learning_rates: tuple
    seeds: tuple
    dead_fraction: tuple
    inactive_fraction: tuple
    accuracy: tuple
    diverged: tuple
    mean_square: float
    mean_square_slope: float
    forward_gain: float
    backward_gain: float

    # -- the five sections, as a heading, a sentence and an optional table -------------------
    def _sections(self) -> list[tuple[str, str, list[str], list[list[str]]]]:
        if self.derivative_agrees:
            check = (
                f"g′ agrees with central finite differences of g to within "
                f"{DERIVATIVE_TOLERANCE:.0e} at {len(_FD_Z)} points of [-6, 6]."
            )
        else:
            check = (
                f"g′ DISAGREES with the finite differences of g: relative error "
                f"{_fmt(self.derivative_max_error, 2)} at z = {self.derivative_worst_z:.4g} "
                "(a wrong derivative, or a kink right there)."
            )
        where = {
            (True, True): "at z = -10 and at z = 10",
            (True, False): "at z = -10 but not at z = 10",
            (False, True): "at z = 10 but not at z = -10",
            (False, False): "neither at z = -10 nor at z = 10",
        }[(self.saturates_left, self.saturates_right)]
        peak = self.peak_slope
        saturation_rows = [
            [_fmt(z), _fmt(v), _fmt(s), _percent(abs(s) / peak) if peak > 0 else "–"]
            for z, v, s in zip(
                self.saturation_z, self.saturation_value, self.saturation_slope, strict=True
            )
        ]
        depth_rows = [
            [str(d), f"{x:.2e}", f"{o:.2e}"]
            for d, x, o in zip(self.depths, self.layer1_xavier, self.layer1_own_gain, strict=True)
        ]
        n_seeds = len(self.seeds)
        unit_rows = [
            [f"{lr:g}", _percent(d), _percent(i), _percent(a), f"{k} of {n_seeds}"]
            for lr, d, i, a, k in zip(
                self.learning_rates,
                self.dead_fraction,
                self.inactive_fraction,
                self.accuracy,
                self.diverged,
                strict=True,
            )
        ]
        seeds = ", ".join(str(s) for s in self.seeds)
        q = _fmt(self.q)
        return [
            ("1. Derivative check", check, [], []),
            (
                "2. Saturation",
                f"Steepest slope on [-10, 10]: {_fmt(peak)}. The slope is below 1% of the "
                f"steepest (saturated, or flat) {where}.",
                ["z", "g(z)", "g′(z)", "of steepest"],
                saturation_rows,
            ),
            (
                "3. Layer-1 gradient norm against depth",
                "Fresh networks of width 32 on 256 random inputs; own gain: weights of variance "
                f"{_fmt(self.forward_gain)} / fan-in (section 5).",
                ["hidden layers", "Xavier", "own gain"],
                depth_rows,
            ),
            (
                "4. Dead and inactive hidden units after training",
                "A 2-32-32-1 network, He initialisation, 100 epochs of gradient descent on the "
                f"moons data; mean over the seeds {seeds} whose training did not diverge. Dead: "
                "g′(z) = 0 on every training input. Inactive: z ≤ 0 on every training input.",
                ["learning rate", "dead", "inactive", "accuracy", "diverged"],
                unit_rows,
            ),
            (
                "5. Variance-preserving initialisation",
                f"Under z ~ N(0, {q}): E[g(z)²] = {_fmt(self.mean_square)}, forward gain "
                f"{q} / E[g²] = {_fmt(self.forward_gain)}; E[g′(z)²] = "
                f"{_fmt(self.mean_square_slope)}, backward gain 1 / E[g′²] = "
                f"{_fmt(self.backward_gain)}. Weights of variance gain / fan-in keep the "
                "pre-activations (forward) or the backpropagated signal (backward) at the same "
                "size from layer to layer.",
                [],
                [],
            ),
        ]

    def text(self) -> str:
        """The measurements as plain text (what ``print(result)`` shows)."""
        lines = [f"Lab measurements of {self.name}"]
        for heading, sentence, header, rows in self._sections():
            lines += ["", heading, sentence]
            if header:
                lines += _text_table(header, rows)
        return "\n".join(lines)

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        parts = [
            f'<div class="lab"><p><strong>Lab measurements of {html.escape(self.name)}</strong></p>'
        ]
        for heading, sentence, header, rows in self._sections():
            parts.append(f"<p><strong>{html.escape(heading)}</strong>. {html.escape(sentence)}</p>")
            if header:
                parts.append(_html_table(header, rows))
        parts.append("</div>")
        return "".join(parts)


def _text_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Lines of a right-aligned plain-text table, indented by two spaces."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  " + "  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True))
        for row in [header, *rows]
    ]


def _html_table(header: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@dataclass(frozen=True)
class Comparison:
    """Several :class:`Measurements` side by side, one row each (see :func:`compare`).

    Attributes
    ----------
    results : tuple of Measurements
        In the order given; ``comparison["GELU"]`` finds one by name.
    """

    results: tuple

    def __getitem__(self, name: str) -> Measurements:
        for result in self.results:
            if result.name == name:
                return result
        raise KeyError(f"no measurements of {name!r}; have {[r.name for r in self.results]}")

    def _table(self) -> tuple[list[str], list[list[str]]]:
        lr = self.results[0].learning_rates[-1]
        header = [
            "activation",
            "g′ checked",
            "slope < 1% at z = -10, 10",
            "forward gain",
            "backward gain",
            "layer-1 gradient, depth 20 / 1 (own gain)",
            f"dead at lr {lr:g}",
            f"inactive at lr {lr:g}",
        ]
        yes_no = {True: "yes", False: "no"}
        rows = [
            [
                r.name,
                "agrees" if r.derivative_agrees else "DISAGREES",
                f"{yes_no[r.saturates_left]}, {yes_no[r.saturates_right]}",
                _fmt(r.forward_gain),
                _fmt(r.backward_gain),
                _fmt(r.layer1_own_gain[-1] / r.layer1_own_gain[0], 2),
                _percent(r.dead_fraction[-1]),
                _percent(r.inactive_fraction[-1]),
            ]
            for r in self.results
        ]
        return header, rows

    def text(self) -> str:
        """The comparison as a plain-text table."""
        return "\n".join(_text_table(*self._table()))

    __str__ = text

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        return _html_table(*self._table())


# ------------------------------------------------------------------------------ measuring
def _gaussian_means(activation, q: float) -> tuple[float, float]:
    """:math:`E[g(z)^2]` and :math:`E[g'(z)^2]` for :math:`z \\sim N(0, q)`, midpoint rule."""
    step = 20.0 / _N_MIDPOINTS
    u = -10.0 + step * (np.arange(_N_MIDPOINTS) + 0.5)  # symmetric, no point on 0
    weights = np.exp(-0.5 * u * u)
    weights /= weights.sum()
    z = math.sqrt(q) * u
    g = _checked_values(activation.function, z, "g")
    d = _checked_values(activation.derivative, z, "g_prime")
    return float(np.sum(weights * g * g)), float(np.sum(weights * d * d))


def compare(*activations_to_measure, **options) -> Comparison:
    """:func:`measure` each activation (a key, a description, or a ``(g, g_prime)`` pair).

    ``options`` (``q``, ``learning_rates``, ``seeds``) apply to every one. All must use the same
    learning rates, so that the table's dead-unit columns compare like with like.

    Examples
    --------
    >>> table = compare("relu", "tanh", learning_rates=(0.1,), seeds=(0,))
    >>> [r.name for r in table.results], round(table["ReLU"].forward_gain, 6)
    (['ReLU', 'Tanh'], 2.0)
    """
    results = []
    for item in activations_to_measure:
        pair = isinstance(item, tuple)
        results.append(measure(*item, **options) if pair else measure(item, **options))
    if not results:
        raise ValueError("compare needs at least one activation")
    return Comparison(tuple(results))


def measure(
    g,
    g_prime: Callable | None = None,
    *,
    name: str | None = None,
    q: float = 1.0,
    learning_rates: Sequence[float] = (0.1, 3.0),
    seeds: Sequence[int] = (0, 1),
) -> Measurements:
    """Run an activation through the course's five measurements (see the module's docstring).

    Parameters
    ----------
    g : callable, activation description or str
        A vectorised function of a NumPy array, element by element (``np.exp``, ``np.where``,
        ... rather than ``math`` or an ``if``), or a description with ``function`` and
        ``derivative`` such as ``activations.get_activation("tanh")``, or a key of
        :func:`activations.get_activation` such as ``"tanh"`` (then omit ``g_prime``).
    g_prime : callable, optional
        The derivative of ``g``, vectorised the same way.
    name : str, optional
        Name shown in the results; default the description's name or the function's.
    q : float, default 1.0
        Variance of the pre-activations for the initialisation gains.
    learning_rates : sequence of float, default (0.1, 3.0)
        Learning rates of the dead-unit training runs.
    seeds : sequence of int, default (0, 1)
        Seeds of those runs (data and initial weights).

    Returns
    -------
    Measurements
        The numbers, with a text and an HTML view.

    Raises
    ------
    TypeError
        If ``g`` or ``g_prime`` is not vectorised (fails on an array) or not a function.
    ValueError
        If one returns a different shape than its input, is not element-wise, or is not finite
        where the lab evaluates it.
    """
    activation, label = _description(g, g_prime, name)
    _check_vectorised(activation.function, "g")
    _check_vectorised(activation.derivative, "g_prime")
    if not q > 0:
        raise ValueError(f"q is a variance and must be positive, got {q}")

    # 1. the derivative against central finite differences
    plus = _checked_values(activation.function, _FD_Z + _FD_STEP, "g")
    minus = _checked_values(activation.function, _FD_Z - _FD_STEP, "g")
    slope = _checked_values(activation.derivative, _FD_Z, "g_prime")
    error = np.abs((plus - minus) / (2 * _FD_STEP) - slope) / (1.0 + np.abs(slope))
    worst = int(np.argmax(error))

    # 2. saturation
    z_sat = np.array(SATURATION_Z)
    values = _checked_values(activation.function, z_sat, "g")
    slopes = _checked_values(activation.derivative, z_sat, "g_prime")
    peak = float(
        np.max(
            np.abs(_checked_values(activation.derivative, np.linspace(-10, 10, 20001), "g_prime"))
        )
    )

    # 5. gains (before 3, which uses the forward gain)
    mean_square, mean_square_slope = _gaussian_means(activation, q)
    forward_gain = q / mean_square if mean_square > 0 else math.inf
    backward_gain = 1.0 / mean_square_slope if mean_square_slope > 0 else math.inf

    # 3. the first layer's gradient against depth
    own_std = math.sqrt(forward_gain / _WIDTH) if math.isfinite(forward_gain) else 1.0
    with np.errstate(all="ignore"):
        layer1 = {
            init: tuple(
                float(nn.layer_gradient_norms(activation, d, width=_WIDTH, init=init)[0])
                for d in DEPTHS
            )
            for init in ("xavier", own_std)
        }

    # 4. dead and inactive units after training
    runs = [
        [units_after_training(activation, float(lr), seed=int(s)) for s in seeds]
        for lr in learning_rates
    ]

    def mean_over_seeds(field):
        # A diverged run's numbers depend on how each CPU rounds its overflowing arithmetic.
        return tuple(
            float(np.mean([getattr(r, field) for r in row if not r.diverged]))
            if not all(r.diverged for r in row)
            else math.nan
            for row in runs
        )

    return Measurements(
        name=str(label),
        q=float(q),
        derivative_max_error=float(error[worst]),
        derivative_worst_z=float(_FD_Z[worst]),
        derivative_agrees=bool(error[worst] <= DERIVATIVE_TOLERANCE),
        saturation_z=SATURATION_Z,
        saturation_value=tuple(float(v) for v in values),
        saturation_slope=tuple(float(s) for s in slopes),
        peak_slope=peak,
        saturates_left=bool(abs(slopes[0]) < 0.01 * peak),
        saturates_right=bool(abs(slopes[-1]) < 0.01 * peak),
        depths=DEPTHS,
        layer1_xavier=layer1["xavier"],
        layer1_own_gain=layer1[own_std],
        learning_rates=tuple(float(lr) for lr in learning_rates),
        seeds=tuple(int(s) for s in seeds),
        dead_fraction=mean_over_seeds("dead_fraction"),
        inactive_fraction=mean_over_seeds("inactive_fraction"),
        accuracy=mean_over_seeds("accuracy"),
        diverged=tuple(sum(r.diverged for r in row) for row in runs),
        mean_square=mean_square,
        mean_square_slope=mean_square_slope,
        forward_gain=forward_gain,
        backward_gain=backward_gain,
    )
