"""The screening's camera panels as served: on the single-leg stance (each side) and the bridge
only, hidden until the script finds a camera, aimed at the step's own fields, with the
catalogue's block; and the steps work without them (the form as before, no script needed).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_helpers import example_answers, field_errors

from glutewake.catalogue.catalogue import default_catalogue
from glutewake.config import Settings
from glutewake.screening.data import load_screening_data
from glutewake.web.app import create_app
from glutewake.web.wizard import TEST_TIMERS, FormValues, form_from_answers, wizard_steps

SCRIPT = "/static/camera/self_test_view.js"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    """The app on its own SQLite file; writes say they come from its origin, as a browser's do."""
    app = create_app(Settings(data_dir=tmp_path, timer_scale=1.0))
    with TestClient(app, headers={"Origin": "http://testserver"}) as test_client:
        yield test_client


class Elements(HTMLParser):
    """Every start tag's attributes, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = Elements()
    parser.feed(html)
    return parser.found


def example_form() -> dict[str, list[str]]:
    return form_from_answers(example_answers(), load_screening_data())


def open_step(client: TestClient, step_id: str, form: FormValues) -> str:
    """The page of ``step_id``, reached by going on from the step before it."""
    ids = [step.id for step in wizard_steps(load_screening_data())]
    before = ids[ids.index(step_id) - 1]
    response = client.post("/screening", data={**form, "step": before, "go": "next"})
    assert response.status_code == 200, field_errors(response.text)
    assert f'name="step" value="{step_id}"' in response.text
    return response.text


def panels(html: str) -> list[dict[str, str]]:
    return [attrs for tag, attrs in elements(html) if "data-camera-test" in attrs]


def field_names(html: str) -> set[str]:
    return {
        attrs["name"]
        for tag, attrs in elements(html)
        if tag == "input" and attrs.get("type") != "hidden" and "name" in attrs
    }


def block_of(exercise_id: str) -> dict[str, object]:
    exercise = default_catalogue().get(exercise_id)
    assert exercise.camera is not None
    return exercise.camera.as_json(exercise.dose.measure)


def test_the_stance_step_has_a_camera_panel_per_side(client: TestClient) -> None:
    html = open_step(client, "test-single_leg_stance", example_form())
    found = panels(html)
    assert [panel["data-side"] for panel in found] == ["left", "right"]
    names = field_names(html)
    for panel in found:
        assert "hidden" in panel, "shown only once the script finds a camera"
        assert panel["data-camera-test"] == "stance"
        assert panel["data-seconds"] == str(TEST_TIMERS["single_leg_stance"].seconds)
        assert json.loads(panel["data-block"]) == block_of("single-leg-standing")
        for measure in ("lost_balance", "pelvis"):  # what the camera may fill in
            assert panel["data-fields"] + measure in names
    assert "Film from the front" in html
    assert f'<script type="module" src="http://testserver{SCRIPT}' in html


def test_the_bridge_step_has_one_panel_that_fills_the_seconds(client: TestClient) -> None:
    html = open_step(client, "test-bridge", example_form())
    (panel,) = panels(html)
    assert panel["data-camera-test"] == "bridge"
    assert json.loads(panel["data-block"]) == block_of("glute-bridge-hold")
    assert panel["data-fields"] + "hold_seconds" in field_names(html)
    assert "Film from the side" in html
    assert "within 10° of the line from shoulders to knees" in html


def test_other_steps_have_no_camera(client: TestClient) -> None:
    html = open_step(client, "test-glute_squeeze", example_form())
    assert panels(html) == []
    assert SCRIPT not in html


def test_the_bridge_step_works_without_the_camera(client: TestClient) -> None:
    """No script ran: the answers typed in are sent and carried on as before."""
    form = example_form()
    html = open_step(client, "test-bridge", form)
    assert "self_tests.bridge.hold_seconds" in field_names(html)
    typed = {**form, "self_tests.bridge.hold_seconds": ["24"], "step": "test-bridge", "go": "next"}
    response = client.post("/screening", data=typed)
    assert response.status_code == 200, field_errors(response.text)
    assert 'name="step" value="test-bridge"' not in response.text
    assert '<input type="hidden" name="self_tests.bridge.hold_seconds" value="24">' in response.text
