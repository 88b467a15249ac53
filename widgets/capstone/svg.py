"""Small charts as inline SVG text for the capstone's brief and debrief: no JavaScript, no CDN.

A report opens offline, prints, and stays a few tens of kilobytes. Two charts: :func:`line_chart`
(several series over the rounds, axes with ticks and units, a legend) and :func:`bar_chart`
(horizontal bars, one or more series per label). Every text is escaped; every chart carries an
accessible ``<title>`` and a ``<desc>`` that says what the lines or bars show in words.
Colours are the course's colour-blind-safe palette (widgets/theme.py); past seven series the
lines also change dash pattern, so thirty teams on one chart stay distinguishable.
"""

from __future__ import annotations

import hashlib
import html
import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from widgets.theme import COLORWAY, PALETTE

FONT = "Inter, 'Helvetica Neue', Arial, sans-serif"
DASHES = ("", "6 4", "2 3", "10 3 2 3")
GRID = "#e5e5e5"
AXIS = "#888"


@dataclass(frozen=True)
class Series:
    """One line or one set of bars: a name (shown in the legend) and its values (None or NaN: a gap)."""

    name: str
    values: tuple[float | None, ...]
    emphasis: bool = False  # drawn thicker (e.g. the leaders, or the learner's own team)
    colour: str | None = None  # None: the palette's next colour
    legend: bool = True  # False: drawn, but not named in the legend (the field behind the leaders)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _finite(values: Sequence[float | None]) -> list[float]:
    return [float(v) for v in values if v is not None and math.isfinite(float(v))]


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"axis limits must be finite numbers; got {lo!r} and {hi!r}")
    if lo > hi:
        lo, hi = hi, lo
    if hi - lo < 1e-9 * max(1.0, abs(lo), abs(hi)):  # flat (a billionth of the scale): pad around it
        pad = abs(hi) * 0.1 if abs(hi) > 1e-9 else 1.0
        lo, hi = lo - pad, hi + pad
    raw = (hi - lo) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    start = math.floor(lo / step + 1e-9) * step
    n = math.ceil((hi - start) / step - 1e-9)
    return [round(start + i * step, 12) for i in range(n + 1)]


def fmt(value: float, step: float = 1.0) -> str:
    """A tick or value label: thousands separators, as many decimals as the step needs, a true minus sign."""
    decimals = 0 if step >= 1 or step == 0 else min(4, max(0, -math.floor(math.log10(abs(step)) + 1e-9)))
    if step < 1 and round(step * 10 ** decimals) != step * 10 ** decimals:
        decimals += 1  # 2.5-steps below one need one digit more (0.25)
    text = f"{value:,.{decimals}f}"
    return "0" if float(text.replace(",", "")) == 0 else text.replace("-", "−")


def _ident(*parts: object) -> str:
    """A stable id for the chart's title and desc (the same chart gives the same id in every run)."""
    return "c" + hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:10]


def _colour(i: int, s: Series | None = None) -> str:
    return s.colour if s is not None and s.colour else COLORWAY[i % len(COLORWAY)]


