"""The interactive explorers: live widgets that compute the right picture, static players that
hold a correct picture for every grid value, and one cell output that carries both."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser

import activations
import explorers_sphinx
import numpy as np
import pytest
from actcourse import datasets, explorers, lab, nn

# ---------------------------------------------------------------------------------------------
# helpers: read the static player and the SVG back
# ---------------------------------------------------------------------------------------------


def player_data(page: str) -> dict:
    """The JSON table of the static player (controls, layers, frames)."""
    match = re.search(
        r'<script type="application/json" class="afx-data">(.*?)</script>', page, re.S
    )
    assert match, "the static player carries no data table"
    return json.loads(match.group(1))


def frame_svg(data: dict, key: str) -> str:
    layers, _, _ = data["frames"][key]
    return "".join(data["layers"][i] for i in layers)


def frame_key(explorer, **state) -> str:
    """The key the player's script builds for these control values."""
    full = {**explorer.default_state(), **state}
    parts = []
    for c in explorer.controls:
        applies = c.when is None or full[c.when[0]] == c.when[1]
        parts.append(str(c.values.index(full[c.name])) if applies else "-")
    return ".".join(parts)


def attributes(svg: str, tag: str, **match) -> list[dict]:
    """Attributes of every ``tag`` element of ``svg`` whose attributes include ``match``."""
    found = []

    class Parser(HTMLParser):
        def handle_starttag(self, name, attrs):
            attrs = dict(attrs)
            if name == tag and all(attrs.get(k) == v for k, v in match.items()):
                found.append(attrs)

        handle_startendtag = handle_starttag

    Parser().feed(svg)
    return found


def data_x(ax, px):
    """The data x at pixel ``px`` of the axes (the inverse of ``ax.px``)."""
    x0, x1 = ax.xlim
    return x0 + (np.asarray(px, dtype=float) - ax.left) / ax.width * (x1 - x0)


def data_y(ax, py):
    """The data y at pixel ``py`` of the axes (the inverse of ``ax.py``, log scale too)."""
    y0, y1 = (np.log10(v) if ax.ylog else v for v in ax.ylim)
    ty = y1 - (np.asarray(py, dtype=float) - ax.top) / ax.height * (y1 - y0)
    return 10**ty if ax.ylog else ty


def path_points(d: str) -> np.ndarray:
    """Vertices of a path written as ``M x y`` then relative ``l dx dy`` moves."""
    numbers = [float(v) for v in re.findall(r"-?\d*\.?\d+", d)]
    assert d.startswith("M") and d.count("M") == 1 and "L" not in d
    points = np.array(numbers).reshape(-1, 2)
    return np.cumsum(points, axis=0)


@pytest.fixture(scope="module")
def activation_ex():
    ex = explorers.activation_explorer()
    _ = ex.widget  # build the live view
    return ex


@pytest.fixture(scope="module")
def activation_page(activation_ex):
    return activation_ex.to_html()


@pytest.fixture(scope="module")
def neuron_ex():
    ex = explorers.neuron_explorer()
    _ = ex.widget
    return ex


@pytest.fixture(scope="module")
def neuron_page(neuron_ex):
    return neuron_ex.to_html()


# ---------------------------------------------------------------------------------------------
# one output, two views
# ---------------------------------------------------------------------------------------------
ALL = [
    explorers.activation_explorer,
    explorers.neuron_explorer,
    explorers.depth_explorer,
    explorers.dying_relu_explorer,
]


@pytest.mark.parametrize("factory", ALL, ids=lambda f: f.__name__)
def test_the_cell_output_carries_the_live_widget_and_the_static_player(factory):
    bundle = factory()._repr_mimebundle_()
    assert set(bundle) == {
        "text/plain",
        "text/html",
        "application/vnd.jupyter.widget-view+json",
    }
    assert bundle["application/vnd.jupyter.widget-view+json"]["model_id"]
    assert not re.search(r"0x[0-9a-f]{6,}", bundle["text/plain"]), "no memory address"
    # nbval compares text/plain and text/html: both must be the same on every run.
    again = factory()._repr_mimebundle_()
    assert again["text/html"] == bundle["text/html"]
    assert again["text/plain"] == bundle["text/plain"]


