"""Who is asking: the client address behind the platform's reverse proxies, and the key limits count by.

``TRUSTED_PROXIES`` lists the proxies (addresses or networks) in front of the application; ``unix`` means the proxy
reaches the application server through a Unix socket (gunicorn then reports no peer address), which only local
processes can connect to. X-Forwarded-For is
read only when the connection itself comes from one of them, and then from the right: each trusted proxy appended
the address it received the request from, so the first entry from the right that is not a trusted proxy is the
client. Entries further left were written by the client and are never believed — so rotating X-Forwarded-For on a
direct connection changes nothing, and behind nginx every citizen has their own address (docs/security.md).

Limits count an IPv6 client by its /64 network: one subscriber line or phone holds a whole /64 and can change the
low 64 bits at will.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

IPV6_CLIENT_PREFIX = 64


UNIX_SOCKET = "unix"


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries if entry != UNIX_SOCKET)


def trusted_networks() -> tuple:
    return _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))


def _address(text: str | None):
    try:
        return ipaddress.ip_address((text or "").strip().removeprefix("[").split("]")[0])
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request) -> str | None:
    """The client's address as text, or None when the server cannot tell (no address, and no trusted proxy)."""
    peer = _address(request.META.get("REMOTE_ADDR"))
    networks = trusted_networks()
    if peer is None:
        if UNIX_SOCKET not in (getattr(settings, "TRUSTED_PROXIES", ()) or ()):
            return None
    elif not networks or not _is_trusted(peer, networks):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(entry)
        if address is None:
            # Not written by one of our proxies (they append real addresses): stop believing the header here.
            break
        if not _is_trusted(address, networks):
            return str(address)
        peer = address
    return str(peer) if peer is not None else None


def client_key(request) -> str:
    """What per-client limits count: the client's address, its /64 for IPv6, "unknown" when there is none."""
    return network_key(client_ip(request))


def network_key(ip: str | None) -> str:
    address = _address(ip)
    if address is None:
        return "unknown"
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
