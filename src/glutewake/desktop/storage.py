"""The store's side of the coach's bridge: ``python -m glutewake.desktop.storage load|record``.

The long-running coach never imports the store (see ``desktop.bridge``); it runs this as a
short-lived child process. ``load`` prints what the coach needs at start as JSON (the break
settings, the program's exercises, this week's offers, whether the safety rule pauses the
exercises); ``gate`` prints only the last (the coach asks before each prompt, as a screening or
a clearance may have been recorded since); ``record`` stores a JSON list of records read from
stdin. All are use cases of ``application.breaks``. Errors print ``{"error", "hint"}`` and exit
with status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence

from pydantic import TypeAdapter, ValidationError

from glutewake.application import App
from glutewake.application import breaks as use
from glutewake.config import get_settings
from glutewake.errors import FieldProblem, GlutewakeError, InvalidInputError
from glutewake.reminders.records import BoutRecord, BreakRecord, Record


def _records(text: str) -> list[BoutRecord | BreakRecord]:
    try:
        return TypeAdapter(list[Record]).validate_json(text)
    except ValidationError as error:
        problems = [FieldProblem("records", item["msg"]) for item in error.errors()[:5]]
        raise InvalidInputError("records from the coach", problems) from None


def main(arguments: Sequence[str]) -> int:
    try:
        if list(arguments) not in (["load"], ["gate"], ["record"]):
            raise GlutewakeError(
                f"Unknown bridge command {' '.join(arguments)[:60]!r}.",
                hint="Use load, gate or record.",
            )
        settings = get_settings()
        application = App.open(settings)
        try:
            with application.work() as work:
                if arguments[0] == "load":
                    sys.stdout.write(use.coach_start(work, settings.breaks).model_dump_json())
                elif arguments[0] == "gate":
                    paused = use.training_pause(work)
                    sys.stdout.write(paused.model_dump_json() if paused else "null")
                else:
                    use.record(work, *_records(sys.stdin.read()))
        finally:
            application.close()
    except GlutewakeError as error:
        sys.stdout.write(json.dumps({"error": str(error), "hint": error.hint}))
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
