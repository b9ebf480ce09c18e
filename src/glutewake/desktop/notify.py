"""How prompts reach the person: desktop notifications with buttons, or the terminal.

``open_prompter`` uses desktop-notifier when a notification server that supports buttons is
reachable, and otherwise falls back to prompts in the terminal, saying why. Either way the
person's answers come back through the ``respond`` callback as a ``Response``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from glutewake.reminders.chooser import MicroBreak
from glutewake.reminders.standup import NO_EXERCISE, STAND_UP_CUE, STAND_UP_TITLE, TrainingPause

if TYPE_CHECKING:
    from dbus_fast.aio import MessageBus

APP_NAME = "glutewake"
NOTIFICATIONS_BUS_NAME = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
PROBE_TIMEOUT_SECONDS = 5.0


class Response(StrEnum):
    DONE = "done"
    SNOOZE = "snooze"
    SKIP = "skip"
    YES = "yes"
    NO = "no"
    INPUT_CLOSED = "input-closed"  # not an answer: the terminal's input ended, none can come


Respond = Callable[[Response], None]


class NotificationsUnavailableError(Exception):
    """No desktop notification server with buttons can be reached; the message says why."""


class Prompter(Protocol):
    description: str

    async def prompt(self, offer: MicroBreak, sitting_minutes: float) -> None: ...
    async def stand(self, paused: TrainingPause, sitting_minutes: float) -> None: ...
    async def guide(self, offer: MicroBreak) -> None: ...
    async def progress(self, offer: MicroBreak, remaining_seconds: int) -> None: ...
    async def ask(self, offer: MicroBreak) -> None: ...
    async def close(self) -> None: ...
    async def shutdown(self) -> None: ...


async def disconnect(bus: MessageBus) -> None:
    """Close a D-Bus connection and wait until its socket is closed."""
    bus.disconnect()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(bus.wait_for_disconnect(), PROBE_TIMEOUT_SECONDS)  # type: ignore[no-untyped-call]


def prompt_text(offer: MicroBreak, sitting_minutes: float) -> tuple[str, str]:
    title = f"Time to stand: {offer.name}"
    body = (
        f"You have been sitting for {sitting_minutes:.0f} min. "
        f"{offer.dose.describe()} (about {offer.seconds} s). Done starts a guided timer."
    )
    return title, body


def stand_text(paused: TrainingPause, sitting_minutes: float) -> tuple[str, str]:
    """The prompt while training is paused: stand up, no exercise, and the rule's words."""
    body = (
        f"You have been sitting for {sitting_minutes:.0f} min. {STAND_UP_CUE}\n"
        f"{NO_EXERCISE} {paused.words()}"
    )
    return STAND_UP_TITLE, body


def guide_text(offer: MicroBreak) -> tuple[str, str]:
    return f"Go: {offer.name}", f"{offer.dose.describe()}\n" + "\n".join(offer.steps)


def switch_sides_due(offer: MicroBreak, remaining_seconds: int, previous_remaining: int) -> bool:
    """Whether the halfway point of a per-side dose fell between two progress updates."""
    half = offer.seconds // 2
    return offer.dose.per_side and remaining_seconds <= half < previous_remaining


# ---- desktop ---------------------------------------------------------------------------------


