"""Running the retold server on 127.0.0.1 in a thread, for the serve tests (real HTTP, a free port)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import uvicorn

from retold.serve import ServeConfig, create_app


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(config: ServeConfig | None = None, **app_options) -> Iterator[str]:
    """The base URL of a live server with ``config`` (its port replaced by a free one)."""
    config = config or ServeConfig()
    port = free_port()
    config = ServeConfig(**{**{f: getattr(config, f) for f in config.__slots__}, "port": port})
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(config, **app_options), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


class Pages:
    """A tiny web site on 127.0.0.1 (or another loopback address) that counts the requests it gets."""

    def __init__(
        self, routes: dict[str, tuple[int, dict[str, str], bytes]], host: str = "127.0.0.1", delay: float = 0.0
    ):
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        self.hits: list[str] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site.hits.append(self.path)
                if self.path.startswith("/slow"):
                    time.sleep(delay)
                status, headers, body = routes.get(
                    self.path.split("?")[0], (404, {"Content-Type": "text/plain"}, b"no")
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
