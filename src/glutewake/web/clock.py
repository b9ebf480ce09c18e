"""The web app's notion of now: the server's local date for the calendar, naive UTC for stamps."""

from __future__ import annotations

from datetime import date, datetime

from glutewake.store.repository import utc_now


def today() -> date:
    """The training day: the local date of the computer glutewake runs on."""
    return date.today()


def now() -> datetime:
    """When something was recorded, in UTC without a zone (as the store keeps it)."""
    return utc_now()