@pytest.mark.parametrize(
    "page_fixture", ["activation_page", "neuron_page", "depth_page", "dying_page"]
)
def test_a_static_player_leaves_room_for_four_on_a_page_of_one_megabyte_gzipped(
    page_fixture, request
):
    page = request.getfixturevalue(page_fixture).encode()
    assert len(gzip.compress(page, 6)) < 250_000


@pytest.mark.parametrize(
    "page_fixture", ["activation_page", "neuron_page", "depth_page", "dying_page"]
)
def test_the_static_player_loads_nothing_and_labels_its_controls(page_fixture, request):
    page = request.getfixturevalue(page_fixture)
    assert not re.search(r"\b(src|href)=", page), "the player must not load any file"
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    # Every control is inside a <label> with visible text: its accessible name.
    labels = re.findall(r"<label><span class=\"afx-label\">([^<]+)</span>(<select|<input)", page)
    n_controls = len(re.findall(r"<select |<input ", page))
    assert len(labels) == n_controls > 0
    assert all(name.strip() for name, _ in labels)
    # Sliders say their value in words to assistive technology.
    assert page.count('type="range"') == page.count("aria-valuetext=")
    # The picture has an accessible name; the caption is announced when it changes.
    assert re.search(r'<svg class="afx-figure"[^>]* role="img" aria-label="[^"]{20,}"', page)
    assert 'class="afx-caption" aria-live="polite"' in page


# ---------------------------------------------------------------------------------------------
# 1. activation explorer
# ---------------------------------------------------------------------------------------------
def test_activation_marker_follows_z_and_shows_the_library_value_and_slope(activation_ex):
    before = activation_ex.figure.value
    activation_ex.widgets["activation"].value = "sigmoid"
    activation_ex.widgets["z"].value = -1.35
    frame = activation_ex.current
    assert activation_ex.figure.value != before
    z = -1.35
    assert frame.values["value"] == pytest.approx(float(activations.sigmoid(z)), abs=1e-12)
    assert frame.values["slope"] == pytest.approx(
        float(activations.sigmoid_derivative(z)), abs=1e-12
    )
    # The marker is drawn where the value is: invert the pixel position through the axes.
    left, right = frame.values["axes"]
    dot = attributes(activation_ex.figure.value, "circle", **{"data-z": "-1.35"})[0]
    assert float(data_x(left, float(dot["cx"]))) == pytest.approx(z, abs=0.01)
    assert float(data_y(left, float(dot["cy"]))) == pytest.approx(activations.sigmoid(z), abs=0.01)
    assert float(dot["data-value"]) == pytest.approx(activations.sigmoid(z), rel=1e-8)
    slope_dot = attributes(activation_ex.figure.value, "circle", **{"data-z": "-1.35"})[1]
    assert float(data_y(right, float(slope_dot["cy"]))) == pytest.approx(
        activations.sigmoid_derivative(z), abs=0.005
    )
    assert "z = −1.35" in frame.caption
    assert f"g(z) = {activations.sigmoid(z):.3f}" in frame.caption


def test_activation_choice_redraws_the_curve_with_that_activation(activation_ex):
    activation_ex.widgets["z"].value = 2.0
    activation_ex.widgets["activation"].value = "tanh"
    frame = activation_ex.current
    assert frame.values["value"] == pytest.approx(float(activations.tanh(2.0)), abs=1e-12)
    assert frame.values["slope"] == pytest.approx(
        float(activations.tanh_derivative(2.0)), abs=1e-12
    )
    # Every vertex of the drawn function lies on tanh (within a pixel).
    left, _ = frame.values["axes"]
    d = attributes(activation_ex.figure.value, "path", **{"data-role": "function"})[0]["d"]
    points = path_points(d)
    z = data_x(left, points[:, 0])
    assert np.abs(points[:, 1] - left.py(activations.tanh(z))).max() < 0.5
    assert "Tanh" in frame.caption or activations.get_activation("tanh").name in frame.caption


