"""``glutewake serve``: start the web app, print its address (and a QR code for a phone).

Without accounts (solo use) it listens on a loopback address only: served on any other
address, anyone on the network could read and change the health answers and logs, so that is
refused until coach mode is on (GLUTEWAKE_ACCOUNTS=on). Several worker processes need
PostgreSQL, which they share safely; SQLite stays one process.

The server is bounded so that slow or huge clients cannot starve the others: request heads of at
most 16 KiB that must arrive within GLUTEWAKE_HEADER_TIMEOUT, a keep-alive timeout, a cap on
open connections (``glutewake.web.server``), and the body limit of the app itself.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import TYPE_CHECKING

import typer

from glutewake.errors import ConfigurationError

if TYPE_CHECKING:
    from glutewake.config import Settings

ANY_HOSTS = ("0.0.0.0", "::")
HEAD_BYTES = 16 * 1024  # the request line and headers; more is refused with 400
SHUTDOWN_SECONDS = 10  # a request still running then is cut, so Ctrl+C always stops


def register(app: typer.Typer) -> None:
    """Add this module's commands to the glutewake app."""
    app.command("serve")(serve)


def lan_address() -> str:
    """This computer's address on the local network (no packet is sent: UDP connect only)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            address: str = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return address


def local_url(host: str, port: int, scheme: str = "http") -> str:
    """The address to open on this computer."""
    if host in ANY_HOSTS:
        host = "127.0.0.1"
    return f"{scheme}://[{host}]:{port}/" if ":" in host else f"{scheme}://{host}:{port}/"


def qr_text(url: str) -> str:
    """The URL as a QR code drawn with text blocks, for a phone camera."""
    import io

    import qrcode

    code = qrcode.QRCode(border=2)
    code.add_data(url)
    buffer = io.StringIO()
    code.print_ascii(out=buffer, invert=True)
    return buffer.getvalue()


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this computer only (localhost, 127.0.0.0/8, ::1)."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a name other than localhost may resolve to any address


def refusal(host: str, workers: int, settings: Settings) -> ConfigurationError | None:
    """Why this server must not start as asked (None: it may)."""
    if not settings.accounts and not is_loopback(host):
        return ConfigurationError(
            f"glutewake does not serve on {host} without accounts: anyone who can reach that "
            "address could read and change the health answers and logs.",
            hint="Turn coach mode on (set GLUTEWAKE_ACCOUNTS=on, then add a coach with "
            "`glutewake users add --coach EMAIL`; see docs/coach-mode.md), or leave out "
            "--host to use glutewake on this computer only.",
        )
    backend = settings.resolved_database_url.split(":", 1)[0].split("+", 1)[0]
    if workers > 1 and backend != "postgresql":
        return ConfigurationError(
            f"--workers {workers} needs a PostgreSQL database; this one is {backend}, which "
            "one process at a time writes best.",
            hint="Set GLUTEWAKE_DATABASE_URL=postgresql+psycopg://USER@HOST/glutewake "
            "(docs/developing.md, PostgreSQL), or leave out --workers.",
        )
    return None


def prepare_database() -> None:
    """Migrate the database and create the local user once, before any worker starts."""
    from glutewake.application.storage import prepare
    from glutewake.config import get_settings

    prepare(get_settings())


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on; 0.0.0.0 for your phone."),
    port: int = typer.Option(8000, min=1, max=65535, help="Port to listen on."),
    reload: bool = typer.Option(False, "--reload", help="Restart when the code changes."),
    workers: int = typer.Option(
        1, min=1, max=16, help="Processes serving requests side by side (one per CPU core)."
    ),
    https: bool = typer.Option(
        False, "--https", help="Serve https with a local certificate (a phone's camera needs it)."
    ),
) -> None:
    """Start the web app: screening, program, today's guided session, history."""
    import uvicorn

    from glutewake.config import get_settings

    if reload and workers > 1:
        raise typer.BadParameter("--reload runs one process; leave out --workers.")
    settings = get_settings()
    refused = refusal(host, workers, settings)
    if refused is not None:
        raise refused
    prepare_database()

    scheme = "https" if https else "http"
    certfile = keyfile = None
    if https:
        from glutewake.web.certificate import ensure_certificate

        files = ensure_certificate(settings.data_dir, lan_address())
        certfile, keyfile = str(files.certificate), str(files.key)
        typer.echo(f"Local certificate {files.certificate} (SHA-256 {files.fingerprint}).")
        typer.echo("Browsers warn once that nobody vouches for it: see docs/camera.md.")

    typer.echo(f"glutewake is running at {local_url(host, port, scheme)} (Ctrl+C to stop)")
    if host in ANY_HOSTS:
        phone_url = f"{scheme}://{lan_address()}:{port}/"
        typer.echo(f"On a phone on the same network, open {phone_url} or scan:")
        typer.echo(qr_text(phone_url))
    uvicorn.run(
        "glutewake.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        reload=reload,
        workers=workers,
        log_level="warning",
        access_log=False,
        http="glutewake.web.server:BoundedH11Protocol",
        h11_max_incomplete_event_size=HEAD_BYTES,
        timeout_keep_alive=settings.keep_alive_timeout,
        timeout_graceful_shutdown=SHUTDOWN_SECONDS,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
    )
