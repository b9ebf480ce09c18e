"""Against a real desktop: Xvfb, a private D-Bus session bus and the dunst notification server.

Buttons are pressed the way a person would in dunst: its context menu (``dunstctl context``)
runs a "dmenu" program, here a script that picks the first of the labels written in a file.
Skipped, with the reason, where the Debian packages xvfb, dbus-x11, dunst, libxss1 and
xdotool are not installed.
"""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from glutewake.catalogue import default_catalogue
from glutewake.desktop.idle import X11ScreenSaver, detect_idle
from glutewake.desktop.notify import (
    DesktopPrompter,
    NotificationsUnavailableError,
    Response,
    TerminalPrompter,
    notification_server,
    open_prompter,
)
from glutewake.reminders.chooser import as_micro_break

GLUTEWAKE = (sys.executable, "-c", "from glutewake.cli.app import main; main()")
NEEDED = ("Xvfb", "dbus-daemon", "dunst", "dunstctl", "xdotool")
MISSING = [name for name in NEEDED if shutil.which(name) is None]
pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs a Linux desktop stack"),
    pytest.mark.skipif(
        bool(MISSING),
        reason=f"{', '.join(MISSING)} not installed (apt: xvfb dbus-x11 dunst libxss1 xdotool)",
    ),
]

# A session bus with no service activation, so only the dunst started here can answer.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
PICKER = """#!/bin/sh
menu=$(cat)
for label in $(cat "{choices}"); do
  line=$(printf '%s\\n' "$menu" | grep -m1 "^#$label ") && {{ printf '%s\\n' "$line"; exit 0; }}
done
exit 1
"""


@dataclass
class Desktop:
    env: dict[str, str]
    choices: Path

    def clear(self) -> None:
        """Close every notification (dunst keeps one open after a context-menu action)."""
        subprocess.run(["dunstctl", "close-all"], env=self.env, check=True, timeout=10)

    def press(self, *labels: str) -> None:
        """The next context menu picks the first of ``labels`` that a notification offers."""
        self.choices.write_text(" ".join(labels), encoding="utf-8")
        subprocess.run(["dunstctl", "context"], env=self.env, check=False, timeout=10)


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "640x480x24"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        display = numbers.readline().strip()
    return xvfb, f":{display}"


