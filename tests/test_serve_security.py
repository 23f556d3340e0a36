"""The server's safety: private URLs refused after DNS and on redirects, tokens, host names, escaping, CSP."""

from __future__ import annotations

import ipaddress
import re
import socket
from pathlib import Path

import httpx
import pytest

from retold.cli import main
from retold.errors import InputError
from retold.ingest import fetch
from retold.ingest.fetch import is_public
from retold.serve import MemoryRunLog, ServeConfig, config_from, create_app
from serve_harness import Pages, running

ROOT = Path(__file__).parent.parent
ARTICLE = (ROOT / "examples" / "nato-ukraine.txt").read_text("utf-8")
TOKEN = "a-test-token-of-enough-length"


@pytest.fixture(scope="module")
def site():
    pages = Pages(
        {
            "/article": (200, {"Content-Type": "text/plain; charset=utf-8"}, ARTICLE.encode()),
            "/to-article": (302, {"Location": "/article"}, b""),
        }
    )
    yield pages
    pages.close()


@pytest.fixture(scope="module")
def base():
    with running(warm=False) as url:
        yield url


@pytest.fixture
def loopback_only(monkeypatch):
    """Fail on any connection beyond loopback (the test's own HTTP calls stay allowed); lists the others."""
    beyond: list[object] = []
    connect = socket.socket.connect

    def only_loopback(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if not (isinstance(host, str) and ipaddress.ip_address(host.split("%", 1)[0]).is_loopback):
            beyond.append(address)
            raise AssertionError(f"a connection to {address} was attempted")
        return connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", only_loopback)
    return beyond


def extract(base: str, url: str, **kwargs) -> httpx.Response:
    return httpx.post(base + "/api/extract", json={"url": url}, timeout=30, **kwargs)


@pytest.mark.parametrize(
    "where",
    [
        "http://127.0.0.1:{port}/article",
        "http://localhost:{port}/article",  # a name: refused after DNS resolution
        "http://[::ffff:127.0.0.1]:{port}/article",  # IPv4 in IPv6 clothing
        "http://2130706433:{port}/article",  # 127.0.0.1 as one decimal number
        "http://0.0.0.0:{port}/article",
    ],
)
def test_a_url_to_this_machine_is_refused_without_the_opt_in(base, site, where):
    port = site.url.rsplit(":", 1)[1]
    before = len(site.hits)
    response = extract(base, where.format(port=port))
    assert response.status_code == 400
    error = response.json()["error"]
    assert "private network" in error and "--allow-private-urls" not in error  # the flag is for the server's log
    assert len(site.hits) == before  # refused before connecting


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://192.168.1.1/admin"]
)
def test_metadata_and_private_addresses_are_refused(base, url, loopback_only):
    response = extract(base, url)
    assert response.status_code == 400 and "only fetches public pages" in response.json()["error"]
    assert response.json()["kind"] == "PrivateAddressError" and loopback_only == []


def test_the_opt_in_lets_a_private_url_through(site):
    with running(ServeConfig(allow_private_urls=True), warm=False) as url:
        response = extract(url, site.url + "/to-article")
    assert response.status_code == 200
    assert response.json()["text"].startswith("Minister of Foreign Affairs of Ukraine")


def test_a_redirect_into_the_private_network_is_refused(base, monkeypatch, loopback_only, caplog):
    # 127.0.0.2 plays a public site here; it redirects to 127.0.0.1, which stays private.
    inner = Pages({"/secret": (200, {"Content-Type": "text/plain"}, ARTICLE.encode())})
    outer = Pages({"/story": (302, {"Location": inner.url + "/secret"}, b"")}, host="127.0.0.2")
    monkeypatch.setattr(fetch, "is_public", lambda address: address == "127.0.0.2" or is_public(address))
    try:
        response = extract(base, outer.url + "/story")
        assert response.status_code == 400
        error = response.json()["error"]
        assert "private network" in error and inner.url not in error
        logged = caplog.text  # the details and the operator's way out go to the server's log
        assert f"(redirected to {inner.url}/secret)" in logged and "private or reserved address 127.0.0.1" in logged
        assert "--allow-private-urls" in logged
        assert outer.hits == ["/story"] and inner.hits == [] and loopback_only == []
    finally:
        inner.close()
        outer.close()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.9", False),
        ("192.168.0.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1", False),
        ("fd00:ec2::254", False),
        ("::ffff:10.0.0.1", False),
        ("224.0.0.1", False),
    ],
)
def test_which_addresses_count_as_public(address, public):
    assert is_public(address) is public


