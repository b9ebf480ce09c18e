"""The CLI's unit of work: the configured application, opened for one command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from glutewake.application import Work


@contextmanager
def working() -> Iterator[Work]:
    """One transaction for the local person on the configured database."""
    from glutewake.application import App
    from glutewake.config import get_settings

    application = App.open(get_settings())
    try:
        with application.work() as work:
            yield work
    finally:
        application.close()
