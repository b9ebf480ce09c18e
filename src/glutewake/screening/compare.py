"""Two profiles -> what changed between them. Lower scores are better."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from glutewake.screening.profile import Band, Compensation, Profile, Side

BAND_ORDER = (Band.UNLIKELY, Band.POSSIBLE, Band.LIKELY)


class Verdict(StrEnum):
    BETTER = "better"
    WORSE = "worse"
    SAME = "same"
    CHANGED = "changed"  # different, but neither better nor worse (e.g. the weaker side)


class Change(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str  # profile field, with the side for sided scores: "glute_max.left"
    label: str
    before: float | str | None
    after: float | str | None
    delta: float | None  # after - before, for numbers
    verdict: Verdict


class Comparison(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    changes: tuple[Change, ...]

    @property
    def changed(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.verdict is not Verdict.SAME)


def _verdict(before: float, after: float) -> Verdict:
    if after == before:
        return Verdict.SAME
    return Verdict.BETTER if after < before else Verdict.WORSE


def _score(field: str, label: str, before: float, after: float) -> Change:
    return Change(
        field=field,
        label=label,
        before=before,
        after=after,
        delta=round(after - before, 1),
        verdict=_verdict(before, after),
    )


def _scores(before: Profile, after: Profile) -> list[Change]:
    changes: list[Change] = []
    for field, label in (
        ("glute_max", "Gluteus maximus"),
        ("glute_med", "Gluteus medius / pelvic stability"),
        ("hip_flexors", "Hip-flexor tightness"),
    ):
        for side in Side:
            old, new = getattr(before, field).of(side), getattr(after, field).of(side)
            changes.append(_score(f"{field}.{side.value}", f"{label} ({side.value})", old, new))
    for field, label in (
        ("pelvic_tilt", "Anterior pelvic tilt"),
        ("compensation_score", "Compensation"),
        ("sedentary", "Sitting load"),
        ("pain", "Pain"),
        ("asymmetry", "Left/right asymmetry"),
        ("likelihood", "Likelihood"),
    ):
        changes.append(_score(field, label, getattr(before, field), getattr(after, field)))
    return changes


def _label(
    field: str, label: str, before: str | None, after: str | None, verdict: Verdict
) -> Change:
    return Change(field=field, label=label, before=before, after=after, delta=None, verdict=verdict)


def _pattern_verdict(before: Compensation, after: Compensation) -> Verdict:
    if before is after:
        return Verdict.SAME
    if Compensation.NONE in (before, after):
        return Verdict.BETTER if after is Compensation.NONE else Verdict.WORSE
    return Verdict.CHANGED


def _labels(before: Profile, after: Profile) -> list[Change]:
    band = _verdict(BAND_ORDER.index(before.band), BAND_ORDER.index(after.band))
    gate = _verdict(before.gate.severity, after.gate.severity)
    side = Verdict.SAME if before.weaker_side is after.weaker_side else Verdict.CHANGED
    pattern = _pattern_verdict(before.compensation, after.compensation)
    return [
        _label("band", "Band", before.band, after.band, band),
        _label("gate", "Safety gate", before.gate, after.gate, gate),
        _label(
            "compensation", "Compensation pattern", before.compensation, after.compensation, pattern
        ),
        _label("weaker_side", "Weaker side", before.weaker_side, after.weaker_side, side),
    ]


def compare_profiles(before: Profile, after: Profile) -> Comparison:
    """Every score, the band, the gate, the pattern and the weaker side: before and after."""
    return Comparison(changes=(*_labels(before, after), *_scores(before, after)))
