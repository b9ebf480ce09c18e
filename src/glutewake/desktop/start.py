"""``glutewake breaks``: load what the coach needs, open prompts and idle detection, run the loop."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from datetime import time
from typing import TextIO

from pydantic import ValidationError

from glutewake.desktop.bridge import StoreSink, load_start, load_training_pause
from glutewake.desktop.clock import SystemClock
from glutewake.desktop.control import ControlFiles
from glutewake.desktop.daemon import Daemon, Sink
from glutewake.desktop.idle import NoIdleDetection, detect_idle
from glutewake.desktop.notify import Response, open_prompter
from glutewake.errors import FieldProblem, InvalidInputError
from glutewake.reminders.coach import Coach
from glutewake.reminders.settings import BreakSettings
from glutewake.reminders.standup import NO_EXERCISE, TrainingPause
from glutewake.reminders.waiting import waiting_words
from glutewake.reminders.week import BreakPicker
from glutewake.weekday import Weekday


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
    training_paused: TrainingPause | None = None,
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
    detected = not isinstance(idle, NoIdleDetection)
    waiting = waiting_words(rules, clock.wall(), detected)
    out.write("Showing one demo prompt now.\n" if once else f"{waiting}\n")
    if training_paused is not None:
        out.write(f"Breaks: stand up and move only. {NO_EXERCISE}\n  {training_paused.words()}\n")
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
        training_paused=training_paused,
        check_training=load_training_pause,
    )
    try:
        await daemon.run(responses, once=once)
    finally:
        await prompter.shutdown()
        await idle.close()


def run(interval_minutes: int | None, once: bool, out: TextIO, keys: TextIO) -> None:
    """``glutewake breaks``: load the person's settings, program and week, then serve."""
    from glutewake.catalogue import default_catalogue
    from glutewake.config import get_settings
    from glutewake.reminders.chooser import micro_breaks

    settings = get_settings()
    start = load_start()
    rules = with_interval(start.rules, interval_minutes)
    candidates = micro_breaks(default_catalogue().exercises)
    picker = BreakPicker(candidates, frozenset(start.program_ids), start.week, start.history)
    files = ControlFiles.in_data_dir(settings.data_dir)
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
                start.training_paused,
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
