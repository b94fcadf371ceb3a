r"""The explorer framework: controls, frames, and one object with a live and a static view.

An :class:`Explorer` is a list of :class:`Control` objects and a ``render(state) -> Frame``
function. Displayed as a cell's output it carries two views of the same pictures:

* a live ipywidgets view (:attr:`Explorer.widget`): moving a control calls ``render`` in the
  kernel and shows the new picture;
* the static player (:meth:`Explorer.to_html`): every frame of the grid of control values,
  rendered in advance, each distinct SVG layer stored once, and a small script
  (``static/player.js``, with ``static/player.css``) that swaps them when the reader moves a
  native ``<select>`` or ``<input type="range">``. It loads nothing and works without a
  kernel; without JavaScript it shows the default picture and its caption.

The script and the style sheet are package data files, so that they can be read, linted and
tested as what they are; :func:`player_script` and :func:`player_css` return them as embedded
in every output (comments and indentation removed).

Examples
--------
>>> from actcourse.svg import background
>>> ex = Explorer(
...     "demo",
...     "Demo",
...     [range_control("x", "Value x", [0, 1, 2], 1, 0, "x")],
...     lambda state: Frame([background(10, 10)], f"x is {state['x']:g}", "A blank square."),
...     (10, 10),
... )
>>> [key for key, _ in ex.grid()]
['0', '1', '2']
>>> ex.frame(x=2.0).caption
'x is 2'
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources

from .svg import FONT, num

__all__ = ["Control", "Explorer", "Frame", "player_css", "player_script", "range_control"]


# ---------------------------------------------------------------------------------------------
# The player's script and style sheet (package data)
# ---------------------------------------------------------------------------------------------
def _compact(source: str) -> str:
    """``source`` without comments, indentation and blank lines; the line breaks kept."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


def _read_static(name: str) -> str:
    return (resources.files(__package__) / "static" / name).read_text(encoding="utf-8")


@functools.cache
def player_script() -> str:
    """The static player's JavaScript (``static/player.js``) as embedded in every output."""
    return _compact(_read_static("player.js"))


@functools.cache
def player_css() -> str:
    """The player's style sheet (``static/player.css``) as embedded: one line, no comments."""
    return _compact(_read_static("player.css")).replace("\n", "")


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


def range_control(name, label, values, default, digits, symbol, live_step=None, when=None):
    """A numeric slider: ``values`` shown with ``digits`` decimals, read out as ``symbol = v``."""
    values = tuple(float(v) for v in values)
    return Control(
        name=name,
        label=label,
        values=values,
        value_labels=tuple(num(v, digits) for v in values),
        default=float(default),
        kind="range",
        live_step=live_step,
        when=when,
        symbol=symbol,
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
            f"<style>{player_css()}</style>"
            f'<p class="afx-title">{html.escape(self.title)}</p>'
            f'<div class="afx-controls" hidden>{controls_html}</div>'
            f'<div class="afx-fig">{self._svg(first)}'
            f'<p class="afx-caption" aria-live="polite">{html.escape(first.caption)}</p></div>'
            f'<script type="application/json" class="afx-data">{payload}</script>'
            f"<script>{player_script()}</script>"
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


#: An SVG attribute in double quotes whose value holds no quote: the player's table rewrites it
#: in single quotes, so that the JSON needs no backslash before every quote.
_ATTRIBUTE = re.compile(r'(\s[\w:-]+)="([^"\']*)"')


# ---- the other editions ----------------------------------------------------------------------
_TRANSLATABLE = (
    re.compile(r'(<p class="afx-title">)(.*?)(</p>)', re.S),
    re.compile(r'(<span class="afx-label">)(.*?)(</span>)', re.S),
    re.compile(r'(<option value="\d+"(?: selected)?>)(.*?)(</option>)', re.S),
    re.compile(r'( aria-valuetext=")(.*?)(")', re.S),
    re.compile(r'(<span class="afx-value" aria-hidden="true">)(.*?)(</span>)', re.S),
    re.compile(r'(<p class="afx-caption" aria-live="polite">)(.*?)(</p>)', re.S),
    re.compile(r'(<svg [^>]*?aria-label=")(.*?)(")', re.S),
)
_DATA = re.compile(r'(<script type="application/json" class="afx-data">)(.*?)(</script>)', re.S)


def translate_html(text: str, translate) -> str:
    """The static player ``text`` (:meth:`Explorer.to_html`) with every word a reader reads
    passed through ``translate``: the title, control labels, menu entries and read-outs, the
    caption and description (alt text) of the picture shown and of every frame. The pictures'
    own labels stay as drawn, like the book's figures. Used by the Chinese edition on the
    executed English output (:class:`actcourse.i18n.TemplateTranslator`)."""

    def swap(m: re.Match) -> str:
        inner = html.escape(translate(html.unescape(m[2])), quote=m[1].endswith('"'))
        return m[1] + inner + m[3]

    for pattern in _TRANSLATABLE:
        text = pattern.sub(swap, text)

    def swap_data(m: re.Match) -> str:
        data = json.loads(m[2].replace("<\\/", "</").replace("<\\!--", "<!--"))
        for control in data["controls"]:
            control["readouts"] = [translate(r) for r in control["readouts"]]
        data["alts"] = [translate(a) for a in data["alts"]]
        for frame in data["frames"].values():
            frame[1] = translate(frame[1])
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        return m[1] + payload.replace("</", "<\\/").replace("<!--", "<\\!--") + m[3]

    return _DATA.sub(swap_data, text)
