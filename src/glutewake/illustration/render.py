"""Draw an exercise or self-test: an animated SVG for screens (CSS animation, still under
``prefers-reduced-motion`` and in print), a still picture of its most telling pose, and a strip
of every key pose for print. Any of its views. Pure.

Where each frame and prop stands is ``staging``'s and ``scenery``'s business; the body is drawn
by ``figure`` and the props by ``props``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from glutewake.catalogue.schema import Exercise, Illustration, Muscle, View
from glutewake.illustration import motion as timing
from glutewake.illustration import props as drawn_props
from glutewake.illustration import scenery, staging
from glutewake.illustration.cues import arrows
from glutewake.illustration.drawing import UNIT, Motion
from glutewake.illustration.figure import Look, figure
from glutewake.illustration.motion import num
from glutewake.illustration.skeleton import CAMERAS
from glutewake.illustration.staging import Frame, Stage
from glutewake.illustration.style import STYLE
from glutewake.screening.profile import Component
from glutewake.screening.schema import SelfTest

Box = tuple[float, float, float, float]  # left, bottom, right, top in figure space (y up)

MARGIN = 0.05  # body heights around the drawing
VOLUME = 0.075  # how far the drawn body reaches past its joints
LABEL_PX = 24
LABEL_CHAR_PX = 7.5  # a generous average glyph width at the label's 13 px
MIN_STRIP_SPAN = 0.6  # body heights: lying figures are not blown up to fill a strip's height
DEFAULT_TEMPO = (2, 1, 2)


@dataclass(frozen=True)
class Subject:
    """What a picture shows: its name, its illustration, the tempo it moves at and which glutes
    light up. ``key`` (a slug) names its CSS animations."""

    key: str
    name: str
    illustration: Illustration
    tempo: tuple[int, int, int] = DEFAULT_TEMPO
    look: Look = field(default_factory=Look)

    @classmethod
    def of(cls, exercise: Exercise) -> Subject:
        muscles = set(exercise.primary_muscles)
        medius = bool(muscles & {Muscle.GLUTEUS_MEDIUS, Muscle.GLUTEUS_MINIMUS})
        maximus = Muscle.GLUTEUS_MAXIMUS in muscles or not medius
        return cls(
            exercise.id,
            exercise.name,
            exercise.illustration,
            exercise.dose.tempo_seconds,
            Look(maximus, medius),
        )

    @classmethod
    def of_self_test(cls, test: SelfTest) -> Subject:
        """A self-test's own picture; refused if the test has none."""
        if test.illustration is None:
            raise ValueError(f"self-test {test.id!r} has no illustration")
        look = Look(Component.GLUTE_MAX in test.components, Component.GLUTE_MED in test.components)
        return cls(test.id, test.name, test.illustration, look=look)


Drawable = Exercise | Subject


def subject(item: Drawable) -> Subject:
    return Subject.of(item) if isinstance(item, Exercise) else item


def views(item: Drawable) -> list[View]:
    """Every camera the item is drawn from, its main view first."""
    return subject(item).illustration.all_views


@dataclass(frozen=True)
class Scene:
    illustration: Illustration
    stage: Stage
    keys: list[Frame]
    props: list[scenery.Prop]

    @classmethod
    def of(cls, illustration: Illustration) -> Scene:
        stage = staging.stage_for(illustration)
        keys = staging.key_frames(illustration, stage)
        return cls(illustration, stage, keys, scenery.scenery(illustration, stage, keys))


def _bounds(frames: Sequence[Frame], scene: Scene, view: View) -> Box:
    camera = CAMERAS[view]
    points = [camera.picture(p) for f in frames for p in f.points.values()]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    box = (min(xs) - VOLUME, min(ys) - VOLUME, max(xs) + VOLUME, max(ys) + VOLUME)
    reach = max((r for _, _, r in staging.held_weights(scene.illustration)), default=0.0)
    if reach:
        box = (box[0] - reach, box[1] - reach, box[2] + reach, box[3] + reach)
    for prop in scene.props:
        for x, y in drawn_props.outline(prop.box, camera):
            box = (min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y))
    if camera.up[1] > 0.99:  # the floor line shows
        box = (box[0], min(box[1], -MARGIN), box[2], max(box[3], 0.0))
    return box[0] - MARGIN, box[1] - MARGIN, box[2] + MARGIN, box[3] + MARGIN


def _squared(box: Box) -> Box:
    """The box padded to a square, the extra height mostly above the figure."""
    left, bottom, right, top = box
    side = max(right - left, top - bottom)
    extra_x, extra_y = side - (right - left), side - (top - bottom)
    return left - extra_x / 2, bottom - extra_y * 0.2, right + extra_x / 2, top + extra_y * 0.8


def _view_box(box: Box) -> str:
    left, bottom, right, top = box
    return f"{num(left * UNIT)} {num(-top * UNIT)} {num((right - left) * UNIT)} {num((top - bottom) * UNIT)}"


