"""The computer's clocks, as the scheduler's driver reads them (``reminders.clock.Clock``).

Suspend shows as a difference between two clocks. ``monotonic`` stops while the computer
sleeps (Linux ``CLOCK_MONOTONIC``, macOS ``mach_absolute_time``); ``boottime`` keeps counting
(Linux ``CLOCK_BOOTTIME``, macOS ``CLOCK_MONOTONIC``). Windows has no such pair in Python, so
there the scheduler sees a suspend as a gap between ticks of the wall clock.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime


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
