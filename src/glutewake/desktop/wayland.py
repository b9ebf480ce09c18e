"""A minimal Wayland client for ext-idle-notify-v1: "the seat has been idle for N seconds".

Speaks the Wayland wire protocol directly over the compositor's socket (no library needed):
bind ``wl_seat`` and ``ext_idle_notifier_v1``, ask for one idle notification with the idle
threshold as its timeout, then read ``idled`` / ``resumed`` events without blocking. Version 2
of the protocol has ``get_input_idle_notification``, which ignores idle inhibitors (a playing
video); it is used when the compositor offers it.
"""

from __future__ import annotations

import os
import socket
import struct
import time
from pathlib import Path

DISPLAY_ID = 1
NOTIFIER_INTERFACE = "ext_idle_notifier_v1"
SEAT_INTERFACE = "wl_seat"

# Opcodes from wayland.xml and ext-idle-notify-v1.xml
DISPLAY_SYNC, DISPLAY_GET_REGISTRY = 0, 1
DISPLAY_ERROR = 0
REGISTRY_BIND = 0
REGISTRY_GLOBAL = 0
CALLBACK_DONE = 0
NOTIFIER_GET_IDLE_NOTIFICATION, NOTIFIER_GET_INPUT_IDLE_NOTIFICATION = 1, 2
NOTIFICATION_IDLED, NOTIFICATION_RESUMED = 0, 1


class WaylandIdleError(Exception):
    """The compositor cannot be reached or does not offer ext-idle-notify; says why."""


def _string(text: str) -> bytes:
    data = text.encode() + b"\0"
    padding = -len(data) % 4
    return struct.pack("=I", len(data)) + data + b"\0" * padding


def message(object_id: int, opcode: int, payload: bytes) -> bytes:
    """One wire message: object id, then size (upper 16 bits) and opcode, then arguments."""
    return struct.pack("=II", object_id, (8 + len(payload)) << 16 | opcode) + payload


def split_messages(buffer: bytes) -> tuple[list[tuple[int, int, bytes]], bytes]:
    """Complete messages (object id, opcode, payload) in ``buffer`` and the unread rest."""
    messages = []
    while len(buffer) >= 8:
        object_id, size_and_opcode = struct.unpack_from("=II", buffer)
        size = size_and_opcode >> 16
        if size < 8 or len(buffer) < size:
            break
        messages.append((object_id, size_and_opcode & 0xFFFF, buffer[8:size]))
        buffer = buffer[size:]
    return messages, buffer


def read_string(payload: bytes, offset: int) -> tuple[str, int]:
    (length,) = struct.unpack_from("=I", payload, offset)
    text = payload[offset + 4 : offset + 4 + length - 1].decode()
    return text, offset + 4 + length + (-length % 4)


def socket_path() -> Path:
    display = os.environ.get("WAYLAND_DISPLAY", "")
    if not display:
        raise WaylandIdleError("WAYLAND_DISPLAY is not set")
    if Path(display).is_absolute():
        return Path(display)
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if not runtime:
        raise WaylandIdleError("XDG_RUNTIME_DIR is not set, so the Wayland socket is unknown")
    return Path(runtime) / display


