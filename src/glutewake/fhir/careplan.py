"""A program as a CarePlan (the PA IG's category), its Goal (days and minutes a week) and one
ServiceRequest per exercise, with the exercise's dates as a Timing and its dose per week.

A newer program replaces an older one (``CarePlan.replaces``); the older is ``revoked``. The
newest is ``active``, or ``on-hold`` while the newest screening pauses training.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from glutewake.fhir import codes
from glutewake.fhir.records import StoredProgram, day, instant, urn
from glutewake.programming.program import Item, Program, Session
from glutewake.weekday import Weekday

GOAL_STATUS = {"active": "active", "on-hold": "on-hold", "revoked": "cancelled"}


@dataclass(frozen=True)
class Links:
    """What a program's resources point at, outside the program itself."""

    patient: str
    status: str  # active | on-hold | revoked
    replaces: str | None = None  # the CarePlan of the program before it
    supporting: tuple[str, ...] = ()  # the screening's response, profile and clearance
    reason: str | None = None  # the screening's profile Observation


def careplan_url(person_id: int, program_id: int) -> str:
    return urn("person", person_id, "program", program_id)


def _planned(program: Program) -> dict[str, list[tuple[Session, Item]]]:
    """Each exercise's items by session, in the order they first appear (re-tests apart)."""
    found: dict[str, list[tuple[Session, Item]]] = {}
    for session in program.sessions:
        for item in session.items:
            found.setdefault(item.exercise_id, []).append((session, item))
        if session.retest is not None:
            found.setdefault(f"retest:{session.retest.exercise_id}", []).append(
                (session, session.retest)
            )
    return found


def timing(sessions: Sequence[Session]) -> dict[str, Any]:
    """Every date, and the rule: how often a week, on which weekdays, from when to when."""
    dates = sorted({s.day for s in sessions})
    per_week = Counter(s.week for s in sessions)
    weeks = range(min(per_week), max(per_week) + 1)
    counts = {per_week.get(week, 0) for week in weeks}
    if len(counts) == 1:
        frequency, period = counts.pop(), 1
    else:
        frequency, period = len(sessions), len(weeks)
    weekdays = sorted({Weekday.of(d) for d in dates}, key=lambda w: w.number)
    return {
        "event": [day(d) for d in dates],
        "repeat": {
            "boundsPeriod": {"start": day(dates[0]), "end": day(dates[-1])},
            "frequency": frequency,
            "period": period,
            "periodUnit": "wk",
            "dayOfWeek": [w.value for w in weekdays],
        },
    }


def _weeks_text(weeks: Sequence[int]) -> str:
    return f"Week {weeks[0]}" if len(weeks) == 1 else f"Weeks {weeks[0]}-{weeks[-1]}"


def doses(planned: Sequence[tuple[Session, Item]]) -> list[str]:
    """The dose, week by week, with runs of weeks that have the same dose joined."""
    by_week: dict[int, str] = {}
    for session, item in planned:
        by_week.setdefault(session.week, item.describe())
    runs: list[tuple[list[int], str]] = []
    for week, text in sorted(by_week.items()):
        if runs and runs[-1][1] == text and runs[-1][0][-1] == week - 1:
            runs[-1][0].append(week)
        else:
            runs.append(([week], text))
    return [f"{_weeks_text(weeks)}: {text}" for weeks, text in runs]


