"""The explorer framework's parts: the SVG layer, and the static player's script and style sheet,
which are package data files that every explorer output embeds."""

from __future__ import annotations

import doctest
import re
import shutil
import subprocess
from importlib import resources

import pytest
from actcourse import explorers, player, svg

STATIC = resources.files("actcourse") / "static"


@pytest.mark.parametrize("module", [svg, player, explorers], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0


@pytest.fixture(scope="module")
def page() -> str:
    return explorers.activation_explorer().to_html()


# ------------------------------------------------------------------------------ package data
def test_the_script_and_style_sheet_are_package_files_read_at_run_time():
    for name in ("player.js", "player.css"):
        assert (STATIC / name).is_file(), f"static/{name} is missing from the package"
    assert "function update()" in (STATIC / "player.js").read_text(encoding="utf-8")
    assert player.player_script().startswith("(function(root){\n")
    assert player.player_css().startswith(".afx{")


def test_every_output_embeds_the_files_without_comments_or_indentation(page):
    script, css = player.player_script(), player.player_css()
    assert f"<script>{script}</script>" in page
    assert f"<style>{css}</style>" in page
    for embedded in (script, css):
        assert "/*" not in embedded and "*/" not in embedded
        assert not re.search(r"^\s|^//", embedded, re.M), "no indentation or comment lines"
    # Every line of code in the file is in the embedded script, in order.
    source = (STATIC / "player.js").read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    lines = [
        ln.strip() for ln in code.splitlines() if ln.strip() and not ln.strip().startswith("//")
    ]
    assert script.split("\n") == lines


def test_compacting_keeps_line_breaks_and_drops_only_comments_and_indentation():
    source = "/* header\n   more */\nvar a=1;\n  // a comment line\n  if(a){b('//x');}\n\n"
    assert player._compact(source) == "var a=1;\nif(a){b('//x');}"


@pytest.mark.skipif(shutil.which("node") is None, reason="Node.js is not installed")
def test_the_player_script_is_valid_javascript_as_written_and_as_embedded(tmp_path):
    embedded = tmp_path / "embedded.js"
    embedded.write_text(player.player_script(), encoding="utf-8")
    for path in (STATIC / "player.js", embedded):
        result = subprocess.run(
            ["node", "--check", str(path)], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr


def test_the_style_sheet_is_well_formed_and_styles_only_the_players_classes():
    css = player.player_css()
    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    assert "".join(f"{s}{{{d}}}" for s, d in rules) == css, "unbalanced braces or stray text"
    for selectors, declarations in rules:
        for selector in selectors.split(","):
            assert selector.startswith(".afx"), f"{selector!r} would style the rest of the page"
        for declaration in declarations.split(";"):
            assert re.fullmatch(r"[a-z-]+:[^:;]+", declaration), declaration


def test_the_classes_the_script_and_style_sheet_use_are_in_the_output(page):
    used = set(re.findall(r"\.(afx[\w-]*)", player.player_script() + player.player_css()))
    assert {"afx-data", "afx-figure", "afx-caption", "afx-controls", "afx-value"} <= used
    present = set(re.findall(r'class="([^"]+)"', page))
    present = {name for value in present for name in value.split()}
    assert used <= present, f"classes the output lacks: {sorted(used - present)}"


# ------------------------------------------------------------------------------ the SVG layer
def test_axes_map_data_to_pixels_with_y_up_and_a_log_scale():
    ax = svg.Axes(10, 20, 100, 50, (0.0, 10.0), (1.0, 100.0), ylog=True)
    assert float(ax.px(0.0)) == 10 and float(ax.px(10.0)) == 110
    assert float(ax.py(100.0)) == 20 and float(ax.py(1.0)) == 70
    assert float(ax.py(10.0)) == pytest.approx(45.0)


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [(-0.004, 2, "0.00"), (-1.5, 2, "−1.50"), (0.25, 1, "0.2"), (3.0, 0, "3")],
)
def test_numbers_use_fixed_decimals_and_a_typographic_minus(value, digits, expected):
    assert svg.num(value, digits) == expected


def test_coordinates_and_paths_are_short_and_exact_to_a_tenth_of_a_pixel():
    assert [svg.coord(v) for v in (0.04, -0.04, 12.0, 12.34)] == ["0", "0", "12", "12.3"]
    ax = svg.Axes(0, 0, 100, 100, (0.0, 1.0), (0.0, 1.0))
    # A straight line of 101 points is simplified to its two ends.
    d = ax.path_d([i / 100 for i in range(101)], [i / 100 for i in range(101)])
    assert d == "M0 100l100-100"


def test_svg_text_is_escaped():
    assert "&lt;b&gt;" in svg.text(0, 0, "<b>")
