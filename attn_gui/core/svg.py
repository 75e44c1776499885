"""Small, readable charts as inline SVG text, for the one-file report: lines (curves per
epoch, ROC, precision–recall, calibration), points (predicted against actual) and
horizontal bars (attention, importance). No Qt, no plotting library; every text is
escaped, so a column's name is shown as it is and never read as markup."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

__all__ = ["Series", "bar_chart", "line_chart", "scatter_chart"]

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf")
WIDTH, HEIGHT = 460, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 58, 16, 46, 44
_MAX_POINTS = 1500  # a line of more points looks the same and makes the file heavier


@dataclass
class Series:
    label: str
    x: Sequence[float]
    y: Sequence[float]
    dashed: bool = False


def _num(v: float) -> str:
    return f"{v:.1f}"


def _tick_text(v: float) -> str:
    return f"{v:.6g}" if abs(v) >= 1e-12 else "0"


def nice_ticks(low: float, high: float, n: int = 5) -> list[float]:
    """About `n` round values (1, 2 or 5 × 10^k apart) covering [low, high]."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        return [low]
    raw = (high - low) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 5, 10) if m * mag >= raw)
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


class _Frame:
    """The plotting area of one chart and its data-to-pixel mapping."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float]):
        self.x0, self.x1 = _padded(*x_range)
        self.y0, self.y1 = _padded(*y_range)
        self.w = WIDTH - _LEFT - _RIGHT
        self.h = HEIGHT - _TOP - _BOTTOM

    def px(self, x: np.ndarray) -> np.ndarray:
        return _LEFT + (np.asarray(x, np.float64) - self.x0) / (self.x1 - self.x0) * self.w

    def py(self, y: np.ndarray) -> np.ndarray:
        return _TOP + self.h - (np.asarray(y, np.float64) - self.y0) / (self.y1 - self.y0) * self.h

    def axes(self, title: str, x_label: str, y_label: str) -> list[str]:
        out = [f'<rect x="{_LEFT}" y="{_TOP}" width="{self.w}" height="{self.h}" '
               'fill="#fff" stroke="#999"/>']
        for t in nice_ticks(self.x0, self.x1):
            x = _num(self.px(t))
            out.append(f'<line x1="{x}" y1="{_TOP}" x2="{x}" y2="{_TOP + self.h}" stroke="#eee"/>'
                       f'<text x="{x}" y="{_TOP + self.h + 14}" text-anchor="middle">'
                       f"{escape(_tick_text(t))}</text>")
        for t in nice_ticks(self.y0, self.y1):
            y = _num(self.py(t))
            out.append(f'<line x1="{_LEFT}" y1="{y}" x2="{_LEFT + self.w}" y2="{y}" stroke="#eee"/>'
                       f'<text x="{_LEFT - 4}" y="{y}" text-anchor="end" dy="0.35em">'
                       f"{escape(_tick_text(t))}</text>")
        out.append(f'<text x="{WIDTH / 2}" y="18" text-anchor="middle" font-weight="bold">'
                   f"{escape(title)}</text>")
        out.append(f'<text x="{_LEFT + self.w / 2}" y="{HEIGHT - 8}" text-anchor="middle">'
                   f"{escape(x_label)}</text>")
        out.append(f'<text transform="translate(14,{_TOP + self.h / 2}) rotate(-90)" '
                   f'text-anchor="middle">{escape(y_label)}</text>')
        return out

    def clip(self, chart_id: str) -> str:
        return (f'<defs><clipPath id="{chart_id}"><rect x="{_LEFT}" y="{_TOP}" '
                f'width="{self.w}" height="{self.h}"/></clipPath></defs>')


def _padded(low: float, high: float) -> tuple[float, float]:
    if not (math.isfinite(low) and math.isfinite(high)):
        return 0.0, 1.0
    if high <= low:
        return low - 0.5, high + 0.5
    return low, high


def _svg(parts: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(label)}" '
            'font-family="sans-serif" font-size="11">' + "".join(parts) + "</svg>")


def _finite_range(values: list[np.ndarray]) -> tuple[float, float]:
    known = np.concatenate([v[np.isfinite(v)] for v in values]) if values else np.empty(0)
    return (float(known.min()), float(known.max())) if known.size else (0.0, 1.0)


def _thin(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if len(x) <= _MAX_POINTS:
        return x, y
    keep = np.unique(np.linspace(0, len(x) - 1, _MAX_POINTS).round().astype(int))
    return x[keep], y[keep]


def _legend(labels: list[tuple[str, str, bool]]) -> list[str]:
    """One row under the title, left to right: it never hides a curve."""
    out, x = [], _LEFT
    for label, colour, dashed in labels:
        dash = ' stroke-dasharray="5,3"' if dashed else ""
        shown = label if len(label) <= 24 else label[:11] + "…" + label[-11:]
        out.append(f'<line x1="{x}" y1="34" x2="{x + 20}" y2="34" stroke="{colour}" '
                   f'stroke-width="2"{dash}/><text x="{x + 24}" y="34" dy="0.35em">'
                   f"<title>{escape(label)}</title>{escape(shown)}</text>")
        x += 34 + 6.5 * len(shown)
    return out


def line_chart(series: list[Series], title: str, x_label: str, y_label: str,
               x_range: tuple[float, float] | None = None,
               y_range: tuple[float, float] | None = None, diagonal: bool = False,
               chart_id: str = "c") -> str:
    """Lines through each series' points (gaps at non-finite values); `diagonal` adds the
    dotted line y = x (chance for ROC, perfect calibration)."""
    xs = [np.asarray(s.x, np.float64) for s in series]
    ys = [np.asarray(s.y, np.float64) for s in series]
    frame = _Frame(x_range or _finite_range(xs), y_range or _finite_range(ys))
    parts = frame.axes(title, x_label, y_label) + [frame.clip(chart_id)]
    if diagonal:
        lo, hi = max(frame.x0, frame.y0), min(frame.x1, frame.y1)
        parts.append(f'<line x1="{_num(frame.px(lo))}" y1="{_num(frame.py(lo))}" '
                     f'x2="{_num(frame.px(hi))}" y2="{_num(frame.py(hi))}" stroke="#888" '
                     'stroke-dasharray="2,3"/>')
    legend = []
    for i, (s, x, y) in enumerate(zip(series, xs, ys, strict=True)):
        colour = COLOURS[i % len(COLOURS)]
        x, y = _thin(x, y)
        ok = np.isfinite(x) & np.isfinite(y)
        dash = ' stroke-dasharray="5,3"' if s.dashed else ""
        for run in np.split(np.arange(len(x)), np.flatnonzero(~ok)):
            run = run[ok[run]]
            if len(run) == 1:
                parts.append(f'<circle cx="{_num(frame.px(x[run[0]]))}" '
                             f'cy="{_num(frame.py(y[run[0]]))}" r="2" fill="{colour}"/>')
            elif len(run) > 1:
                points = " ".join(f"{_num(a)},{_num(b)}"
                                  for a, b in zip(frame.px(x[run]), frame.py(y[run]), strict=True))
                parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                             f'stroke-width="1.8"{dash} clip-path="url(#{chart_id})"/>')
        legend.append((s.label, colour, s.dashed))
    if len(series) > 1:
        parts += _legend(legend)
    return _svg(parts, title)


def scatter_chart(x: Sequence[float], y: Sequence[float], title: str, x_label: str,
                  y_label: str, reference: str = "none", chart_id: str = "s") -> str:
    """Points; `reference` "diagonal" draws y = x, "zero" the line y = 0."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    y_range = _finite_range([y])
    if reference == "zero":
        y_range = (min(y_range[0], 0.0), max(y_range[1], 0.0))
    x_range = _finite_range([x])
    if reference == "diagonal":
        x_range = y_range = (min(x_range[0], y_range[0]), max(x_range[1], y_range[1]))
    frame = _Frame(x_range, y_range)
    parts = frame.axes(title, x_label, y_label) + [frame.clip(chart_id)]
    if reference == "diagonal":
        parts.append(f'<line x1="{_num(frame.px(frame.x0))}" y1="{_num(frame.py(frame.x0))}" '
                     f'x2="{_num(frame.px(frame.x1))}" y2="{_num(frame.py(frame.x1))}" '
                     'stroke="#888" stroke-dasharray="2,3"/>')
    elif reference == "zero":
        parts.append(f'<line x1="{_LEFT}" y1="{_num(frame.py(0))}" x2="{_LEFT + frame.w}" '
                     f'y2="{_num(frame.py(0))}" stroke="#888" stroke-dasharray="2,3"/>')
    ok = np.isfinite(x) & np.isfinite(y)
    dots = "".join(f'<circle cx="{_num(a)}" cy="{_num(b)}" r="1.6"/>'
                   for a, b in zip(frame.px(x[ok]), frame.py(y[ok]), strict=True))
    parts.append(f'<g fill="{COLOURS[0]}" fill-opacity="0.45" clip-path="url(#{chart_id})">'
                 f"{dots}</g>")
    return _svg(parts, title)


