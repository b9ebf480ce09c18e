"""History a window of days at a time: the page's "Show earlier days" and the API's limit/before."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from web_helpers import onboard

from glutewake.store import Database, set_logs
from glutewake.tracking.log import SetLog

FIRST_DAY = date(2026, 3, 1)
DAYS = 17  # more than one page of the history (14 days)


def log_days(client: TestClient, database: Database, days: int) -> list[date]:
    """Two sets on every other day from FIRST_DAY, stored for the onboarded person."""
    onboard(client, date.today())
    logged = [FIRST_DAY + timedelta(days=2 * n) for n in range(days)]
    with database.session() as session:
        for day in logged:
            for set_number in (1, 2):
                log = SetLog.model_validate(
                    {
                        "exercise_id": "glute-bridge",
                        "day": day,
                        "set_number": set_number,
                        "reps": 10 + set_number,
                        "effort": 6,
                        "felt": ["glutes-left", "glutes-right"],
                        "pain": 0,
                        "logged_at": datetime.combine(day, datetime.min.time()),
                    }
                )
                set_logs.log_set(session, 1, log, f"seed-{day.isoformat()}-{set_number}")
    return logged


def shown_days(page: str) -> list[str]:
    return re.findall(r'id="day-(\d{4}-\d\d-\d\d)"', page)


def test_history_shows_two_weeks_of_days_and_links_to_the_earlier_ones(
    client: TestClient, database: Database
) -> None:
    logged = log_days(client, database, DAYS)
    newest_first = [day.isoformat() for day in reversed(logged)]
    latest = client.get("/history").text
    assert shown_days(latest) == newest_first[:14]
    assert f"<strong>{DAYS}</strong><span>training days" in latest
    assert f"<strong>{2 * DAYS}</strong><span>sets logged" in latest
    link = re.search(r'href="(/history\?before=[^"]+)">Show earlier days', latest)
    assert link is not None and link.group(1) == f"/history?before={newest_first[13]}"
    earlier = client.get(link.group(1)).text
    assert shown_days(earlier) == newest_first[14:]
    assert "Show earlier days" not in earlier
    assert 'href="/history">Back to the latest days' in earlier
    assert f"<strong>{DAYS}</strong><span>training days" in earlier


def test_the_logs_api_pages_by_days_with_a_next_link(
    client: TestClient, database: Database
) -> None:
    logged = log_days(client, database, DAYS)
    everything = client.get("/api/logs").json()
    assert len(everything) == 2 * DAYS
    pages: list[dict[str, object]] = []
    url: str | None = "/api/logs?limit=5"
    while url is not None:
        response = client.get(url)
        assert response.status_code == 200
        pages = response.json() + pages
        link = response.headers.get("link")
        url = re.match(r"<([^>]+)>; rel=\"next\"", link).group(1) if link else None  # type: ignore[union-attr]
    assert pages == everything
    last_five = client.get("/api/logs?limit=5").json()
    assert [log["day"] for log in last_five[::2]] == [d.isoformat() for d in logged[-5:]]


def test_the_logs_api_keeps_since_and_before(client: TestClient, database: Database) -> None:
    logged = log_days(client, database, 6)
    between = client.get(f"/api/logs?since={logged[1]}&before={logged[4]}").json()
    assert sorted({log["day"] for log in between}) == [d.isoformat() for d in logged[1:4]]
    paged = client.get(f"/api/logs?since={logged[1]}&before={logged[4]}&limit=2")
    assert sorted({log["day"] for log in paged.json()}) == [d.isoformat() for d in logged[2:4]]
    assert paged.headers["link"] == (
        f'</api/logs?before={logged[2]}&limit=2&since={logged[1]}>; rel="next"'
    )


@pytest.mark.parametrize("limit", ["0", "367", "many"])
def test_a_bad_limit_is_refused(client: TestClient, limit: str) -> None:
    assert client.get(f"/api/logs?limit={limit}").status_code == 422
