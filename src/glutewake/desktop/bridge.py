"""The coach's side of the store bridge: a short-lived child process reads and writes the store.

The store (SQLAlchemy, Alembic) would more than double the coach's memory, so the long-running
process never imports it. ``python -m glutewake.desktop.storage load`` prints what the coach
needs at start; ``... gate`` whether the safety rule pauses the exercises now (asked before
each prompt); ``... record`` stores the records it reads from stdin.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from typing import TextIO

from pydantic import TypeAdapter

from glutewake.errors import GlutewakeError
from glutewake.reminders.records import BoutRecord, BreakRecord
from glutewake.reminders.standup import TrainingPause
from glutewake.reminders.week import CoachStart

STORAGE_BRIDGE = (sys.executable, "-m", "glutewake.desktop.storage")
BRIDGE_TIMEOUT_SECONDS = 120


def _bridge_error(stdout: str, stderr: str) -> GlutewakeError:
    try:
        problem = json.loads(stdout)
        return GlutewakeError(problem["error"], hint=problem["hint"])
    except (json.JSONDecodeError, KeyError, TypeError):
        return GlutewakeError(f"The store could not be read: {stderr.strip() or stdout.strip()}")


def load_start() -> CoachStart:
    """The person's break settings, program and week, read by the child process."""
    done = subprocess.run(
        [*STORAGE_BRIDGE, "load"],
        capture_output=True,
        text=True,
        check=False,
        timeout=BRIDGE_TIMEOUT_SECONDS,
    )
    if done.returncode != 0:
        raise _bridge_error(done.stdout, done.stderr)
    return CoachStart.model_validate_json(done.stdout)


_PAUSE: TypeAdapter[TrainingPause | None] = TypeAdapter(TrainingPause | None)


async def load_training_pause() -> TrainingPause | None:
    """Whether the safety rule pauses the exercises now, read by the child process."""
    child = await asyncio.create_subprocess_exec(
        *STORAGE_BRIDGE,
        "gate",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        stdout, stderr = await asyncio.wait_for(child.communicate(), BRIDGE_TIMEOUT_SECONDS)
    except TimeoutError:
        child.kill()
        await child.wait()
        raise GlutewakeError("The store did not answer in time.") from None
    if child.returncode != 0:
        raise _bridge_error(stdout.decode(), stderr.decode())
    return _PAUSE.validate_json(stdout)


class StoreSink:
    """Stores records through the child process; keeps them to retry if storing fails."""

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
