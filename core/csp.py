"""The Content-Security-Policy of every response (网络安全等级保护 2.0, GB/T 22239-2019 8.1.4.4 入侵防范: a script
injected into a page must not run, and no page loads code from a third party).

Public pages, the API and its docs get settings.CONTENT_SECURITY_POLICY unchanged: scripts and styles from this
origin only, no inline code at all. The Wagtail admin gets a second, slightly wider policy (settings.ADMIN_CSP_UPDATE,
where each entry says why); nothing in it is ever sent to a citizen.

Wagtail 8 still writes a few inline initialisers into its admin pages (date pickers, chooser widgets, inline
panels). Allowing every inline script in the admin ('unsafe-inline') would let any script injected into an admin
page run; instead `nonce_wagtail_initialisers` gives this response's nonce only to scripts that are *exactly* one
call of a known Wagtail initialiser with JSON data as its arguments. Anything else inline stays blocked (and the
browser tests in tests/browser/test_csp.py fail, which is how a new one is noticed after a Wagtail upgrade).
"""

import json
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings

ADMIN_PREFIX = "/admin/"

# <script ...>body</script> in server-rendered HTML (a script body cannot contain "</script>").
_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.S | re.I)
_ATTR_SRC = re.compile(r"""\ssrc\s*=""", re.I)
_ATTR_NONCE = re.compile(r"""\snonce\s*=""", re.I)
_ATTR_TYPE = re.compile(r"""\stype\s*=\s*["']?(?P<type>[^"'\s>]+)""", re.I)
_JS_TYPES = {"text/javascript", "application/javascript", "module"}

# Functions and constructors that Wagtail's templates and widgets call inline (wagtailadmin/widgets/date_input.html
# and friends, wagtail.admin.widgets.chooser.BaseChooser.render, AdminTaskChooser.render_js_init).
_CALL = re.compile(
    r"""^\s*(?:new\s+(?:PageChooser|DocumentChooser|ImageChooser|SnippetChooser|Chooser)
                |initDateChooser|initTimeChooser|initDateTimeChooser|createTaskChooser)
        \((?P<args>.*)\)\s*;?\s*$""",
    re.S | re.X,
)
# wagtailadmin/panels/inline_panel.html and multiple_chooser_panel.html: the options are one escapejs'd string.
_PANEL = re.compile(
    r"""^\s*\(function\s*\(\)\s*\{\s*var\s+panel\s*=\s*new\s+(?:InlinePanel|MultipleChooserPanel)
        \(JSON\.parse\((?P<string>"(?:[^"\\\n]|\\.)*")\)\)\s*;?\s*\}\)\(\)\s*;?\s*$""",
    re.S | re.X,
)


def is_admin_request(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def is_wagtail_initialiser(body: str) -> bool:
    """True when the script only calls a known Wagtail initialiser with JSON literals: such a script can do nothing
    else, whatever data it carries."""
    call = _CALL.match(body)
    if call:
        return _is_json(f"[{call['args']}]")
    panel = _PANEL.match(body)
    return bool(panel) and _is_json(panel["string"])


def _executable(attrs: str) -> bool:
    if _ATTR_SRC.search(attrs) or _ATTR_NONCE.search(attrs):
        return False
    declared = _ATTR_TYPE.search(attrs)
    return declared is None or declared["type"].lower() in _JS_TYPES


def nonce_wagtail_initialisers(html: str, nonce) -> str:
    """Add the nonce (``nonce()``, asked for only when needed) to the inline scripts of ``html`` that are Wagtail
    initialisers; leave every other one alone."""

    def add_nonce(match: re.Match) -> str:
        if not _executable(match["attrs"]) or not is_wagtail_initialiser(match["body"]):
            return match[0]
        return f'<script nonce="{nonce()}"{match["attrs"]}>{match["body"]}</script>'

    return _SCRIPT.sub(add_nonce, html)


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware; under the admin it also nonces Wagtail's initialisers and merges the admin's
    additions (settings.ADMIN_CSP_UPDATE) into the policy."""

    def process_response(self, request, response):
        if is_admin_request(request) and self._is_html(response) and hasattr(request, "csp_nonce"):
            html = response.content.decode(response.charset)
            if "<script" in html:
                response.content = nonce_wagtail_initialisers(html, lambda: str(request.csp_nonce))
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return super().process_response(request, response)

    @staticmethod
    def _is_html(response) -> bool:
        return not response.streaming and response.get("Content-Type", "").startswith("text/html")

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        admin_update = getattr(settings, "ADMIN_CSP_UPDATE", None)
        if report_only or not admin_update or not is_admin_request(request):
            return parts
        merged = {name: list(values) for name, values in (parts.update or {}).items()}
        for name, values in admin_update.items():
            merged.setdefault(name, []).extend(v for v in values if v not in merged[name])
        parts.update = merged
        return parts
