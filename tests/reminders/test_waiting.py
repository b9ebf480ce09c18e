"""The coach says what it waits for and when its first prompt can come."""

from __future__ import annotations

from datetime import UTC, datetime, time

from glutewake.reminders.settings import BreakSettings, TimeWindow
from glutewake.reminders.waiting import next_work_start, waiting_words

RULES = BreakSettings(interval_minutes=30)  # Mon-Fri 09:00-17:00
MONDAY = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_within_working_hours_the_first_prompt_is_one_interval_away() -> None:
    words = waiting_words(RULES, MONDAY, idle_detected=True)
    assert words == (
        "Waiting for you to sit: the first prompt comes after 30 minutes of sitting, "
        "at 10:30 at the earliest."
    )


def test_before_working_hours_prompts_are_held_until_they_start() -> None:
    early = MONDAY.replace(hour=7, minute=15)
    words = waiting_words(RULES, early, idle_detected=True)
    assert "Outside your working hours (Mon, Tue, Wed, Thu, Fri, 09:00-17:00)" in words
    assert "prompts are held until 09:00; the first comes after 30 minutes" in words


def test_after_friday_work_the_next_start_is_monday() -> None:
    friday_evening = datetime(2026, 3, 6, 18, 0, tzinfo=UTC)
    assert next_work_start(RULES, friday_evening) == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
    assert "held until Mon 9 Mar at 09:00" in waiting_words(RULES, friday_evening, True)
    thursday_evening = datetime(2026, 3, 5, 18, 0, tzinfo=UTC)
    assert "held until tomorrow at 09:00" in waiting_words(RULES, thursday_evening, True)


def test_quiet_hours_and_no_idle_detection_are_said() -> None:
    lunch = RULES.model_copy(
        update={"quiet_hours": (TimeWindow(start=time(10, 15), end=time(11)),)}
    )
    words = waiting_words(lunch, MONDAY, idle_detected=False)
    assert "(that is in your quiet hours: it waits until they end)" in words
    assert "all the time it runs counts as sitting" in words
