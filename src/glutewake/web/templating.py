"""Jinja2 set-up and the one way pages are rendered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import jinja2
from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.responses import HTMLResponse

from glutewake import __version__
from glutewake.catalogue import Catalogue, Exercise
from glutewake.errors import FieldProblem, SafetyGateError, TrainingPausedError
from glutewake.illustration.render import animated_svg, still_svg, strip_svg
from glutewake.web.wizard import flag_groups, test_timer

# Emergency numbers by the region in the browser's language (en-GB -> GB). 112 is the
# emergency number across the EU (Directive (EU) 2018/1972, art. 109) and mobile phones treat
# it as an emergency call everywhere (3GPP TS 22.101), so it is the default. A setting
# ``emergency_number`` (GLUTEWAKE_EMERGENCY_NUMBER) wins over both.
EMERGENCY_NUMBERS = {"GB": "999", "US": "911", "CA": "911", "AU": "000", "NZ": "111"}
DEFAULT_EMERGENCY_NUMBER = "112"
# The form field that carries the CSRF token in coach mode (read by ``web.auth.require_csrf``).
CSRF_FIELD = "csrf_token"

# The words people see for the data's ids (the ids stay in the data, the CLI and the docs).
PHASE_NAMES = {"wake-up": "Wake up", "build": "Build", "integrate": "Put to work"}
PHASE_WHY = {  # after programming.explanation.PHASE_WHY and its sources
    "wake-up": "Small, held moves that find your glutes and switch them on. No squats or "
    "lunges yet: they let the front of the thighs take over.",
    "build": "Moves for reps, once your glutes switch on, so they get stronger.",
    "integrate": "Bigger moves such as squats and deadlifts, each straight after a glute "
    "drill, so your glutes do their share in everyday movement.",
}
SCORE_NAMES = {  # screening.scoring.COMPONENT_NAMES, as the profile page says them
    "Gluteus maximus activation": "Switching on your main glute",
    "Gluteus medius / pelvic stability": "Keeping your pelvis level",
    "Hip-flexor tightness": "Tight front of the hips",
    "Anterior pelvic tilt": "Pelvis tipped forward",
    "Compensation": "Other muscles doing the glutes' work",
    "Sitting load": "Sitting",
}
NEED_NAMES = {
    "glute-max": "Switching on your main glute muscle (gluteus maximus)",
    "glute-med": "Keeping your pelvis level (the side glutes)",
    "hip-flexors": "Loosening the front of your hips",
}
WORDS = {
    # muscles
    "gluteus-maximus": "Gluteus maximus (main glute)",
    "gluteus-medius": "Gluteus medius (side of the hip)",
    "gluteus-minimus": "Gluteus minimus (deep side of the hip)",
    "tfl": "Front of the hip, outer side",
    "hamstrings": "Hamstrings (back of the thighs)",
    "quadriceps": "Quadriceps (front of the thighs)",
    "adductors": "Inner thighs",
    "core": "Core",
    "lower-back": "Lower back",
    "hip-flexors": "Hip flexors (front of the hips)",
    # positions
    "standing": "Standing",
    "supine": "Lying on your back",
    "prone": "Lying face down",
    "side-lying": "Lying on your side",
    "quadruped": "On hands and knees",
    "kneeling": "Kneeling",
    # kinds of exercise
    "mobility": "Stretch and release",
    "activation": "Wake-up drills",
    "isolation": "Glute builders",
    "integration": "Strength moves",
    # where a set was felt
    "glutes-left": "Left glute",
    "glutes-right": "Right glute",
    "glutes": "Glutes",
    "nowhere": "Not felt anywhere",
}


def plain_word(value: object, fallback: str = "") -> str:
    """The word a person sees for an id (an enum or its value): ``WORDS``, else the id."""
    key = str(getattr(value, "value", value))
    return WORDS.get(key) or fallback or key.replace("-", " ").capitalize()


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str
    icon: Markup  # SVG shapes drawn on a 24 x 24 grid with the current colour


NAV = (
    NavItem(
        "/today", "Today", Markup('<circle cx="12" cy="12" r="9"/><path d="M10 8.5v7l5.5-3.5z"/>')
    ),
    NavItem(
        "/program",
        "Program",
        Markup(
            '<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>'
        ),
    ),
    NavItem(
        "/exercises",
        "Exercises",
        Markup('<circle cx="12" cy="4.5" r="2"/><path d="M12 7v6l-4 7M12 13l4 7M6 10h12"/>'),
    ),
    NavItem("/history", "History", Markup('<path d="M4 20V11M10 20V5M16 20v-6M21 20H3"/>')),
    NavItem(
        "/desk",
        "Desk",
        Markup('<rect x="3" y="4" width="18" height="12" rx="1.5"/><path d="M9 20h6M12 16v4"/>'),
    ),
)


class Illustrations:
    """Each exercise's SVG drawings, rendered once per process."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self._animated: dict[str, str] = {}
        self._stills: dict[str, str] = {}
        self._strips: dict[str, str] = {}

    def animated(self, exercise_id: str) -> str:
        if exercise_id not in self._animated:
            self._animated[exercise_id] = animated_svg(self._catalogue.get(exercise_id))
        return self._animated[exercise_id]

    def still(self, exercise_id: str) -> str:
        """The exercise's most telling pose, not animated (lists, print)."""
        if exercise_id not in self._stills:
            self._stills[exercise_id] = still_svg(self._catalogue.get(exercise_id))
        return self._stills[exercise_id]

    def strip(self, exercise_id: str) -> str:
        if exercise_id not in self._strips:
            self._strips[exercise_id] = strip_svg(self._catalogue.get(exercise_id))
        return self._strips[exercise_id]