def test_the_activation_explorer_offers_every_library_activation_and_the_others_the_four():
    def offered(explorer):
        return next(c for c in explorer.controls if c.name == "activation").values

    assert offered(explorers.activation_explorer()) == tuple(activations.ACTIVATIONS)
    for factory in (explorers.neuron_explorer, explorers.depth_explorer):
        assert offered(factory()) == tuple(activations.CLASSIC)
    chosen = explorers.neuron_explorer("relu", keys=("relu", "tanh"))
    assert offered(chosen) == ("relu", "tanh")


def test_leaky_slope_slider_shows_only_for_leaky_relu_and_sets_alpha(activation_ex):
    activation_ex.widgets["activation"].value = "relu"
    assert activation_ex.widgets["alpha"].layout.display == "none"
    activation_ex.widgets["activation"].value = "leaky_relu"
    assert activation_ex.widgets["alpha"].layout.display is None
    activation_ex.widgets["z"].value = -2.0
    activation_ex.widgets["alpha"].value = 0.2
    frame = activation_ex.current
    assert frame.values["value"] == pytest.approx(float(activations.leaky_relu(-2.0, 0.2)))
    assert frame.values["slope"] == pytest.approx(
        float(activations.leaky_relu_derivative(-2.0, 0.2))
    )
    assert "α = 0.20" in frame.caption


def test_activation_player_has_a_correct_frame_for_every_grid_value(activation_ex, activation_page):
    data = player_data(activation_page)
    z_control = next(c for c in activation_ex.controls if c.name == "z")
    alpha_control = next(c for c in activation_ex.controls if c.name == "alpha")
    n_leaky = len(alpha_control.values)
    assert len(data["frames"]) == len(z_control.values) * (len(explorers.KEYS) - 1 + n_leaky)
    for key in explorers.KEYS:
        alphas = alpha_control.values if key == "leaky_relu" else (None,)
        for alpha in alphas:
            for z in z_control.values:
                state = {"activation": key, "z": z}
                if alpha is not None:
                    state["alpha"] = alpha
                fkey = frame_key(activation_ex, **state)
                _, caption, _ = data["frames"][fkey]
                # The reader can tell which value the frame shows ...
                label = f"{z:.2f}".replace("-", "−").replace("−0.00", "0.00")
                assert f"z = {label}:" in caption, (fkey, caption)
                # ... and the marker is at the library's value.
                dots = attributes(frame_svg(data, fkey), "circle")
                act = activations.get_activation(key)
                args = (alpha,) if alpha is not None else ()
                assert float(dots[0]["data-value"]) == pytest.approx(
                    float(act.function(np.array([z]), *args)[0]), rel=1e-8, abs=1e-12
                )
                assert float(dots[1]["data-slope"]) == pytest.approx(
                    float(act.derivative(np.array([z]), *args)[0]), rel=1e-8, abs=1e-12
                )
    assert data["controls"][2]["readouts"][0] == "z = −4.00"


def test_activation_player_shows_the_default_frame_without_javascript(
    activation_ex, activation_page
):
    first = activation_ex.frame()
    assert "".join(first.layers) in activation_page
    assert first.caption in activation_page.replace("&#x27;", "'")


# ---------------------------------------------------------------------------------------------
# 2. neuron explorer
# ---------------------------------------------------------------------------------------------
def test_neuron_curve_is_g_of_wx_plus_b_for_the_slider_values(neuron_ex):
    neuron_ex.widgets["activation"].value = "tanh"
    before = neuron_ex.figure.value
    neuron_ex.widgets["w"].value = 2.0
    neuron_ex.widgets["b"].value = -1.0
    frame = neuron_ex.current
    assert neuron_ex.figure.value != before
    x = frame.values["x"]
    np.testing.assert_allclose(frame.values["a"], activations.tanh(2.0 * x - 1.0), rtol=0, atol=0)
    ax = frame.values["axes"]
    d = attributes(neuron_ex.figure.value, "path", **{"data-role": "neuron"})[0]["d"]
    points = path_points(d)
    on_curve = ax.py(activations.tanh(2.0 * data_x(ax, points[:, 0]) - 1.0))
    assert np.abs(points[:, 1] - on_curve).max() < 0.6
    assert frame.values["x_star"] == pytest.approx(0.5)
    assert "x = −b/w = 0.50" in frame.caption


