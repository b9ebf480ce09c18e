"""Handout use case: the current program as a printable PDF, with the progress charts.

A cover with the profile and its reasons, each week with each exercise's key poses, dose,
steps and cue, a log sheet per week to tick, and the progress page's charts. It prints
sessions to do, so the safety rule applies first.
"""

from __future__ import annotations

from glutewake.application import progress
from glutewake.application.context import Work
from glutewake.application.programs import require_program
from glutewake.application.safety import require_training_allowed
from glutewake.handout.render import HandoutContent, Pdf, pdf
from glutewake.illustration.render import strip_svg
from glutewake.progression.adapt import adapt
from glutewake.store import repository as repo
from glutewake.store import set_logs
from glutewake.tracking.progress_charts import progress_charts

STRIP_HEIGHT = 130


def content(work: Work) -> HandoutContent:
    """What the handout shows: the sessions as Today sees them (missed ones slid forward)."""
    require_training_allowed(work)
    current = require_program(work)
    day = work.clock.today()
    earlier = set_logs.set_logs(work.db, work.person_id, current.program.start, before=day)
    program = adapt(current.program, earlier, day, work.catalogue).program
    ids = sorted({item.exercise_id for s in program.sessions for item in s.items})
    exercises = {i: work.catalogue.get(i) for i in ids if i in work.catalogue}
    screening = repo.latest_screening(work.db, work.person_id)
    view = progress.show(work)
    return HandoutContent(
        made_on=day,
        program=program,
        profile=screening.profile if screening else None,
        exercises=exercises,
        strips={i: strip_svg(exercise, height=STRIP_HEIGHT) for i, exercise in exercises.items()},
        charts=progress_charts(view.progress),
        summary=view.summary,
    )


def handout_pdf(work: Work) -> Pdf:
    return pdf(content(work))
