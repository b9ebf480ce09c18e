"""How long since the person last touched the keyboard or mouse, per platform.

``detect_idle`` tries the providers that fit the session and returns the first that answers,
with the reason each earlier one could not be used. When none works the daemon still runs:
``NoIdleDetection`` answers None, so only suspend counts as time away.

- Wayland: the ext-idle-notify-v1 protocol, then GNOME's org.gnome.Mutter.IdleMonitor and
  the freedesktop org.freedesktop.ScreenSaver D-Bus interfaces. The X11 screensaver extension
  is not used under Wayland: through XWayland it sees only input to X11 windows.
- X11: the MIT-SCREEN-SAVER extension (libXss via ctypes), then the same D-Bus interfaces.
- macOS: ``HIDIdleTime`` from ``ioreg``.
- Windows: ``GetLastInputInfo``.
"""

from __future__ import annotations

import asyncio
import ctypes
import ctypes.util
import os
import re
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from glutewake.desktop.notify import disconnect

if TYPE_CHECKING:
    from dbus_fast.aio import MessageBus


class IdleProvider(Protocol):
    name: str

    async def idle_seconds(self) -> float | None:
        """Seconds since the last input, or None when it cannot be told right now."""

    async def close(self) -> None:
        """Release the connection, if any."""


class IdleUnavailableError(Exception):
    """This way of reading idle time does not work here; the message says why."""


@dataclass
class NoIdleDetection:
    reasons: list[str]
    name: str = "none"

    async def idle_seconds(self) -> float | None:
        return None

    async def close(self) -> None:
        pass


# ---- X11 -------------------------------------------------------------------------------------


class _XScreenSaverInfo(ctypes.Structure):
    _fields_ = (
        ("window", ctypes.c_ulong),
        ("state", ctypes.c_int),
        ("kind", ctypes.c_int),
        ("til_or_since", ctypes.c_ulong),
        ("idle", ctypes.c_ulong),
        ("event_mask", ctypes.c_ulong),
    )


def _load_library(soname: str, short: str) -> ctypes.CDLL:
    for candidate in (soname, ctypes.util.find_library(short)):
        if candidate:
            try:
                return ctypes.CDLL(candidate)
            except OSError:
                continue
    raise IdleUnavailableError(f"{soname} is not installed")


class X11ScreenSaver:
    """The X server's idle counter (MIT-SCREEN-SAVER extension), read through libXss."""

    name = "X11 screensaver extension"

    def __init__(self) -> None:
        if not os.environ.get("DISPLAY"):
            raise IdleUnavailableError("DISPLAY is not set")
        xlib = _load_library("libX11.so.6", "X11")
        xss = _load_library("libXss.so.1", "Xss")
        xlib.XOpenDisplay.restype = ctypes.c_void_p
        xlib.XOpenDisplay.argtypes = (ctypes.c_char_p,)
        xlib.XDefaultRootWindow.restype = ctypes.c_ulong
        xlib.XDefaultRootWindow.argtypes = (ctypes.c_void_p,)
        xlib.XCloseDisplay.argtypes = (ctypes.c_void_p,)
        xlib.XFree.argtypes = (ctypes.c_void_p,)
        xss.XScreenSaverQueryExtension.argtypes = (
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.POINTER(ctypes.c_int),
        )
        xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(_XScreenSaverInfo)
        xss.XScreenSaverQueryInfo.argtypes = (
            ctypes.c_void_p,
            ctypes.c_ulong,
            ctypes.POINTER(_XScreenSaverInfo),
        )
        display = xlib.XOpenDisplay(None)
        if not display:
            raise IdleUnavailableError(f"cannot open X display {os.environ['DISPLAY']}")
        event_base, error_base = ctypes.c_int(), ctypes.c_int()
        if not xss.XScreenSaverQueryExtension(
            display, ctypes.byref(event_base), ctypes.byref(error_base)
        ):
            raise IdleUnavailableError("the X server has no MIT-SCREEN-SAVER extension")
        self._xss = xss
        self._xlib = xlib
        self._display = display
        self._root = xlib.XDefaultRootWindow(display)
        self._info = xss.XScreenSaverAllocInfo()

    async def idle_seconds(self) -> float | None:
        if not self._xss.XScreenSaverQueryInfo(self._display, self._root, self._info):
            return None
        return float(self._info.contents.idle) / 1000

    async def close(self) -> None:
        self._xlib.XFree(self._info)
        self._xlib.XCloseDisplay(self._display)


# ---- D-Bus (GNOME, KDE and others) -----------------------------------------------------------


@dataclass(frozen=True)
class DBusIdleMethod:
    name: str
    destination: str
    path: str
    interface: str
    member: str
    seconds_per_unit: float


MUTTER = DBusIdleMethod(
    "GNOME Mutter IdleMonitor",
    "org.gnome.Mutter.IdleMonitor",
    "/org/gnome/Mutter/IdleMonitor/Core",
    "org.gnome.Mutter.IdleMonitor",
    "GetIdletime",
    0.001,
)
FREEDESKTOP_SCREENSAVER = DBusIdleMethod(
    "org.freedesktop.ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "/org/freedesktop/ScreenSaver",
    "org.freedesktop.ScreenSaver",
    "GetSessionIdleTime",
    1.0,
)