def test_neuron_kink_moves_to_minus_b_over_w_and_active_side_follows_the_sign_of_w(neuron_ex):
    neuron_ex.widgets["activation"].value = "relu"
    neuron_ex.widgets["w"].value = -0.5
    neuron_ex.widgets["b"].value = 1.0
    frame = neuron_ex.current
    assert frame.values["x_star"] == pytest.approx(2.0)
    # ReLU's slope is 1 on one side of the kink: x < 2 when w < 0.
    (lo, hi), *_ = frame.values["spans"]
    assert lo == pytest.approx(-5.0) and hi == pytest.approx(2.0, abs=0.03)
    assert "x < 2.00" in frame.caption


def test_neuron_with_zero_weight_is_flat_at_g_of_b(neuron_ex):
    neuron_ex.widgets["activation"].value = "sigmoid"
    neuron_ex.widgets["w"].value = 0.0
    neuron_ex.widgets["b"].value = 1.5
    frame = neuron_ex.current
    assert frame.values["x_star"] is None
    np.testing.assert_allclose(frame.values["a"], activations.sigmoid(1.5))
    assert f"{float(activations.sigmoid(1.5)):.3f}" in frame.caption


def test_neuron_player_has_a_frame_for_every_activation_weight_and_bias(neuron_ex, neuron_page):
    data = player_data(neuron_page)
    controls = {c.name: c for c in neuron_ex.controls}
    expected = (
        len(controls["activation"].values) * len(controls["w"].values) * len(controls["b"].values)
    )
    assert len(data["frames"]) == expected
    for key in ("sigmoid", "relu"):
        for w in controls["w"].values:
            for b in controls["b"].values:
                fkey = frame_key(neuron_ex, activation=key, w=w, b=b)
                _, caption, _ = data["frames"][fkey]
                w_label = f"{w:.1f}".replace("-", "−").replace("−0.0", "0.0")
                b_label = f"{b:.1f}".replace("-", "−").replace("−0.0", "0.0")
                assert f"w = {w_label}, b = {b_label}:" in caption, caption
    # One frame checked point by point against the library.
    fkey = frame_key(neuron_ex, activation="sigmoid", w=-1.5, b=2.0)
    frame = neuron_ex.frame(activation="sigmoid", w=-1.5, b=2.0)
    d = attributes(frame_svg(data, fkey), "path", **{"data-role": "neuron"})[0]["d"]
    points = path_points(d)
    ax = frame.values["axes"]
    on_curve = ax.py(activations.sigmoid(-1.5 * data_x(ax, points[:, 0]) + 2.0))
    assert np.abs(points[:, 1] - on_curve).max() < 0.6


# ---------------------------------------------------------------------------------------------
# the Sphinx hook: no widget manager where no widget is shown
# ---------------------------------------------------------------------------------------------
class _Env:
    def __init__(self, js_files):
        self.nb_metadata = {"page": {"js_files": js_files}}


class _App:
    def __init__(self, js_files):
        self.env = _Env(js_files)
        self.builder = type("Builder", (), {"format": "html"})()


def _doctree(raw_html: str):
    from docutils import nodes
    from docutils.utils import new_document

    doc = new_document("page")
    doc += nodes.raw(text=raw_html, format="html")
    return doc


def _js_files():
    return {
        "ipywidgets_state": (None, {"type": "application/vnd.jupyter.widget-state+json"}),
        "ipywidgets_0": ("../assets/requirejs/require.js", {}),
        "ipywidgets_1": ("../assets/html-manager/embed-amd.js", {}),
        "other": ("other.js", {}),
    }


