"""The application layer: every flow written once, between the adapters and the domain.

Web pages, CLI commands and the desk-break coach are thin: parse input, call one use case here,
render its result. Each use case works in a :class:`Work` (one transaction, for one
:class:`Scope`, with an injected clock) and enforces the safety rule itself.
"""

from glutewake.application.context import App, Clock, Scope, SystemClock, Work

__all__ = ["App", "Clock", "Scope", "SystemClock", "Work"]