def test_a_token_guards_the_api_and_is_compared_whole():
    runs = MemoryRunLog()
    runs.record("check", title="A private article title", request={}, result={})
    with running(ServeConfig(token=TOKEN), runs=runs, warm=False) as url:
        assert httpx.get(url + "/api/styles").status_code == 401
        wrong = httpx.get(url + "/api/styles", headers={"Authorization": "Bearer " + TOKEN[:-1]})
        assert wrong.status_code == 401 and "RETOLD_TOKEN" in wrong.json()["error"]
        assert wrong.headers["www-authenticate"] == "Bearer"
        assert httpx.get(url + "/api/styles", headers={"Authorization": "Bearer " + TOKEN}).status_code == 200
        assert httpx.get(url + "/").status_code == 200  # the page holds no data; it asks for the token
        page = httpx.get(url + "/").text
        assert 'id="token"' in page and "A private article title" not in page  # no history without the token


def test_binding_beyond_loopback_needs_a_token(monkeypatch, capsys):
    monkeypatch.delenv("RETOLD_TOKEN", raising=False)
    with pytest.raises(InputError, match="RETOLD_TOKEN"):
        config_from("0.0.0.0", 8000)
    assert main(["serve", "--host", "0.0.0.0", "--port", "8999"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Refusing to listen on 0.0.0.0" in err
    monkeypatch.setenv("RETOLD_TOKEN", "short")
    with pytest.raises(InputError, match="too short"):
        config_from("0.0.0.0", 8000)
    monkeypatch.setenv("RETOLD_TOKEN", TOKEN)
    config = config_from("0.0.0.0", 8000)
    assert config.token == TOKEN and not config.local_only
    assert config_from("127.0.0.1", 8000).token == TOKEN  # a token set is a token required


def test_a_loopback_server_answers_only_to_local_host_names(base):
    assert httpx.get(base + "/healthz").status_code == 200
    rebound = httpx.get(base + "/", headers={"Host": "attacker.example"})
    assert rebound.status_code == 421
    assert httpx.get(base + "/healthz", headers={"Host": "localhost:1234"}).status_code == 200


def test_every_response_carries_a_policy_that_forbids_inline_script(base):
    for response in (httpx.get(base + "/"), httpx.get(base + "/api/styles"), httpx.get(base + "/nothing")):
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
    page = httpx.get(base + "/").text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']
    assert not re.search(r"\son[a-z]+\s*=", page)  # no inline event handlers either
    js = httpx.get(base + "/static/app.js")
    assert js.headers["content-type"].startswith("text/javascript") and not re.search(
        r"\.(?:inner|outer)HTML\s*=|insertAdjacentHTML|document\.write", js.text
    )


def test_article_text_in_the_page_is_escaped():
    runs = MemoryRunLog()
    runs.record("check", title='<script>alert("x")</script><img src=x onerror=alert(1)>', request={}, result={})
    with running(runs=runs, warm=False) as url:
        page = httpx.get(url + "/").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page and '<script>alert("x")' not in page


@pytest.mark.parametrize(
    "options",
    [
        {"time_limit": -1.0},
        {"time_limit": float("nan")},
        {"time_limit": float("inf")},
        {"time_limit": 0.0},
        {"fetch_timeout": float("nan")},
        {"workers": 0},
        {"max_body": -5},
    ],
)
def test_limits_that_would_refuse_every_request_are_refused_before_the_server_starts(options):
    """A negative or nan time limit once started a server that answered every request 504."""
    with pytest.raises(InputError, match="must be"):
        config_from("127.0.0.1", 8000, **options)


def test_a_connection_that_trickles_its_headers_is_cut():
    """A byte of the headers every 0.2 s used to keep a connection open for ever (uvicorn's keep-alive timer
    stops at the first byte); a whole request on time is still answered."""
    import socket
    import threading
    import time

    import uvicorn

    from retold.serve.security import header_timeout_protocol
    from serve_harness import free_port

    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(ServeConfig(port=port), warm=False),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            http=header_timeout_protocol(1.0),
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        with socket.create_connection(("127.0.0.1", port)) as slow:
            started = time.monotonic()
            closed = False
            for byte in b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + b"a" * 200:
                try:
                    slow.sendall(bytes([byte]))
                    slow.settimeout(0.2)
                    if slow.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    continue
                except OSError:
                    closed = True
                    break
            assert closed and time.monotonic() - started < 3.0
        with socket.create_connection(("127.0.0.1", port)) as prompt:
            prompt.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            prompt.settimeout(5)
            assert prompt.recv(100).startswith(b"HTTP/1.1 200")
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_serve_runs_uvicorn_with_the_header_timeout(monkeypatch):
    import uvicorn

    import retold.serve

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setattr(retold.serve, "_check_port", lambda host, port: None)
    retold.serve.serve(ServeConfig())
    assert seen["http"].__name__ == "HeaderTimeout"