async def _linux_notification_server() -> str:
    """The notification server's name; raises NotificationsUnavailableError with the reason."""
    from dbus_fast.aio import MessageBus

    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise NotificationsUnavailableError(
            "DBUS_SESSION_BUS_ADDRESS is not set (no D-Bus session)"
        )
    try:
        bus = await asyncio.wait_for(MessageBus().connect(), PROBE_TIMEOUT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise NotificationsUnavailableError(
            f"cannot connect to the D-Bus session bus: {error}"
        ) from error
    try:
        server = str((await _ask_server(bus, "GetServerInformation"))[0])
        capabilities = (await _ask_server(bus, "GetCapabilities"))[0]
    finally:
        await disconnect(bus)
    if "actions" not in capabilities:
        raise NotificationsUnavailableError(f"the notification server {server} cannot show buttons")
    return server


async def _ask_server(bus: MessageBus, member: str) -> list[Any]:
    from dbus_fast import Message, MessageType

    message = Message(
        destination=NOTIFICATIONS_BUS_NAME,
        path=NOTIFICATIONS_PATH,
        interface=NOTIFICATIONS_BUS_NAME,
        member=member,
    )
    try:
        reply = await asyncio.wait_for(bus.call(message), PROBE_TIMEOUT_SECONDS)
    except TimeoutError as error:
        raise NotificationsUnavailableError("the notification server did not answer") from error
    if reply is None or reply.message_type is MessageType.ERROR:
        detail = reply.body[0] if reply and reply.body else "no reply"
        raise NotificationsUnavailableError(
            f"no notification server on the session bus ({detail}); start one such as dunst, "
            "or use a desktop (GNOME, KDE Plasma, Xfce) that has one"
        )
    body: list[Any] = reply.body
    return body


async def notification_server() -> str:
    """Which desktop notification backend will show prompts; raises with the reason if none."""
    from desktop_notifier.backends.dummy import DummyNotificationCenter
    from desktop_notifier.main import get_backend_class

    backend = get_backend_class()
    if backend is DummyNotificationCenter:
        reason = (
            "desktop-notifier can only notify from an app bundle on macOS"
            if sys.platform == "darwin"
            else f"desktop-notifier has no notification backend for {sys.platform}"
        )
        raise NotificationsUnavailableError(reason)
    if sys.platform.startswith("linux"):
        return await _linux_notification_server()
    return backend.__name__


class DesktopPrompter:
    """Prompts as desktop notifications with Done / Snooze / Skip and Yes / No buttons."""

    def __init__(self, respond: Respond, timeout_seconds: int, server: str) -> None:
        from desktop_notifier import DesktopNotifier

        self._notifier = DesktopNotifier(app_name=APP_NAME)
        self._respond = respond
        self._timeout = timeout_seconds
        self._shown: str | None = None
        self._remaining: int | None = None
        self.description = f"desktop notifications ({server})"

    async def _show(self, title: str, body: str, buttons: tuple[Response, ...]) -> None:
        from desktop_notifier import Button

        await self.close()
        self._shown = await self._notifier.send(
            title=title,
            message=body,
            buttons=[
                Button(title=r.value.capitalize(), on_pressed=self._pressed(r)) for r in buttons
            ],
            timeout=self._timeout,
        )

    def _pressed(self, response: Response) -> Callable[[], None]:
        def pressed() -> None:
            self._shown = None  # the server closes a notification when a button is pressed
            self._respond(response)

        return pressed

    async def prompt(self, offer: MicroBreak, sitting_minutes: float) -> None:
        title, body = prompt_text(offer, sitting_minutes)
        await self._show(title, body, (Response.DONE, Response.SNOOZE, Response.SKIP))

    async def stand(self, paused: TrainingPause, sitting_minutes: float) -> None:
        title, body = stand_text(paused, sitting_minutes)
        body += "\nDone: you stood up."
        await self._show(title, body, (Response.DONE, Response.SNOOZE, Response.SKIP))

    async def guide(self, offer: MicroBreak) -> None:
        self._remaining = offer.seconds
        await self._show(*guide_text(offer), ())

    async def progress(self, offer: MicroBreak, remaining_seconds: int) -> None:
        previous, self._remaining = self._remaining, remaining_seconds
        if previous is not None and switch_sides_due(offer, remaining_seconds, previous):
            await self._show("Switch sides", f"{offer.name}: same again on the other side.", ())

    async def ask(self, offer: MicroBreak) -> None:
        await self._show("Did you do it?", offer.name, (Response.YES, Response.NO))

    async def close(self) -> None:
        shown, self._shown = self._shown, None
        if shown is not None:
            with contextlib.suppress(KeyError):  # the server closed it (expired, dismissed)
                await self._notifier.clear(shown)

    async def shutdown(self) -> None:
        await self.close()
        # desktop-notifier has no close(); its D-Bus backend keeps its connection as ``bus``.
        bus = getattr(self._notifier._backend, "bus", None)
        if bus is not None:
            await disconnect(bus)


# ---- terminal --------------------------------------------------------------------------------

_KEYS = {
    "d": Response.DONE,
    "done": Response.DONE,
    "s": Response.SNOOZE,
    "snooze": Response.SNOOZE,
    "k": Response.SKIP,
    "skip": Response.SKIP,
    "y": Response.YES,
    "yes": Response.YES,
    "n": Response.NO,
    "no": Response.NO,
}
_PROMPT_ANSWERS = (Response.DONE, Response.SNOOZE, Response.SKIP)
_QUESTION_ANSWERS = (Response.YES, Response.NO)


class TerminalPrompter:
    """Prompts printed to the terminal; answers typed as one line each (d / s / k, y / n).

    When the input ends (closed, ``</dev/null``, a pipe whose writer went away) it says so
    with ``Response.INPUT_CLOSED``, so the coach does not wait for an answer that cannot come.
    """

    def __init__(self, respond: Respond, reason: str, out: TextIO, keys: TextIO | None) -> None:
        self._respond = respond
        self._out = out
        self._keys = keys
        self._expecting: tuple[Response, ...] = ()
        self._reader: threading.Thread | None = None
        self._remaining: int | None = None
        self.description = f"terminal prompts ({reason})"

    def _say(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    def listen(self) -> None:
        """Read the typed lines from the first prompt on (lines typed ahead answer it)."""
        if self._reader is not None:
            return
        loop = asyncio.get_running_loop()
        keys = self._keys

        def read() -> None:
            # RuntimeError: the loop has closed (the coach stopped) while this thread read.
            with contextlib.suppress(RuntimeError):
                if keys is not None:  # None: Python found no standard input at all
                    with contextlib.suppress(OSError, ValueError):  # a closed or broken input
                        for line in keys:
                            loop.call_soon_threadsafe(self._typed, line.strip().lower())
                loop.call_soon_threadsafe(self._respond, Response.INPUT_CLOSED)

        self._reader = threading.Thread(target=read, name="glutewake-keys", daemon=True)
        self._reader.start()

    def _typed(self, key: str) -> None:
        response = _KEYS.get(key)
        if response is None or response not in self._expecting:
            if self._expecting:
                choices = " / ".join(f"{r.value[0]}={r.value}" for r in self._expecting)
                self._say(f"Type one of: {choices}")
            return
        self._expecting = ()
        self._respond(response)

    async def prompt(self, offer: MicroBreak, sitting_minutes: float) -> None:
        title, body = prompt_text(offer, sitting_minutes)
        self._say(f"\a\n{title}\n{body}\n[d] done   [s] snooze   [k] skip")
        self._expecting = _PROMPT_ANSWERS
        self.listen()

    async def stand(self, paused: TrainingPause, sitting_minutes: float) -> None:
        title, body = stand_text(paused, sitting_minutes)
        self._say(f"\a\n{title}\n{body}\n[d] done, I stood up   [s] snooze   [k] skip")
        self._expecting = _PROMPT_ANSWERS
        self.listen()

    async def guide(self, offer: MicroBreak) -> None:
        title, body = guide_text(offer)
        self._remaining = offer.seconds
        self._say(f"{title}\n{body}")

    async def progress(self, offer: MicroBreak, remaining_seconds: int) -> None:
        previous, self._remaining = self._remaining, remaining_seconds
        if previous is not None and switch_sides_due(offer, remaining_seconds, previous):
            self._say("Switch sides.")
        if previous is not None and remaining_seconds // 10 < previous // 10:
            self._say(f"  {remaining_seconds} s left")

    async def ask(self, offer: MicroBreak) -> None:
        self._say(f"\aDid you do it? ({offer.name})   [y] yes   [n] no")
        self._expecting = _QUESTION_ANSWERS
        self.listen()

    async def close(self) -> None:
        if self._expecting:
            self._say("(prompt closed)")
        self._expecting = ()

    async def shutdown(self) -> None:
        await self.close()


async def open_prompter(
    respond: Respond, timeout_seconds: int, out: TextIO, keys: TextIO | None
) -> DesktopPrompter | TerminalPrompter:
    """Desktop notifications if a server with buttons answers, else the terminal (with why)."""
    try:
        server = await notification_server()
    except NotificationsUnavailableError as reason:
        return TerminalPrompter(respond, str(reason), out, keys)
    return DesktopPrompter(respond, timeout_seconds, server)
