"""Refusing URL fetches that would reach into the server's own network (SSRF).

Every request the fetcher makes, the first and each redirect, goes through :class:`GuardedTransport`:
it resolves the host name, refuses the request when any address is loopback, private, link-local
(cloud metadata at 169.254.169.254 included), shared, multicast, reserved or unspecified, and then
connects to the address it checked, so a second DNS answer cannot swap in another one.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

import httpx

from retold.errors import FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

USER_AGENT = "retold/0.1 (article reader)"


class PrivateAddressError(FetchError):
    """A URL (or a redirect) leads to an address inside the server's own network."""


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal, in any form the resolver reads, included)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"Cannot resolve {host} ({exc}): check the URL") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public(address: Address) -> bool:
    """True for an address on the public internet; False for loopback, private, link-local, metadata and the like."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return is_public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


class GuardedTransport(httpx.BaseTransport):
    """An httpx transport that only connects to public addresses, checked after DNS resolution."""

    def __init__(self, *, resolver: Resolver = resolve, allowed: Callable[[Address], bool] = is_public) -> None:
        self._inner = httpx.HTTPTransport()
        self._resolver = resolver
        self._allowed = allowed

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        host = url.host
        port = url.port or (443 if url.scheme == "https" else 80)
        addresses = self._resolver(host, port)
        if not addresses:
            raise FetchError(f"Cannot resolve {host}: check the URL")
        for text in addresses:
            address = ipaddress.ip_address(text.split("%", 1)[0])
            if not self._allowed(address):
                where = f"{host} is" if text == host.strip("[]") else f"{host} resolves to {address},"
                raise PrivateAddressError(
                    f"Refused to fetch {url}: {where} a loopback, private, link-local or metadata address; "
                    "start the server with --allow-private-urls to allow it"
                )
        # Connect to the address just checked; the Host header and TLS name stay the original host's.
        request.url = url.copy_with(host=addresses[0])
        request.extensions = {**request.extensions, "sni_hostname": host}
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()


def guarded_client(**kwargs) -> httpx.Client:
    """An httpx client for fetching articles that refuses non-public addresses (and ignores proxy variables,
    which would otherwise route around the transport)."""
    return httpx.Client(transport=GuardedTransport(**kwargs), trust_env=False, headers={"User-Agent": USER_AGENT})
