"""Fuzz every operation of the OpenAPI schema: no input may produce a server error.

schemathesis builds the inputs from the schema (valid ones, then invalid ones) and calls the
app in-process on a real SQLite file that already holds a program and today's session.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from web_helpers import onboard

from glutewake.config import Settings
from glutewake.web.app import create_app

EXAMPLES_PER_OPERATION = 20  # modest: the machine running the suite has two cores
ORIGIN = "http://testserver"  # writes must come from the app's own origin to reach the routes


@pytest.fixture(scope="module")
def fuzzed_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    app = create_app(Settings(data_dir=tmp_path_factory.mktemp("fuzz")))
    with TestClient(app, headers={"Origin": ORIGIN}) as client:
        onboard(client, date.today())
        yield app


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_produces_a_server_error(fuzzed_app: FastAPI, mode: GenerationMode) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", fuzzed_app)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result  # the schema itself is valid
        operations.append(result.ok())
    assert len(operations) >= 15
    skipped: list[str] = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case[Any]) -> None:
            response = case.call(headers={"Origin": ORIGIN})
            case.validate_response(response, checks=[not_a_server_error])

        try:
            call()
        except Unsatisfiable:
            # Only string inputs (query text, paths): every value is valid, none to invent.
            assert mode is GenerationMode.NEGATIVE, operation.label
            skipped.append(operation.label)
    assert len(skipped) < len(operations), "the negative pass fuzzed nothing"
