"""Arrows that show what moves when a pose changes little (a squeeze, a turn of the thighs).
Drawn in the main view at their pose, fading in as the figure reaches it. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence

from glutewake.catalogue.schema import Arrow, Illustration
from glutewake.illustration.drawing import UNIT, Motion
from glutewake.illustration.motion import num
from glutewake.illustration.skeleton import CAMERAS
from glutewake.illustration.staging import Frame

HEAD = 0.035  # body heights: the arrowhead's length


def _arrow(arrow: Arrow, start: tuple[float, float]) -> str:
    a = math.radians(arrow.toward)
    x0, y0 = start
    x1, y1 = x0 + arrow.length * math.cos(a), y0 + arrow.length * math.sin(a)
    # A bent arrow curves through a control point off to its left.
    bend = math.tan(math.radians(arrow.bend) / 2) * arrow.length / 2
    cx, cy = (x0 + x1) / 2 - bend * math.sin(a), (y0 + y1) / 2 + bend * math.cos(a)
    end_angle = math.atan2(y1 - cy, x1 - cx)
    tip = [
        (x1 + HEAD * 0.35 * math.cos(end_angle), y1 + HEAD * 0.35 * math.sin(end_angle)),
        (x1 - HEAD * math.cos(end_angle - 0.5), y1 - HEAD * math.sin(end_angle - 0.5)),
        (x1 - HEAD * math.cos(end_angle + 0.5), y1 - HEAD * math.sin(end_angle + 0.5)),
    ]

    def p(x: float, y: float) -> str:
        return f"{num(x * UNIT)},{num(-y * UNIT)}"

    return (
        f'<path class="gw-cue" d="M{p(x0, y0)}Q{p(cx, cy)} {p(x1, y1)}"/>'
        f'<path class="gw-cue-head" d="M{p(*tip[0])}L{p(*tip[1])}L{p(*tip[2])}Z"/>'
    )


def arrows(
    illustration: Illustration,
    keys: Sequence[Frame],
    motion: Motion,
    nearness: Sequence[tuple[float, ...]],
) -> str:
    """Each pose's arrows at that pose, visible near it."""
    camera = CAMERAS[illustration.view]
    drawn = []
    for i, pose in enumerate(illustration.poses):
        if not pose.arrows:
            continue
        shapes = "".join(
            _arrow(arrow, camera.picture(keys[i].points[arrow.at])) for arrow in pose.arrows
        )
        opacity = motion.opacity([near[i] ** 2 for near in nearness])
        drawn.append(f'<g data-arrows="{i}"{opacity}>{shapes}</g>')
    return "".join(drawn)