def test_widget_manager_is_dropped_from_a_page_that_shows_only_static_players():
    app = _App(_js_files())
    explorers_sphinx.drop_unused_widget_manager(
        app, "page", "page.html", {}, _doctree("<div>x</div>")
    )
    assert list(app.env.nb_metadata["page"]["js_files"]) == ["other"]


def test_widget_manager_stays_on_a_page_that_shows_a_widget_view():
    app = _App(_js_files())
    view = '<script type="application/vnd.jupyter.widget-view+json">{"model_id": "1"}</script>'
    explorers_sphinx.drop_unused_widget_manager(app, "page", "page.html", {}, _doctree(view))
    assert len(app.env.nb_metadata["page"]["js_files"]) == 4


# ---------------------------------------------------------------------------------------------
# 3. depth explorer
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def depth_ex():
    ex = explorers.depth_explorer()
    _ = ex.widget
    return ex


@pytest.fixture(scope="module")
def depth_page(depth_ex):
    return depth_ex.to_html()


def bar_heights(svg: str) -> dict[int, float]:
    return {
        int(a["data-layer"]): float(a["data-norm"])
        for a in attributes(svg, "rect")
        if "data-layer" in a
    }


def test_depth_bars_are_the_networks_layer_gradient_norms(depth_ex):
    depth_ex.widgets["activation"].value = "sigmoid"
    before = depth_ex.figure.value
    depth_ex.widgets["depth"].value = 7
    frame = depth_ex.current
    assert depth_ex.figure.value != before
    expected = nn.layer_gradient_norms("sigmoid", 7)
    np.testing.assert_array_equal(frame.values["norms"], expected)
    bars = bar_heights(depth_ex.figure.value)
    assert sorted(bars) == list(range(1, 8)), "one bar per hidden layer"
    np.testing.assert_allclose([bars[i] for i in range(1, 8)], expected, rtol=1e-8)
    # Each bar's top sits at its value on the log axis.
    ax = frame.values["axes"]
    for a in attributes(depth_ex.figure.value, "rect"):
        if "data-layer" in a:
            top = data_y(ax, float(a["y"]))
            assert top == pytest.approx(float(a["data-norm"]), rel=0.02)


def test_depth_vanishing_sigmoid_gradient_is_stated_in_the_caption(depth_ex):
    depth_ex.widgets["activation"].value = "sigmoid"
    depth_ex.widgets["depth"].value = 12
    frame = depth_ex.current
    norms = nn.layer_gradient_norms("sigmoid", 12)
    assert norms[0] < norms[-1] / 1000, "sigmoid gradients shrink towards the input"
    assert "times smaller than at layer 12" in frame.caption
    depth_ex.widgets["activation"].value = "relu"
    assert "Sigmoid" not in depth_ex.current.caption
    np.testing.assert_array_equal(
        depth_ex.current.values["norms"], nn.layer_gradient_norms("relu", 12)
    )


def test_depth_player_has_a_frame_for_every_activation_and_depth(depth_ex, depth_page):
    data = player_data(depth_page)
    assert len(data["frames"]) == 4 * 20
    for key in activations.CLASSIC:
        for depth in (1, 5, 20):
            fkey = frame_key(depth_ex, activation=key, depth=depth)
            _, caption, _ = data["frames"][fkey]
            name = activations.get_activation(key).name
            layers = "layer" if depth == 1 else "layers"
            assert caption.startswith(f"{name} network with {depth} hidden {layers}"), caption
            bars = bar_heights(frame_svg(data, fkey))
            np.testing.assert_allclose(
                [bars[i] for i in range(1, depth + 1)],
                nn.layer_gradient_norms(key, depth),
                rtol=1e-8,
            )
    assert data["controls"][1]["readouts"][:2] == ["depth = 1", "depth = 2"]


# ---------------------------------------------------------------------------------------------
# 4. dying-ReLU explorer
# ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def dying_ex():
    ex = explorers.dying_relu_explorer()
    _ = ex.widget
    return ex


@pytest.fixture(scope="module")
def dying_page(dying_ex):
    return dying_ex.to_html()


