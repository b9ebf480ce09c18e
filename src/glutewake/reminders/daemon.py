"""The background process: reads the real clocks, feeds the scheduler, carries out its effects.

One asyncio loop: every tick (15 s; every second during the guided timer; sooner when a
deadline is near) it reads the idle time, sends a ``Tick`` and performs the effects: prompts
through the prompter, records through the sink (the store). Answers arrive on a queue from
notification buttons or the terminal. Two small JSON files in ``<data dir>/breaks/`` connect
it to other commands: ``status.json`` (written by the daemon) and ``control.json`` (a pause
written by ``glutewake breaks --pause``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TextIO

from pydantic import BaseModel, ValidationError

from glutewake.errors import FieldProblem, GlutewakeError, InvalidInputError
from glutewake.reminders.chooser import MicroBreak, Offer, choose_break, week_start
from glutewake.reminders.clock import SystemClock
from glutewake.reminders.idle import IdleProvider, detect_idle
from glutewake.reminders.notify import Prompter, Response, open_prompter
from glutewake.reminders.scheduler import (
    Answer,
    AskDidYouDoIt,
    BoutRecord,
    BreakRecord,
    ClosePrompt,
    Coach,
    Done,
    Effect,
    Event,
    Log,
    Outcome,
    PauseUntil,
    Phase,
    ShowPrompt,
    Skip,
    Snooze,
    StartGuidedTimer,
)
from glutewake.reminders.settings import BreakSettings
from glutewake.weekday import Weekday

TICK_SECONDS = 15.0
EXERCISE_TICK_SECONDS = 1.0
SHORTEST_WAIT_SECONDS = 0.2
HEARTBEAT_SECONDS = 60.0
PROMPT_OUTCOMES = frozenset(
    {Outcome.DONE, Outcome.NOT_DONE, Outcome.SNOOZED, Outcome.SKIPPED, Outcome.UNANSWERED}
)

Sink = Callable[[BoutRecord | BreakRecord], Awaitable[None]]


# ---- the files that connect the daemon to other commands -------------------------------------


@dataclass(frozen=True)
class ControlFiles:
    folder: Path

    @property
    def status(self) -> Path:
        return self.folder / "status.json"

    @property
    def control(self) -> Path:
        return self.folder / "control.json"

    def write_status(self, data: dict[str, Any]) -> None:
        _write_json(self.status, data)

    def read_status(self) -> dict[str, Any] | None:
        return _read_json(self.status)

    def write_pause(self, until: datetime | None) -> None:
        _write_json(self.control, {"paused_until": until.isoformat() if until else None})

    def read_pause(self) -> tuple[float, datetime | None] | None:
        """(modification time, paused until) of the control file, or None if there is none."""
        try:
            modified = self.control.stat().st_mtime
        except FileNotFoundError:
            return None
        data = _read_json(self.control) or {}
        until = data.get("paused_until")
        return modified, datetime.fromisoformat(until) if until else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")
    partial.replace(path)


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return data


# ---- what to offer ---------------------------------------------------------------------------


@dataclass
class BreakPicker:
    """The chooser with this week's history, kept up to date as records come in."""

    candidates: Sequence[MicroBreak]
    program_ids: frozenset[str]
    week: date
    history: list[Offer] = field(default_factory=list)

    def next(self, today: date) -> MicroBreak:
        if week_start(today) != self.week:
            self.week, self.history = week_start(today), []
        return choose_break(self.candidates, self.history, self.program_ids)

    def note(self, record: BoutRecord | BreakRecord) -> None:
        if isinstance(record, BreakRecord) and record.exercise_id:
            done = record.outcome is Outcome.DONE
            self.history.append(Offer(exercise_id=record.exercise_id, done=done))


def offers_since(records: Sequence[BoutRecord | BreakRecord]) -> list[Offer]:
    return [
        Offer(exercise_id=r.exercise_id, done=r.outcome is Outcome.DONE)
        for r in records
        if isinstance(r, BreakRecord) and r.exercise_id
    ]


# ---- the loop --------------------------------------------------------------------------------


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
                await self._perform(self.coach.respond(self._event_for(response)))
        finally:
            await self._perform(self.coach.stop())
            self._write_status(force=True, running=False)
            await self.prompter.close()

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
            }
        )


# ---- wiring ----------------------------------------------------------------------------------


def demo_rules(rules: BreakSettings) -> BreakSettings:
    """Rules for one demo prompt now: any day, any hour, no quiet hours, no daily limit."""
    return rules.model_copy(
        update={
            "work_start": time(0),
            "work_end": time(23, 59, 59, 999999),
            "work_days": tuple(Weekday),
            "quiet_hours": (),
            "daily_max": 96,
        }
    )


