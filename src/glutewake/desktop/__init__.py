"""The desk-break coach on the desktop: the background loop and its adapters.

Notifications (``notify``), idle detection (``idle``, ``wayland``), the system clock, the
control files shared with other commands, and the bridge to the store (a short-lived child
process, so the long-running coach never imports the store). The break logic is the pure
``glutewake.reminders``.
"""
