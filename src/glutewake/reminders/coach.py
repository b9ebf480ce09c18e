"""The scheduler with its clock: reads the clock for every tick and keeps the state."""

from __future__ import annotations

from glutewake.reminders.clock import Clock
from glutewake.reminders.events import Effect, Event, Stop, Tick
from glutewake.reminders.scheduler import step
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.state import BreakState, Status, describe


class Coach:
    """The state machine with its clock: reads the clock for every tick, keeps the state."""

    def __init__(self, rules: BreakSettings, clock: Clock, state: BreakState | None = None) -> None:
        self.rules = rules
        self.clock = clock
        self.state = state or BreakState()

    def tick(self, idle_seconds: float | None = None) -> list[Effect]:
        reading = Tick(
            wall=self.clock.wall(),
            monotonic=self.clock.monotonic(),
            boottime=self.clock.boottime(),
            idle_seconds=idle_seconds,
        )
        return self._apply(reading)

    def respond(self, event: Event) -> list[Effect]:
        """A response from the person at the desk: a tick (they are present), then the event."""
        effects = self.tick(idle_seconds=0.0)
        return effects + self._apply(event)

    def stop(self) -> list[Effect]:
        return self._apply(Stop())

    def status(self) -> Status:
        return describe(self.rules, self.state, self.clock.wall())

    def _apply(self, event: Event) -> list[Effect]:
        transition = step(self.rules, self.state, event)
        self.state = transition.state
        return list(transition.effects)
