"""How ``glutewake plan``, ``today`` and ``log`` print: prose that reads at 80 columns.

A week prints each distinct session once with the days it falls on; ``--explain`` adds a short
reason per week and session, ``--explain EXERCISE`` or ``--explain all`` each exercise's full
reasons as wrapped paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.markup import escape

from glutewake.cli.output import console, day_text, plural, say
from glutewake.errors import NotFoundError
from glutewake.programming.explanation import PHASE_NAMES
from glutewake.programming.program import Change, Item, Program, Session, Week
from glutewake.tracking.log import SetLog

EXPLAIN_ALL = "all"


def minutes(seconds: int) -> int:
    return -(-seconds // 60)


def days_text(days: Sequence[date], today: date) -> str:
    shown = [day_text(day, today) for day in days]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def show_header(program: Program, today: date) -> None:
    prefs = program.preferences
    weekdays = ", ".join(day.label for day in prefs.days)
    say(
        f"{plural(len(program.weeks), 'week')} from {day_text(program.start, today)} to "
        f"{day_text(program.end, today)}: {plural(prefs.sessions_per_week, 'session')} a week "
        f"({weekdays}), up to {prefs.minutes} minutes each."
    )
    if program.clearance is not None:
        say(program.clearance.summary())
        for limit in program.clearance.restrictions:
            say(f"{limit.label}: left out of the program.", "  - ")
    if program.professional_advised:
        console.print("[bold red]Please see a physiotherapist or doctor before you carry on.[/]")


def session_groups(week: Week) -> list[list[Session]]:
    """The week's sessions, those with the same exercises and doses together, in order."""
    groups: dict[str, list[Session]] = {}
    for session in week.sessions:
        key = "".join(b.model_dump_json() for b in session.blocks) + str(session.retest)
        groups.setdefault(key, []).append(session)
    return list(groups.values())


def show_program(program: Program, today: date, explain: bool) -> None:
    show_header(program, today)
    if explain:
        console.print("\n[bold]Why this program[/]")
        for line in program.explanation:
            say(line, "  - ")
    for week in program.weeks:
        first, last = week.sessions[0].day, week.sessions[-1].day
        span = day_text(first, today) + (f" to {day_text(last, today)}" if last != first else "")
        console.print(
            f"\n[bold]Week {week.number}: {PHASE_NAMES[week.phase]}[/], {span}", highlight=False
        )
        if explain:
            say(week.reason, "  ")
        for group in session_groups(week):
            show_session_group(group, today, explain)
    if explain:
        say(
            "\nFor the full reasons behind each exercise: glutewake plan --explain EXERCISE "
            "(its id or name), or glutewake plan --explain all."
        )


def show_session_group(group: Sequence[Session], today: date, explain: bool) -> None:
    session = group[0]
    when = days_text([s.day for s in group], today)
    done = [s for s in group if s.done_on is not None]
    status = f", {len(done)} done" if done and len(group) > 1 else ", done" if done else ""
    console.print(
        f"  [bold]Session {session.variant}[/] on {escape(when)}: about "
        f"{minutes(session.estimated_seconds)} minutes{status}",
        highlight=False,
    )
    if explain:
        say(session.reason, "    ")
    for block in session.blocks:
        console.print(f"    {escape(block.title)}", highlight=False)
        for item in block.items:
            pair = f"{item.pair} " if item.pair else ""
            say(f"{pair}{item.name}: {item.describe()}", "      ", "        ")
    if session.retest is not None:
        retest = session.retest
        say(f"After the session, a re-test: {retest.name}, {retest.describe()}", "    ", "      ")


def find_exercise(program: Program, wanted: str) -> str:
    """The id of the program's exercise named ``wanted`` (its id or its name)."""
    names = {i.exercise_id: i.name for s in program.sessions for i in all_items(s)}
    key = wanted.strip().lower()
    for exercise_id, name in names.items():
        if key in (exercise_id, name.lower(), name.lower().removesuffix(" (re-test hold)")):
            return exercise_id
    listed = ", ".join(sorted(names))
    raise NotFoundError(
        f"{wanted[:60]!r} is not an exercise of your program.",
        hint=f"Give one of its exercises ({listed}), or all.",
    )


def all_items(session: Session) -> list[Item]:
    return [*session.items, *([session.retest] if session.retest else [])]