def errors_by_field(problems: Sequence[FieldProblem]) -> dict[str, str]:
    """The first message for each field, for showing next to it."""
    found: dict[str, str] = {}
    for problem in problems:
        found.setdefault(problem.field, problem.message)
    return found


def emergency_number(request: Request) -> str:
    """The number to call in an emergency: the setting, else by the browser's region."""
    configured: str = request.app.state.settings.emergency_number
    if configured:
        return configured
    for tag in request.headers.get("accept-language", "").split(","):
        parts = tag.split(";")[0].strip().replace("_", "-").split("-")
        if len(parts) > 1 and len(parts[-1]) == 2:
            return EMERGENCY_NUMBERS.get(parts[-1].upper(), DEFAULT_EMERGENCY_NUMBER)
    return DEFAULT_EMERGENCY_NUMBER


@jinja2.pass_context
def csrf_field(context: jinja2.runtime.Context) -> Markup:
    """The hidden token field every posted form carries; nothing when accounts are off."""
    token = getattr(context["request"].state, "csrf_token", None)
    if not token:
        return Markup("")
    return Markup('<input type="hidden" name="{}" value="{}">').format(CSRF_FIELD, token)


URLS_KEPT = 512  # addresses kept by url_for's memo (a Host header is the client's to choose)


def memo_url_for() -> Any:
    """Starlette's ``url_for`` global, each address worked out once per way the app is reached:
    the page templates ask for the same static files on every render (about 10% of Today's)."""
    found: dict[tuple[Any, ...], Any] = {}

    @jinja2.pass_context
    def url_for(context: jinja2.runtime.Context, name: str, /, **path_params: Any) -> Any:
        request: Request = context["request"]
        scope = request.scope
        key = (
            name,
            tuple(sorted(path_params.items())),
            id(scope.get("router") or scope.get("app")),
            scope.get("scheme"),
            str(scope.get("server")),  # a tuple from uvicorn, a list from the test client
            scope.get("app_root_path", scope.get("root_path", "")),
            request.headers.get("host"),
        )
        url = found.get(key)
        if url is None:
            if len(found) >= URLS_KEPT:
                found.clear()
            url = found[key] = request.url_for(name, **path_params)
        return url

    return url_for


def timer_scale(request: Request) -> float:
    scale: float = request.app.state.settings.timer_scale
    return scale


def make_templates(illustrations: Illustrations) -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("glutewake.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates change with a new version, not while serving
    )

    def illustration(exercise: Exercise | str) -> Markup:
        exercise_id = exercise if isinstance(exercise, str) else exercise.id
        return Markup(
            illustrations.animated(exercise_id)
        )  # our own SVG: every text in it is escaped

    env.globals.update(
        nav=NAV,
        version=__version__,
        illustration=illustration,
        flag_groups=flag_groups,
        test_timer=test_timer,
        emergency_number=emergency_number,
        timer_scale=timer_scale,
        csrf_field=csrf_field,
    )
    env.globals.update(
        phase_names=PHASE_NAMES,
        phase_why=PHASE_WHY,
        need_names=NEED_NAMES,
        score_names=SCORE_NAMES,
    )
    env.filters["title_words"] = lambda value: str(value).replace("-", " ").capitalize()
    env.filters["plain"] = plain_word
    env.globals["url_for"] = memo_url_for()  # set first: Jinja2Templates keeps a url_for given
    return Jinja2Templates(env=env)


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    page = {"errors": {}, "values": {}, **(context or {})}
    return templates.TemplateResponse(request, template, page, status_code=status_code)


def safety_context(paused: SafetyGateError) -> dict[str, Any]:
    """What ``_safety.html`` shows while the safety rule pauses training."""
    gate = paused.gate if isinstance(paused, TrainingPausedError) else "stop"
    return {"safety": {"message": str(paused), "hint": paused.hint, "gate": gate}}
