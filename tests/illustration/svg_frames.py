"""Read a rendered illustration back from its SVG: every frame of every element (from its
``transform`` attribute and its CSS keyframes), the drawn outline of each body part and prop, and
the joints of the figure. Test helper; it knows only SVG, not the renderer's code."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from glutewake.illustration import skeleton
from glutewake.illustration.body import HAND_BACK
from glutewake.illustration.drawing import UNIT
from glutewake.illustration.figure import NECK_LENGTH

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"
Point = tuple[float, float]
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as SVG's matrix()
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FUNCTION = re.compile(r"(translate|rotate|scale)\(([^)]*)\)")


def multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + c * b2,
        b * a2 + d * b2,
        a * c2 + c * d2,
        b * c2 + d * d2,
        a * e2 + c * f2 + e,
        b * e2 + d * f2 + f,
    )


def apply(m: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = m
    x, y = point
    return a * x + c * y + e, b * x + d * y + f


@dataclass(frozen=True)
class Transform:
    dx: float = 0.0
    dy: float = 0.0
    angle: float = 0.0  # SVG degrees (clockwise on screen)
    stretch: float = 1.0

    @property
    def matrix(self) -> Matrix:
        r = math.radians(self.angle)
        cos, sin = math.cos(r), math.sin(r)
        return (cos * self.stretch, sin * self.stretch, -sin, cos, self.dx, self.dy)


def parse_transform(text: str) -> Transform:
    values: dict[str, list[float]] = {}
    for name, args in FUNCTION.findall(text):
        values[name] = [
            float(v) for v in re.split(r"[ ,]+", args.replace("px", "").replace("deg", "").strip())
        ]
    dx, dy = values.get("translate", [0.0, 0.0])
    (angle,) = values.get("rotate", [0.0])
    stretch = values.get("scale", [1.0])[0]
    return Transform(dx, dy, angle, stretch)


@dataclass
class Drawing:
    """One SVG: its frame times and each animation's values at those times."""

    root: ET.Element
    rules: dict[str, dict[float, str]]  # keyframes name -> share (0-1) -> value
    seconds: float

    @classmethod
    def parse(cls, svg: str) -> Drawing:
        root = ET.fromstring(svg)
        style = root.find("svg:style", NS)
        css = style.text or "" if style is not None else ""
        rules: dict[str, dict[float, str]] = {}
        for name, body in re.findall(r"@keyframes ([\w-]+)\{((?:[^{}]*\{[^{}]*\})*)\}", css):
            stops: dict[float, str] = {}
            for times, value in re.findall(r"([\d.,%]+)\{[\w-]+:([^}]*)\}", body):
                for time in times.split(","):
                    stops[float(time.rstrip("%")) / 100] = value
            rules[name] = stops
        durations = {float(d) for d in re.findall(r"animation:[\w-]+ ([\d.]+)s", svg)}
        assert len(durations) <= 1, durations
        return cls(root, rules, durations.pop() if durations else 0.0)

    @property
    def shares(self) -> list[float]:
        found = {share for stops in self.rules.values() for share in stops}
        return sorted(found) or [0.0]

    def values(self, element: ET.Element, prop: str, static: str) -> list[str]:
        """The element's value of ``prop`` at every frame (its static value if it does not move)."""
        match = re.search(r"animation:([\w-]+)", element.attrib.get("style", ""))
        if match is None:
            return [static] * len(self.shares)
        stops = self.rules[match.group(1)]
        assert set(stops) == set(self.shares), "every animation has a value at every frame"
        return [stops[share] for share in self.shares]

    def transforms(self, element: ET.Element) -> list[Transform]:
        static = element.attrib.get("transform", "")
        return [parse_transform(v) for v in self.values(element, "transform", static)]

    def still(self, element: ET.Element) -> Transform:
        return parse_transform(element.attrib.get("transform", ""))