def recompute_dead_fraction(activation, lr, alpha=None):
    """The explorer's recipe, written out again from the library."""
    X, y = datasets.moons(n=200, noise=0.2, seed=0)
    model = nn.MLP([2, 32, 32, 1], activation=activation, alpha=alpha, seed=0)
    with np.errstate(all="ignore"):
        model.fit(X, y, epochs=100, lr=lr)
        return nn.dead_unit_fraction(model, X)


def test_dying_relu_shows_the_recomputed_dead_fraction_for_the_chosen_learning_rate(dying_ex):
    dying_ex.widgets["activation"].value = "relu"
    before = dying_ex.figure.value
    dying_ex.widgets["lr"].value = 3.0
    frame = dying_ex.current
    assert dying_ex.figure.value != before
    fraction = recompute_dead_fraction("relu", 3.0)
    assert frame.values["dead_fraction"] == fraction
    n_dead = round(fraction * 64)
    assert f"{n_dead} of 64 hidden units ({fraction:.0%}) are dead" in frame.caption
    # The unit map shows exactly that many dead units.
    dead = attributes(dying_ex.figure.value, "path", **{"data-units": "dead"})
    assert (dead[0]["d"].count("z") if dead else 0) == n_dead


def test_dying_relu_dead_fraction_grows_with_the_learning_rate(dying_ex):
    low = dying_ex.frame(activation="relu", lr=0.01).values["dead_fraction"]
    high = dying_ex.frame(activation="relu", lr=5.0).values["dead_fraction"]
    assert high > low + 0.3, (low, high)


def test_leaky_relu_units_never_die_but_some_fall_silent(dying_ex):
    dying_ex.widgets["activation"].value = "leaky_relu"
    dying_ex.widgets["alpha"].value = 0.01
    dying_ex.widgets["lr"].value = 3.0
    frame = dying_ex.current
    assert frame.values["dead_fraction"] == 0.0 == recompute_dead_fraction("leaky_relu", 3.0, 0.01)
    assert frame.values["silent_fraction"] > 0
    assert "0 of 64 hidden units are dead" in frame.caption
    assert "α = 0.01" in frame.caption


def test_dying_relu_player_has_a_frame_for_every_setting(dying_ex, dying_page):
    data = player_data(dying_page)
    controls = {c.name: c for c in dying_ex.controls}
    n_lr, n_alpha = len(controls["lr"].values), len(controls["alpha"].values)
    assert len(data["frames"]) == n_lr * (1 + n_alpha)
    for lr in controls["lr"].values:
        fkey = frame_key(dying_ex, activation="relu", lr=lr)
        _, caption, _ = data["frames"][fkey]
        assert caption.startswith(f"ReLU, learning rate {lr:g}, "), caption
        run = lab.units_after_training("relu", lr)
        assert f"({run.dead_fraction:.0%}) are dead" in caption
    fkey = frame_key(dying_ex, activation="leaky_relu", alpha=0.3, lr=1.0)
    assert data["frames"][fkey][1].startswith("Leaky ReLU (α = 0.30), learning rate 1, ")


def test_dying_relu_table_runs_silently():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lab.units_after_training("leaky_relu", 5.0, 0.3, epochs=100)


@pytest.mark.parametrize(
    ("factory", "key"),
    [
        (explorers.activation_explorer, "leaky_relu"),
        (explorers.neuron_explorer, "relu"),
        (explorers.depth_explorer, "tanh"),
        (explorers.dying_relu_explorer, "leaky_relu"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_a_chapter_can_choose_the_activation_shown_first(factory, key):
    ex = factory(activation=key)
    name = activations.get_activation(key).name
    assert ex.widget is not None and ex.widgets["activation"].value == key
    assert name in ex.current.caption
    page = ex.to_html()
    assert re.search(rf'<option value="\d" selected>{re.escape(name)}</option>', page)
    if key == "leaky_relu":  # its slope slider is shown from the start
        assert '<div class="afx-control" data-for="alpha">' in page
    with pytest.raises(ValueError, match="activation must be one of"):
        factory(activation="swish")
