"""``retold serve``: the HTTP API and the web page, safe by default.

    from retold.serve import ServeConfig, create_app
    app = create_app(ServeConfig())          # an ASGI app; uvicorn, hypercorn or a test client runs it

Binds 127.0.0.1 unless told otherwise, and then only with an API token (``RETOLD_TOKEN``).
"""

from __future__ import annotations

import socket

from retold.errors import InputError
from retold.serve.app import create_app
from retold.serve.config import ServeConfig, config_from
from retold.serve.runlog import MemoryRunLog, Run, RunLog
from retold.serve.security import header_timeout_protocol

__all__ = ["MemoryRunLog", "Run", "RunLog", "ServeConfig", "config_from", "create_app", "serve"]


def serve(config: ServeConfig, runs: RunLog | None = None) -> None:
    """Run the server until interrupted; a port already in use is an :class:`InputError` before anything loads.

    ``runs`` keeps the history (the store's :class:`~retold.serve.storelog.StoreRunLog`; in memory if None).
    """
    import uvicorn

    _check_port(config.host, config.port)

    uvicorn.run(
        create_app(config, runs=runs),
        host=config.host,
        port=config.port,
        log_level="info",
        server_header=False,
        http=header_timeout_protocol(),  # a client that trickles its headers is cut after HEADER_TIMEOUT
        timeout_graceful_shutdown=5,
    )


def _check_port(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(
                f"Cannot listen on {host}:{port} ({exc.strerror}): pick another port with --port N"
            ) from None
