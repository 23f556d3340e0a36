"""The server's guard at the door: host names, the API token, the body cap and the security headers.

One pure ASGI middleware, so every response (errors and static files included) carries the headers.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

log = logging.getLogger("retold.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The page's script and style come from this server only; nothing inline runs, nothing is framed.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
# Paths that need the token when one is set; the page and its static files hold no data.
PROTECTED_PREFIXES = ("/api/",)


def is_loopback(host: str) -> bool:
    """True for a name or address that only this machine can reach."""
    if host.strip("[]") in ("localhost", "::1"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def token_matches(given: str, expected: str) -> bool:
    """Compare in constant time, so the answer's timing tells nothing about the token."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


class Guard:
    """Refuse foreign Host headers on a loopback server (DNS rebinding), missing tokens, bodies that are not
    JSON (cross-site form posts) and oversized bodies."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int, local_only: bool) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body
        self.local_only = local_only

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in HEADERS if n not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.local_only and _host_name(headers.get("host", "")) not in LOCAL_NAMES:
            await _error(send_with_headers, 421, "This server answers only to localhost: open it at http://127.0.0.1")
            return
        path = scope.get("path", "")
        if self.token and path.startswith(PROTECTED_PREFIXES):
            scheme, _, given = headers.get("authorization", "").partition(" ")
            if scheme.lower() != "bearer" or not token_matches(given.strip(), self.token):
                await _error(
                    send_with_headers,
                    401,
                    "Missing or wrong API token: send the header Authorization: Bearer <RETOLD_TOKEN>",
                    extra=[(b"www-authenticate", b"Bearer")],
                )
                return
        if scope.get("method") == "POST" and path.startswith(PROTECTED_PREFIXES):
            # JSON only: a form or text/plain post from another site's page (which needs no CORS preflight) is refused.
            if headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                await _error(send_with_headers, 415, "Send the request body as JSON (Content-Type: application/json)")
                return
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await _error(send_with_headers, 413, _too_large(self.max_body))
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            body, ok = await _read_capped(receive, self.max_body)
            if not ok:
                await _error(send_with_headers, 413, _too_large(self.max_body))
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send_with_headers)


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _too_large(cap: int) -> str:
    log.warning("refused a request body over %s bytes; start the server with --max-body N to accept more", f"{cap:,}")
    return f"The text is larger than this server accepts ({cap:,} bytes): send a shorter text"


async def _read_capped(receive: Receive, cap: int) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), True
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > cap:
            return b"", False
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), True


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _error(send: Send, status: int, message: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": message, "status": status}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())] + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------- slow headers

HEADER_TIMEOUT = 10.0  # seconds a connection has to send a request's headers


def header_timeout_protocol(seconds: float = HEADER_TIMEOUT) -> type:
    """uvicorn's HTTP protocol, with a deadline for each request's headers.

    uvicorn's keep-alive timer is cancelled by any byte received, so a client that sends its headers a
    byte at a time (slowloris) held a connection open for ever. Here a timer starts when the connection
    opens and again after each response, and is stopped only when a request's headers are complete.
    """
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeout(H11Protocol):
        _header_timer: Any = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def handle_events(self) -> None:
            super().handle_events()
            if self.cycle is not None and not self.cycle.response_complete:  # a request's headers are in
                self._disarm()

        def on_response_complete(self) -> None:
            self._arm()  # before: the next pipelined request may start (and stop the timer) in the call
            super().on_response_complete()

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(seconds, self._cut)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _cut(self) -> None:
            self._header_timer = None
            if not self.transport.is_closing() and (self.cycle is None or self.cycle.response_complete):
                self.transport.close()

    return HeaderTimeout
