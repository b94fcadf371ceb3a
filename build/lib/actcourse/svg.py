"""A tiny SVG plotting layer in the course style, for the explorers.

It draws what the explorers need (axes with a grid, ticks and labels; lines, dots, spans,
legends) as SVG text that is short and the same on every machine: coordinates are rounded to
tenths of a pixel and polylines simplified (Ramer-Douglas-Peucker) before they are written.
The look is the book's Matplotlib look (:mod:`plotting`): the same fonts, grid colour, spines
and white background.

Examples
--------
>>> ax = Axes(left=50, top=10, width=200, height=100, xlim=(0.0, 1.0), ylim=(0.0, 1.0))
>>> float(ax.px(0.5)), float(ax.py(0.5))
(150.0, 60.0)
>>> ax.line([0, 1], [0, 1], "#000000")  # doctest: +ELLIPSIS
'<path d="M50 110l200-100" fill="none" stroke="#000000" stroke-width="2" ...
>>> num(-0.004), num(-1.5), sci(3.2e-8)
('0.00', '−1.50', '3.2×10⁻⁸')
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

import numpy as np

__all__ = ["FONT", "GRID", "MINUS", "TEXT", "Axes", "background", "coord", "num", "sci", "text"]

MINUS = "\u2212"  # typographic minus, as Matplotlib's tick labels use
TEXT = "#222222"
GRID = "#b3b3b3"  # Matplotlib's default grid colour at the course's grid.alpha of 0.3 on white
FONT = "DejaVu Sans, Verdana, Arial, sans-serif"  # Matplotlib's default font first


def num(value: float, digits: int = 2) -> str:
    """A number as the reader sees it: fixed decimals and a typographic minus sign."""
    out = f"{value:.{digits}f}"
    if float(out) == 0:
        out = out.lstrip("-")
    return out.replace("-", MINUS)


def sci(value: float) -> str:
    """A positive number in scientific notation, ``3.2×10⁻⁸``, or plain if moderate."""
    if value == 0 or not math.isfinite(value):
        return "0" if value == 0 else str(value)
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.3g}".replace("-", MINUS)
    mantissa, exponent = f"{value:.1e}".split("e")
    return f"{mantissa}×10{_superscript(int(exponent))}"


def _superscript(n: int) -> str:
    return str(n).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def coord(value: float) -> str:
    """A pixel coordinate with one decimal (enough on screens up to 10x the figure size)."""
    out = f"{value:.1f}"
    return "0" if out in ("0.0", "-0.0") else out.removesuffix(".0")


def _tenths(n: int, separate: bool = False) -> str:
    """An integer number of tenths as the shortest SVG number: 15 -> "1.5", -3 -> "-.3"."""
    n = int(n)
    sign = "-" if n < 0 else ""
    whole, frac = divmod(abs(n), 10)
    out = f"{whole}.{frac}" if frac else f"{whole}"
    if out.startswith("0."):
        out = out[1:]
    # A following number needs a separator unless it starts with "-" (or ".", after a ".").
    sep = " " if separate and not sign else ""
    return f"{sep}{sign}{out}"


# ---------------------------------------------------------------------------------------------
# Lines, ticks and text
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
    return " ".join(coord(p * linewidth) for p in pattern)


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


def text(x, y, s, size=12, anchor="middle", weight=None, rotate=False, color=TEXT) -> str:
    """An SVG ``<text>`` of ``s`` at pixel ``(x, y)``, escaped; ``rotate`` turns it to read up."""
    extra = f' font-weight="{weight}"' if weight else ""
    if rotate:
        extra += f' transform="rotate(-90 {coord(x)} {coord(y)})"'
    return (
        f'<text x="{coord(x)}" y="{coord(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{color}"{extra}>{html.escape(s)}</text>'
    )


@dataclass(frozen=True)
class Axes:
    """A rectangle of the figure (pixels) showing ``xlim`` x ``ylim`` (data), y up.

    :meth:`frame` draws the static part (grid, spines, ticks, labels); the other methods draw
    data as SVG elements, to be wrapped in :meth:`clip`.
    """

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
            x = coord(self.px(t))
            parts.append(
                f'<path d="M{x} {coord(self.top)}V{coord(self.bottom)}" stroke="{GRID}" '
                f'stroke-width="0.8"/>'
            )
        for t in yticks:
            y = coord(self.py(t))
            parts.append(
                f'<path d="M{coord(self.left)} {y}H{coord(self.left + self.width)}" '
                f'stroke="{GRID}" stroke-width="0.8"/>'
            )
        # Spines (left and bottom only) and ticks.
        parts.append(
            f'<path d="M{coord(self.left)} {coord(self.top)}V{coord(self.bottom)}'
            f'H{coord(self.left + self.width)}" fill="none" stroke="{TEXT}" stroke-width="0.8"/>'
        )
        labels = xtick_labels or [_tick_label(t) for t in xticks]
        for t, label in zip(xticks, labels, strict=True):
            x = float(self.px(t))
            parts.append(
                f'<path d="M{coord(x)} {coord(self.bottom)}v3.5" stroke="{TEXT}" '
                f'stroke-width="0.8"/>'
            )
            parts.append(text(x, self.bottom + 17, label))
        for t in yticks:
            y = float(self.py(t))
            label = _power_label(t) if self.ylog else _tick_label(t)
            parts.append(
                f'<path d="M{coord(self.left)} {coord(y)}h-3.5" stroke="{TEXT}" '
                f'stroke-width="0.8"/>'
            )
            parts.append(text(self.left - 6, y + 4, label, anchor="end"))
        if xlabel:
            parts.append(text(self.left + self.width / 2, self.bottom + 36, xlabel, size=13))
        if ylabel:
            parts.append(
                text(self.left - 44, self.top + self.height / 2, ylabel, size=13, rotate=True)
            )
        if title:
            parts.append(text(self.left + self.width / 2, self.top - 8, title, size=14))
        return "".join(parts)

    # -- data, clipped to the axes by a nested <svg> (no ids needed) ---------------------------
    def clip(self, content: str) -> str:
        box = f"{coord(self.left)} {coord(self.top)} {coord(self.width)} {coord(self.height)}"
        return (
            f'<svg x="{coord(self.left)}" y="{coord(self.top)}" width="{coord(self.width)}" '
            f'height="{coord(self.height)}" viewBox="{box}" overflow="hidden">{content}</svg>'
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
            f'stroke-width="{coord(linewidth)}" stroke-linejoin="round"{extra}/>'
        )

    def hline(self, y, color="#808080", width=0.8) -> str:
        yy = coord(self.py(y))
        return (
            f'<path d="M{coord(self.left)} {yy}H{coord(self.left + self.width)}" stroke="{color}" '
            f'stroke-width="{width}"/>'
        )

    def vline(self, x, color="#808080", width=0.8, dash=None) -> str:
        xx = coord(self.px(x))
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        return (
            f'<path d="M{xx} {coord(self.top)}V{coord(self.bottom)}" stroke="{color}" '
            f'stroke-width="{width}"{extra}/>'
        )

    def span(self, x0, x1, color, opacity=0.15) -> str:
        a, b = float(self.px(x0)), float(self.px(x1))
        return (
            f'<rect x="{coord(min(a, b))}" y="{coord(self.top)}" width="{coord(abs(b - a))}" '
            f'height="{coord(self.height)}" fill="{color}" fill-opacity="{opacity}"/>'
        )

    def dot(self, x, y, color, r=5.0, data=None) -> str:
        attrs = "".join(f' data-{k}="{v:.9g}"' for k, v in (data or {}).items())
        return (
            f'<circle cx="{coord(self.px(x))}" cy="{coord(self.py(y))}" r="{coord(r)}" '
            f'fill="{color}" stroke="white" stroke-width="1.5"{attrs}/>'
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
                f'<path d="M{coord(x)} {coord(yy)}h24" stroke="{color}" '
                f'stroke-width="{coord(linewidth)}"{extra}/>'
            )
            parts.append(text(x + 30, yy + 4, label, anchor="start"))
        return "".join(parts)


def _power_label(t: float) -> str:
    exponent = round(math.log10(t))
    return "1" if exponent == 0 else f"10{_superscript(exponent)}"


def background(width: int, height: int) -> str:
    """An opaque white figure, like the book's Matplotlib figures (readable in dark mode too)."""
    return f'<rect width="{width}" height="{height}" fill="white"/>'
