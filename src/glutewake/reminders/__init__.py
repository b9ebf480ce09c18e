"""Desk-break coach, the pure part: scheduler, chooser, timing, settings, report (no I/O, no clock).

The desktop adapters (the background loop, notifications, idle detection, the system clock,
the control files and the store bridge) are ``glutewake.desktop``; the use cases that store and
load break records and settings are ``glutewake.application.breaks`` and ``.desk``.
"""
