"""core.clients: the client address behind trusted proxies only, and the key per-client limits count by."""

import pytest
from django.test import RequestFactory, override_settings

from core.clients import client_ip, client_key, network_key


def request(remote="203.0.113.7", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXIES=[])
def test_without_proxies_the_peer_is_the_client_whatever_the_header_says():
    assert client_ip(request(forwarded="1.2.3.4")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_proxy_each_citizen_has_their_own_address():
    assert client_ip(request("127.0.0.1", "198.51.100.1")) == "198.51.100.1"
    assert client_ip(request("127.0.0.1", "198.51.100.2")) == "198.51.100.2"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_rotated_header_on_a_direct_connection_changes_nothing():
    # The app is reachable directly (not through the proxy): the header is the client's own invention.
    addresses = {client_ip(request("203.0.113.7", f"10.0.0.{n}")) for n in range(20)}
    assert addresses == {"203.0.113.7"}


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.1.0.0/16"])
def test_entries_left_of_the_first_untrusted_one_are_never_believed():
    # client → load balancer 10.1.0.5 → nginx 127.0.0.1 → app; the client prepended a fake entry.
    assert client_ip(request("127.0.0.1", "6.6.6.6, 198.51.100.9, 10.1.0.5")) == "198.51.100.9"
    assert client_ip(request("127.0.0.1", "garbage, 10.1.0.5")) == "10.1.0.5"
    assert client_ip(request("127.0.0.1", "")) == "127.0.0.1"


@override_settings(TRUSTED_PROXIES=["unix"])
def test_behind_a_proxy_on_a_unix_socket():
    # gunicorn bound to a Unix socket reports no peer address; only the local nginx can connect to the socket.
    assert client_ip(request("", "198.51.100.4")) == "198.51.100.4"
    assert client_ip(request("", "")) is None
    assert client_ip(request("203.0.113.7", "198.51.100.4")) == "203.0.113.7"  # a TCP client is not the socket


def test_limits_count_an_ipv6_client_by_its_64():
    assert network_key("2001:db8:1:2:aaaa::1") == network_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert network_key("2001:db8:1:3::1") != network_key("2001:db8:1:2::1")
    assert network_key("::ffff:198.51.100.1") == "198.51.100.1"
    assert network_key("198.51.100.1") == "198.51.100.1"
    assert network_key(None) == "unknown"


@pytest.mark.parametrize("remote", ["", "not-an-ip"])
def test_no_usable_peer_address(remote):
    assert client_ip(request(remote)) is None
    assert client_key(request(remote)) == "unknown"
