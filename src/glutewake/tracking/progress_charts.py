"""The progress charts, as SVG text: the same ones on the progress page and in the handout. Pure."""

from __future__ import annotations

from dataclasses import dataclass

from glutewake.tracking.charts import Series, done_chart, line_chart, sparkline
from glutewake.tracking.progress import ExerciseTrend, Progress
from glutewake.tracking.progress_summary import day_text


@dataclass(frozen=True)
class ProgressCharts:
    glutes: str  # share of sets felt in the working glute, per side, per week
    sessions: str | None  # sessions done against due, per week (None without a program)
    pain: str  # the highest pain per week
    exercises: dict[str, str]  # exercise id -> its weekly best as a small line


def _exercise_line(trend: ExerciseTrend) -> str:
    unit = " s" if trend.unit == "s" else ""
    return sparkline(
        f"ex-{trend.exercise_id}",
        f"{trend.name}, best {'hold' if trend.unit == 's' else trend.unit} each week",
        [week.best for week in trend.weeks],
        unit,
    )


def progress_charts(progress: Progress) -> ProgressCharts:
    labels = [day_text(start) for start in progress.weeks]
    glutes = line_chart(
        "glutes",
        "Sets felt in the working glute, each week",
        labels,
        [
            Series("Left glute", tuple(week.left.percent for week in progress.glutes)),
            Series("Right glute", tuple(week.right.percent for week in progress.glutes)),
        ],
        top=100,
        unit="%",
    )
    pain = line_chart(
        "pain",
        "Highest pain each week (0 to 10)",
        labels,
        [Series("Highest pain", tuple(week.highest for week in progress.pain))],
        top=10,
        ticks=(0, 5, 10),
    )
    sessions = None
    if progress.adherence is not None:
        by_week = {week.start: week for week in progress.adherence.weeks}
        weeks = [by_week.get(start) for start in progress.weeks]
        sessions = done_chart(
            "sessions",
            "Sessions done of those planned, each week",
            labels,
            [week.planned if week else 0 for week in weeks],
            [week.done if week else 0 for week in weeks],
        )
    return ProgressCharts(
        glutes=glutes,
        sessions=sessions,
        pain=pain,
        exercises={trend.exercise_id: _exercise_line(trend) for trend in progress.exercises},
    )
