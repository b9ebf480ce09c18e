"""The handout as HTML (Jinja2) and as PDF (WeasyPrint, no network: every picture is inline SVG
and the fonts are the system's)."""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache

import jinja2
from markupsafe import Markup

from glutewake.catalogue import Exercise
from glutewake.illustration.style import COLOURS
from glutewake.programming.ical import PHASE_NAMES
from glutewake.programming.program import Program
from glutewake.screening.profile import Profile
from glutewake.tracking.progress_charts import ProgressCharts


@dataclass(frozen=True)
class HandoutContent:
    made_on: date
    program: Program
    profile: Profile | None
    exercises: Mapping[str, Exercise]
    strips: Mapping[str, str]  # exercise id -> its key poses as SVG
    charts: ProgressCharts
    summary: tuple[str, ...]


# The pictures' colours are CSS custom properties (a page may restyle them); WeasyPrint's SVG
# renderer does not resolve those, so the handout writes the light palette's colours in.
CUSTOM_COLOUR = re.compile(r"var\(--(" + "|".join(COLOURS) + r")\)")


def printable(svg: str) -> str:
    return CUSTOM_COLOUR.sub(lambda found: COLOURS[found[1]][0], svg)


def picture(svg: str) -> str:
    """A picture as a data URI: WeasyPrint parses an image once per distinct URI however often
    it is shown (each week shows its exercises' key poses again), and leaves its shapes out of
    the page's CSS cascade; inline, every copy of every shape was styled and parsed anew."""
    return "data:image/svg+xml;base64," + base64.b64encode(printable(svg).encode()).decode()


@dataclass(frozen=True)
class Pdf:
    data: bytes
    pages: int


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("glutewake.handout", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html(content: HandoutContent) -> str:
    template = _environment().get_template("handout.html")
    charts = content.charts
    return template.render(
        content=content,
        program=content.program,
        profile=content.profile,
        phase_names=PHASE_NAMES,
        strips={key: picture(svg) for key, svg in content.strips.items()},
        # Our own SVG (the chart module escapes every text in it).
        chart_glutes=Markup(charts.glutes),
        chart_sessions=Markup(charts.sessions) if charts.sessions else None,
        chart_pain=Markup(charts.pain),
    )


def pdf(content: HandoutContent) -> Pdf:
    """The handout as PDF bytes, and its number of pages."""
    from weasyprint import HTML

    document = HTML(string=html(content), base_url=None).render()
    return Pdf(document.write_pdf(), len(document.pages))