def _path_points(d: str) -> list[Point]:
    """Points along an SVG path using M, L, H, V, C, Q and Z (absolute), curves sampled."""
    tokens = re.findall(r"[MLHVCQZ]|-?[\d.]+(?:e-?\d+)?", d)
    points: list[Point] = []
    i, command, current = 0, "M", (0.0, 0.0)

    def number() -> float:
        nonlocal i
        i += 1
        return float(tokens[i - 1])

    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command == "Z":
                continue
        if command in "ML":
            current = (number(), number())
            points.append(current)
        elif command == "H":
            current = (number(), current[1])
            points.append(current)
        elif command == "V":
            current = (current[0], number())
            points.append(current)
        elif command in "CQ":
            count = 3 if command == "C" else 2
            controls = [current] + [(number(), number()) for _ in range(count)]
            for step in range(1, 9):
                t = step / 8
                pts = list(controls)
                while len(pts) > 1:  # de Casteljau
                    pts = [
                        ((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1])
                        for a, b in itertools.pairwise(pts)
                    ]
                points.append(pts[0])
            current = controls[-1]
    return points


def shape_points(element: ET.Element, matrix: Matrix) -> list[Point]:
    """The outline of one drawn shape (path, circle or ellipse) under ``matrix``."""
    tag = element.tag.removeprefix(SVG)
    if tag == "path":
        local = _path_points(element.attrib["d"])
    elif tag in ("circle", "ellipse"):
        cx, cy = float(element.attrib.get("cx", 0)), float(element.attrib.get("cy", 0))
        rx = float(element.attrib.get("r", element.attrib.get("rx", 0)))
        ry = float(element.attrib.get("r", element.attrib.get("ry", 0)))
        local = [
            (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
            for a in range(0, 360, 15)
        ]
    elif tag == "rect":
        x, y = float(element.attrib["x"]), float(element.attrib["y"])
        w, h = float(element.attrib["width"]), float(element.attrib["height"])
        local = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
    else:
        return []
    return [apply(matrix, p) for p in local]


def outline(
    drawing: Drawing, element: ET.Element, frame: int, matrix: Matrix = IDENTITY
) -> list[Point]:
    """Every drawn point of an element and its children in one frame."""
    if "transform" in element.attrib or "style" in element.attrib:
        matrix = multiply(matrix, drawing.transforms(element)[frame].matrix)
    points = shape_points(element, matrix)
    for child in element:
        points += outline(drawing, child, frame, matrix)
    return points


def figures(svg: str) -> Iterator[tuple[Drawing, ET.Element]]:
    """Each drawn figure: the whole SVG, or each panel of a strip."""
    drawing = Drawing.parse(svg)
    panels = drawing.root.findall("svg:g[@data-pose]", NS)
    for panel in panels or [drawing.root]:
        yield drawing, panel


def parts(scope: ET.Element) -> dict[str, ET.Element]:
    return {e.attrib["data-part"]: e for e in scope.iter() if "data-part" in e.attrib}


def _stretch(drawing: Drawing, group: ET.Element) -> list[float]:
    for child in group:
        if "transform" in child.attrib:
            return [t.stretch for t in drawing.transforms(child)]
    return [1.0] * len(drawing.shares)


@dataclass(frozen=True)
class Segment:
    start: Point
    end: Point
    angle: float  # picture degrees, counter-clockwise (y up)


def segments(drawing: Drawing, scope: ET.Element) -> dict[str, list[Segment]]:
    """Each limb, the torso, the pelvis's axis and the neck, frame by frame (SVG units)."""
    found: dict[str, list[Segment]] = {}
    lengths = {s.name: s.length for s in skeleton.SEGMENTS} | {"pelvis": 0.1, "neck": NECK_LENGTH}
    for name, group in parts(scope).items():
        if name not in lengths or name == "head":
            continue
        stretches = _stretch(drawing, group)
        found[name] = []
        for t, k in zip(drawing.transforms(group), stretches, strict=True):
            r = math.radians(t.angle)
            size = lengths[name] * UNIT * k
            found[name].append(
                Segment(
                    (t.dx, t.dy), (t.dx + size * math.cos(r), t.dy + size * math.sin(r)), -t.angle
                )
            )
    return found


def joints(drawing: Drawing, scope: ET.Element, frame: int) -> dict[str, Point]:
    """The figure's joints in one frame, read off its parts (SVG units, y down)."""
    lines = segments(drawing, scope)
    found: dict[str, Point] = {"pelvis": lines["pelvis"][frame].start}
    for spec in skeleton.SEGMENTS:
        if spec.name == "head":
            continue
        found[spec.parent_joint] = lines[spec.name][frame].start
        found[spec.child_joint] = lines[spec.name][frame].end
    head = parts(scope)["head"]
    t = drawing.transforms(head)[frame]
    found["head"] = (t.dx, t.dy)
    return found


def hand_offset() -> float:
    return HAND_BACK * UNIT