def start_bus(folder: Path) -> tuple[subprocess.Popen[str], str]:
    config = folder / "bus.conf"
    config.write_text(BUS_CONFIG.format(folder=folder), encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    return bus, bus.stdout.readline().strip()


def stop(process: subprocess.Popen[str] | subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.communicate(timeout=10)


def wait_for_dunst(env: dict[str, str]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        answer = subprocess.run(
            ["dunstctl", "count"], env=env, capture_output=True, check=False, timeout=5
        )
        if answer.returncode == 0:
            return
        time.sleep(0.1)
    raise AssertionError("dunst did not come up on the test bus")


@pytest.fixture(scope="module")
def desktop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desktop]:
    folder = tmp_path_factory.mktemp("desktop")
    xvfb, display = start_xvfb()
    bus, address = start_bus(folder)
    env = {**os.environ, "DISPLAY": display, "DBUS_SESSION_BUS_ADDRESS": address}
    env.pop("WAYLAND_DISPLAY", None)
    choices = folder / "choices"
    picker = folder / "pick.sh"
    picker.write_text(PICKER.format(choices=choices), encoding="utf-8")
    picker.chmod(0o755)
    rc = folder / "dunstrc"
    rc.write_text(f"[global]\n    dmenu = {picker}\n", encoding="utf-8")
    dunst = subprocess.Popen(
        ["dunst", "-config", str(rc)], env=env, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    try:
        wait_for_dunst(env)
        yield Desktop(env=env, choices=choices)
    finally:
        stop(dunst)
        stop(bus)
        stop(xvfb)


@pytest.fixture
def session_env(desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> Desktop:
    for name in ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.setenv(name, desktop.env[name])
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return desktop


@pytest.mark.usefixtures("session_env")
def test_the_notification_server_is_found_with_its_name() -> None:
    assert asyncio.run(notification_server()) == "dunst"


def test_buttons_pressed_in_the_notification_come_back_as_responses(session_env: Desktop) -> None:
    offer = as_micro_break(default_catalogue().get("standing-glute-squeeze"))
    assert offer is not None

    async def scenario() -> list[Response]:
        received: asyncio.Queue[Response] = asyncio.Queue()
        prompter = await open_prompter(received.put_nowait, 60, io.StringIO(), io.StringIO())
        assert isinstance(prompter, DesktopPrompter)
        assert prompter.description == "desktop notifications (dunst)"
        session_env.clear()
        answers = []
        await prompter.prompt(offer, sitting_minutes=31)
        await asyncio.to_thread(session_env.press, "Done")
        answers.append(await asyncio.wait_for(received.get(), 10))
        session_env.clear()
        await prompter.ask(offer)
        await asyncio.to_thread(session_env.press, "Yes")
        answers.append(await asyncio.wait_for(received.get(), 10))
        await prompter.shutdown()
        return answers

    assert asyncio.run(scenario()) == [Response.DONE, Response.YES]


def test_a_bus_without_a_notification_server_falls_back_to_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bus, address = start_bus(tmp_path)
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        with pytest.raises(NotificationsUnavailableError, match="no notification server"):
            asyncio.run(notification_server())
        prompter = asyncio.run(open_prompter(lambda _: None, 60, io.StringIO(), io.StringIO()))
        assert isinstance(prompter, TerminalPrompter)
        assert "no notification server" in prompter.description
    finally:
        stop(bus)


def test_no_session_bus_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    with pytest.raises(NotificationsUnavailableError, match="DBUS_SESSION_BUS_ADDRESS"):
        asyncio.run(notification_server())


@pytest.mark.usefixtures("session_env")
def test_x11_idle_time_grows_without_input_and_resets_on_input() -> None:
    idle = X11ScreenSaver()
    subprocess.run(["xdotool", "mousemove", "10", "10"], check=True, timeout=10)
    time.sleep(1.2)
    before = asyncio.run(idle.idle_seconds())
    assert before is not None and 1.0 <= before < 10
    subprocess.run(["xdotool", "mousemove", "50", "60"], check=True, timeout=10)
    after = asyncio.run(idle.idle_seconds())
    assert after is not None and after < 0.5


@pytest.mark.usefixtures("session_env")
def test_detection_picks_x11_in_an_x_session() -> None:
    provider, reasons = asyncio.run(detect_idle(300))
    assert provider.name == X11ScreenSaver.name
    assert reasons == []


def test_the_whole_coach_runs_one_break_through_desktop_notifications(
    desktop: Desktop, tmp_path: Path
) -> None:
    env = {
        **desktop.env,
        "GLUTEWAKE_DATA_DIR": str(tmp_path),
        "GLUTEWAKE_DATABASE_URL": f"sqlite:///{tmp_path / 'glutewake.db'}",
        "GLUTEWAKE_TIMER_SCALE": "0.02",
    }
    desktop.clear()
    coach = subprocess.Popen(
        [*GLUTEWAKE, "breaks", "--once"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while coach.poll() is None and time.monotonic() < deadline:
        desktop.press("Yes", "Done")
        time.sleep(0.3)
    out, err = coach.communicate(timeout=10)
    assert coach.returncode == 0, err
    assert "Prompts: desktop notifications (dunst)" in out
    assert "break: done" in out
    report = subprocess.run(
        [*GLUTEWAKE, "breaks", "report", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"done": 1' in report.stdout


def test_a_paused_coach_prompts_to_stand_up_through_desktop_notifications(
    desktop: Desktop, tmp_path: Path
) -> None:
    """While the safety rule pauses training, Done on the notification is "I stood up"."""
    from flows import STOP, take

    from glutewake.config import Settings

    take(Settings(data_dir=tmp_path), STOP)
    env = {**desktop.env, "GLUTEWAKE_DATA_DIR": str(tmp_path)}
    env.pop("GLUTEWAKE_DATABASE_URL", None)
    desktop.clear()
    coach = subprocess.Popen(
        [*GLUTEWAKE, "breaks", "--once"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while coach.poll() is None and time.monotonic() < deadline:
        desktop.press("Done")
        time.sleep(0.3)
    out, err = coach.communicate(timeout=10)
    assert coach.returncode == 0, err
    assert "Prompts: desktop notifications (dunst)" in out
    assert "stand up (exercises paused)" in out and "break: done" in out
    assert "Did you do it?" not in out
