"""Small SVG charts drawn on the server: the progress page and the PDF handout share them. Pure.

Made to be read on a 360 px phone and without colour: every line has its own dash and marker
shape, bars are outlined or filled, each series is named in a legend and at its last point,
and values are written next to the marks. Everything is drawn in ``currentColor``, so the
charts take the text colour of the page (or the paper). Each chart has a title and a
description for screen readers, with ids made from its ``key`` (unique on a page); the pages print the same numbers as a table as well.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 340
FONT = 12  # user units: a 340-unit-wide chart on a 360 px screen draws text at about 12 px
LEFT, RIGHT, TOP, BOTTOM = 34, 72, 26, 26
LABEL_WIDTH = 40  # room for one x label such as "12 Mar"
DASHES = ("", "6 4", "2 3")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per x label; None leaves a gap


def _text(x: float, y: float, text: str, anchor: str = "middle", size: int = FONT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="currentColor">{escape(text)}</text>'
    )


def _marker(shape: int, x: float, y: float) -> str:
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="currentColor"/>'
    if shape == 1:
        return (
            f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" class="hollow" fill="white" '
            'stroke="currentColor" stroke-width="1.5"/>'
        )
    return (
        f'<path d="M{x:.1f} {y - 4.5:.1f}L{x + 4:.1f} {y + 3:.1f}L{x - 4:.1f} {y + 3:.1f}Z" '
        'fill="currentColor"/>'
    )


def _open(key: str, title: str, description: str, height: int, css: str) -> tuple[str, str]:
    number = escape(key)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" viewBox="0 0 {WIDTH} '
        f'{height}" width="100%" role="img" aria-labelledby="chart-{number}-t chart-{number}-d" '
        f'font-family="sans-serif">'
        f'<title id="chart-{number}-t">{escape(title)}</title>'
        f'<desc id="chart-{number}-d">{escape(description)}</desc>'
    )
    return head, "</svg>"


def _x_labels(labels: Sequence[str], xs: Sequence[float], y: float) -> list[str]:
    every = max(1, math.ceil(len(labels) * LABEL_WIDTH / (WIDTH - LEFT - RIGHT)))
    last = len(labels) - 1
    shown = [i for i in range(len(labels)) if (last - i) % every == 0]
    return [_text(xs[i], y, labels[i], size=FONT - 1) for i in shown]


def _positions(n: int) -> list[float]:
    plot = WIDTH - LEFT - RIGHT
    step = plot / n
    return [LEFT + step * (i + 0.5) for i in range(n)]


def _legend(names: Sequence[str], y: float) -> list[str]:
    parts, x = [], float(LEFT)
    for index, name in enumerate(names):
        dash = f' stroke-dasharray="{DASHES[index % 3]}"' if DASHES[index % 3] else ""
        parts.append(
            f'<line x1="{x:.1f}" y1="{y - 4:.1f}" x2="{x + 22:.1f}" y2="{y - 4:.1f}" '
            f'stroke="currentColor" stroke-width="2"{dash}/>'
        )
        parts.append(_marker(index % 3, x + 11, y - 4))
        parts.append(_text(x + 27, y, name, anchor="start"))
        x += 34 + FONT * 0.6 * len(name) + 12
    return parts


def _spread(positions: list[tuple[float, int]], gap: float) -> dict[int, float]:
    """End labels moved apart vertically so that none overlaps another."""
    placed: dict[int, float] = {}
    last = -math.inf
    for y, index in sorted(positions):
        y = max(y, last + gap)
        placed[index] = y
        last = y
    return placed


def line_chart(
    key: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    top: float,
    unit: str = "",
    ticks: Sequence[float] = (),
    height: int = 190,
) -> str:
    """Lines over ``labels`` from 0 to ``top``, each named at its last point with its value."""
    plot_bottom = height - BOTTOM
    xs = _positions(len(labels))

    def y_of(value: float) -> float:
        return plot_bottom - (plot_bottom - TOP) * min(value, top) / top

    description = "; ".join(
        f"{s.name}: "
        + ", ".join(
            f"{label} {_value(v, unit)}"
            for label, v in zip(labels, s.values, strict=True)
            if v is not None
        )
        for s in series
    )
    head, tail = _open(key, title, description or "No values yet.", height, "line-chart")
    parts = [head, *_legend([s.name for s in series], FONT + 2)]
    for tick in ticks or (0, top / 2, top):
        y = y_of(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="currentColor" stroke-opacity="0.25" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 4, y + 4, _value(tick, unit), anchor="end", size=FONT - 1))
    ends: list[tuple[float, int]] = []
    for index, one in enumerate(series):
        dash = f' stroke-dasharray="{DASHES[index % 3]}"' if DASHES[index % 3] else ""
        for run in _runs(one.values):
            points = " ".join(f"{xs[i]:.1f},{y_of(v):.1f}" for i, v in run)
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="currentColor" '
                f'stroke-width="2"{dash}/>'
            )
            parts.extend(_marker(index % 3, xs[i], y_of(v)) for i, v in run)
        last = next(
            ((i, v) for i, v in reversed(list(enumerate(one.values))) if v is not None), None
        )
        if last is not None:
            ends.append((y_of(last[1]) + 4, index))
    for index, y in _spread(ends, FONT + 1).items():
        value = next(v for v in reversed(series[index].values) if v is not None)
        name = series[index].name.split()[0]
        parts.append(_text(WIDTH - RIGHT + 6, y, f"{name} {_value(value, unit)}", anchor="start"))
    parts.extend(_x_labels(labels, xs, height - 8))
    parts.append(tail)
    return "".join(parts)


def _runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    runs: list[list[tuple[int, float]]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((i, value))
    return [run for run in runs if run]


def _value(value: float, unit: str) -> str:
    number = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{number}{unit}"


def done_chart(
    key: str, title: str, labels: Sequence[str], planned: Sequence[int], done: Sequence[int]
) -> str:
    """Bars of sessions planned (outlined) with those done filled in, "done/planned" on top."""
    height = 170
    plot_bottom = height - BOTTOM
    xs = _positions(len(labels))
    width = max(6.0, min(26.0, (WIDTH - LEFT - RIGHT) / max(1, len(labels)) * 0.7))
    top = max([1, *planned, *done])
    description = ", ".join(
        f"{label}: {d} of {p} done" for label, p, d in zip(labels, planned, done, strict=True) if p
    )
    head, tail = _open(key, title, description or "No sessions due yet.", height, "done-chart")
    parts = [
        head,
        f'<rect x="{LEFT}" y="4" width="12" height="12" fill="none" stroke="currentColor" '
        'stroke-width="1.5"/>',
        _text(LEFT + 17, 15, "planned", anchor="start"),
        f'<rect x="{LEFT + 90}" y="4" width="12" height="12" fill="currentColor"/>',
        _text(LEFT + 107, 15, "done", anchor="start"),
    ]
    scale = (plot_bottom - TOP - FONT) / top
    for x, p, d in zip(xs, planned, done, strict=True):
        if p:
            parts.append(
                f'<rect x="{x - width / 2:.1f}" y="{plot_bottom - p * scale:.1f}" '
                f'width="{width:.1f}" height="{p * scale:.1f}" fill="none" '
                'stroke="currentColor" stroke-width="1.5"/>'
            )
        if d:
            parts.append(
                f'<rect x="{x - width / 2:.1f}" y="{plot_bottom - d * scale:.1f}" '
                f'width="{width:.1f}" height="{d * scale:.1f}" fill="currentColor"/>'
            )
        if p or d:
            parts.append(_text(x, plot_bottom - max(p, d) * scale - 4, f"{d}/{p}", size=FONT - 1))
    parts.append(
        f'<line x1="{LEFT}" y1="{plot_bottom}" x2="{WIDTH - RIGHT}" y2="{plot_bottom}" '
        'stroke="currentColor" stroke-width="1"/>'
    )
    parts.extend(_x_labels(labels, xs, height - 8))
    parts.append(tail)
    return "".join(parts)


def sparkline(key: str, title: str, values: Sequence[int | None], unit: str = "") -> str:
    """A small line of weekly values with its first and last value written at the ends."""
    width, height, pad = 150, 34, 30
    known = [v for v in values if v is not None]
    low, high = (min(known), max(known)) if known else (0, 1)
    span = (high - low) or 1
    n = max(1, len(values) - 1)

    def xy(i: int, v: float) -> tuple[float, float]:
        return pad + (width - 2 * pad) * i / n, height - 8 - (height - 16) * (v - low) / span

    number = escape(key)
    shown = ", ".join(_value(v, unit) for v in known)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart sparkline" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" role="img" '
        f'aria-labelledby="chart-{number}-t" font-family="sans-serif">'
        f'<title id="chart-{number}-t">{escape(title)}: {escape(shown or "no values")}</title>'
    ]
    for run in _runs(values):
        points = " ".join("{:.1f},{:.1f}".format(*xy(i, v)) for i, v in run)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
        )
        parts.extend(_marker(0, *xy(i, v)).replace('r="3.5"', 'r="2"') for i, v in run)
    if known:
        parts.append(_text(pad - 4, height / 2 + 4, _value(known[0], unit), anchor="end", size=11))
        parts.append(
            _text(width - pad + 4, height / 2 + 4, _value(known[-1], unit), anchor="start", size=11)
        )
    parts.append("</svg>")
    return "".join(parts)
