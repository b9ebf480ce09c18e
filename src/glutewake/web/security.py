"""Who may talk to the web app and how much: Host and Origin checks, security headers, body limit.

One ASGI middleware, inside Starlette's error handler and outside everything else:

- the Host header must name this app: the address the connection came in on, localhost, or a
  name in ``GLUTEWAKE_ALLOWED_HOSTS``; otherwise 400, so a DNS-rebinding page that reaches the
  app under its own name is answered nothing;
- a request that can change something (any method but GET, HEAD, OPTIONS) must say where it
  comes from, by Origin or else Referer, and that must be this app's own origin; otherwise 403,
  before a byte of its body is read;
- a body larger than ``GLUTEWAKE_MAX_BODY_BYTES`` is refused with 413: at once when its
  Content-Length says so, or as soon as the bytes streamed in pass the limit;
- every response carries the security headers (:data:`SECURITY_HEADERS`).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from glutewake.safe_load import excerpt
from glutewake.web.errors import TOO_LARGE_HINT, is_api, respond

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
DEFAULT_PORTS = {"http": "80", "https": "443"}
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        # No inline script: JSON data islands are not run, so they pass. The camera coach's
        # pose model (vendored) is WebAssembly, which needs 'wasm-unsafe-eval' (not eval).
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",  # style attributes and the drawings' own <style>
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
# The camera stays allowed for this app's own pages: the camera coach (docs/camera.md).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=({allow})"
    for feature, allow in (
        ("camera", "self"),
        ("microphone", ""),
        ("geolocation", ""),
        ("payment", ""),
        ("usb", ""),
        ("serial", ""),
        ("hid", ""),
        ("midi", ""),
        ("display-capture", ""),
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-frame-options", b"DENY"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"permissions-policy", PERMISSIONS_POLICY.encode()),
    (b"cross-origin-resource-policy", b"same-origin"),
)


def canonical_host(name: str) -> str:
    """A host name lower-cased without a final dot; an IP address in its one written form."""
    name = name.lower().rstrip(".")
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return name
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)


def split_host(value: str) -> tuple[str, str] | None:
    """A Host header's (name, port); port is "" when absent; None when it is malformed."""
    value = value.strip()
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[1:end], value[end + 1 :]
    else:
        name, colon, port = value.partition(":")
        rest = colon + port
    if rest and not (rest.startswith(":") and rest[1:].isascii() and rest[1:].isdigit()):
        return None
    if not name:
        return None
    return canonical_host(name), rest[1:]


def origin_of(scheme: str, host: tuple[str, str]) -> tuple[str, str, str]:
    name, port = host
    return scheme, name, port or DEFAULT_PORTS.get(scheme, "")


class RequestGuard:
    """The middleware; ``allowed_hosts`` come from settings, the bound address from each request."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str], max_body_bytes: int) -> None:
        self.app = app
        self.allowed_hosts = LOOPBACK_NAMES | {canonical_host(host) for host in allowed_hosts}
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._with_headers(send)
        refusal = self.refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, send)
            return
        started = False

        async def send_and_note(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, self._limited(receive), send_and_note)
        except HTTPException as error:  # the limit, hit where no handler saw it
            if started or error.status_code != 413:
                raise
            await self._too_large(scope)(scope, receive, send)

    @property
    def too_large_message(self) -> str:
        return (
            f"The request is larger than the {self.max_body_bytes:,} bytes this app accepts; "
            "nothing was saved."
        )

    def refusal(self, scope: Scope) -> Response | None:
        """The answer to a request that must go no further, or None."""
        headers = Headers(scope=scope)
        host = split_host(headers.get("host", ""))
        if host is None or not self._allowed(host[0], scope):
            return self._unknown_host(scope, headers.get("host", ""))
        if scope["method"] not in SAFE_METHODS and not self._same_origin(scope, headers, host):
            return respond(
                Request(scope),
                403,
                "This request was sent from another site, or did not say where it came from "
                "(no Origin or Referer header); nothing was saved.",
                "Open glutewake itself and send the form from there. A script must send an "
                "Origin header with the address it calls, e.g. Origin: http://127.0.0.1:8000.",
            )
        length = headers.get("content-length", "")
        if length.isascii() and length.isdigit() and int(length) > self.max_body_bytes:
            return self._too_large(scope)
        return None

    def _allowed(self, name: str, scope: Scope) -> bool:
        server = scope.get("server")
        bound = canonical_host(str(server[0])) if server else None
        return name in self.allowed_hosts or name == bound

    @staticmethod
    def _same_origin(scope: Scope, headers: Headers, host: tuple[str, str]) -> bool:
        source = headers.get("origin") or headers.get("referer")
        if not source:
            return False
        try:
            parts = urlsplit(source)
            claimed = split_host(parts.netloc) if parts.netloc else None
        except ValueError:
            return False
        if claimed is None:
            return False
        return origin_of(parts.scheme, claimed) == origin_of(str(scope["scheme"]), host)

    @staticmethod
    def _unknown_host(scope: Scope, given: str) -> Response:
        message = (
            f"This app does not answer to the host name {excerpt(given, 80)!r}: open it by "
            "the address glutewake serve printed."
        )
        hint = (
            "To reach it by another name (e.g. mypc.local), add the name to "
            "GLUTEWAKE_ALLOWED_HOSTS and restart glutewake serve."
        )
        if is_api(Request(scope)):
            return JSONResponse({"detail": message, "hint": hint, "errors": []}, status_code=400)
        return PlainTextResponse(f"{message}\n{hint}\n", status_code=400)

    def _too_large(self, scope: Scope) -> Response:
        response = respond(Request(scope), 413, self.too_large_message, TOO_LARGE_HINT)
        response.headers["connection"] = "close"
        return response

    def _limited(self, receive: Receive) -> Receive:
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    raise HTTPException(413, self.too_large_message)
            return message

        return receive_within_limit

    @staticmethod
    def _with_headers(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return send_with_headers
