"""The background loop: reads the real clocks, feeds the scheduler, carries out its effects.

One asyncio loop: every tick (15 s; every second during the guided timer; sooner when a
deadline is near) it reads the idle time, sends a ``Tick`` and performs the effects: prompts
through the prompter, records through the sink (the store bridge). Answers arrive on a queue
from notification buttons or the terminal. ``ControlFiles`` connect it to other commands: it
writes ``status.json`` and applies the pause in ``control.json``.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

from glutewake.desktop.control import HEARTBEAT_SECONDS, ControlFiles
from glutewake.desktop.idle import IdleProvider
from glutewake.desktop.notify import Prompter, Response
from glutewake.errors import GlutewakeError
from glutewake.reminders.chooser import MicroBreak
from glutewake.reminders.coach import Coach
from glutewake.reminders.events import (
    Answer,
    AskDidYouDoIt,
    ClosePrompt,
    Done,
    Effect,
    Event,
    Log,
    PauseUntil,
    ShowPrompt,
    Skip,
    Snooze,
    StartGuidedTimer,
    StoodUp,
)
from glutewake.reminders.records import PROMPT_OUTCOMES, BoutRecord, BreakRecord
from glutewake.reminders.standup import TrainingPause
from glutewake.reminders.state import Phase
from glutewake.reminders.week import BreakPicker

TICK_SECONDS = 15.0
EXERCISE_TICK_SECONDS = 1.0
SHORTEST_WAIT_SECONDS = 0.2

Sink = Callable[[BoutRecord | BreakRecord], Awaitable[None]]
TrainingCheck = Callable[[], Awaitable[TrainingPause | None]]


class Daemon:
    def __init__(
        self,
        coach: Coach,
        prompter: Prompter,
        idle: IdleProvider,
        sink: Sink,
        picker: BreakPicker,
        files: ControlFiles,
        out: TextIO,
        timer_scale: float = 1.0,
        tick_seconds: float = TICK_SECONDS,
        details: dict[str, Any] | None = None,
        training_paused: TrainingPause | None = None,
        check_training: TrainingCheck | None = None,
    ) -> None:
        self.coach = coach
        self.prompter = prompter
        self.idle = idle
        self.sink = sink
        self.picker = picker
        self.files = files
        self.out = out
        self.timer_scale = timer_scale
        self.tick_seconds = tick_seconds
        self.details = details or {}
        self.training_paused = training_paused
        self.check_training = check_training
        self.offer: MicroBreak | None = None
        self.prompt_answered = False
        self.record_bouts = True
        self._pause_seen: float | None = None
        self._status_written_at: float | None = None

    async def run(self, responses: asyncio.Queue[Response | None], once: bool = False) -> None:
        """Until None arrives on ``responses`` (or, with ``once``, the prompt has an outcome)."""
        self.record_bouts = not once  # a demo's "bout" is only the time since it started
        try:
            await self._tick()
            if once:
                await self._due_now()
            while not (once and self.prompt_answered):
                if not once:
                    await self._apply_pause_file()
                self._write_status()
                try:
                    response = await asyncio.wait_for(responses.get(), self._wait_seconds())
                except TimeoutError:
                    await self._tick()
                    continue
                if response is None:
                    break
                if response is Response.INPUT_CLOSED:
                    if self._input_closed(once):
                        break
                    continue
                await self._perform(self.coach.respond(self._event_for(response)))
        finally:
            await self._perform(self.coach.stop())
            self._write_status(force=True, running=False)
            await self.prompter.close()

    def _input_closed(self, once: bool) -> bool:
        """No answer can be typed any more: whether to stop. A demo prompt stops at once (an
        open prompt is logged unanswered, a started break interrupted); the coach goes on
        counting sitting, and its prompts close unanswered after the prompt timeout."""
        closed = "no answer can be typed: the standard input is closed"
        if once:
            self._say(f"{closed}, so the demo ends now (run it in a terminal to answer)")
            return True
        self._say(
            f"{closed}; sitting is still counted, and prompts close unanswered after "
            f"{self.coach.rules.prompt_timeout_minutes} min (run the coach in a terminal, or "
            "with a desktop notification server, to answer)"
        )
        return False

    async def _tick(self) -> None:
        await self._perform(self.coach.tick(await self.idle.idle_seconds()))
        state = self.coach.state
        if state.phase is Phase.EXERCISING and state.exercise_ends_at and self.offer:
            remaining = (state.exercise_ends_at - self.coach.clock.wall()).total_seconds()
            await self.prompter.progress(self.offer, max(0, round(remaining)))

    async def _due_now(self) -> None:
        """For a demo: make the first prompt due at once."""
        state = self.coach.state
        self.coach.state = state.model_copy(update={"due_at": state.now})
        await self._tick()

    def _wait_seconds(self) -> float:
        state = self.coach.state
        if state.phase is Phase.EXERCISING:
            return EXERCISE_TICK_SECONDS
        now = self.coach.clock.wall()
        timeout = timedelta(seconds=self.coach.rules.prompt_timeout_seconds)
        deadlines = [state.due_at, state.paused_until, state.asked_at and state.asked_at + timeout]
        waits = [(d - now).total_seconds() for d in deadlines if d is not None and d > now]
        return max(SHORTEST_WAIT_SECONDS, min([self.tick_seconds, *waits]))

    def _event_for(self, response: Response) -> Event:
        offer_id = self.offer.exercise_id if self.offer else None
        if response is Response.DONE and self.offer:
            seconds = max(1, round(self.offer.seconds * self.timer_scale))
            return Done(exercise_id=self.offer.exercise_id, seconds=seconds)
        if response is Response.DONE:
            return StoodUp()  # a prompt without an exercise: standing up is the break
        if response is Response.SNOOZE:
            return Snooze(exercise_id=offer_id)
        if response in (Response.YES, Response.NO):
            return Answer(did_it=response is Response.YES)
        return Skip(exercise_id=offer_id)

    async def _perform(self, effects: Sequence[Effect]) -> None:
        for effect in effects:
            await self._perform_one(effect)
        if effects:
            self._write_status(force=True)

    async def _perform_one(self, effect: Effect) -> None:
        if isinstance(effect, ShowPrompt):
            await self._check_training()
            if self.training_paused is not None:
                self.offer = None
                self._say(f"prompt {effect.number_today}: stand up (exercises paused)")
                await self.prompter.stand(self.training_paused, effect.sitting_minutes)
                return
            if effect.snoozes == 0 or self.offer is None:
                self.offer = self.picker.next(self.coach.clock.wall().date())
            self._say(f"prompt {effect.number_today}: {self.offer.exercise_id}")
            await self.prompter.prompt(self.offer, effect.sitting_minutes)
        elif isinstance(effect, ClosePrompt):
            await self.prompter.close()
        elif isinstance(effect, StartGuidedTimer) and self.offer:
            await self.prompter.guide(self.offer)
        elif isinstance(effect, AskDidYouDoIt) and self.offer:
            await self.prompter.ask(self.offer)
        elif isinstance(effect, Log):
            await self._record(effect.record)

    async def _record(self, record: BoutRecord | BreakRecord) -> None:
        if isinstance(record, BoutRecord) and not self.record_bouts:
            return
        await self.sink(record)
        self.picker.note(record)
        if isinstance(record, BoutRecord):
            self._say(f"sitting bout of {record.minutes:.0f} min ended ({record.ended_by})")
            return
        what = f" ({record.exercise_id})" if record.exercise_id else ""
        self._say(f"break: {record.outcome}{what}")
        if record.outcome in PROMPT_OUTCOMES:
            self.prompt_answered = True

    async def _check_training(self) -> None:
        """Ask the store whether the safety rule pauses the exercises: a screening or a
        clearance recorded since the last prompt changes the answer. If the store cannot be
        read, the last answer stands."""
        if self.check_training is None:
            return
        try:
            found = await self.check_training()
        except GlutewakeError as error:
            self._say(f"could not check whether exercises are paused ({error}); as before")
            return
        if found != self.training_paused:
            self._say(
                f"glute exercises paused: {found.message}" if found else "glute exercises are back"
            )
        self.training_paused = found

    def _say(self, text: str) -> None:
        self.out.write(f"{self.coach.clock.wall():%H:%M} {text}\n")
        self.out.flush()

    async def _apply_pause_file(self) -> None:
        found = self.files.read_pause()
        if found is None or found[0] == self._pause_seen:
            return
        self._pause_seen, until = found
        await self._perform(self.coach.respond(PauseUntil(until=until)))
        self._write_status(force=True)
        if paused := self.coach.state.paused_until:
            self._say(f"paused until {paused.astimezone():%H:%M}")

    def _write_status(self, force: bool = False, running: bool = True) -> None:
        now = self.coach.clock.monotonic()
        recent = self._status_written_at is not None and (
            now - self._status_written_at < HEARTBEAT_SECONDS
        )
        if recent and not force:
            return
        self._status_written_at = now
        self.files.write_status(
            {
                "running": running,
                "pid": os.getpid(),
                "updated_at": datetime.now(UTC).isoformat(),
                "heartbeat_seconds": HEARTBEAT_SECONDS,
                **self.details,
                "rules": self.coach.rules.model_dump(mode="json"),
                "state": self.coach.state.model_dump(mode="json"),
                "status": self.coach.status().model_dump(mode="json"),
                "offer": self.offer.model_dump(mode="json") if self.offer else None,
                "training_paused": (
                    self.training_paused.model_dump(mode="json") if self.training_paused else None
                ),
            }
        )
