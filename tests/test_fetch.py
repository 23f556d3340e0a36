"""URL input against a real HTTP server on 127.0.0.1, started in a thread by the tests."""

from __future__ import annotations

import functools
import gzip
import socket
import threading
import time
import tracemalloc
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from retold.errors import FetchError, InputError
from retold.ingest import ingest as _ingest
from retold.ingest.fetch import MAX_REDIRECTS


def ingest(*args, **kwargs):
    """These tests fetch from 127.0.0.1, which a fetch refuses unless the caller opts in."""
    return _ingest(*args, allow_private_urls=True, **kwargs)


DATA = Path(__file__).parent / "data" / "ingest"
LATIN1_BODY = (
    "<html><head><title>Genève talks</title></head><body><article>"
    "<p>Les ministres se sont réunis à Genève mardi. The ministers met in Genève on Tuesday and said the "
    "talks about the café owners' rights had gone well, according to a statement released by the city.</p>"
    "<p>The mayor of Genève said the city would pay for the repairs to the old café before the end of the "
    "year, and that the owners would be told about the plan at a meeting on Friday.</p>"
    "</article></body></html>"
)


def page(body: str | bytes, status: int = 200, content_type: str = "text/html; charset=utf-8", **headers: str):
    """A canned response: status, headers and body."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    return status, {"Content-Type": content_type, **headers}, data


ROUTES = {
    "/article": lambda: page((DATA / "article.html").read_text("utf-8")),
    "/index": lambda: page((DATA / "index.html").read_text("utf-8")),
    "/moved": lambda: page("", 301, Location="/article"),
    "/loop-a": lambda: page("", 302, Location="/loop-b"),
    "/loop-b": lambda: page("", 302, Location="/loop-a"),
    "/paper.pdf": lambda: page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", content_type="application/pdf"),
    "/photo": lambda: page(b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
    "/latin1": lambda: page(LATIN1_BODY.encode("latin-1"), content_type="text/html; charset=ISO-8859-1"),
    "/meta-latin1": lambda: page(
        LATIN1_BODY.replace("<head>", '<head><meta charset="iso-8859-1">').encode("latin-1"), content_type="text/html"
    ),
    "/plain": lambda: page(
        (DATA.parent.parent.parent / "examples" / "nato-ukraine.txt").read_bytes(), content_type="text/plain"
    ),
    "/blank": lambda: page(""),
    "/gzipped-article": lambda: page(
        zlib.compress(gzip.compress((DATA / "article.html").read_bytes())), **{"Content-Encoding": "gzip, deflate"}
    ),
    "/brotli": lambda: page(b"\x1b\x00\x00", **{"Content-Encoding": "br"}),
    "/broken": lambda: page("server trouble", 500, content_type="text/plain"),
    "/forbidden": lambda: page("no", 403, content_type="text/plain"),
}


BOMB_SIZE = 64 * 1024 * 1024


@functools.cache
def _bomb(encodings: tuple[str, ...]) -> bytes:
    data = b"<p>" + b"a" * BOMB_SIZE
    for encoding in encodings:  # applied in the order the header lists them
        if encoding == "gzip":
            data = gzip.compress(data, compresslevel=9)
        elif encoding == "deflate":
            data = zlib.compress(data, 9)
    return data


def bomb(encodings: list[str]) -> bytes:
    return _bomb(tuple(encodings))


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = self.path.split("?")[0]
        if path == "/slow":
            time.sleep(2.0)
            return self._send(*page("<p>late</p>"))
        if path.startswith("/chain/"):  # /chain/1 → /chain/2 → … never ends, never repeats
            return self._send(*page("", 302, Location=f"/chain/{int(path.rsplit('/', 1)[1]) + 1}"))
        if path == "/huge":  # streams far more than any cap, with no Content-Length to warn the client
            return self._stream(b"<p>" + b"x" * 8192 + b"</p>\n", count=500, delay=0.0)
        if path.startswith("/bomb/"):  # a few hundred bytes that decode to BOMB_SIZE under any stack of encodings
            encodings = path.split("/", 2)[2].split(",")
            return self._send(*page(bomb(encodings), **{"Content-Encoding": ", ".join(encodings)}))
        if path == "/huge-declared":
            return self._send(*page("x" * 50_000))
        if path == "/trickle":  # each chunk in time for the read timeout, the whole far too late
            return self._stream(b"<p>word word word</p>\n", count=40, delay=0.1)
        route = ROUTES.get(path)
        self._send(*(route() if route else page("<p>not here</p>", 404)))

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._write(body)

    def _stream(self, chunk: bytes, *, count: int, delay: float) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        for _ in range(count):
            if not self._write(chunk):
                return
            time.sleep(delay)

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError):  # the client stopped reading, as it should
            return False

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base() -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_article_page_with_metadata(base):
    article = ingest(f"{base}/article")
    assert article.source_format == "html"
    assert article.title == "Ministers agree air defence plan for Ukraine"
    assert article.byline == "Jane Doe"
    assert article.published.isoformat() == "2024-12-03"
    assert article.site == "Example News"
    assert article.url == f"{base}/article"
    assert article.origin == f"{base}/article"
    assert "## What was agreed" in article.text
    assert [r.reason for r in article.removed] == ["related-links", "call-to-action"]


def test_redirect_is_followed_and_final_url_is_the_base(base):
    article = ingest(f"{base}/moved")
    assert article.origin == f"{base}/moved"
    assert article.url == f"{base}/article"


def test_404_says_the_status(base):
    with pytest.raises(FetchError, match=r"HTTP 404 .*check the URL"):
        ingest(f"{base}/nowhere")


@pytest.mark.parametrize("path, status", [("/broken", 500), ("/forbidden", 403)])
def test_other_http_errors_say_the_status(base, path, status):
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        ingest(base + path)


def test_slow_endpoint_times_out(base):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.3 s: .*--timeout N"):
        ingest(f"{base}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.5


def test_trickling_endpoint_hits_the_overall_timeout(base):
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        ingest(f"{base}/trickle", timeout=0.5)


def test_redirect_loop(base):
    with pytest.raises(FetchError, match="redirects in a loop"):
        ingest(f"{base}/loop-a")


def test_endless_redirect_chain(base):
    with pytest.raises(FetchError, match=f"redirected more than {MAX_REDIRECTS} times"):
        ingest(f"{base}/chain/1")


@pytest.mark.parametrize("path, media_type", [("/paper.pdf", "application/pdf"), ("/photo", "image/png")])
def test_non_html_content_type_is_refused(base, path, media_type):
    with pytest.raises(FetchError, match=f"serves {media_type}, not an HTML or text page"):
        ingest(base + path)


@pytest.mark.parametrize("path", ["/latin1", "/meta-latin1"])
def test_declared_latin1_charset_is_honoured(base, path):
    article = ingest(base + path)
    assert "Genève" in article.text and "café" in article.text
    assert not [w for w in article.warnings if "UTF-8" in w or "charset" in w]  # decoded as declared, no guessing


def test_plain_text_url(base):
    article = ingest(f"{base}/plain")
    assert article.source_format == "text"
    assert article.text.startswith("Minister of Foreign Affairs of Ukraine")
    assert len(article.removed) == 2


def test_index_page_is_refused(base):
    with pytest.raises(InputError, match=r"No article found in .*/index: it looks like an index or list page"):
        ingest(f"{base}/index")


def test_stream_is_abandoned_at_the_cap(base):
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"larger than 20,000 bytes: pass --max-bytes N"):
        ingest(f"{base}/huge", max_bytes=20_000)
    assert time.monotonic() - started < 2.0


def test_declared_length_over_the_cap_is_refused_before_reading(base):
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        ingest(f"{base}/huge-declared", max_bytes=1_000)


def test_connection_refused():
    with socket.socket() as probe:  # a port that was free a moment ago and has no listener now
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=rf"Cannot connect to 127.0.0.1:{port} \(connection refused\)"):
        ingest(f"http://127.0.0.1:{port}/article")


def test_injected_client_is_used_and_left_open(base):
    with httpx.Client(headers={"User-Agent": "test-agent"}) as client:
        article = ingest(f"{base}/article", client=client)
        assert article.title
        assert not client.is_closed


def test_empty_page_says_so(base):
    with pytest.raises(InputError, match=r"/blank is empty: pass a file or page that holds the article text"):
        ingest(f"{base}/blank")


@pytest.mark.parametrize("encodings", ["gzip", "gzip,gzip", "deflate,gzip", "gzip,deflate,gzip"])
def test_a_compressed_bomb_is_cut_at_the_cap_on_decoded_bytes(base, encodings):
    """A body of a few hundred bytes that decodes to 64 MB: the cap holds on the decoded bytes, and the
    decoding stops there, so memory never holds more than a few chunks of it."""
    bomb(encodings.split(","))  # built before measuring
    tracemalloc.start()
    try:
        with pytest.raises(FetchError, match=r"larger than 100,000 bytes"):
            ingest(f"{base}/bomb/{encodings}", max_bytes=100_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, f"decoding peaked at {peak:,} bytes"


def test_compressed_page_is_decoded(base):
    article_html = (DATA / "article.html").read_bytes()
    assert gzip.decompress(gzip.compress(article_html)) == article_html
    article = ingest(f"{base}/gzipped-article")
    assert article.title


def test_an_encoding_retold_cannot_decode_is_refused(base):
    with pytest.raises(FetchError, match="Content-Encoding"):
        ingest(f"{base}/brotli")