async def serve(
    rules: BreakSettings,
    sink: Sink,
    picker: BreakPicker,
    files: ControlFiles,
    out: TextIO,
    keys: TextIO,
    once: bool,
    timer_scale: float,
) -> None:
    """Open the prompter and idle detection, say what was found, and run until stopped."""
    responses: asyncio.Queue[Response | None] = asyncio.Queue()
    timeout = round(rules.prompt_timeout_seconds)
    prompter = await open_prompter(responses.put_nowait, timeout, out, keys)
    idle, reasons = await detect_idle(rules.idle_threshold_seconds)
    clock = SystemClock()
    out.write(f"Prompts: {prompter.description}\n")
    out.write(f"Idle detection: {idle.name}\n")
    for reason in reasons:
        out.write(f"  not used: {reason}\n")
    out.write(f"Suspend detection: {clock.describes_suspend}\n")
    out.flush()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl+C raises instead
            loop.add_signal_handler(signum, responses.put_nowait, None)
    details = {"prompter": prompter.description, "idle": idle.name, "idle_not_used": reasons}
    daemon = Daemon(
        Coach(rules, clock),
        prompter,
        idle,
        sink,
        picker,
        files,
        out,
        timer_scale=timer_scale,
        details=details,
    )
    try:
        await daemon.run(responses, once=once)
    finally:
        await prompter.shutdown()
        await idle.close()


class Startup(BaseModel):
    """What the coach needs from the store when it starts."""

    rules: BreakSettings
    program_ids: list[str]
    week: date
    history: list[Offer]


STORAGE_BRIDGE = (sys.executable, "-m", "glutewake.reminders.storage")


def _bridge_error(stdout: str, stderr: str) -> GlutewakeError:
    try:
        problem = json.loads(stdout)
        return GlutewakeError(problem["error"], hint=problem["hint"])
    except (json.JSONDecodeError, KeyError, TypeError):
        return GlutewakeError(f"The store could not be read: {stderr.strip() or stdout.strip()}")


def load_startup() -> Startup:
    """The person's break settings, program and week, read by a short-lived child process.

    The store (SQLAlchemy, Alembic) would more than double the coach's memory, so the
    long-running process never imports it: a child process reads and writes for it.
    """
    done = subprocess.run(
        [*STORAGE_BRIDGE, "load"], capture_output=True, text=True, check=False, timeout=120
    )
    if done.returncode != 0:
        raise _bridge_error(done.stdout, done.stderr)
    return Startup.model_validate_json(done.stdout)


class StoreSink:
    """Stores records through a child process; keeps them to retry if storing fails."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.pending: list[BoutRecord | BreakRecord] = []

    async def __call__(self, record: BoutRecord | BreakRecord) -> None:
        self.pending.append(record)
        batch = json.dumps([r.model_dump(mode="json") for r in self.pending])
        child = await asyncio.create_subprocess_exec(
            *STORAGE_BRIDGE,
            "record",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        stdout, stderr = await child.communicate(batch.encode())
        if child.returncode == 0:
            self.pending.clear()
            return
        error = _bridge_error(stdout.decode(), stderr.decode())
        self.out.write(f"Could not store {len(self.pending)} record(s), will retry: {error}\n")
        self.out.flush()


def run(interval_minutes: int | None, once: bool, out: TextIO, keys: TextIO) -> None:
    """``glutewake breaks``: load the person's settings, program and week, then serve."""
    from glutewake.catalogue import default_catalogue
    from glutewake.config import get_settings
    from glutewake.reminders.chooser import micro_breaks

    settings = get_settings()
    startup = load_startup()
    rules = with_interval(startup.rules, interval_minutes)
    candidates = micro_breaks(default_catalogue().exercises)
    picker = BreakPicker(candidates, frozenset(startup.program_ids), startup.week, startup.history)
    files = ControlFiles(settings.data_dir / "breaks")
    with contextlib.suppress(KeyboardInterrupt):  # Windows: Ctrl+C cannot be a clean stop
        asyncio.run(
            serve(
                demo_rules(rules) if once else rules,
                StoreSink(out),
                picker,
                files,
                out,
                keys,
                once,
                settings.timer_scale,
            )
        )


def with_interval(rules: BreakSettings, interval_minutes: int | None) -> BreakSettings:
    if interval_minutes is None:
        return rules
    try:
        return BreakSettings.model_validate(
            {**rules.model_dump(), "interval_minutes": interval_minutes}
        )
    except ValidationError as error:
        problems = [FieldProblem("--interval", problem["msg"]) for problem in error.errors()]
        raise InvalidInputError("break interval", problems) from error


def is_running(status: dict[str, Any] | None, now: datetime | None = None) -> bool:
    """Whether the status file was written by a daemon that is still running."""
    if not status or not status.get("running"):
        return False
    updated = datetime.fromisoformat(status["updated_at"])
    age = ((now or datetime.now(UTC)) - updated).total_seconds()
    return age < 2.5 * float(status.get("heartbeat_seconds", HEARTBEAT_SECONDS))
