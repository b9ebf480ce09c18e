"""Breaks report: per day the sitting bouts, the longest unbroken one, and the breaks' outcomes.

The figures are ``reminders.report.summarise``'s, as in ``glutewake breaks report``; each day's
bouts are also drawn as bars (inline SVG), on one scale for every day so days compare.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from glutewake.application import breaks
from glutewake.application.breaks import MAX_REPORT_DAYS
from glutewake.reminders.records import BoutRecord, Outcome
from glutewake.reminders.report import DaySummary
from glutewake.web.deps import AppSettings, WorkDep
from glutewake.web.templating import render

router = APIRouter(tags=["pages"])

CHART_WIDTH = 300
CHART_HEIGHT = 100
CHART_SLOTS = 8  # a day with fewer bouts keeps narrow bars
OUTCOME_LABELS = {
    Outcome.DONE: "done",
    Outcome.NOT_DONE: "not done",
    Outcome.SNOOZED: "snoozed",
    Outcome.SKIPPED: "skipped",
    Outcome.UNANSWERED: "unanswered",
    Outcome.INTERRUPTED: "started, then stopped",
}
ALWAYS_SHOWN = (Outcome.DONE, Outcome.SNOOZED, Outcome.SKIPPED)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    longest: bool


@dataclass(frozen=True)
class DayReport:
    summary: DaySummary
    bars: list[Bar]

    @property
    def away(self) -> int:
        return self.summary.outcomes[Outcome.AWAY] + self.summary.outcomes[Outcome.ASLEEP]

    @property
    def counts(self) -> list[tuple[str, int]]:
        outcomes = self.summary.outcomes
        return [
            (label, outcomes[outcome])
            for outcome, label in OUTCOME_LABELS.items()
            if outcome in ALWAYS_SHOWN or outcomes[outcome]
        ]


def chart_y(minutes: float, top_minutes: float) -> float:
    return CHART_HEIGHT - CHART_HEIGHT * minutes / top_minutes


def bars(bouts: list[BoutRecord], top_minutes: float) -> list[Bar]:
    """One bar per bout in the order they happened; height in proportion to its minutes."""
    slot = CHART_WIDTH / max(len(bouts), CHART_SLOTS)
    longest = max((bout.minutes for bout in bouts), default=0.0)
    return [
        Bar(
            x=index * slot + slot * 0.15,
            y=chart_y(bout.minutes, top_minutes),
            width=slot * 0.7,
            height=CHART_HEIGHT * bout.minutes / top_minutes,
            label=f"{bout.at.astimezone():%H:%M}, {bout.minutes:.0f} min",
            longest=bout.minutes == longest,
        )
        for index, bout in enumerate(bouts)
    ]


@router.get("/desk/report", response_class=HTMLResponse)
def breaks_report(
    request: Request,
    work: WorkDep,
    settings: AppSettings,
    days: Annotated[
        int, Query(ge=1, le=MAX_REPORT_DAYS, description="How many days back, today included")
    ] = 7,
) -> HTMLResponse:
    found = breaks.report(work, settings.breaks, days)
    summaries, interval = found.summaries, found.interval_minutes
    top = max([interval, *(s.longest_bout_minutes for s in summaries)]) * 1.1
    reports = [DayReport(s, bars(found.bouts.get(s.day, []), top)) for s in reversed(summaries)]
    return render(
        request,
        "desk_report.html",
        {
            "days": days,
            "reports": reports,
            "interval": interval,
            "interval_y": chart_y(interval, top),
            "chart": {"width": CHART_WIDTH, "height": CHART_HEIGHT},
            "done": sum(s.outcomes[Outcome.DONE] for s in summaries),
            "longest": max(summaries, key=lambda s: s.longest_bout_minutes, default=None),
            "hours_sat": sum(s.sitting_minutes for s in summaries) / 60,
        },
    )
