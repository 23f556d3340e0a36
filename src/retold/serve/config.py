"""The server's settings, checked before it binds a socket."""

from __future__ import annotations

import os
from dataclasses import dataclass

from retold.errors import InputError
from retold.serve.security import is_loopback

TOKEN_VARIABLE = "RETOLD_TOKEN"
MAX_SECONDS = 86_400.0  # a day, as the CLI's --timeout allows


@dataclass(frozen=True, slots=True)
class ServeConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None  # when set, every /api/ request must carry it as a Bearer token
    allow_private_urls: bool = False
    max_body: int = 2_000_000  # bytes of one request body
    max_bytes: int = 5_000_000  # bytes of one fetched page
    fetch_timeout: float = 15.0
    time_limit: float = 60.0  # seconds one request may take
    workers: int = 2
    queue_size: int = 64  # 2 workers + 64 waiting: 50 concurrent clients never see a 503
    history: int = 200  # runs the in-memory history keeps

    @property
    def local_only(self) -> bool:
        """A loopback server without a token answers only to local host names (against DNS rebinding)."""
        return is_loopback(self.host) and not self.token


def config_from(host: str = "127.0.0.1", port: int = 8000, **options: object) -> ServeConfig:
    """A config with the token from ``RETOLD_TOKEN``; refuses a non-loopback host without one."""
    token = os.environ.get(TOKEN_VARIABLE) or None
    if token is not None and len(token) < 16:
        raise InputError(f"{TOKEN_VARIABLE} is too short ({len(token)} characters): use at least 16 random characters")
    if not is_loopback(host) and not token:
        raise InputError(
            f"Refusing to listen on {host} without an API token: set {TOKEN_VARIABLE} "
            "(e.g. export RETOLD_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe(24))')), "
            "or keep the default --host 127.0.0.1"
        )
    if not 0 <= port <= 65535:
        raise InputError(f"Port {port} is out of range: use 1-65535")
    for name in ("time_limit", "fetch_timeout"):
        seconds = options.get(name)
        if seconds is not None and not (isinstance(seconds, (int, float)) and 0 < seconds <= MAX_SECONDS):  # nan too
            flag = "--" + name.replace("_", "-")
            raise InputError(f"{flag} {seconds!r} must be a number of seconds above 0 and at most {MAX_SECONDS:g}")
    for name in ("max_body", "max_bytes", "workers", "queue_size", "history"):
        count = options.get(name)
        if count is not None and not (isinstance(count, int) and 0 < count < 2**63):
            raise InputError(f"--{name.replace('_', '-')} {count!r} must be a whole number above 0")
    return ServeConfig(host=host, port=port, token=token, **options)  # type: ignore[arg-type]
