"""SVG building blocks shared by the figure and its props: units, numbers, smooth outlines, and
elements whose transform or opacity plays through the frames with CSS. Pure.

SVG user space is figure space times ``UNIT`` with y flipped, so the floor is the line y = 0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from glutewake.illustration.motion import Clock, animation, keyframes, num

Point = tuple[float, float]
UNIT = 100.0  # SVG user units per body height


def smooth_path(points: Sequence[Point], closed: bool = True) -> str:
    """A smooth curve through the points (Catmull-Rom as cubic Beziers), in SVG units."""
    pts = [(x * UNIT, -y * UNIT) for x, y in points]
    count = len(pts)
    parts = [f"M{num(pts[0][0])},{num(pts[0][1])}"]
    last = count if closed else count - 1
    for i in range(last):
        p0 = pts[(i - 1) % count] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % count]
        p3 = pts[(i + 2) % count] if closed or i + 2 < count else p2
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        parts.append(
            f"C{num(c1[0])},{num(c1[1])} {num(c2[0])},{num(c2[1])} {num(p2[0])},{num(p2[1])}"
        )
    return "".join(parts) + ("Z" if closed else "")


def polygon_path(points: Sequence[Point]) -> str:
    pts = [(x * UNIT, -y * UNIT) for x, y in points]
    return "M" + "L".join(f"{num(x)},{num(y)}" for x, y in pts) + "Z"


def taper(length: float, start: float, end: float) -> str:
    """A limb between two joints, as long as the segment, ``start`` and ``end`` wide (radii);
    the joints' round ends are drawn as circles."""
    u = UNIT
    return (
        f"M0,{num(-start * u)}L{num(length * u)},{num(-end * u)}"
        f"L{num(length * u)},{num(end * u)}L0,{num(start * u)}Z"
    )


@dataclass(frozen=True)
class Place:
    """Where a drawn element is in one frame: moved to (x, y) (figure space), turned ``angle``
    degrees counter-clockwise, stretched ``stretch`` times along its x axis."""

    x: float = 0.0
    y: float = 0.0
    angle: float = 0.0
    stretch: float = 1.0


def unwrap(angles: Sequence[float]) -> list[float]:
    """The angles with whole turns added so that no frame jumps by more than half a turn."""
    result: list[float] = []
    for angle in angles:
        if result:
            angle += round((result[-1] - angle) / 360.0) * 360.0
        result.append(angle)
    return result


@dataclass
class Motion:
    """Collects the CSS keyframes of one drawing. Without a clock nothing moves: each element
    shows its still frame."""

    prefix: str
    clock: Clock | None
    still: int
    rules: list[str] = field(default_factory=list)

    def _name(self) -> str:
        return f"{self.prefix}-{len(self.rules)}"

    def place(self, places: Sequence[Place]) -> str:
        """The ``transform`` (and animation) attributes for an element moving through ``places``,
        one per frame."""
        angles = unwrap([p.angle for p in places])
        parts: list[tuple[str, str, list[str]]] = []  # (attribute form, css form) per function
        if any(abs(p.x) > 1e-9 or abs(p.y) > 1e-9 for p in places):
            xs = [num(p.x * UNIT) for p in places]
            ys = [num(-p.y * UNIT) for p in places]
            parts.append(("translate({x} {y})", "translate({x}px,{y}px)", [*xs, "|", *ys]))
        if any(abs(a) > 1e-9 for a in angles):
            parts.append(("rotate({v})", "rotate({v}deg)", [num(-a) for a in angles]))
        if any(abs(p.stretch - 1.0) > 1e-3 for p in places):
            parts.append(("scale({v} 1)", "scale({v},1)", [num(p.stretch, 3) for p in places]))
        if not parts:
            return ""

        def written(form: int, k: int) -> str:
            out = []
            for attribute, css, values in parts:
                template = (attribute, css)[form]
                if "|" in values:
                    half = values.index("|")
                    out.append(template.format(x=values[k], y=values[half + 1 + k]))
                else:
                    out.append(template.format(v=values[k]))
            return " ".join(out)

        attribute = f' transform="{written(0, self.still)}"'
        css_values = [written(1, k) for k in range(len(places))]
        return attribute + self._animate("transform", css_values)

    def opacity(self, values: Sequence[float]) -> str:
        attribute = f' opacity="{num(values[self.still], 2)}"'
        return attribute + self._animate("opacity", [num(v, 2) for v in values])

    def _animate(self, prop: str, values: Sequence[str]) -> str:
        if self.clock is None or len(set(values)) == 1:
            return ""
        name = self._name()
        self.rules.append(keyframes(name, self.clock, values, prop))
        return f' style="{animation(name, self.clock)}"'


def angle_of(vector: Point) -> float:
    return math.degrees(math.atan2(vector[1], vector[0]))
