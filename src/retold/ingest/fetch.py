"""Downloading a page: capped in size and time, redirects followed by hand, private addresses refused.

A URL may name any host, and a host may resolve to any address. Unless the caller opts in
(``allow_private_urls=True``, ``--allow-private-urls``), a fetch refuses loopback, private,
link-local (169.254.169.254, the cloud metadata service), multicast and reserved addresses: each
hop's host is resolved and checked before a request is sent, and the connection itself is made
to an address checked at connect time, so a name that resolves differently the second time
(DNS rebinding) is refused too. A refusal is a :class:`~retold.errors.PrivateAddressError`. This is
the only such guard: ``batch`` and ``serve`` fetch through it and pass their opt-in on.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
import zlib
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from retold.errors import FetchError, PrivateAddressError
from retold.ingest.limits import too_large

MAX_REDIRECTS = 10
USER_AGENT = "retold/0.1 (article reader)"
_REDIRECTS = (301, 302, 303, 307, 308)
_TEXT_TYPES = ("application/xhtml+xml", "application/xml", "application/rss+xml", "application/atom+xml")
_ACCEPT = {"Accept-Encoding": "gzip, deflate"}  # the encodings _decoded undoes under the cap
_OPT_IN = "pass --allow-private-urls (allow_private_urls=True in Python) to fetch it anyway"


class _Refused(Exception):
    """A host resolved to an address the fetch may not reach (raised inside httpcore, turned into FetchError)."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(host, address)
        self.host, self.address = host, address


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # well-known NAT64 prefix: the last 32 bits are the IPv4 host
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")  # local-use NAT64: a private network's translator
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 form carries (mapped, 6to4, Teredo client, NAT64, IPv4-compatible), if any:
    a gateway on the path may deliver a packet for it to that IPv4 address."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64 or (ip in _IPV4_COMPATIBLE and int(ip) > 1):  # :: and ::1 are IPv6's own
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(address: str) -> bool:
    """Whether ``address`` (an IP literal) is a public unicast address; an IPv6 form that embeds an IPv4
    address is judged by the embedded address (and by its own range too)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone ("fe80::1%eth0")
    if isinstance(ip, ipaddress.IPv6Address):
        if ip in _NAT64_LOCAL:
            return False
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            if not (embedded.is_global and not embedded.is_multicast):
                return False
            if ip in _NAT64 or ip in _IPV4_COMPATIBLE or ip.ipv4_mapped is not None:
                return True  # ranges Python files as reserved whose meaning is the embedded address
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (one DNS look-up; an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve {host} ({exc}): check the URL's host name") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _public_addresses(host: str, port: int) -> list[str]:
    addresses = resolve(host, port)
    for address in addresses:
        if not is_public(address):
            raise _Refused(host, address)
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to public addresses, resolving the host itself and connecting to the checked address."""

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[tuple[int, int, int] | tuple[int, int, bytes | bytearray] | tuple[int, int, None, int]]
        | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _public_addresses(host, port)
        for address in addresses[:-1]:  # each checked address in turn, as a resolver-driven connect would
            try:
                return super().connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout):
                continue
        return super().connect_tcp(addresses[-1], port, timeout, local_address, socket_options)


def guarded_client() -> httpx.Client:
    """An ``httpx.Client`` that cannot connect to a private address (no proxy from the environment)."""
    transport = httpx.HTTPTransport()
    # httpx has no public hook for the network backend; its pool takes one.
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), network_backend=_GuardedBackend())
    return httpx.Client(headers={"User-Agent": USER_AGENT}, transport=transport, trust_env=False)


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    client: httpx.Client | None = None,
    allow_private_urls: bool = False,
) -> tuple[bytes, str, str | None, str | None]:
    """(bytes, final URL, media type, charset) of a page, following at most :data:`MAX_REDIRECTS` redirects,
    never reading past ``max_bytes``; ``timeout`` bounds the whole download, redirects included.

    An injected ``client`` is used and left open; each hop's host is still checked before it is asked.
    """
    if client is not None:
        return _fetch(client, url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private_urls)
    own = httpx.Client(headers={"User-Agent": USER_AGENT}) if allow_private_urls else guarded_client()
    with own:
        return _fetch(own, url, max_bytes=max_bytes, timeout=timeout, allow_private=allow_private_urls)


def _check_host(url: str, hop: str) -> None:
    try:
        parts = urlsplit(hop)
    except ValueError as exc:  # "http://[::1": an unclosed bracket, a bad IPv6 literal
        raise FetchError(f"{hop} is not a valid URL ({exc}): check the URL") from None
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url} redirects to {hop}, which is not an http(s) URL: pass the final article URL")
    if not parts.hostname:
        raise FetchError(f"{hop} has no host name: check the URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{hop} has an invalid port: check the URL") from None
    _public_addresses(parts.hostname, port)


def _refusal(url: str, hop: str, refused: _Refused) -> PrivateAddressError:
    via = "" if hop == url else f" (redirected to {hop})"
    return PrivateAddressError(
        f"Refusing to fetch {url}{via}: {refused.host} resolves to the private or reserved address "
        f"{refused.address}; {_OPT_IN}"
    )


