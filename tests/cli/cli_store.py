"""A person's store in a real SQLite file, and the commands run against it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from programming_factories import profile
from typer.testing import CliRunner, Result

from glutewake.cli.app import create_app
from glutewake.screening.profile import Profile
from glutewake.store import open_database, set_logs
from glutewake.store import repository as repo


@dataclass(frozen=True)
class Store:
    folder: Path

    def screen(self, person: Profile | None = None) -> int:
        db = open_database()
        try:
            with db.session() as session:
                me = repo.default_person(session)
                screened = person or profile()
                return repo.save_screening(session, me.id, {}, screened, datetime(2025, 1, 1))
        finally:
            db.close()

    def stored(self) -> dict[str, Any]:
        """The current program and its id, the adjustments and the logs."""
        db = open_database()
        try:
            with db.session() as session:
                me = repo.default_person(session).id
                record = repo.current_program(session, me)
                return {
                    "program": record.program if record else None,
                    "program_id": record.id if record else None,
                    "adjustments": repo.adjustments(session, me),
                    "logs": set_logs.set_logs(session, me),
                }
        finally:
            db.close()

    def run(self, *args: str, columns: int = 80) -> Result:
        return CliRunner().invoke(create_app(), list(args), env={"COLUMNS": str(columns)})

    def json(self, *args: str) -> Any:
        result = self.run(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.output)