def _dash(i: int) -> str:
    return DASHES[(i // len(COLORWAY)) % len(DASHES)]


def _legend(series: Sequence[Series], left: float, top: float, width: float, kind: str) -> tuple[list[str], float]:
    """Legend entries in rows under the plot; returns the SVG parts and the height they take."""
    parts, x, y, row = [], left, top, 18
    for i, s in enumerate(series):
        if not s.legend:
            continue
        label = s.name if len(s.name) <= 28 else s.name[:27] + "…"
        w = 34 + 7.2 * len(label)
        if x + w > left + width and x > left:
            x, y = left, y + row
        if kind == "line":
            dash = f" stroke-dasharray='{_dash(i)}'" if _dash(i) else ""
            parts.append(f"<line x1='{x:.1f}' y1='{y - 4:.1f}' x2='{x + 22:.1f}' y2='{y - 4:.1f}' "
                         f"stroke='{_colour(i, s)}' stroke-width='{4 if s.emphasis else 2.5}'{dash}/>")
        else:
            parts.append(f"<rect x='{x:.1f}' y='{y - 11:.1f}' width='18' height='12' fill='{_colour(i, s)}'/>")
        weight = " font-weight='bold'" if s.emphasis else ""
        parts.append(f"<text x='{x + 27:.1f}' y='{y:.1f}' font-size='12'{weight}>{_esc(label)}</text>")
        x += w + 12
    return parts, (y - top) + row


def _frame(ident: str, title: str, desc: str, width: int, height: float, body: list[str]) -> str:
    return (f"<svg xmlns='http://www.w3.org/2000/svg' role='img' viewBox='0 0 {width} {height:.0f}' "
            f"style='width:100%;max-width:{width}px;height:auto' font-family=\"{FONT}\" fill='#222' "
            f"aria-labelledby='{ident}-t {ident}-d'><title id='{ident}-t'>{_esc(title)}</title>"
            f"<desc id='{ident}-d'>{_esc(desc)}</desc>"
            f"<text x='8' y='20' font-size='16' font-weight='bold'>{_esc(title)}</text>{''.join(body)}</svg>")


def _summary(series: Sequence[Series], unit: str, xs: Sequence[float] | None = None) -> str:
    """The chart in words for a screen reader: each series' first, last, lowest and highest value."""
    words = []
    for s in series[:40]:
        vals = _finite(s.values)
        if not vals:
            words.append(f"{s.name}: no values")
            continue
        words.append(f"{s.name}: from {fmt(vals[0], 0.01)} to {fmt(vals[-1], 0.01)} {unit}, "
                     f"lowest {fmt(min(vals), 0.01)}, highest {fmt(max(vals), 0.01)}")
    more = f"; and {len(series) - 40} more" if len(series) > 40 else ""
    return "; ".join(words) + more + "."


def line_chart(series: Sequence[Series], x: Sequence[float], *, title: str, x_label: str, y_label: str,
               unit: str = "", width: int = 680, height: int = 300, zero_line: bool = True) -> str:
    """Lines over x (rounds): ticks on both axes, the y-axis titled with its unit, a legend underneath."""
    if not series:
        raise ValueError("a line chart needs at least one series")
    if any(len(s.values) > len(x) for s in series):
        raise ValueError("a series has more values than there are x positions")
    values = [v for s in series for v in _finite(s.values)] or [0.0]
    lo, hi = min(values), max(values)
    if zero_line:
        lo, hi = min(lo, 0.0), max(hi, 0.0)
    yt = nice_ticks(lo, hi)
    step = yt[1] - yt[0] if len(yt) > 1 else 1.0
    widest = max(len(fmt(t, step)) for t in yt)  # room for the longest tick label and the axis title
    left, right, top, plot_h = max(74, 34 + 7.4 * widest), 16, 34, height - 34 - 46
    plot_w = width - left - right
    xt = [float(v) for v in x] or [0.0]
    x0, x1 = min(xt), max(xt) if max(xt) > min(xt) else min(xt) + 1
    y0, y1 = yt[0], yt[-1]

    def px(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * plot_w

    def py(v: float) -> float:
        return top + plot_h - (v - y0) / (y1 - y0) * plot_h

    body = []
    for t in yt:
        colour = "#999" if t == 0 else GRID
        body.append(f"<line x1='{left:.1f}' x2='{left + plot_w:.1f}' y1='{py(t):.1f}' y2='{py(t):.1f}' stroke='{colour}'/>"
                    f"<text x='{left - 6:.1f}' y='{py(t) + 4:.1f}' font-size='12' text-anchor='end'>{fmt(t, step)}</text>")
    every = max(1, math.ceil(len(xt) / 12))
    for i, t in enumerate(xt):
        if i % every == 0 or i == len(xt) - 1:
            body.append(f"<line x1='{px(t):.1f}' x2='{px(t):.1f}' y1='{top + plot_h}' y2='{top + plot_h + 5}' "
                        f"stroke='{AXIS}'/><text x='{px(t):.1f}' y='{top + plot_h + 18}' font-size='12' "
                        f"text-anchor='middle'>{fmt(t, 1)}</text>")
    body.append(f"<line x1='{left:.1f}' x2='{left:.1f}' y1='{top}' y2='{top + plot_h}' stroke='{AXIS}'/>"
                f"<line x1='{left:.1f}' x2='{left + plot_w:.1f}' y1='{top + plot_h}' y2='{top + plot_h}' stroke='{AXIS}'/>")
    body.append(f"<text x='{left + plot_w / 2:.1f}' y='{top + plot_h + 36}' font-size='13' "
                f"text-anchor='middle'>{_esc(x_label)}</text>")
    body.append(f"<text transform='translate(16 {top + plot_h / 2:.1f}) rotate(-90)' font-size='13' "
                f"text-anchor='middle'>{_esc(y_label)}</text>")
    order = sorted(range(len(series)), key=lambda i: (series[i].emphasis, series[i].legend))  # named lines on top
    for i in order:
        s = series[i]
        runs, run = [], []
        for xv, v in zip(xt, s.values):
            if v is None or not math.isfinite(float(v)):
                runs, run = runs + [run] if run else runs, []
                continue
            run.append(f"{px(xv):.1f},{py(float(v)):.1f}")
        runs = runs + [run] if run else runs
        dash = f" stroke-dasharray='{_dash(i)}'" if _dash(i) and not s.colour else ""
        for r in runs:
            if len(r) == 1:
                cx, cy = r[0].split(",")
                body.append(f"<circle cx='{cx}' cy='{cy}' r='3' fill='{_colour(i, s)}'/>")
            else:
                body.append(f"<polyline points='{' '.join(r)}' fill='none' stroke='{_colour(i, s)}' "
                            f"stroke-width='{4 if s.emphasis else 2.5 if s.legend else 1.5}' stroke-linejoin='round'{dash}>"
                            f"<title>{_esc(s.name)}</title></polyline>")
    legend, legend_h = _legend(series, left, top + plot_h + 62, plot_w, "line")
    body += legend
    desc = f"Line chart, x: {x_label}, y: {y_label}. " + _summary(series, unit)
    return _frame(_ident(title, x_label, y_label, [s.values for s in series]), title, desc, width,
                  top + plot_h + 50 + legend_h, body)


def bar_chart(labels: Sequence[str], series: Sequence[Series], *, title: str, x_label: str,
              unit: str = "", width: int = 680) -> str:
    """Horizontal bars: one row per label, one bar per series in it; the value is written at each bar's end."""
    if not labels or not series:
        raise ValueError("a bar chart needs at least one label and one series")
    if any(len(s.values) != len(labels) for s in series):
        raise ValueError("every series needs one value per label")
    label_w = min(260, 14 + 7.2 * max(len(str(lb)) for lb in labels))
    left, right, top, bar, gap = label_w, 60, 34, 16, 10
    plot_w = width - left - right
    row_h = bar * len(series) + gap
    plot_h = row_h * len(labels)
    values = [v for s in series for v in _finite(s.values)] or [0.0]
    ticks = nice_ticks(min(0.0, *values), max(0.0, *values), 4)
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    x0, x1 = ticks[0], ticks[-1]

    def px(v: float) -> float:
        return left + (v - x0) / (x1 - x0) * plot_w

    body = []
    for t in ticks:
        colour = "#999" if t == 0 else GRID
        body.append(f"<line x1='{px(t):.1f}' x2='{px(t):.1f}' y1='{top}' y2='{top + plot_h}' stroke='{colour}'/>"
                    f"<text x='{px(t):.1f}' y='{top + plot_h + 16}' font-size='12' text-anchor='middle'>"
                    f"{fmt(t, step)}</text>")
    for r, label in enumerate(labels):
        y = top + r * row_h + gap / 2
        shown = str(label) if len(str(label)) <= 34 else str(label)[:33] + "…"
        body.append(f"<text x='{left - 8}' y='{y + row_h / 2:.1f}' font-size='12' text-anchor='end'>"
                    f"{_esc(shown)}</text>")
        for i, s in enumerate(series):
            v = s.values[r]
            if v is None or not math.isfinite(float(v)):
                continue
            a, b = sorted((px(0.0), px(float(v))))
            yy = y + i * bar
            body.append(f"<rect x='{a:.1f}' y='{yy:.1f}' width='{max(b - a, 0.5):.1f}' height='{bar - 2}' "
                        f"fill='{_colour(i, s)}'><title>{_esc(s.name)}, {_esc(label)}: {fmt(float(v), 0.01)} "
                        f"{_esc(unit)}</title></rect>")
            tx, anchor = (b + 4, "start") if float(v) >= 0 else (a - 4, "end")
            body.append(f"<text x='{tx:.1f}' y='{yy + bar - 5:.1f}' font-size='11' text-anchor='{anchor}'>"
                        f"{fmt(float(v), min(step, 0.01) if abs(float(v)) < 10 else 1)}</text>")
    body.append(f"<text x='{left + plot_w / 2:.1f}' y='{top + plot_h + 34}' font-size='13' "
                f"text-anchor='middle'>{_esc(x_label)}</text>")
    height = top + plot_h + 44
    if len(series) > 1:
        legend, legend_h = _legend(series, left, height + 8, plot_w, "bar")
        body += legend
        height += legend_h + 8
    desc = f"Bar chart, {x_label}. " + "; ".join(
        f"{s.name}: " + ", ".join(f"{lb} {fmt(float(v), 0.01) if v is not None else 'none'}"
                                  for lb, v in zip(labels, s.values)) for s in series) + "."
    return _frame(_ident(title, x_label, list(labels), [s.values for s in series]), title, desc, width, height, body)


__all__ = ["Series", "line_chart", "bar_chart", "nice_ticks", "fmt", "PALETTE"]
