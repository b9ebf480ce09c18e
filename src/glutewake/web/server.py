"""The HTTP protocol ``glutewake serve`` runs: uvicorn's h11 one, bounded against slow clients.

uvicorn times a connection out only after its first response (``timeout_keep_alive``), so a
client that opens connections and never finishes a request head keeps each one, and a file
descriptor, for ever: about a thousand of them starve every other client. Here:

- every request head must arrive within ``GLUTEWAKE_HEADER_TIMEOUT`` seconds of the connection
  opening or of the previous response, however slowly its bytes trickle in;
- at most ``GLUTEWAKE_MAX_CONNECTIONS`` connections stay open: 50 ms after more came in, the
  excess is closed among the connections waiting for their client, first those that sent part
  of a request and not the rest (slow clients), oldest first, then idle ones. A normal request
  sends its whole head at once, so by then it is being answered and gets through while slow
  clients fill the rest. (One check for all the connections of those 50 ms: it is the cost
  of the check per connection that delayed normal requests under a flood.)
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

import h11
from uvicorn.config import Config
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from glutewake.config import get_settings

if TYPE_CHECKING:
    from uvicorn.server import Protocols

WAITING_ON_CLIENT = (h11.IDLE, h11.SEND_BODY)
ROOM_CHECK_DELAY = 0.05  # seconds
# The servers (by their set of connections) that have a room check coming.
_room_checks: set[int] = set()


class BoundedH11Protocol(H11Protocol):
    def __init__(
        self,
        config: Config,
        server_state: ServerState,
        app_state: dict[str, Any],
        _loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        settings = get_settings()
        self.header_timeout = settings.header_timeout
        self.max_connections = settings.max_connections
        self.opened_at = time.monotonic()
        self.head_deadline: asyncio.TimerHandle | None = None
        self.partial_bytes = 0  # received of a request not complete yet

    @property
    def waiting_on_client(self) -> bool:
        return self.conn.their_state in WAITING_ON_CLIENT

    @property
    def eviction_order(self) -> tuple[bool, float]:
        """Who is closed first to make room: part of a request sent, then the oldest."""
        return (self.partial_bytes == 0, self.opened_at)

    def data_received(self, data: bytes) -> None:
        self.partial_bytes += len(data)
        super().data_received(data)
        if self.conn.their_state not in WAITING_ON_CLIENT:
            self.partial_bytes = 0  # the request is in: being answered

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._expect_head()
        # Decided a moment later, once the requests that arrived with the new connections
        # have been read (a normal one is then being answered, not mistaken for a slow one),
        # and once for all the connections that came in meanwhile.
        if id(self.connections) not in _room_checks:
            _room_checks.add(id(self.connections))
            self.loop.call_later(
                ROOM_CHECK_DELAY, make_room, self.connections, self.max_connections
            )

    def connection_lost(self, exc: Exception | None) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._expect_head()

    def _expect_head(self) -> None:
        if self.head_deadline is not None:
            self.head_deadline.cancel()
        self.head_deadline = self.loop.call_later(self.header_timeout, self._head_overdue)

    def _head_overdue(self) -> None:
        self.head_deadline = None
        cycle_done = self.cycle is None or self.cycle.response_complete
        if self.conn.their_state is h11.IDLE and cycle_done and not self.transport.is_closing():
            self.transport.close()


def make_room(connections: set[Protocols], limit: int) -> None:
    """Close the connections over ``limit``, slow clients first (see the module's text)."""
    _room_checks.discard(id(connections))
    # Connections already closing still count until their socket is gone: not these.
    live = [c for c in connections if not c.transport.is_closing()]
    excess = len(live) - limit
    if excess <= 0:
        return
    waiting = [c for c in live if isinstance(c, BoundedH11Protocol) and c.waiting_on_client]
    waiting.sort(key=lambda connection: connection.eviction_order)
    for connection in waiting[:excess]:  # fewer when the rest are being answered
        connection.transport.close()
