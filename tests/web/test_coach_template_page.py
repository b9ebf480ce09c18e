"""The client's page lists each template with its exercises and doses, in plain words, and
giving one is told in the record of changes."""

from __future__ import annotations

import re

from test_coach_pages import Coaching, coaching, plain

from glutewake.application import programs
from glutewake.application.context import Scope

__all__ = ["coaching"]  # the fixture, used by name


def test_a_kept_template_shows_its_exercises_and_can_be_given(coaching: Coaching) -> None:
    where = f"/coach/clients/{coaching.person_id}"
    kept = coaching.coach.post(where + "/templates", data={"name": "Twenty minutes"})
    assert kept.status_code == 303, kept.text
    page = coaching.coach.get(where)
    assert page.status_code == 200
    person = coaching.person_id
    with coaching.app.work(Scope(person, person, role="client")) as work:
        program = programs.require_program(work).program
    item = program.sessions[-1].items[0]
    assert "Twenty minutes: its exercises" in page.text
    assert f"{item.name}: " in page.text and "session A:" in page.text
    plain(page.text)
    found = re.search(r'name="template_id"><option value="(\d+)">Twenty minutes<', page.text)
    assert found is not None
    template_id = found.group(1)
    given = coaching.coach.post(
        where + "/template", data={"template_id": template_id, "reason": "same again"}
    )
    assert given.status_code == 303, given.text
    assert "Assigned the template “Twenty minutes”." in coaching.coach.get(where).text