def _fetch(
    client: httpx.Client, url: str, *, max_bytes: int, timeout: float, allow_private: bool
) -> tuple[bytes, str, str | None, str | None]:
    deadline = time.monotonic() + timeout
    seen = [url]
    current = url
    try:
        while True:
            if not allow_private:
                _check_host(url, current)
            request_timeout = httpx.Timeout(max(0.01, deadline - time.monotonic()))
            with client.stream(
                "GET", current, follow_redirects=False, timeout=request_timeout, headers=_ACCEPT
            ) as response:
                if response.status_code in _REDIRECTS and "location" in response.headers:
                    target = urljoin(current, response.headers["location"])
                    if target in seen:
                        raise FetchError(f"{url} redirects in a loop (back to {target}): pass the final article URL")
                    if len(seen) > MAX_REDIRECTS:
                        raise FetchError(
                            f"{url} redirected more than {MAX_REDIRECTS} times: pass the final article URL"
                        )
                    seen.append(target)
                    current = target
                    continue
                _check_status(url, response)
                media_type, charset = _content_type(response.headers.get("content-type"))
                if media_type and not (media_type.startswith("text/") or media_type in _TEXT_TYPES):
                    raise FetchError(
                        f"{url} serves {media_type}, not an HTML or text page: pass the URL of an article page"
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise FetchError(too_large(url, max_bytes))
                data = _read_capped(response, url, max_bytes=max_bytes, deadline=deadline, timeout=timeout)
                return data, str(response.url), media_type, charset
    except _Refused as refused:
        raise _refusal(url, current, refused) from None
    except httpx.TimeoutException:
        raise FetchError(timed_out(url, timeout)) from None
    except httpx.ConnectError as exc:
        host = urlsplit(current).netloc
        reason = "connection refused" if "refused" in str(exc).lower() else str(exc) or "connection failed"
        raise FetchError(f"Cannot connect to {host} ({reason}): check the URL and that the site is up") from None
    except httpx.InvalidURL as exc:
        raise FetchError(f"{url} is not a valid URL ({exc}): check it") from None
    except httpx.HTTPError as exc:
        reason = f"{type(exc).__name__}: {exc}"
        raise FetchError(f"Fetching {url} failed ({reason}): try again, or save the page and pass the file") from None


_PIECE = 64 * 1024  # the most one decoding step may produce at a time


def _inflate(pieces: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    """Undo one gzip or deflate layer, never producing more than :data:`_PIECE` bytes at a time, so a
    consumer that stops reading stops the decoding (httpx decodes a whole chunk at once: a few hundred
    bytes of a stacked encoding become half a gigabyte before the caller sees any of it)."""
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding in ("gzip", "x-gzip") else None
    for piece in pieces:
        if decoder is None:  # deflate is zlib-wrapped by the standard, raw by some servers
            wrapped = len(piece) >= 2 and piece[0] & 0x0F == 8 and (piece[0] << 8 | piece[1]) % 31 == 0
            decoder = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        data = piece
        while True:
            out = decoder.decompress(data, _PIECE)
            if out:
                yield out
            data = decoder.unconsumed_tail
            if not data and len(out) < _PIECE:
                break
    if decoder is not None and (rest := decoder.flush()):
        yield rest


def _decoded(response: httpx.Response, url: str) -> Iterator[bytes]:
    """The body's bytes as they arrive, each ``Content-Encoding`` layer undone in turn, lazily."""
    encodings = [e.strip().lower() for e in response.headers.get_list("content-encoding", split_commas=True)]
    pieces: Iterable[bytes] = response.iter_raw()
    for encoding in reversed([e for e in encodings if e and e != "identity"]):
        if encoding not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(
                f"{url} is sent with Content-Encoding {encoding}, which retold cannot decode: "
                "save the page from a browser and pass the file"
            )
        pieces = _inflate(pieces, encoding)
    return iter(pieces)


def _read_capped(response: httpx.Response, url: str, *, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """The decoded body, abandoned as soon as the DECODED bytes pass ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in _decoded(response, url):  # as the bytes arrive: a fixed chunk size would wait to fill it
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(too_large(url, max_bytes))
            if time.monotonic() > deadline:  # a server that trickles bytes never trips the read timeout
                raise FetchError(timed_out(url, timeout))
            chunks.append(chunk)
    except zlib.error as exc:
        raise FetchError(
            f"{url} sent a body that does not decode ({exc}): try again, or save the page and pass the file"
        ) from None
    return b"".join(chunks)


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status < 400 and status not in _REDIRECTS:
        return
    phrase = response.reason_phrase or ""
    if status in _REDIRECTS:
        hint = "a redirect without a Location header: pass the final article URL"
    elif status == 404 or status == 410:
        hint = "the page does not exist: check the URL"
    elif status in (401, 403):
        hint = "the site refused access: save the page from a browser and pass the file"
    elif status == 429:
        hint = "the site is rate-limiting: wait and try again"
    elif status >= 500:
        hint = "the site failed: try again later"
    else:
        hint = "check the URL"
    raise FetchError(f"{url} returned HTTP {status} {phrase}".rstrip() + f": {hint}")


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media_type, _, params = header.partition(";")
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", params, re.IGNORECASE)
    return media_type.strip().lower() or None, match.group(1) if match else None


def timed_out(url: str, timeout: float) -> str:
    return f"{url} timed out after {timeout:g} s: try again later or pass --timeout N to wait longer"