def _scene_markup(
    item: Subject,
    scene: Scene,
    view: View,
    frames: Sequence[Frame],
    motion: Motion,
    efforts: Sequence[float],
    nearness: Sequence[tuple[float, ...]],
    box: Box,
) -> str:
    camera = CAMERAS[view]
    middle = sum(camera.depth(f.points["pelvis"]) for f in frames) / len(frames)
    ground = drawn_props.floor(view, camera, box)
    statics = "".join(drawn_props.prop_shapes(p, camera, middle) for p in scene.props)
    backdrop = drawn_props.backdrop(item.illustration, box) if view is not View.TOP else ""
    body = figure(frames, camera, motion, efforts, item.look)
    moving = drawn_props.moving_props(item.illustration, frames, camera, motion, scene.props)
    cues = (
        arrows(item.illustration, scene.keys, motion, nearness)
        if view is item.illustration.view
        else ""
    )
    return f"{backdrop}{ground}{statics}{body}{moving}{cues}"


def _label(item: Subject, kind: str, view: View) -> str:
    names = ", then ".join(pose.name for pose in item.illustration.poses)
    return f"{kind} of {item.name}, {view.value} view: {names}"


def _svg(
    item: Subject, box: Box, width: str, height: str, label: str, content: str, rules: Sequence[str]
) -> str:
    css = STYLE + "".join(rules)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gw-svg" viewBox="{_view_box(box)}" '
        f'width="{width}" height="{height}" role="img" aria-label={quoteattr(label)}>'
        f"<title>{escape(item.name)}</title><style>{css}</style>{content}</svg>"
    )


def _prefix(item: Subject, view: View, kind: str) -> str:
    return "gw-" + re.sub(r"[^a-z0-9]+", "-", f"{item.key}-{view.value}-{kind}".lower())


def animated_svg(item: Drawable, size: int = 240, view: View | None = None) -> str:
    """A self-contained SVG looping smoothly through the key poses at the tempo. Without motion
    (reduced motion, print) it shows the still pose."""
    it = subject(item)
    view = view or it.illustration.view
    scene = Scene.of(it.illustration)
    loop = timing.timeline(it.illustration, scene.stage, scene.keys, it.tempo)
    frames = [k.frame for k in loop]
    clock = timing.Clock.of(loop)
    still_pose = it.illustration.still_index
    still = next(i for i, k in enumerate(loop) if k.frame is scene.keys[still_pose])
    motion = Motion(_prefix(it, view, "a"), clock, still)
    box = _squared(_bounds(frames, scene, view))
    content = _scene_markup(
        it, scene, view, frames, motion, [k.effort for k in loop], [k.near for k in loop], box
    )
    label = _label(it, "Animated figure", view)
    return _svg(it, box, str(size), str(size), label, content, motion.rules)


def _key(
    it: Subject, scene: Scene, index: int
) -> tuple[list[Frame], list[float], list[tuple[float, ...]]]:
    work = timing.efforts(it.illustration)
    near = tuple(1.0 if i == index else 0.0 for i in range(len(scene.keys)))
    return [scene.keys[index]], [work[index]], [near]


def still_svg(item: Drawable, size: int = 240, view: View | None = None) -> str:
    """The most telling pose alone (cards, lists, print), framed like the animation."""
    it = subject(item)
    view = view or it.illustration.view
    scene = Scene.of(it.illustration)
    index = it.illustration.still_index
    frames, work, near = _key(it, scene, index)
    motion = Motion(_prefix(it, view, "s"), None, 0)
    loop = timing.timeline(it.illustration, scene.stage, scene.keys, it.tempo)
    box = _squared(_bounds([k.frame for k in loop], scene, view))
    content = _scene_markup(it, scene, view, frames, motion, work, near, box)
    pose = it.illustration.poses[index].name
    return _svg(
        it,
        box,
        str(size),
        str(size),
        f"Figure of {it.name}, {view.value} view: {pose}",
        content,
        [],
    )


def _widened(box: Box, width: float) -> Box:
    left, bottom, right, top = box
    extra = max(width - (right - left), 0.0) / 2
    return left - extra, bottom, right + extra, top


def strip_svg(item: Drawable, height: int = 160, view: View | None = None) -> str:
    """Every key pose side by side at one scale, each labelled with its name; for print."""
    it = subject(item)
    view = view or it.illustration.view
    scene = Scene.of(it.illustration)
    box = _bounds(scene.keys, scene, view)
    labels = [f"{i + 1}. {pose.name}" for i, pose in enumerate(it.illustration.poses)]
    span = max(box[3] - box[1], MIN_STRIP_SPAN)
    scale = (height - LABEL_PX) / (span * UNIT)  # px per user unit
    widest_label = max(len(label) for label in labels) * LABEL_CHAR_PX + 12
    box = _widened(box, widest_label / scale / UNIT)
    panel = (box[2] - box[0]) * UNIT * scale
    top = height - LABEL_PX - (box[3] - box[1]) * UNIT * scale  # figures stand on the labels
    panels = []
    for i, label in enumerate(labels):
        frames, work, near = _key(it, scene, i)
        motion = Motion(_prefix(it, view, f"p{i}"), None, 0)
        content = _scene_markup(it, scene, view, frames, motion, work, near, box)
        panels.append(
            f'<g data-pose="{i}" transform="translate({num(i * panel)} {num(top)}) '
            f'scale({scale:.5f}) translate({num(-box[0] * UNIT)} {num(box[3] * UNIT)})">'
            f"{content}</g>"
            f'<text class="gw-label" x="{num((i + 0.5) * panel)}" y="{height - 7}">'
            f"{escape(label)}</text>"
        )
    width = num(panel * len(labels))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="gw-svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f"aria-label={quoteattr(_label(it, 'Key poses', view))}>"
        f"<title>{escape(it.name)}</title><style>{STYLE}</style>{''.join(panels)}</svg>"
    )
