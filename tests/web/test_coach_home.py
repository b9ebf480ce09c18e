"""A coach opening ``/`` lands on their dashboard; a client, and a coach viewing one, on home."""

from __future__ import annotations

from pathlib import Path

from test_auth_kit import accept, accounts_app, add_coach, browser, invite, log_in


def test_a_coach_at_the_welcome_page_is_sent_to_the_dashboard(tmp_path: Path) -> None:
    app = accounts_app(tmp_path)
    add_coach(app, "coach@example.org")
    made = invite(app, "coach@example.org", "ana@example.org")
    client, coach = browser(app), browser(app)
    accept(client, made)
    log_in(coach, "coach@example.org")
    sent = coach.get("/")
    assert sent.status_code == 303
    assert sent.headers["location"] == "/coach"
    assert coach.get("/", follow_redirects=True).url.path == "/coach"
    assert coach.get(f"/?view_as={made.person_id}").status_code == 200  # view as the client
    assert coach.get("/?view_as=987654").status_code == 404  # not theirs: as before
    assert client.get("/").status_code == 200
