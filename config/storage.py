"""Where uploaded files live (issue 11): local disk by default, or S3-compatible object storage through
django-storages (``MEDIA_STORAGE=s3`` / ``PRIVATE_MEDIA_STORAGE=s3``), e.g. MinIO or a cloud vendor's object
storage on the government intranet.

Two storages: ``default`` holds public media (images, documents editors publish); ``private`` holds citizens'
attachments, which are never public — on disk outside MEDIA_ROOT, on object storage in a bucket of its own whose
objects are private and reached only through short-lived signed URLs or the admin's download view.
"""

from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

S3_BACKEND = "storages.backends.s3.S3Storage"
LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"


def _kind(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip().lower() or "local"


def _s3_common(env: Mapping[str, str]) -> dict:
    options = {
        "endpoint_url": env.get("AWS_S3_ENDPOINT_URL", "").strip() or None,
        "region_name": env.get("AWS_S3_REGION_NAME", "").strip() or None,
        "signature_version": "s3v4",  # v2 signatures are deprecated and refused by current S3-compatible servers
        # An upload never replaces another file of the same name (Django adds a suffix, as on disk).
        "file_overwrite": False,
    }
    # Without keys boto3 looks in its usual places (~/.aws, instance roles).
    if env.get("AWS_ACCESS_KEY_ID"):
        options["access_key"] = env["AWS_ACCESS_KEY_ID"]
        options["secret_key"] = env.get("AWS_SECRET_ACCESS_KEY", "")
    return options


def public_storage(env: Mapping[str, str]) -> dict:
    if _kind(env, "MEDIA_STORAGE") != "s3":
        return {"BACKEND": LOCAL_BACKEND}
    options = _s3_common(env) | {
        "bucket_name": env.get("AWS_STORAGE_BUCKET_NAME", "").strip(),
        # Public media: plain URLs (no signature), so pages can be cached; the bucket policy allows reading.
        "querystring_auth": False,
        "default_acl": None,
    }
    if env.get("AWS_S3_CUSTOM_DOMAIN"):
        options["custom_domain"] = env["AWS_S3_CUSTOM_DOMAIN"].strip()
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def private_storage(env: Mapping[str, str], private_root: Path) -> dict:
    if _kind(env, "PRIVATE_MEDIA_STORAGE") != "s3":
        return {"BACKEND": LOCAL_BACKEND, "OPTIONS": {"location": private_root}}
    options = _s3_common(env) | {
        "bucket_name": env.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "").strip(),
        "default_acl": "private",
        # Any URL handed out is signed and expires; the admin streams the file anyway (interaction attachments).
        "querystring_auth": True,
        "querystring_expire": 300,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}


def media_origin(env: Mapping[str, str]) -> str | None:
    """The origin public media is served from when it is not this site (object storage), for the CSP's img-src;
    None on local disk (same origin)."""
    if _kind(env, "MEDIA_STORAGE") != "s3":
        return None
    if env.get("AWS_S3_CUSTOM_DOMAIN"):
        domain = env["AWS_S3_CUSTOM_DOMAIN"].strip()
        return domain if "://" in domain else f"https://{domain}"
    parts = urlsplit(env.get("AWS_S3_ENDPOINT_URL", "").strip())
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None
