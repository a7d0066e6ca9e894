"""Tracking codes, query passwords and idempotency shared by the public submission forms (the mailbox, the
依申请公开 form): what a citizen gets back (a code and a one-time password), and how a repeated submission finds its
first record without handing a stranger's receipt to whoever guesses a key.

A token (form nonce or Idempotency-Key) is stored as a digest and bound to the submission's fingerprint and to the
client that sent it: the same submission again returns the first record, with the password only to the same
client within ``RECEIPT_SECONDS``; another submission under the same token is a mismatch (422).
"""

import functools
import hashlib
import json
import secrets

from django.contrib.auth.hashers import check_password, make_password
from django.core.cache import cache

# Letters and digits that cannot be confused when read out over the 12345 hotline (no 0/O, 1/I/L).
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_CODE_LENGTH = 10
PASSWORD_LENGTH = 6
RECEIPT_SECONDS = 600  # the same client repeating the same submission sees its query password again within this


class ReplayMismatch(Exception):
    """The submission token (form nonce or Idempotency-Key) was already used for a different submission."""


def new_code(length: int = TRACKING_CODE_LENGTH) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_password() -> tuple[str, str]:
    """A query password and its hash. PBKDF2 costs ~0.2 s of CPU, so it is computed before any transaction opens:
    under SQLite's write lock (transaction_mode IMMEDIATE) hashing inside would serialise every submission
    (bench/interaction_load.py)."""
    password = new_code(PASSWORD_LENGTH)
    return password, make_password(password)


def unique_code(exists) -> str:
    """A tracking code for which ``exists(code)`` is false."""
    code = new_code()
    while exists(code):
        code = new_code()
    return code


def submission_token(scope: str, raw: str | None) -> str | None:
    """The stored form of a form nonce (scope "form") or an API Idempotency-Key (scope "api"): a digest, so the
    database never holds a key a client may reuse elsewhere."""
    return hashlib.sha256(f"{scope}:{raw}".encode()).hexdigest() if raw else None


def fingerprint(content: dict, attachments=()) -> str:
    """A digest of everything a citizen submitted (``attachments``: (upload, kind) pairs): a token is bound to it,
    so a replay is the same submission."""
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False, default=str).encode())
    for upload, _kind in attachments:
        upload.seek(0)
        digest.update(hashlib.sha256(upload.read()).digest())
        upload.seek(0)
    return digest.hexdigest()


def matches(stored_fingerprint: str, submitted: str) -> bool:
    return bool(stored_fingerprint) and secrets.compare_digest(stored_fingerprint, submitted)


def _receipt_key(scope: str, token: str) -> str:
    return f"{scope}:receipt:{token}"


def remember_receipt(scope: str, token: str | None, password: str, client: str) -> None:
    """Keep the first receipt's password for a retry by the same client (a lost answer, a double click)."""
    if token:
        cache.set(_receipt_key(scope, token), {"password": password, "client": client}, RECEIPT_SECONDS)


def recall_password(scope: str, token: str, client: str) -> str | None:
    """The first receipt's password, only to the same client (address or /64) within RECEIPT_SECONDS."""
    first = cache.get(_receipt_key(scope, token)) or {}
    return first.get("password") if first.get("client") == client else None


@functools.cache
def _dummy_password_hash() -> str:
    return make_password(secrets.token_urlsafe(12))


def password_matches(encoded: str | None, password: str) -> bool:
    """Whether ``password`` matches the stored hash; with no record (``encoded`` None) a dummy hash is checked, so
    the answer's timing does not tell which codes exist."""
    ok = check_password(password or "", encoded if encoded is not None else _dummy_password_hash())
    return encoded is not None and ok


QUERY_FAILURE_WINDOW = 3600


def query_failure_counters(scope: str, site_id: int, client: str, code: str, per_client: int, per_code: int):
    """The counters a failed status query adds to, with their limits: per client at this site (one address behind
    the proxy is one citizen, not the whole city) and per tracking code across all clients (a botnet gets as few
    guesses at one password as a single client)."""
    digest = hashlib.sha256(code.encode()).hexdigest()[:32]
    return [
        (f"{scope}:query-failures:{site_id}:{client}", per_client),
        (f"{scope}:query-failures:code:{digest}", per_code),
    ]
