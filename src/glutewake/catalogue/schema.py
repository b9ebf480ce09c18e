"""The exercise schema: what one exercise file must say. Pure data, no I/O."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from glutewake.catalogue.camera import Camera

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60)]


class Category(StrEnum):
    MOBILITY = "mobility"  # release and lengthening: foam rolling, hip-flexor stretch
    ACTIVATION = "activation"  # low-load isometric or isolated "wake-up" drills
    ISOLATION = "isolation"  # dynamic single-muscle work for reps
    INTEGRATION = "integration"  # compound and single-leg strength


class Pattern(StrEnum):
    HIP_EXTENSION = "hip-extension"
    ABDUCTION = "abduction"
    EXTERNAL_ROTATION = "external-rotation"
    PELVIC_STABILITY = "pelvic-stability"
    HINGE = "hinge"
    SQUAT = "squat"
    LUNGE = "lunge"
    ANTI_EXTENSION = "anti-extension"
    ANTI_ROTATION = "anti-rotation"
    HIP_FLEXOR_LENGTH = "hip-flexor-length"
    SOFT_TISSUE = "soft-tissue"


class Muscle(StrEnum):
    GLUTEUS_MAXIMUS = "gluteus-maximus"
    GLUTEUS_MEDIUS = "gluteus-medius"
    GLUTEUS_MINIMUS = "gluteus-minimus"
    TFL = "tfl"
    HAMSTRINGS = "hamstrings"
    QUADRICEPS = "quadriceps"
    ADDUCTORS = "adductors"
    CORE = "core"
    LOWER_BACK = "lower-back"
    HIP_FLEXORS = "hip-flexors"


class Role(StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class Equipment(StrEnum):
    WALL = "wall"
    CHAIR = "chair"
    STEP = "step"
    BENCH = "bench"
    MINI_BAND = "mini-band"
    LONG_BAND = "long-band"
    DUMBBELL = "dumbbell"
    KETTLEBELL = "kettlebell"
    BARBELL = "barbell"
    CABLE = "cable"
    FOAM_ROLLER = "foam-roller"
    YOGA_BLOCK = "yoga-block"
    DIP_BELT = "dip-belt"


class Position(StrEnum):
    STANDING = "standing"
    SUPINE = "supine"
    PRONE = "prone"
    SIDE_LYING = "side-lying"
    QUADRUPED = "quadruped"
    KNEELING = "kneeling"

    @property
    def on_floor(self) -> bool:
        return self is not Position.STANDING


class Phase(StrEnum):
    WAKE_UP = "wake-up"
    BUILD = "build"
    INTEGRATE = "integrate"


class View(StrEnum):
    SIDE = "side"
    FRONT = "front"
    TOP = "top"


# The anatomical angles a pose can name as its measurable targets (see
# glutewake.illustration.skeleton.joint_angles, which returns exactly these).
JOINTS = (
    "trunk_lean",
    "pelvis",
    "hip_l",
    "hip_r",
    "knee_l",
    "knee_r",
    "shoulder_l",
    "shoulder_r",
    "elbow_l",
    "elbow_r",
)


class Region(StrEnum):
    """Where a person can feel an exercise; used by common faults and by logs."""

    GLUTES = "glutes"
    HAMSTRINGS = "hamstrings"
    LOWER_BACK = "lower-back"
    QUADRICEPS = "quadriceps"
    HIP_FLEXORS = "hip-flexors"
    TFL = "tfl"
    KNEES = "knees"
    NOWHERE = "nowhere"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Target(_Model):
    muscle: Muscle
    role: Role


class Evidence(_Model):
    """One published EMG figure, copied from the evidence table and cited by its row id."""

    source_id: str = Field(description="Row id in glute_emg.csv")
    muscle: str = Field(description="Muscle exactly as the evidence table names it")
    mean_mvic: float = Field(ge=0)
    sd_mvic: float | None = Field(default=None, ge=0)
    study: str
    note: str = Field(default="", description="How the studied variant relates to this exercise")


class Range(_Model):
    low: int = Field(ge=1)
    high: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.high < self.low:
            raise ValueError(f"high ({self.high}) must be at least low ({self.low})")
        return self

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}-{self.high}"


class Dose(_Model):
    """Default dose. Exactly one of reps, hold_seconds or steps is given."""

    sets: int = Field(ge=1, le=10)
    reps: Range | None = None
    hold_seconds: Range | None = None
    steps: Range | None = Field(default=None, description="Steps each direction (band walks)")
    per_side: bool
    tempo: str = Field(
        default="2-1-2",
        pattern=r"^\d+-\d+-\d+$",
        description="Seconds lowering-pause-lifting per rep (for holds: seconds into the hold)",
    )
    rest_seconds: int = Field(ge=0, le=300)
    source: str = Field(description="Where the dose comes from: a seed file or a source id")

    @model_validator(mode="after")
    def _one_measure(self) -> Self:
        given = [m for m in (self.reps, self.hold_seconds, self.steps) if m is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of reps, hold_seconds or steps")
        return self

    @property
    def tempo_seconds(self) -> tuple[int, int, int]:
        low, pause, high = (int(part) for part in self.tempo.split("-"))
        return low, pause, high

    @property
    def measure(self) -> str:
        if self.reps is not None:
            return "reps"
        return "hold_seconds" if self.hold_seconds is not None else "steps"

    @property
    def target(self) -> Range:
        measure = self.reps or self.hold_seconds or self.steps
        assert measure is not None  # guaranteed by _one_measure
        return measure

    def describe(self) -> str:
        unit = {"reps": "reps", "hold_seconds": "s hold", "steps": "steps each way"}[self.measure]
        side = " per side" if self.per_side else ""
        return f"{self.sets} x {self.target} {unit}{side}"


class Fault(_Model):
    """A common fault, where it makes the exercise felt, and the cue that fixes it."""

    fault: str
    felt_in: Region | None = None
    cue: str


class Prerequisite(_Model):
    text: str
    exercise: Slug | None = Field(default=None, description="An exercise to master first")


class Arrow(_Model):
    """An arrow showing what moves, drawn at a body point of one pose in the main view."""

    at: str = Field(description="Body point the arrow starts from, e.g. knee_l")
    toward: float = Field(description="Direction in the picture, degrees counter-clockwise from +x")
    length: float = Field(default=0.12, gt=0, le=0.4, description="Body heights")
    bend: float = Field(default=0.0, ge=-90, le=90, description="Degrees of curve (a turn)")


class Pose(_Model):
    """One key pose of the 2D stick figure: segment orientations in the view plane.

    Angles are degrees counter-clockwise from the +x axis (the figure's front in side view),
    so a standing figure has torso 90, thighs and shins -90 and feet 0. Missing segments
    take the standing value. The renderer places the figure so its lowest point is on the floor;
    ``support`` names body points that rest on a prop instead (a foot on a step, the upper back
    on a bench, a hip against a wall).
    """

    name: str = Field(min_length=1, max_length=40)
    angles: dict[str, float]
    hold: float = Field(default=0.0, ge=0, le=10, description="Seconds to dwell on this pose")
    support: dict[str, str] = Field(
        default_factory=dict,
        description="Body point -> prop it rests on, e.g. {ankle_l: step}; the rest uses the floor",
    )
    depth: dict[str, float] = Field(
        default_factory=dict,
        description="Segment -> degrees out of the picture towards the viewer (-90 to 90)",
    )
    lift: float = Field(default=0.0, ge=0, le=0.5, description="Body heights off the floor (a hop)")
    travel: float = Field(
        default=0.0,
        ge=-1,
        le=1,
        description="Body heights the figure moves across the picture from the previous pose",
    )
    effort: float | None = Field(
        default=None, ge=0, le=1, description="How hard the target muscle works (drawn highlight)"
    )
    joints: dict[str, float] = Field(
        default_factory=dict,
        description="Named anatomical angles in degrees: the measurable targets of this pose",
    )
    arrows: list[Arrow] = Field(default_factory=list, description="What moves, drawn as arrows")

    @model_validator(mode="after")
    def _known_joints(self) -> Self:
        unknown = sorted(set(self.joints) - set(JOINTS))
        if unknown:
            raise ValueError(f"pose {self.name!r}: unknown joint(s) {unknown}; valid: {JOINTS}")
        if any(abs(value) > 90 for value in self.depth.values()):
            raise ValueError(f"pose {self.name!r}: depth angles run from -90 to 90 degrees")
        return self


class Illustration(_Model):
    view: View
    poses: list[Pose] = Field(min_length=2, max_length=4)
    props: list[str] = Field(default_factory=list, description="Scenery: wall, floor, step...")
    views: list[View] = Field(
        default_factory=list, description="More cameras drawn from the same poses"
    )
    still: str | None = Field(
        default=None, description="The pose still pictures show; the last pose if not given"
    )

    @model_validator(mode="after")
    def _supports_are_drawn(self) -> Self:
        for pose in self.poses:
            missing = sorted(set(pose.support.values()) - set(self.props))
            if missing:
                raise ValueError(f"pose {pose.name!r} rests on {missing}, which are not in props")
        names = [pose.name for pose in self.poses]
        if len(set(names)) != len(names):
            raise ValueError(f"pose names repeat: {names}")
        if self.still is not None and self.still not in names:
            raise ValueError(f"still names {self.still!r}, which is not a pose: {names}")
        if self.view in self.views or len(set(self.views)) != len(self.views):
            raise ValueError("views lists each extra camera once, without the main view")
        return self

    @property
    def all_views(self) -> list[View]:
        return [self.view, *self.views]

    @property
    def still_index(self) -> int:
        """The pose that still pictures show: the named one, else the end of the movement."""
        names = [pose.name for pose in self.poses]
        return names.index(self.still) if self.still is not None else len(names) - 1


class Exercise(_Model):
    id: Slug
    name: str = Field(min_length=2, max_length=80)
    aliases: list[str] = Field(default_factory=list)
    summary: str = Field(min_length=10, max_length=300)
    category: Category
    phases: list[Phase] = Field(min_length=1)
    patterns: list[Pattern] = Field(min_length=1)
    targets: list[Target] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)
    dose: Dose
    equipment: list[Equipment] = Field(default_factory=list)
    position: Position
    desk_friendly: bool = Field(
        default=False, description="Standing, no equipment but a wall or chair, office clothes"
    )
    level: int = Field(ge=1, le=5)
    prerequisites: list[Prerequisite] = Field(default_factory=list)
    steps: list[str] = Field(min_length=2)
    coach_tips: list[str] = Field(default_factory=list)
    common_faults: list[Fault] = Field(default_factory=list)
    cautions: list[str] = Field(default_factory=list)
    regressions: list[Slug] = Field(default_factory=list)
    progressions: list[Slug] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)
    illustration: Illustration
    camera: Camera | None = Field(default=None, description="What the camera coach follows")

    @model_validator(mode="after")
    def _sane(self) -> Self:
        if not any(t.role is Role.PRIMARY for t in self.targets):
            raise ValueError("targets need at least one primary muscle")
        if self.id in self.regressions or self.id in self.progressions:
            raise ValueError("an exercise cannot regress or progress to itself")
        if self.desk_friendly and self.position is not Position.STANDING:
            raise ValueError("desk_friendly exercises must be done standing")
        if self.camera is not None:
            self.camera.check_targets({pose.name: pose.joints for pose in self.illustration.poses})
        return self

    @property
    def primary_muscles(self) -> list[Muscle]:
        return [t.muscle for t in self.targets if t.role is Role.PRIMARY]

    @property
    def needs_floor(self) -> bool:
        return self.position.on_floor
