"""Shared steps of the staff login tests: posting Wagtail's login form, TOTP codes, audit look-ups."""

import time

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.oath import TOTP

from core.models import SecurityEvent

LOGIN_URL = "/admin/login/"
ADMIN_HOST = "zhuzhou.localhost"


def admin_client(remote="198.51.100.10", **headers) -> Client:
    return Client(HTTP_HOST=ADMIN_HOST, REMOTE_ADDR=remote, **headers)


def post_login(client: Client, username: str, password: str, **extra):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"}, **extra)


def signed_in(client: Client) -> bool:
    return SESSION_KEY in client.session


def totp_code(device, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or ``steps_ahead`` 30-second steps later: django-otp refuses a code
    whose step was already used, and accepts one step of drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def events(kind, **filters):
    return list(SecurityEvent.objects.filter(kind=kind, **filters).order_by("timestamp", "pk"))
