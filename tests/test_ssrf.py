"""URL fetches refuse private, loopback, link-local and reserved addresses, after DNS and on every redirect.

The refusals are proved without a packet leaving the process: the resolver is patched to answer what a
hostile DNS server would, and any attempt to open a socket fails the test. The opt-in is exercised against
a real server on 127.0.0.1.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from retold.errors import FetchError
from retold.ingest import ingest
from retold.ingest.fetch import is_public

EXAMPLE = Path(__file__).parent.parent / "examples" / "nato-ukraine.txt"
PUBLIC = "93.184.215.14"  # a public address no test ever connects to


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test on any attempt to open a connection; returns the list of attempted addresses."""
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"a connection to {address} was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def fake_dns(monkeypatch, table: dict[str, list[str]]):
    """Answer look-ups from ``table`` (each call may pop the next answer: a rebinding server)."""
    looked_up: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        looked_up.append(host)
        answers = table.get(host, [host])  # an IP literal resolves to itself
        address = answers.pop(0) if len(answers) > 1 else answers[0]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return looked_up


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.0.0.5",
        "172.16.3.4",
        "192.168.1.1",
        "169.254.169.254",
        "0.0.0.0",
        "224.0.0.1",
        "100.64.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "240.0.0.1",
    ],
)
def test_private_and_reserved_addresses_are_not_public(address):
    assert not is_public(address)


# IPv6 forms that carry an IPv4 address inside: NAT64 (well-known and local-use prefixes), 6to4, Teredo
# (whose client address is stored inverted) and the deprecated IPv4-compatible form.
EMBEDDED_PRIVATE = [
    "64:ff9b::a9fe:a9fe",
    "64:ff9b::7f00:1",
    "64:ff9b:1::a00:5",
    "2002:a9fe:a9fe::",
    "2002:7f00:1::1",
    "2001:0:4136:e378:8000:63bf:5601:5601",  # Teredo, client 169.254.169.254 (each bit of ~0x5601 5601 …)
    "2001:0:4136:e378:8000:63bf:80ff:fffe",
    "::a9fe:a9fe",
    "::7f00:1",
    "::10.0.0.1",
]


@pytest.mark.parametrize("address", EMBEDDED_PRIVATE)
def test_ipv6_forms_embedding_a_private_ipv4_address_are_not_public(address):
    assert not is_public(address)


@pytest.mark.parametrize("address", ["64:ff9b::5db8:d70e", "2002:5db8:d70e::1"])
def test_ipv6_forms_embedding_a_public_ipv4_address_follow_the_embedded_address(address):
    assert is_public(address)


@pytest.mark.parametrize(
    "url", ["http://[64:ff9b::a9fe:a9fe]/", "http://[2002:a9fe:a9fe::]/", "http://[::a9fe:a9fe]/latest"]
)
def test_embedded_forms_are_refused_before_connecting(url, no_network):
    with pytest.raises(FetchError, match="private or reserved address"):
        ingest(url)
    assert no_network == []


def test_a_name_resolving_to_a_nat64_form_of_the_metadata_address_is_refused(monkeypatch, no_network):
    fake_dns(monkeypatch, {"meta.example.com": ["64:ff9b::a9fe:a9fe"]})
    with pytest.raises(FetchError, match="64:ff9b::a9fe:a9fe"):
        ingest("http://meta.example.com/")
    assert no_network == []


def test_public_addresses_are_public():
    assert is_public(PUBLIC) and is_public("2606:4700:4700::1111")


@pytest.mark.parametrize(
    "url", ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8080/", "http://[::1]/", "http://10.1.2.3/"]
)
def test_literal_private_addresses_are_refused_before_connecting(url, no_network):
    with pytest.raises(FetchError, match="--allow-private-urls"):
        ingest(url)
    assert no_network == []


def test_a_name_that_resolves_to_a_private_address_is_refused(monkeypatch, no_network):
    looked_up = fake_dns(monkeypatch, {"intranet.example.com": ["10.0.0.7"]})
    with pytest.raises(FetchError) as caught:
        ingest("https://intranet.example.com/story")
    message = str(caught.value)
    assert "intranet.example.com resolves to the private or reserved address 10.0.0.7" in message
    assert "pass --allow-private-urls" in message and "\n" not in message
    assert looked_up == ["intranet.example.com"] and no_network == []


def test_dns_rebinding_is_caught_at_connect_time(monkeypatch, no_network):
    """Public at the first look-up, private at the second: the connection is still never made."""
    fake_dns(monkeypatch, {"rebind.example.com": [PUBLIC, "127.0.0.1"]})
    with pytest.raises(FetchError, match="resolves to the private or reserved address 127.0.0.1"):
        ingest("http://rebind.example.com/")
    assert no_network == []


def test_every_redirect_hop_is_checked(monkeypatch, no_network):
    """A public page that redirects to the metadata service: the second request is never sent."""
    fake_dns(monkeypatch, {"news.example.com": [PUBLIC]})
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(FetchError) as caught:
            ingest("http://news.example.com/story", client=client)
    assert asked == ["http://news.example.com/story"]
    assert "(redirected to http://169.254.169.254/latest/meta-data/)" in str(caught.value)
    assert no_network == []


def test_a_redirect_to_another_scheme_is_refused(monkeypatch, no_network):
    fake_dns(monkeypatch, {"news.example.com": [PUBLIC]})

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "file:///etc/passwd"})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        with pytest.raises(FetchError, match="not an http\\(s\\) URL"):
            ingest("http://news.example.com/story", client=client)


# --------------------------------------------------------------------------- opting in, on 127.0.0.1


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/hop":
            self.send_response(302)
            self.send_header("Location", "/story")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = EXAMPLE.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def local() -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_loopback_is_refused_by_default_and_fetched_with_the_opt_in(local):
    with pytest.raises(FetchError, match="127.0.0.1 resolves to the private or reserved address 127.0.0.1"):
        ingest(f"{local}/story")
    article = ingest(f"{local}/hop", allow_private_urls=True)
    assert "Rutte" in article.text and article.url == f"{local}/story"


def test_cli_refuses_then_fetches_with_the_flag(local):
    from test_cli import retold

    refused = retold("extract", f"{local}/story")
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "--allow-private-urls" in refused.stderr
    fetched = retold("extract", f"{local}/story", "--allow-private-urls")
    assert fetched.returncode == 0 and "Rutte" in fetched.stdout


def test_the_guarded_connection_reaches_an_address_it_allows(local, monkeypatch):
    """The guarded client connects to the address it checked (here 127.0.0.1, allowed by a patched rule)."""
    from retold.ingest import fetch

    checked: list[str] = []

    def allow_loopback(address: str) -> bool:
        checked.append(address)
        return address == "127.0.0.1"

    monkeypatch.setattr(fetch, "is_public", allow_loopback)
    article = ingest(f"{local}/hop")
    assert "Rutte" in article.text
    assert checked and set(checked) == {"127.0.0.1"}  # each hop before the request, and again at connect time
    assert len(checked) >= 4
