"""One look for every figure: distinct, colour-blind-safe, greyscale-safe styles, and plots
that draw the library's own numbers on labelled axes."""

import doctest
import io
import itertools

import matplotlib

matplotlib.use("Agg")

import activations  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from actcourse import (
    datasets,  # noqa: E402
    nn,  # noqa: E402
    plotting,  # noqa: E402
)
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

#: Styled by hand: the classic four, the identity and PReLU (their looks are on every page).
HAND_STYLED = ["sigmoid", "tanh", "relu", "leaky_relu", "identity", "prelu"]
#: Every other activation of the library gets a look in order.
MORE = [key for key in activations.ACTIVATIONS if key not in HAND_STYLED]
KEYS = HAND_STYLED + MORE


@pytest.fixture(autouse=True)
def _course_style_and_cleanup():
    with matplotlib.rc_context():
        plotting.use_course_style()
        yield
    plt.close("all")


def _dash_pattern(linestyle):
    """A line style as a comparable (offset, dashes) pair: named styles use rcParams."""
    named = {
        "-": None,
        "solid": None,
        "--": tuple(matplotlib.rcParams["lines.dashed_pattern"]),
        "-.": tuple(matplotlib.rcParams["lines.dashdot_pattern"]),
        ":": tuple(matplotlib.rcParams["lines.dotted_pattern"]),
    }
    if isinstance(linestyle, str):
        return named[linestyle]
    return tuple(linestyle[1])


def _luminance(colour):
    """Relative luminance (WCAG), what a greyscale print keeps of a colour."""
    channels = np.array(to_rgb(colour))
    linear = np.where(channels <= 0.04045, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def test_docstring_examples_run():
    result = doctest.testmod(plotting, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------------------- the styles


def test_every_activation_of_the_library_the_identity_and_prelu_have_a_style():
    assert set(plotting.STYLES) == {*activations.ACTIVATIONS, "identity", "prelu"}
    for style in plotting.STYLES.values():
        assert set(style) == {"color", "linestyle", "marker"}


@pytest.mark.parametrize("group", [HAND_STYLED, MORE], ids=["hand-styled", "more"])
def test_colours_are_pairwise_distinct_within_a_group_and_from_the_okabe_ito_palette(group):
    colours = [plotting.STYLES[k]["color"] for k in group]
    assert len({to_rgb(c) for c in colours}) == len(group)
    palette = {to_rgb(c) for c in plotting.OKABE_ITO.values()}
    assert all(to_rgb(c) in palette for c in colours)


def test_more_activations_than_colours_still_get_distinct_line_styles():
    looks = plotting._more_styles([f"act{i}" for i in range(20)])
    patterns = {_dash_pattern(style["linestyle"]) for style in looks.values()}
    patterns |= {_dash_pattern(style["linestyle"]) for style in plotting._CLASSIC_STYLES.values()}
    assert len(patterns) == 20 + len(plotting._CLASSIC_STYLES)


def test_line_styles_and_markers_are_pairwise_distinct():
    patterns = [_dash_pattern(plotting.STYLES[k]["linestyle"]) for k in KEYS]
    assert len(set(patterns)) == len(KEYS), patterns
    markers = [plotting.STYLES[k]["marker"] for k in KEYS]
    assert len(set(markers)) == len(KEYS)


def test_colours_differ_in_greyscale_too():
    lum = sorted(_luminance(plotting.STYLES[k]["color"]) for k in KEYS)
    assert lum[-1] - lum[0] > 0.3  # from black (0) to orange (about 0.45)
    assert len({round(v, 2) for v in lum}) >= 4


def test_every_colour_is_visible_on_white():
    # WCAG contrast ratio against white of at least 2:1 (so no yellow lines)
    for key in KEYS:
        contrast = 1.05 / (_luminance(plotting.STYLES[key]["color"]) + 0.05)
        assert contrast > 2.0, key


def test_style_for_returns_a_copy_usable_with_plot():
    style = plotting.style_for("tanh")
    style["color"] = "red"
    assert plotting.STYLES["tanh"]["color"] != "red"
    with pytest.raises(KeyError, match="known"):
        plotting.style_for("swish")


def test_course_style_sets_white_background_grid_and_web_dpi():
    rc = matplotlib.rcParams
    assert to_rgb(rc["figure.facecolor"]) == (1.0, 1.0, 1.0)
    assert to_rgb(rc["savefig.facecolor"]) == (1.0, 1.0, 1.0)
    assert rc["axes.grid"] is True
    assert 72 <= rc["savefig.dpi"] <= 120
    assert rc["font.size"] >= 10


# ---------------------------------------------------------------------------- activation plots


@pytest.mark.parametrize("key", ["sigmoid", "tanh", "relu", "leaky_relu", "identity"])
def test_plot_activation_draws_the_library_function_and_derivative(key):
    z = np.linspace(-4, 4, 81)
    ax = plotting.plot_activation(key, z=z)
    function_line, derivative_line = ax.get_lines()[:2]
    act = activations.get_activation(key)
    np.testing.assert_array_equal(function_line.get_xdata(), z)
    np.testing.assert_array_equal(function_line.get_ydata(), act.function(z))
    np.testing.assert_array_equal(derivative_line.get_ydata(), act.derivative(z))
    assert function_line.get_label() == "g(z)" and derivative_line.get_label() == "g'(z)"
    assert to_rgb(function_line.get_color()) == to_rgb(plotting.STYLES[key]["color"])
    assert to_rgb(derivative_line.get_color()) == to_rgb(plotting.STYLES[key]["color"])
    assert function_line.get_linestyle() == "-" and derivative_line.get_linestyle() == "--"
    assert ax.get_xlabel() == "z" and ax.get_ylabel() == "g(z), g'(z)"
    assert ax.get_title() == act.name
    assert ax.get_legend() is not None


def test_plot_activation_default_range_is_minus_six_to_six():
    line = plotting.plot_activation("relu").get_lines()[0]
    np.testing.assert_array_equal(line.get_xdata(), np.linspace(-6, 6, 601))


def test_plot_activation_accepts_an_activation_description():
    ax = plotting.plot_activation(activations.IDENTITY)
    assert ax.get_title() == "Identity"


def test_leaky_relu_and_prelu_are_drawn_at_the_given_slope():
    z = np.linspace(-3, 3, 7)
    ax = plotting.plot_activation("leaky_relu", z=z, alpha=0.2)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), activations.leaky_relu(z, 0.2))
    np.testing.assert_allclose(
        ax.get_lines()[1].get_ydata(), activations.leaky_relu_derivative(z, 0.2)
    )
    assert "0.2" in ax.get_title()
    ax = plotting.plot_activation("prelu", z=z)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), activations.leaky_relu(z, 0.25))
    assert ax.get_title().startswith("PReLU")
    assert to_rgb(ax.get_lines()[0].get_color()) == to_rgb(plotting.STYLES["prelu"]["color"])
    with pytest.raises(ValueError, match="alpha"):
        plotting.plot_activation("sigmoid", alpha=0.1)


