"""How ``glutewake screen`` prints a profile, its safety gate and a clearance."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from glutewake.cli.output import console, print_json, say
from glutewake.screening.clearance import ClearanceTerms
from glutewake.screening.compare import Verdict
from glutewake.screening.profile import (
    DISCLAIMER,
    Compensation,
    Component,
    Gate,
    Profile,
    Reason,
)
from glutewake.screening.schema import ScreeningData
from glutewake.screening.scoring import COMPONENT_NAMES, describe_level

if TYPE_CHECKING:
    from glutewake.application.screening import Cleared, ScreeningRecord
    from glutewake.screening.compare import Comparison

COMPENSATION_WORDS = {
    Compensation.NONE: "no other muscle stands out",
    Compensation.QUAD: "the front of the thighs (quadriceps)",
    Compensation.HAMSTRING: "the back of the thighs (hamstrings)",
    Compensation.BACK: "the lower back",
}
GATE_STYLES = {Gate.GO: "green", Gate.CLEARANCE: "yellow", Gate.STOP: "bold red"}
VERDICT_STYLES = {
    Verdict.BETTER: "green",
    Verdict.WORSE: "red",
    Verdict.CHANGED: "yellow",
}


def when(moment: datetime) -> str:
    return f"{moment:%Y-%m-%d %H:%M} UTC"


def _disclaimer(out: Console) -> None:
    out.print(Panel(escape(DISCLAIMER), title="Not a diagnosis", border_style="dim", expand=False))


def _flag_sources(reason: Reason, data: ScreeningData) -> str:
    cites = []
    for answer in reason.answers:
        if answer.startswith("red_flags."):
            flag = data.red_flag(answer.removeprefix("red_flags."))
            cites += [s.url or s.cite for s in flag.sources[:1]]
    return f" [dim](source: {escape('; '.join(cites))})[/]" if cites else ""


def _show_gate(profile: Profile, data: ScreeningData, cleared: ClearanceTerms | None) -> None:
    gate = profile.gate
    lines = [f"[{GATE_STYLES[gate]}]{escape(profile.gate_message)}[/]"]
    if profile.gate_reasons:
        lines.append("")
        lines.append("Why:")
        lines += [f"  - {escape(r.text)}{_flag_sources(r, data)}" for r in profile.gate_reasons]
    if gate is Gate.CLEARANCE:
        lines.append("")
        if cleared:
            lines.append(f"[green]{escape(cleared.summary())}[/]")
        else:
            lines.append(
                "When a professional has cleared you, record it: "
                '[bold]glutewake clearance --by "name, role" --note "..."[/]'
            )
    title = f"Safety gate: {gate.value.upper()}"
    console.print(Panel("\n".join(lines), title=title, border_style=GATE_STYLES[gate]))


def _scores_table(profile: Profile) -> Table:
    table = Table(title="Scores (0 = no signs, 100 = strong signs)")
    for column in ("what", "left", "right", "score", "reading"):
        table.add_column(column)
    for component, sided in (
        (Component.GLUTE_MAX, profile.glute_max),
        (Component.GLUTE_MED, profile.glute_med),
        (Component.HIP_FLEXORS, profile.hip_flexors),
    ):
        table.add_row(
            COMPONENT_NAMES[component],
            f"{sided.left:g}",
            f"{sided.right:g}",
            f"{sided.worst:g}",
            describe_level(sided.worst),
        )
    for component, score in (
        (Component.PELVIC_TILT, profile.pelvic_tilt),
        (Component.COMPENSATION, profile.compensation_score),
        (Component.SEDENTARY, profile.sedentary),
        (Component.PAIN, profile.pain),
    ):
        table.add_row(COMPONENT_NAMES[component], "", "", f"{score:g}", describe_level(score))
    return table


def _show_reasons(profile: Profile) -> None:
    console.print("[bold]Why (each answer's points)[/]")
    for component in Component:
        reasons = [r for r in profile.reasons if r.component is component and r.weight > 0]
        if reasons:
            console.print(f"  [bold]{COMPONENT_NAMES[component]}[/]")
            for r in reasons:
                say(f"+{r.weight:g}  {r.text}", "    ", "         ")
    skipped = [r for r in profile.reasons if r.weight == 0]
    if skipped:
        console.print("[bold]Skipped[/]")
        for r in skipped:
            console.print(f"  [dim]- {escape(r.text)}[/]")


def show_profile(
    record_id: int,
    taken_at: datetime,
    profile: Profile,
    data: ScreeningData,
    cleared: ClearanceTerms | None = None,
) -> None:
    console.rule(f"[bold]Screening {record_id}[/]  {when(taken_at)}")
    _show_gate(profile, data, cleared)
    if profile.gate is Gate.STOP:
        console.print("No program and no further results until this has been checked.")
        _disclaimer(console)
        return
    console.print(
        f"Signs of sleepy glutes: [bold]{profile.band.value.upper()}[/] "
        f"(likelihood {profile.likelihood:g}/100)"
    )
    for r in profile.band_reasons:
        console.print(f"  - {escape(r.text)}")
    console.print(_scores_table(profile))
    pattern = COMPENSATION_WORDS[profile.compensation]
    console.print(
        f"Doing the glutes' work: [bold]{pattern}[/] (score {profile.compensation_score:g})",
        highlight=False,
    )
    if profile.weaker_side:
        weaker = f"[bold]{profile.weaker_side.value}[/] (the sides differ by {profile.asymmetry:g})"
    else:
        weaker = f"neither (the sides differ by {profile.asymmetry:g}, within 10)"
    console.print(f"Weaker side: {weaker}", highlight=False)
    _show_reasons(profile)
    _disclaimer(console)


def show_next_step(profile: Profile, cleared: ClearanceTerms | None, has_program: bool) -> None:
    """The command to run next, after a screening or its result."""
    if profile.gate is Gate.STOP:
        say("Next: get the check named above. Then take the screening again: glutewake screen")
    elif profile.gate is Gate.CLEARANCE and cleared is None:
        say(
            "Next: once a professional has cleared you, record it: "
            'glutewake clearance --by "NAME, ROLE"'
        )
    elif has_program:
        say(
            "Next: glutewake plan shows your program (it is rebuilt from this screening when "
            "the screening changed); glutewake today shows today's session."
        )
    else:
        say("Next: build your program with glutewake plan --minutes 20 (or your own minutes).")


def record_json(record: ScreeningRecord, cleared: ClearanceTerms | None) -> dict[str, Any]:
    return {
        "id": record.id,
        "taken_at": record.taken_at.isoformat(),
        "profile": record.profile.model_dump(mode="json"),
        "clearance": clearance_json(cleared),
        "disclaimer": DISCLAIMER,
    }


def clearance_json(cleared: ClearanceTerms | None) -> dict[str, Any] | None:
    if cleared is None:
        return None
    return cleared.model_dump(mode="json")


def _cell(value: float | str | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}" if isinstance(value, float) else str(value)


def show_history(records: list[Cleared], as_json: bool) -> None:
    if as_json:
        print_json(
            {
                "screenings": [
                    {
                        "id": r.record.id,
                        "taken_at": r.record.taken_at.isoformat(),
                        "band": r.record.profile.band.value,
                        "likelihood": r.record.profile.likelihood,
                        "gate": r.record.profile.gate.value,
                        "weaker_side": r.record.profile.weaker_side,
                        "compensation": r.record.profile.compensation.value,
                        "clearance": clearance_json(r.clearance),
                    }
                    for r in records
                ],
                "disclaimer": DISCLAIMER,
            }
        )
        return
    if not records:
        console.print("No screenings yet. Run [bold]glutewake screen[/] to take one.")
        return
    table = Table(title="Your screenings")
    for column in ("id", "taken", "band", "likelihood", "gate", "weaker side", "pattern"):
        table.add_column(column)
    for r in records:
        profile = r.record.profile
        gate = profile.gate.value + (" (cleared)" if r.clearance else "")
        table.add_row(
            str(r.record.id),
            when(r.record.taken_at),
            profile.band.value,
            f"{profile.likelihood:g}",
            f"[{GATE_STYLES[profile.gate]}]{gate}[/]",
            profile.weaker_side.value if profile.weaker_side else "-",
            profile.compensation.value,
        )
    console.print(table)
    _disclaimer(console)


def show_comparison(
    before: ScreeningRecord, after: ScreeningRecord, comparison: Comparison, as_json: bool
) -> None:
    if as_json:
        print_json(
            {
                "before": {"id": before.id, "taken_at": before.taken_at.isoformat()},
                "after": {"id": after.id, "taken_at": after.taken_at.isoformat()},
                "changes": [c.model_dump(mode="json") for c in comparison.changes],
                "disclaimer": DISCLAIMER,
            }
        )
        return
    title = (
        f"Screening {before.id} ({when(before.taken_at)}) -> {after.id} ({when(after.taken_at)})"
    )
    table = Table(title=title)
    for column in ("what", "before", "after", "change", "verdict"):
        table.add_column(column)
    for change in comparison.changed:
        style = VERDICT_STYLES[change.verdict]
        delta = "" if change.delta is None else f"{change.delta:+g}"
        table.add_row(
            change.label,
            _cell(change.before),
            _cell(change.after),
            delta,
            f"[{style}]{change.verdict.value}[/]",
        )
    if comparison.changed:
        console.print(table)
    unchanged = len(comparison.changes) - len(comparison.changed)
    console.print(f"{unchanged} of {len(comparison.changes)} results did not change.")
    _disclaimer(console)