def show_reasons(program: Program, today: date, which: str) -> None:
    """Each exercise's full reasons (or only ``which``'s), once per distinct reason."""
    show_header(program, today)
    wanted = None if which == EXPLAIN_ALL else find_exercise(program, which)
    reasons: dict[str, dict[str, list[int]]] = {}
    names: dict[str, str] = {}
    for session in program.sessions:
        for item in all_items(session):
            if wanted is None or item.exercise_id == wanted:
                names.setdefault(item.exercise_id, item.name)
                weeks = reasons.setdefault(item.exercise_id, {}).setdefault(item.reason, [])
                if session.week not in weeks:
                    weeks.append(session.week)
    for exercise_id, by_reason in reasons.items():
        console.print(f"\n[bold]{escape(names[exercise_id])}[/] ({exercise_id})", highlight=False)
        for reason, weeks in by_reason.items():
            say(f"{weeks_text(weeks)}: {reason}", "  ")


def weeks_text(weeks: Sequence[int]) -> str:
    if len(weeks) == 1:
        return f"Week {weeks[0]}"
    if list(weeks) == list(range(weeks[0], weeks[-1] + 1)):
        return f"Weeks {weeks[0]} to {weeks[-1]}"
    return "Weeks " + ", ".join(str(w) for w in weeks[:-1]) + f" and {weeks[-1]}"


def show_gates(program: Program, logs: Sequence[SetLog], day: date) -> None:
    if not program.gates:
        return
    console.print(
        "\n[bold]Moving on to the next step[/] (your logged sets decide, not the calendar)"
    )
    for gate in program.gates:
        status = gate.evaluate(logs, day)
        mark = "[green]ready[/]" if status.met else "[yellow]not yet[/]"
        console.print(
            f"  {PHASE_NAMES[gate.from_phase].capitalize()} to {PHASE_NAMES[gate.to_phase]}: "
            f"{mark}",
            highlight=False,
        )
        for criterion in status.criteria:
            tick = "done" if criterion.met else "open"
            say(f"{tick}: {criterion.text} (now: {criterion.why}).", "    - ", "      ")


# -- today ---------------------------------------------------------------------------------


def show_session(session: Session, day: date, today: date, logged: Sequence[SetLog] = ()) -> None:
    """The session with each item's dose and cue, and how many of its sets are logged."""
    when = "Today" if session.day == day == today else day_text(session.day, today)
    console.print(
        f"\n[bold]{when}: session {session.number}[/], week {session.week}, "
        f"{PHASE_NAMES[session.phase]} (about {minutes(session.estimated_seconds)} minutes)",
        highlight=False,
    )
    for block in session.blocks:
        console.print(f"\n[bold]{escape(block.title)}[/]")
        for item in block.items:
            show_item(item, logged)
    if session.retest is not None:
        console.print("\n[bold]Re-test, after the session[/]")
        show_item(session.retest, logged)
    if session.items:
        say("\nLog each set with glutewake log EXERCISE (the id in brackets), for example:")
        console.print(f"  {example_log(session.items[0])}", highlight=False, soft_wrap=True)


def example_log(item: Item) -> str:
    amount = f"--hold {item.target}" if item.measure == "hold_seconds" else f"--reps {item.target}"
    side = f" --side {item.side_order[0].value if item.side_order else 'left'}"
    side = side if item.per_side else ""
    return f"glutewake log {item.exercise_id} {amount}{side} --effort 5 --felt glutes-left"


def planned_sets(item: Item) -> int:
    """The rows of an item: its sets on each side, and the weaker side's extra sets."""
    sides = len(item.side_order) or (2 if item.per_side else 1)
    return item.sets * sides + item.extra_sets


def show_item(item: Item, logged: Sequence[SetLog] = ()) -> None:
    pair = f"{item.pair} " if item.pair else ""
    done = sum(1 for log in logged if log.exercise_id == item.exercise_id)
    count = f" ({done} of {planned_sets(item)} logged)" if done else ""
    say(f"{pair}{item.name} ({item.exercise_id}): {item.describe()}{count}", "  ", "     ")
    say(f"cue: {item.cue}", "     ")


def show_changes(changes: Sequence[Change], names: dict[str, str]) -> None:
    for change in changes:
        what = names.get(change.exercise_id or "")
        say(f"{what}: {change.reason}" if what else change.reason, "  - ", "    ")
