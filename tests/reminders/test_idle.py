"""Idle detection: which provider is tried where, and the Wayland ext-idle-notify client.

No compositor in Debian 12 implements ext-idle-notify-v1 (sway 1.7 is built on wlroots 0.15),
so the client is tested against a compositor played by this test over a real Unix socket,
written from the protocol XML (wayland.xml, ext-idle-notify-v1.xml) independently of the
client's own encoder.
"""

from __future__ import annotations

import asyncio
import queue
import socket
import struct
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from glutewake.desktop.idle import (
    FREEDESKTOP_SCREENSAVER,
    MUTTER,
    WAYLAND_IDLE_NOTIFY,
    MacHIDIdle,
    NoIdleDetection,
    WindowsLastInput,
    X11ScreenSaver,
    candidates,
    detect_idle,
)
from glutewake.desktop.wayland import WaylandIdleError, WaylandIdleNotify

THRESHOLD = 300.0


def test_wayland_sessions_skip_the_x11_counter_that_xwayland_would_fake() -> None:
    names = candidates("linux", {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"})
    assert names == [WAYLAND_IDLE_NOTIFY, MUTTER.name, FREEDESKTOP_SCREENSAVER.name]


def test_x11_sessions_try_the_screensaver_extension_first() -> None:
    assert candidates("linux", {"DISPLAY": ":0"})[0] == X11ScreenSaver.name


def test_macos_and_windows_have_their_own_providers() -> None:
    assert candidates("darwin", {}) == [MacHIDIdle.name]
    assert candidates("win32", {}) == [WindowsLastInput.name]


def test_without_any_session_each_reason_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    provider, reasons = asyncio.run(detect_idle(THRESHOLD))
    assert isinstance(provider, NoIdleDetection)
    assert asyncio.run(provider.idle_seconds()) is None
    assert reasons == [
        f"{X11ScreenSaver.name}: DISPLAY is not set",
        f"{MUTTER.name}: DBUS_SESSION_BUS_ADDRESS is not set (no D-Bus session)",
        f"{FREEDESKTOP_SCREENSAVER.name}: DBUS_SESSION_BUS_ADDRESS is not set (no D-Bus session)",
    ]


# ---- a compositor played by the test ---------------------------------------------------------


def wl_string(text: str) -> bytes:
    data = text.encode() + b"\0"
    return struct.pack("=I", len(data)) + data + b"\0" * (-len(data) % 4)


def wl_event(object_id: int, opcode: int, payload: bytes = b"") -> bytes:
    return struct.pack("=IHH", object_id, opcode, 8 + len(payload)) + payload


def receive_requests(conn: socket.socket, count: int) -> list[tuple[int, int, bytes]]:
    requests: list[tuple[int, int, bytes]] = []
    buffer = b""
    while len(requests) < count:
        while len(buffer) < 8 or len(buffer) < struct.unpack_from("=IHH", buffer)[2]:
            chunk = conn.recv(4096)
            assert chunk, "the client hung up"
            buffer += chunk
        object_id, opcode, size = struct.unpack_from("=IHH", buffer)
        requests.append((object_id, opcode, buffer[8:size]))
        buffer = buffer[size:]
    return requests


class Compositor:
    """Accepts one client, announces globals, records its requests, sends idle events."""

    def __init__(self, path: Path, notifier_version: int | None) -> None:
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        self.server.listen(1)
        self.notifier_version = notifier_version
        self.requests: list[tuple[int, int, bytes]] = []
        self.commands: queue.Queue[str] = queue.Queue()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self) -> None:
        conn, _ = self.server.accept()
        with conn:
            (_, _, registry), (_, _, callback) = receive_requests(conn, 2)
            registry_id = struct.unpack("=I", registry)[0]
            globals_ = [(1, "wl_compositor", 5), (2, "wl_seat", 7)]
            if self.notifier_version:
                globals_.append((3, "ext_idle_notifier_v1", self.notifier_version))
            for name, interface, version in globals_:
                payload = (
                    struct.pack("=I", name) + wl_string(interface) + struct.pack("=I", version)
                )
                conn.sendall(wl_event(registry_id, 0, payload))
            conn.sendall(wl_event(struct.unpack("=I", callback)[0], 0, struct.pack("=I", 1)))
            if not self.notifier_version:
                self.commands.get()
                return
            self.requests = receive_requests(conn, 3)
            notification = struct.unpack_from("=I", self.requests[2][2])[0]
            while (command := self.commands.get()) != "close":
                conn.sendall(wl_event(notification, {"idled": 0, "resumed": 1}[command]))

    def stop(self) -> None:
        self.commands.put("close")
        self.thread.join(timeout=5)
        self.server.close()


@pytest.fixture
def socket_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "wayland-test"


def settle() -> None:
    threading.Event().wait(0.1)


@pytest.mark.parametrize(("version", "opcode"), [(1, 1), (2, 2)])
def test_the_client_binds_the_seat_and_asks_for_one_notification(
    socket_path: Path, version: int, opcode: int
) -> None:
    compositor = Compositor(socket_path, notifier_version=version)
    client = WaylandIdleNotify(THRESHOLD, socket_path)
    try:
        assert asyncio.run(client.idle_seconds()) == 0.0
        settle()
        (_, bind_seat, seat), (_, bind_notifier, notifier), (obj, request, args) = (
            compositor.requests
        )
        assert (bind_seat, bind_notifier) == (0, 0)
        assert b"wl_seat\0" in seat and b"ext_idle_notifier_v1\0" in notifier
        seat_id = struct.unpack_from("=I", seat, len(seat) - 4)[0]
        notifier_id = struct.unpack_from("=I", notifier, len(notifier) - 4)[0]
        bound_version = struct.unpack_from("=I", notifier, len(notifier) - 8)[0]
        _, timeout_ms, seat_arg = struct.unpack("=III", args)
        assert (obj, request, bound_version) == (notifier_id, opcode, version)
        assert (timeout_ms, seat_arg) == (THRESHOLD * 1000, seat_id)
    finally:
        compositor.stop()
        asyncio.run(client.close())


def test_idled_and_resumed_events_give_the_idle_time(socket_path: Path) -> None:
    compositor = Compositor(socket_path, notifier_version=2)
    client = WaylandIdleNotify(THRESHOLD, socket_path)
    try:
        compositor.commands.put("idled")
        settle()
        idle = asyncio.run(client.idle_seconds())
        assert idle is not None and THRESHOLD <= idle < THRESHOLD + 5
        compositor.commands.put("resumed")
        settle()
        assert asyncio.run(client.idle_seconds()) == 0.0
    finally:
        compositor.stop()
        settle()
        assert asyncio.run(client.idle_seconds()) is None  # the compositor went away
        asyncio.run(client.close())


def test_a_compositor_without_the_protocol_is_named_as_the_reason(socket_path: Path) -> None:
    compositor = Compositor(socket_path, notifier_version=None)
    try:
        with pytest.raises(WaylandIdleError, match="does not offer ext_idle_notifier_v1"):
            WaylandIdleNotify(THRESHOLD, socket_path)
    finally:
        compositor.stop()


def test_no_compositor_at_the_socket_is_said_plainly(socket_path: Path) -> None:
    with pytest.raises(WaylandIdleError, match="cannot connect"):
        WaylandIdleNotify(THRESHOLD, socket_path)