def bar_chart(items: list[tuple[str, float, float | None]], title: str, x_label: str) -> str:
    """Horizontal bars, one a row in the given order, with ± error whiskers where given;
    negative values (a shuffle that helped) extend left of zero."""
    row, left, right = 18, 170, 96
    height = 40 + row * max(len(items), 1) + 24
    values = [v for _, v, _ in items if math.isfinite(v)]
    ends = [v + (e or 0) for _, v, e in items if math.isfinite(v)] + [0.0]
    lows = [v - (e or 0) for _, v, e in items if math.isfinite(v)] + [0.0]
    lo, hi = min(lows), max(ends + [max(values, default=1.0) or 1.0])
    span = (hi - lo) or 1.0
    width = WIDTH

    def px(v: float) -> float:
        return left + (v - lo) / span * (width - left - right)

    parts = [f'<text x="{width / 2}" y="18" text-anchor="middle" font-weight="bold">'
             f"{escape(title)}</text>"]
    for i, (label, value, error) in enumerate(items):
        y = 34 + row * i
        shown = label if len(label) <= 26 else label[:12] + "…" + label[-12:]
        parts.append(f'<text x="{left - 6}" y="{y + row / 2}" text-anchor="end" dy="0.35em">'
                     f"<title>{escape(label)}</title>{escape(shown)}</text>")
        if not math.isfinite(value):
            continue
        x0, x1 = sorted((px(0.0), px(value)))
        parts.append(f'<rect x="{_num(x0)}" y="{y + 3}" width="{_num(max(x1 - x0, 0.5))}" '
                     f'height="{row - 6}" fill="{COLOURS[0]}"/>')
        if error:
            a, b = _num(px(value - error)), _num(px(value + error))
            parts.append(f'<line x1="{a}" y1="{y + row / 2}" x2="{b}" y2="{y + row / 2}" '
                         'stroke="#333"/>')
        text = f"{value:.3f}" + (f" ± {error:.3f}" if error else "")
        parts.append(f'<text x="{_num(max(x1, px(value + (error or 0))) + 4)}" '
                     f'y="{y + row / 2}" dy="0.35em">{escape(text)}</text>')
    base = 34 + row * len(items)
    parts.append(f'<line x1="{_num(px(0.0))}" y1="30" x2="{_num(px(0.0))}" y2="{base}" '
                 'stroke="#666"/>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{base + 18}" '
                 f'text-anchor="middle">{escape(x_label)}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
            'font-family="sans-serif" font-size="11">' + "".join(parts) + "</svg>")