class WaylandIdleNotify:
    """Idle time from the compositor; exact at and above the threshold, 0 below it."""

    def __init__(self, threshold_seconds: float, path: Path | None = None) -> None:
        self._threshold = threshold_seconds
        self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target = path or socket_path()
        try:
            self._sock.connect(str(target))
        except OSError as error:
            self._sock.close()
            raise WaylandIdleError(f"cannot connect to {target}: {error}") from error
        self._buffer = b""
        self._next_id = 2
        self._idled_at: float | None = None
        try:
            self._notification = self._subscribe()
        except BaseException:
            self._sock.close()
            raise
        self._sock.setblocking(False)
        self.name = "Wayland ext-idle-notify-v1"

    def _new_id(self) -> int:
        new_id, self._next_id = self._next_id, self._next_id + 1
        return new_id

    def _send(self, object_id: int, opcode: int, payload: bytes = b"") -> None:
        self._sock.sendall(message(object_id, opcode, payload))

    def _globals(self) -> dict[str, tuple[int, int]]:
        """Interface -> (name, version) of every global, after one round trip."""
        registry, callback = self._new_id(), self._new_id()
        self._send(DISPLAY_ID, DISPLAY_GET_REGISTRY, struct.pack("=I", registry))
        self._send(DISPLAY_ID, DISPLAY_SYNC, struct.pack("=I", callback))
        found: dict[str, tuple[int, int]] = {}
        self._sock.settimeout(5.0)
        while True:
            for object_id, opcode, payload in self._receive(blocking=True):
                if object_id == registry and opcode == REGISTRY_GLOBAL:
                    (name,) = struct.unpack_from("=I", payload)
                    interface, offset = read_string(payload, 4)
                    (version,) = struct.unpack_from("=I", payload, offset)
                    found[interface] = (name, version)
                elif object_id == callback and opcode == CALLBACK_DONE:
                    self._registry = registry
                    return found

    def _bind(self, name: int, interface: str, version: int) -> int:
        new_id = self._new_id()
        payload = struct.pack("=I", name) + _string(interface) + struct.pack("=II", version, new_id)
        self._send(self._registry, REGISTRY_BIND, payload)
        return new_id

    def _subscribe(self) -> int:
        found = self._globals()
        if NOTIFIER_INTERFACE not in found:
            raise WaylandIdleError(
                "the compositor does not offer ext_idle_notifier_v1 (GNOME's Mutter does not; "
                "KDE Plasma 5.27+, sway 1.8+, Hyprland and other wlroots 0.16+ compositors do)"
            )
        if SEAT_INTERFACE not in found:
            raise WaylandIdleError("the compositor offers no wl_seat")
        seat_name, _ = found[SEAT_INTERFACE]
        seat = self._bind(seat_name, SEAT_INTERFACE, 1)
        notifier_name, notifier_version = found[NOTIFIER_INTERFACE]
        version = min(notifier_version, 2)
        notifier = self._bind(notifier_name, NOTIFIER_INTERFACE, version)
        opcode = (
            NOTIFIER_GET_INPUT_IDLE_NOTIFICATION if version >= 2 else NOTIFIER_GET_IDLE_NOTIFICATION
        )
        notification = self._new_id()
        timeout_ms = round(self._threshold * 1000)
        self._send(notifier, opcode, struct.pack("=III", notification, timeout_ms, seat))
        return notification

    def _receive(self, blocking: bool) -> list[tuple[int, int, bytes]]:
        """Complete messages received so far; when ``blocking``, wait for at least one."""
        while True:
            try:
                data = self._sock.recv(4096)
            except BlockingIOError:  # non-blocking socket, nothing waiting
                return self._parse(b"")
            except TimeoutError as error:
                raise WaylandIdleError("the compositor did not answer") from error
            if not data:
                raise WaylandIdleError("the compositor closed the connection")
            messages = self._parse(data)
            if messages or not blocking:
                return messages

    def _parse(self, data: bytes) -> list[tuple[int, int, bytes]]:
        messages, self._buffer = split_messages(self._buffer + data)
        for object_id, opcode, payload in messages:
            if object_id == DISPLAY_ID and opcode == DISPLAY_ERROR:
                _, code = struct.unpack_from("=II", payload)
                text, _ = read_string(payload, 8)
                raise WaylandIdleError(f"compositor error {code}: {text}")
        return messages

    def _read_events(self) -> None:
        while messages := self._receive(blocking=False):
            for object_id, opcode, _ in messages:
                if object_id != self._notification:
                    continue
                if opcode == NOTIFICATION_IDLED:
                    self._idled_at = time.monotonic()
                elif opcode == NOTIFICATION_RESUMED:
                    self._idled_at = None

    async def idle_seconds(self) -> float | None:
        try:
            self._read_events()
        except WaylandIdleError:
            return None
        if self._idled_at is None:
            return 0.0
        return self._threshold + time.monotonic() - self._idled_at

    async def close(self) -> None:
        self._sock.close()
