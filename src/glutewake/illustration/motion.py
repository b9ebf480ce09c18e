"""Time: the frames of one loop through the key poses at the dose's tempo, and the CSS keyframes
that play a drawn element through them. Pure.

The loop is pose 1 -> 2 -> ... -> last -> back to 1. Each move is sampled at a few eased
in-between frames; the browser interpolates linearly between them, so limbs keep their length
to within a hair and planted feet do not visibly slide.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from glutewake.catalogue.schema import Illustration, Pose
from glutewake.illustration import skeleton, staging
from glutewake.illustration.staging import Frame, Stage

FRAMES_PER_MOVE = 5
MAX_TURN_PER_FRAME = 30.0  # degrees: a limb that swings further gets more in-between frames
MIN_MOVE_SECONDS = 0.5
RESTING_EFFORT = 0.25  # the first pose's muscle highlight, unless the pose says otherwise
WORKING_EFFORT = 1.0


@dataclass(frozen=True)
class Keyframe:
    seconds: float
    frame: Frame
    effort: float
    near: tuple[float, ...]  # how close to each key pose (1 on it, 0 a move or more away)


def move_seconds(pose_count: int, tempo: tuple[int, int, int]) -> list[float]:
    """Seconds for each move i -> i+1 (the last one returns to pose 0).

    The way out (pose 0 to the last pose) takes the tempo's first number, shared between its
    moves; the way back takes the third number.
    """
    out, _, back = tempo
    forward = max(out / (pose_count - 1), MIN_MOVE_SECONDS)
    return [forward] * (pose_count - 1) + [max(float(back), MIN_MOVE_SECONDS)]


def efforts(illustration: Illustration) -> list[float]:
    """Each key pose's muscle effort: as written, else resting at the start and working after."""
    return [
        pose.effort if pose.effort is not None else (RESTING_EFFORT if i == 0 else WORKING_EFFORT)
        for i, pose in enumerate(illustration.poses)
    ]


def ease(share: float) -> float:
    return (1.0 - math.cos(math.pi * share)) / 2.0


def _nearness(count: int, start: int, share: float) -> tuple[float, ...]:
    end = (start + 1) % count
    values = [0.0] * count
    values[start] += 1.0 - share
    values[end] += share
    return tuple(values)


def _steps(first: Pose, second: Pose) -> int:
    """In-between frames for a move: more when a limb swings far (the eased middle of the move
    turns fastest, pi / 2 times the average)."""
    start, end = skeleton.full_angles(first.angles), skeleton.full_angles(second.angles)
    turn = max(abs(skeleton.between(start[name], end[name])) for name in start)
    return max(FRAMES_PER_MOVE, math.ceil(turn * math.pi / 2 / MAX_TURN_PER_FRAME))


def timeline(
    illustration: Illustration, stage: Stage, keys: Sequence[Frame], tempo: tuple[int, int, int]
) -> list[Keyframe]:
    """Every frame of one loop 0 -> 1 -> ... -> last -> 0 with its time; dwells repeat a frame."""
    poses = illustration.poses
    count = len(poses)
    work = efforts(illustration)
    _, pause, _ = tempo
    moves = move_seconds(count, tempo)
    frames = [Keyframe(0.0, keys[0], work[0], _nearness(count, 0, 0.0))]
    for i, pose in enumerate(poses):
        dwell = pose.hold + (pause if i == count - 1 else 0)
        if dwell > 0:
            frames.append(Keyframe(frames[-1].seconds + dwell, keys[i], work[i], frames[-1].near))
        end = (i + 1) % count
        start_time = frames[-1].seconds
        steps = _steps(pose, poses[end])
        for step in range(1, steps + 1):
            share = ease(step / steps)
            frame = (
                keys[end]
                if step == steps
                else staging.in_between(stage, (pose, poses[end]), (keys[i], keys[end]), share)
            )
            effort = work[i] + (work[end] - work[i]) * share
            seconds = start_time + moves[i] * step / steps
            frames.append(Keyframe(seconds, frame, effort, _nearness(count, i, share)))
    return frames


# -- CSS ------------------------------------------------------------------------------------------


def num(value: float, places: int = 1) -> str:
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class Clock:
    """The loop's length and each frame's share of it (0-1)."""

    seconds: float
    shares: tuple[float, ...]

    @classmethod
    def of(cls, frames: Sequence[Keyframe]) -> Clock:
        total = frames[-1].seconds
        return cls(total, tuple(k.seconds / total for k in frames))


def keyframes(name: str, clock: Clock, values: Sequence[str], prop: str) -> str:
    """A CSS @keyframes rule setting ``prop`` to each value at its frame's time; stops with the
    same value share one rule."""
    stops: dict[str, list[str]] = {}
    for share, value in zip(clock.shares, values, strict=True):
        stops.setdefault(value, []).append(f"{num(share * 100, 1)}%")
    body = "".join(f"{','.join(times)}{{{prop}:{value}}}" for value, times in stops.items())
    return f"@keyframes {name}{{{body}}}"


def animation(name: str, clock: Clock) -> str:
    return f"animation:{name} {num(clock.seconds, 2)}s linear infinite"