def _service_request(
    key: str,
    planned: Sequence[tuple[Session, Item]],
    stored: StoredProgram,
    links: Links,
    person_id: int,
) -> tuple[str, dict[str, Any]]:
    first = planned[0][1]
    retest = key.startswith("retest:")
    exercise = codes.coding(codes.system("exercise"), first.exercise_id, first.name)
    code = (
        codes.concept(exercise, text=f"Re-test: {first.name}")
        if retest
        else codes.concept(codes.EXERCISE_THERAPY, exercise, text=first.name)
    )
    full_url = urn("person", person_id, "program", stored.id, "exercise", key)
    resource: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": full_url.removeprefix("urn:uuid:"),
        "basedOn": [{"reference": careplan_url(person_id, stored.id)}],
        "status": links.status,
        "intent": "plan",
        "category": [codes.PHYSICAL_ACTIVITY],
        "code": code,
        "subject": {"reference": links.patient},
        "occurrenceTiming": timing([session for session, _ in planned]),
        "authoredOn": instant(stored.created_at),
        "performer": [{"reference": links.patient}],
        "reasonCode": [{"text": first.reason}],
    }
    if links.reason is not None:
        resource["reasonReference"] = [{"reference": links.reason}]
    resource["note"] = [{"text": text} for text in doses(planned)]
    how = [first.cue, f"Tempo {first.tempo}." if first.tempo else ""]
    how.append(f"Rest {first.rest_seconds} s between sets." if first.rest_seconds else "")
    resource["patientInstruction"] = " ".join(part for part in how if part)
    return full_url, resource


def _goal(stored: StoredProgram, links: Links, person_id: int) -> tuple[str, dict[str, Any]]:
    program = stored.program
    preferences = program.preferences
    text = (
        f"Glute training on {preferences.sessions_per_week} days a week, about "
        f"{preferences.minutes} minutes a session, for {len(program.weeks)} weeks."
    )
    due = day(program.end)
    full_url = urn("person", person_id, "program", stored.id, "goal")
    return full_url, {
        "resourceType": "Goal",
        "id": full_url.removeprefix("urn:uuid:"),
        "lifecycleStatus": GOAL_STATUS[links.status],
        "category": [codes.PHYSICAL_ACTIVITY],
        "description": {"text": text},
        "subject": {"reference": links.patient},
        "startDate": day(program.start),
        "expressedBy": {"reference": links.patient},
        "target": [
            {
                "measure": codes.concept(codes.STRENGTH_DAYS_PER_WEEK),
                "detailQuantity": codes.quantity(
                    preferences.sessions_per_week, "days per week", "d/wk"
                ),
                "dueDate": due,
            },
            {
                "measure": codes.ours("goal", "session-minutes", "Minutes per training session"),
                "detailQuantity": codes.quantity(preferences.minutes, "minutes per day", "min/d"),
                "dueDate": due,
            },
        ],
    }


def _narrative(program: Program, title: str) -> dict[str, Any]:
    lines = "".join(f"<li>{html.escape(line)}</li>" for line in program.explanation)
    div = f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{html.escape(title)}</p><ul>{lines}</ul></div>'
    return {"status": "generated", "div": div}


def program_resources(
    stored: StoredProgram, links: Links, person_id: int
) -> list[tuple[str, dict[str, Any]]]:
    """The Goal, the CarePlan and its ServiceRequests, in that order."""
    program = stored.program
    goal_url, goal = _goal(stored, links, person_id)
    requests = [
        _service_request(key, planned, stored, links, person_id)
        for key, planned in _planned(program).items()
    ]
    title = f"glutewake program: {len(program.weeks)} weeks from {day(program.start)}"
    full_url = careplan_url(person_id, stored.id)
    careplan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "id": full_url.removeprefix("urn:uuid:"),
        "text": _narrative(program, title),
        "status": links.status,
        "intent": "plan",
        "category": [codes.PHYSICAL_ACTIVITY, codes.ASSESS_PLAN],
        "title": title,
        "description": " ".join(program.explanation) or title,
        "subject": {"reference": links.patient},
        "period": {"start": day(program.start), "end": day(program.end)},
        "created": instant(stored.created_at),
    }
    if links.replaces is not None:
        careplan["replaces"] = [{"reference": links.replaces}]
    careplan["goal"] = [{"reference": goal_url}]
    if links.supporting:
        careplan["supportingInfo"] = [{"reference": url} for url in links.supporting]
    careplan["activity"] = [{"reference": {"reference": url}} for url, _ in requests]
    notes = [program.clearance.summary()] if program.clearance else []
    notes += [f"{day(c.day)}: {c.label}. {c.reason}" for c in program.changes]
    if notes:
        careplan["note"] = [{"text": text} for text in notes]
    return [(goal_url, goal), (full_url, careplan), *requests]