def test_several_activations_on_one_axes_keep_their_own_line_styles():
    _, ax = plt.subplots()
    keys = ("sigmoid", "tanh", "relu", "leaky_relu")
    for key in keys:
        plotting.plot_activation(key, ax=ax, derivative=False)
    curves = ax.get_lines()[::3]  # each call adds its curve and the two zero lines
    assert [line.get_label() for line in curves] == ["Sigmoid", "Tanh", "ReLU", "Leaky ReLU"]
    for key, line in zip(keys, curves, strict=True):
        reference = Line2D([], [], linestyle=plotting.STYLES[key]["linestyle"])
        assert to_rgb(line.get_color()) == to_rgb(plotting.STYLES[key]["color"])
        assert line._dash_pattern == reference._dash_pattern, key  # the resolved dash pattern
    assert ax.get_ylabel() == "g(z)"


def test_line_keyword_arguments_override_the_course_style():
    ax = plotting.plot_activation("leaky_relu", alpha=0.5, derivative=False, linestyle=":")
    assert ax.get_lines()[0].get_linestyle() == ":"


def test_plot_activations_makes_one_titled_panel_per_activation():
    fig = plotting.plot_activations()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["Sigmoid", "Tanh", "ReLU", "Leaky ReLU"]
    fig = plotting.plot_activations(["relu", "identity", "prelu"], derivative=False, ncols=2)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert len(visible) == 3 and visible[2].get_title().startswith("PReLU")
    assert len(fig.axes) == 4  # the empty fourth panel is hidden


def test_plots_stay_open_for_the_notebook_to_show():
    ax = plotting.plot_activation("tanh")
    assert plt.fignum_exists(ax.figure.number)


@pytest.mark.parametrize(
    ("make", "limit_kb"),
    [
        (lambda: plotting.plot_activation("sigmoid").figure, 60),
        (lambda: plotting.plot_activations(), 100),
    ],
)
def test_saved_pngs_are_small_enough_for_the_web(make, limit_kb):
    buffer = io.BytesIO()
    make().savefig(buffer, format="png")
    size_kb = len(buffer.getvalue()) / 1024
    assert 5 < size_kb < limit_kb, f"{size_kb:.0f} KB"


# ---------------------------------------------------------------------------- training plots


class _RightHalfIsClassOne:
    def predict(self, X):
        return (X[:, 0] > 0).astype(np.int64)


