"""History: logged sessions by day, newest first, with what each set felt like.

Two weeks of training days a page (``?before=DAY`` for the days before), so the page stays
small however long the history grows; the totals count every day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from glutewake.application import sessions
from glutewake.catalogue import Catalogue
from glutewake.tracking.log import SetLog
from glutewake.web.deps import WorkDep
from glutewake.web.pages.today import FELT_LABELS
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])


@dataclass(frozen=True)
class ExerciseDay:
    exercise_id: str
    name: str
    sets: list[SetLog]

    @property
    def effort_text(self) -> str:
        """The answered efforts ("" when none was given)."""
        efforts = sorted({s.effort for s in self.sets if s.effort is not None})
        if not efforts:
            return ""
        return str(efforts[0]) if len(efforts) == 1 else f"{efforts[0]}-{efforts[-1]}"

    @property
    def felt_text(self) -> str:
        places = list(dict.fromkeys(place for s in self.sets for place in s.felt or ()))
        return ", ".join(FELT_LABELS[place] for place in places)

    @property
    def max_pain(self) -> int | None:
        """The highest answered pain; None when no set has a pain answer."""
        return max((s.pain for s in self.sets if s.pain is not None), default=None)


@dataclass(frozen=True)
class Day:
    day: date
    exercises: list[ExerciseDay]

    @property
    def set_count(self) -> int:
        return sum(len(e.sets) for e in self.exercises)

    @property
    def glute_share(self) -> int | None:
        """Of the sets with a felt answer; None when no set has one."""
        sets = [s for e in self.exercises for s in e.sets if s.felt is not None]
        return round(100 * sum(bool(s.felt_in_glutes) for s in sets) / len(sets)) if sets else None

    @property
    def max_pain(self) -> int | None:
        pains = [e.max_pain for e in self.exercises if e.max_pain is not None]
        return max(pains, default=None)


def group_by_day(logs: list[SetLog], catalogue: Catalogue) -> list[Day]:
    days: dict[date, dict[str, list[SetLog]]] = {}
    for log in logs:
        days.setdefault(log.day, {}).setdefault(log.exercise_id, []).append(log)
    return [
        Day(
            day,
            [
                ExerciseDay(
                    exercise_id,
                    catalogue.get(exercise_id).name if exercise_id in catalogue else exercise_id,
                    sets,
                )
                for exercise_id, sets in by_exercise.items()
            ],
        )
        for day, by_exercise in sorted(days.items(), reverse=True)
    ]


def felt_text(log: SetLog) -> str:
    return ", ".join(FELT_LABELS[place] for place in log.felt or ())


DAYS_PER_PAGE = 14


@router.get("/history", response_class=HTMLResponse)
def history(
    request: Request, work: WorkDep, finished: bool = False, before: date | None = None
) -> HTMLResponse:
    window = sessions.history_window(work, DAYS_PER_PAGE, before)
    return render(
        request,
        "history.html",
        {
            "days": group_by_day(window.page.logs, work.catalogue),
            "earlier": window.page.earlier,
            "before": before,
            "finished": finished,
            "felt_text": felt_text,
            "total_days": window.total_days,
            "total_sets": window.total_sets,
            "changes": list(reversed(window.changes))[:20],
        },
    )
