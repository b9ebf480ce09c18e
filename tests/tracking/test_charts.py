"""The SVG charts: well formed, legible at 360 px, and readable without colour."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from glutewake.tracking.charts import Series, done_chart, line_chart, sparkline

SVG = "{http://www.w3.org/2000/svg}"
LABELS = [f"{n} Mar" for n in range(1, 13)]


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def texts(svg: str) -> list[str]:
    return [node.text or "" for node in parse(svg).iter(f"{SVG}text")]


def test_a_line_chart_names_each_series_by_its_dash_marker_and_last_value() -> None:
    left = Series("Left glute", (30, 40, None, 60, 80))
    right = Series("Right glute", (50, 50, 55, None, None))
    svg = line_chart("g", "Felt in the glute", LABELS[:5], [left, right], top=100, unit="%")
    root = parse(svg)
    assert root.get("viewBox") == "0 0 340 190"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    assert "Left glute: 1 Mar 30%, 2 Mar 40%, 4 Mar 60%, 5 Mar 80%" in (
        root.findtext(f"{SVG}desc") or ""
    )
    lines = root.findall(f"{SVG}polyline")
    assert len(lines) == 3  # the gap splits the left line in two
    assert {line.get("stroke-dasharray") for line in lines} == {None, "6 4"}
    assert {"Left 80%", "Right 55%", "Left glute", "Right glute", "100%", "0%"} <= set(texts(svg))
    shapes = {node.tag for node in root if node.tag in (f"{SVG}circle", f"{SVG}rect")}
    assert shapes == {f"{SVG}circle", f"{SVG}rect"}  # dots for one series, squares for the other


def test_charts_draw_in_the_text_colour_at_a_legible_size() -> None:
    svgs = [
        line_chart("a", "A", LABELS, [Series("One", tuple(range(12)))], top=10),
        done_chart("b", "B", LABELS, [4] * 12, [n % 5 for n in range(12)]),
        sparkline("c", "C", [10, None, 12, 15], " s"),
    ]
    for svg in svgs:
        colours = set(re.findall(r'(?:fill|stroke)="([^"]+)"', svg))
        assert colours <= {"currentColor", "none", "white"}, colours
        sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
        assert min(sizes) >= 11


def test_x_labels_thin_out_to_fit_and_keep_the_latest_week() -> None:
    many = [f"w{n}" for n in range(26)]
    svg = line_chart("m", "M", many, [Series("One", tuple([1.0] * 26))], top=2)
    shown = [text for text in texts(svg) if text.startswith("w")]
    assert "w25" in shown
    assert 3 <= len(shown) <= 7


def test_done_bars_write_done_over_planned_and_the_legend_says_which_is_which() -> None:
    svg = done_chart("d", "Sessions", ["1 Mar", "8 Mar"], [4, 4], [3, 0])
    assert {"3/4", "0/4", "planned", "done"} <= set(texts(svg))
    assert "1 Mar: 3 of 4 done, 8 Mar: 0 of 4 done" in (parse(svg).findtext(f"{SVG}desc") or "")


def test_text_is_escaped_and_ids_come_from_the_key() -> None:
    svg = sparkline("ex-a", "<b>&", [1, 2], "")
    assert "<b>" not in svg
    assert 'id="chart-ex-a-t"' in svg
    parse(svg)