def test_decision_boundary_shades_the_predicted_regions_and_scatters_the_data():
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(40, 2))
    y = (X[:, 0] > 0).astype(np.int64)
    ax = plotting.plot_decision_boundary(_RightHalfIsClassOne(), X, y, title="half planes")
    scatters = ax.collections[-2:]
    for label, points in zip((0, 1), scatters, strict=True):
        np.testing.assert_array_equal(points.get_offsets(), X[y == label])
    contour = ax.collections[0] if hasattr(ax.collections[0], "levels") else None
    assert contour is not None and list(contour.levels) == [-0.5, 0.5, 1.5]
    assert ax.get_xlabel() == "$x_1$" and ax.get_ylabel() == "$x_2$"
    assert ax.get_title() == "half planes"


def test_decision_boundary_of_a_trained_network():
    X, y = datasets.xor(n=80)
    model = nn.MLP([2, 8, 1], activation="tanh")
    model.fit(X, y, epochs=200, lr=0.5, record_every=200)
    ax = plotting.plot_decision_boundary(model, X, y, resolution=50)
    assert len(ax.collections) >= 3


def test_loss_curves_draw_each_history_in_its_activation_style():
    histories = {
        "sigmoid": [0.7, 0.6, 0.5],
        "ReLU, lr = 0.1": {"epoch": [10, 20], "loss": [0.4, 0.2], "diverged": False},
        "Leaky ReLU": [0.5, 0.4, 0.3],
        "something else": [1.0, 0.5],
    }
    ax = plotting.plot_loss_curves(histories, log=True)
    lines = {line.get_label(): line for line in ax.get_lines()}
    np.testing.assert_array_equal(lines["sigmoid"].get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(lines["sigmoid"].get_ydata(), [0.7, 0.6, 0.5])
    np.testing.assert_array_equal(lines["ReLU, lr = 0.1"].get_xdata(), [10, 20])
    assert to_rgb(lines["ReLU, lr = 0.1"].get_color()) == to_rgb(plotting.STYLES["relu"]["color"])
    leaky = to_rgb(plotting.STYLES["leaky_relu"]["color"])
    assert to_rgb(lines["Leaky ReLU"].get_color()) == leaky
    assert ax.get_xlabel() == "epoch" and ax.get_ylabel() == "training loss"
    assert ax.get_yscale() == "log"


def test_style_overrides_tell_apart_two_runs_of_one_activation():
    ax = plotting.plot_loss_curves(
        {"ReLU, He": [1, 0.5], "ReLU, Xavier": [1, 0.8]},
        styles={"ReLU, Xavier": {"color": "0.4", "linestyle": ":"}},
    )
    he, xavier = ax.get_lines()
    assert he.get_color() != xavier.get_color()
    assert xavier.get_linestyle() == ":"


def test_gradient_norms_are_drawn_per_layer_on_a_log_scale_with_an_optional_bound():
    norms = {k: nn.layer_gradient_norms(k, 6) for k in ("sigmoid", "tanh", "relu")}
    bound = 0.25 ** np.arange(1, 7)
    ax = plotting.plot_gradient_norms(norms, bound=("0.25^L", bound))
    lines = {line.get_label(): line for line in ax.get_lines()}
    for key, values in norms.items():
        np.testing.assert_array_equal(lines[key].get_xdata(), np.arange(1, 7))
        np.testing.assert_array_equal(lines[key].get_ydata(), values)
        assert lines[key].get_marker() == plotting.STYLES[key]["marker"]
    np.testing.assert_array_equal(lines["0.25^L"].get_ydata(), bound)
    assert ax.get_yscale() == "log"
    assert ax.get_xlabel() and ax.get_ylabel() == "gradient norm"
    assert ax.get_legend() is not None


def test_all_figure_functions_accept_an_existing_axes():
    fig, axes = plt.subplots(1, 3)
    assert plotting.plot_activation("tanh", ax=axes[0]) is axes[0]
    assert plotting.plot_loss_curves({"tanh": [1, 0.5]}, ax=axes[1]) is axes[1]
    assert plotting.plot_gradient_norms({"tanh": [1, 0.5]}, ax=axes[2], log=False) is axes[2]
    assert len(plt.get_fignums()) == 1


@pytest.mark.parametrize("group", [HAND_STYLED, MORE], ids=["hand-styled", "more"])
def test_styles_in_a_group_differ_in_colour_and_in_line_style(group):
    # Any two activations of a group differ in colour AND in line style (one could fail, not
    # both); across the groups the line styles differ (test above).
    for a, b in itertools.combinations(group, 2):
        sa, sb = plotting.STYLES[a], plotting.STYLES[b]
        assert to_rgb(sa["color"]) != to_rgb(sb["color"]), (a, b)
        assert _dash_pattern(sa["linestyle"]) != _dash_pattern(sb["linestyle"]), (a, b)
