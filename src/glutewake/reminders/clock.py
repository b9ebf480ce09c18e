"""The clocks the scheduler's driver reads: the protocol, and a fake one that tests move by hand.

Suspend shows as a difference between two clocks: ``monotonic`` stops while the computer sleeps,
``boottime`` keeps counting. The computer's own clocks are ``glutewake.desktop.clock``.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """What the scheduler's driver reads; ``FakeClock`` and the desktop's ``SystemClock``."""

    def wall(self) -> datetime:
        """The local wall time, timezone-aware."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; may stop while the computer sleeps."""

    def boottime(self) -> float | None:
        """Seconds that keep counting while suspended, or None where there is no such clock."""


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
