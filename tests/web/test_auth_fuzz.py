"""Fuzz every operation of the OpenAPI schema as a logged-in client: no input may produce a 500.

As tests/web/test_fuzz.py, with accounts on: the requests carry the client's session cookie
and CSRF token; the client has a screening, a program and today's session. Logging out is left
out (it would end the session the rest of the run needs).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from test_auth_kit import ORIGIN, accept, accounts_app, add_coach, browser, invite
from web_helpers import onboard

from glutewake.web.auth import CSRF_HEADER, SESSION_COOKIE

EXAMPLES_PER_OPERATION = 15  # modest: the machine running the suite has two cores
LEFT_OUT = {"/logout"}


@pytest.fixture(scope="module")
def logged_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[FastAPI, dict[str, str]]]:
    app = accounts_app(tmp_path_factory.mktemp("fuzz-accounts"))
    add_coach(app, "coach@example.org")
    with browser(app) as client:
        accept(client, invite(app, "coach@example.org", "client@example.org"))
        onboard(client, date.today())
        headers = {
            "Origin": ORIGIN,
            "Cookie": f"{SESSION_COOKIE}={client.cookies[SESSION_COOKIE]}",
            CSRF_HEADER: client.headers[CSRF_HEADER],
        }
        yield app, headers


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_input_from_a_logged_in_client_produces_a_server_error(
    logged_in: tuple[FastAPI, dict[str, str]], mode: GenerationMode
) -> None:
    app, headers = logged_in
    schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=headers)
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        if result.ok().path not in LEFT_OUT:
            operations.append(result.ok())
    assert len(operations) >= 15
    fuzzed = 0
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def call(case: schemathesis.Case[Any]) -> None:
            response = case.call(headers=headers)
            case.validate_response(response, checks=[not_a_server_error])

        try:
            call()
            fuzzed += 1
        except Unsatisfiable:
            assert mode is GenerationMode.NEGATIVE, operation.label
    assert fuzzed > 0
    with browser(app) as check:  # the session lived through the run: it was fuzzed logged in
        check.headers.update(headers)
        assert check.get("/api/logs").status_code == 200
