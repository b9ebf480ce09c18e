"""Clocks for the scheduler: the system's, and a fake one that tests move by hand.

Suspend shows as a difference between two clocks. ``monotonic`` stops while the computer
sleeps (Linux ``CLOCK_MONOTONIC``, macOS ``mach_absolute_time``); ``boottime`` keeps counting
(Linux ``CLOCK_BOOTTIME``, macOS ``CLOCK_MONOTONIC``). Windows has no such pair in Python, so
there the scheduler sees a suspend as a gap between ticks of the wall clock.
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime, timedelta, tzinfo


def _boottime_clock_id() -> int | None:
    if sys.platform.startswith("linux"):
        return time.CLOCK_BOOTTIME
    if sys.platform == "darwin":
        return time.CLOCK_MONOTONIC
    return None


class SystemClock:
    """The computer's clocks."""

    def __init__(self) -> None:
        self._boottime_id = _boottime_clock_id()

    def wall(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()

    def boottime(self) -> float | None:
        if self._boottime_id is None:
            return None
        return time.clock_gettime(self._boottime_id)

    @property
    def describes_suspend(self) -> str:
        if self._boottime_id is None:
            return "gaps between ticks of the wall clock"
        return "the gap between a clock that counts suspend and one that does not"


class FakeClock:
    """A clock moved by hand: ``advance`` (time passes), ``suspend``, ``set_wall`` (clock set)."""

    def __init__(self, start: datetime, zone: tzinfo, has_boottime: bool = True) -> None:
        self._utc = start.astimezone(UTC)
        self._zone = zone
        self._wall_offset = timedelta(0)
        self._monotonic = 1000.0
        self._boottime = 1000.0
        self._has_boottime = has_boottime

    def wall(self) -> datetime:
        return (self._utc + self._wall_offset).astimezone(self._zone)

    def monotonic(self) -> float:
        return self._monotonic

    def boottime(self) -> float | None:
        return self._boottime if self._has_boottime else None

    def true_time(self) -> datetime:
        """UTC as it really is, whatever the wall clock was set to."""
        return self._utc

    def advance(self, seconds: float) -> None:
        self._utc += timedelta(seconds=seconds)
        self._monotonic += seconds
        self._boottime += seconds

    def suspend(self, seconds: float) -> None:
        """The computer sleeps: real time passes, the monotonic clock stands still."""
        self._utc += timedelta(seconds=seconds)
        self._boottime += seconds

    def set_wall(self, seconds: float) -> None:
        """Someone sets the wall clock by ``seconds``; no time passes."""
        self._wall_offset += timedelta(seconds=seconds)