class DBusIdle:
    """Idle time from a D-Bus method on the session bus."""

    def __init__(self, bus: MessageBus, method: DBusIdleMethod) -> None:
        self._bus = bus
        self._method = method
        self.name = method.name

    async def read(self) -> float:
        from dbus_fast import Message, MessageType

        method = self._method
        reply = await asyncio.wait_for(
            self._bus.call(
                Message(
                    destination=method.destination,
                    path=method.path,
                    interface=method.interface,
                    member=method.member,
                )
            ),
            5.0,
        )
        if reply is None or reply.message_type is MessageType.ERROR:
            detail = reply.body[0] if reply and reply.body else "no reply"
            raise IdleUnavailableError(f"{method.destination}.{method.member} failed: {detail}")
        return float(reply.body[0]) * method.seconds_per_unit

    async def idle_seconds(self) -> float | None:
        try:
            return await self.read()
        except (IdleUnavailableError, TimeoutError):
            return None

    async def close(self) -> None:
        await disconnect(self._bus)


async def _session_bus() -> MessageBus:
    from dbus_fast.aio import MessageBus

    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        raise IdleUnavailableError("DBUS_SESSION_BUS_ADDRESS is not set (no D-Bus session)")
    try:
        return await asyncio.wait_for(MessageBus().connect(), 5.0)
    except (OSError, TimeoutError, ValueError) as error:
        raise IdleUnavailableError(f"cannot connect to the D-Bus session bus: {error}") from error


async def _dbus_idle(method: DBusIdleMethod) -> DBusIdle:
    bus = await _session_bus()
    provider = DBusIdle(bus, method)
    try:
        await provider.read()
    except (IdleUnavailableError, TimeoutError):
        await disconnect(bus)
        raise
    return provider


# ---- macOS and Windows -----------------------------------------------------------------------

_HID_IDLE = re.compile(rb'"HIDIdleTime" = (\d+)')


class MacHIDIdle:
    """``HIDIdleTime`` (nanoseconds) of the IOHIDSystem, read with ``ioreg``."""

    name = "macOS HIDIdleTime"

    async def idle_seconds(self) -> float | None:
        process = await asyncio.create_subprocess_exec(
            "ioreg",
            "-c",
            "IOHIDSystem",
            "-d",
            "4",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
        output, _ = await process.communicate()
        found = _HID_IDLE.search(output)
        return int(found.group(1)) / 1e9 if found else None

    async def close(self) -> None:
        pass


class WindowsLastInput:
    """Milliseconds since the last input event, from ``GetLastInputInfo``."""

    name = "Windows GetLastInputInfo"

    async def idle_seconds(self) -> float | None:
        if sys.platform != "win32":
            return None

        class LastInputInfo(ctypes.Structure):
            _fields_ = (("cbSize", ctypes.c_uint), ("dwTime", ctypes.c_uint))

        info = LastInputInfo(cbSize=ctypes.sizeof(LastInputInfo))
        if not ctypes.windll.user32.GetLastInputInfo(ctypes.byref(info)):
            return None
        elapsed_ms = (ctypes.windll.kernel32.GetTickCount() - info.dwTime) & 0xFFFFFFFF
        return elapsed_ms / 1000

    async def close(self) -> None:
        pass


# ---- detection -------------------------------------------------------------------------------


async def _wayland(threshold_seconds: float) -> IdleProvider:
    from glutewake.desktop.wayland import WaylandIdleError, WaylandIdleNotify

    try:
        return WaylandIdleNotify(threshold_seconds)
    except WaylandIdleError as error:
        raise IdleUnavailableError(str(error)) from error


async def _x11(_threshold_seconds: float) -> IdleProvider:
    return X11ScreenSaver()


async def _mutter(_threshold_seconds: float) -> IdleProvider:
    return await _dbus_idle(MUTTER)


async def _freedesktop(_threshold_seconds: float) -> IdleProvider:
    return await _dbus_idle(FREEDESKTOP_SCREENSAVER)


async def _mac(_threshold_seconds: float) -> IdleProvider:
    provider = MacHIDIdle()
    try:
        found = await provider.idle_seconds()
    except OSError as error:
        raise IdleUnavailableError(f"cannot run ioreg: {error}") from error
    if found is None:
        raise IdleUnavailableError("ioreg shows no HIDIdleTime")
    return provider


async def _windows(_threshold_seconds: float) -> IdleProvider:
    provider = WindowsLastInput()
    if await provider.idle_seconds() is None:
        raise IdleUnavailableError("GetLastInputInfo failed")
    return provider


WAYLAND_IDLE_NOTIFY = "Wayland ext-idle-notify-v1"
_OPENERS: dict[str, Callable[[float], Awaitable[IdleProvider]]] = {
    WAYLAND_IDLE_NOTIFY: _wayland,
    X11ScreenSaver.name: _x11,
    MUTTER.name: _mutter,
    FREEDESKTOP_SCREENSAVER.name: _freedesktop,
    MacHIDIdle.name: _mac,
    WindowsLastInput.name: _windows,
}


def candidates(platform: str, environ: dict[str, str]) -> list[str]:
    """Names of the providers to try, best first, for this platform and session."""
    if platform == "darwin":
        return [MacHIDIdle.name]
    if platform == "win32":
        return [WindowsLastInput.name]
    dbus = [MUTTER.name, FREEDESKTOP_SCREENSAVER.name]
    if environ.get("WAYLAND_DISPLAY"):
        return [WAYLAND_IDLE_NOTIFY, *dbus]
    return [X11ScreenSaver.name, *dbus]


async def detect_idle(threshold_seconds: float) -> tuple[IdleProvider, list[str]]:
    """The first provider that works here, and why each one tried before it did not."""
    reasons: list[str] = []
    for name in candidates(sys.platform, dict(os.environ)):
        try:
            return await _OPENERS[name](threshold_seconds), reasons
        except IdleUnavailableError as error:
            reasons.append(f"{name}: {error}")
    if not reasons:
        reasons.append(f"no idle detection is known for {sys.platform}")
    return NoIdleDetection(reasons), reasons
