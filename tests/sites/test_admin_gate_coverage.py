"""Every admin URL that takes an object argument is checked by sites/admin_gate.py, and Wagtail's single-site
rows are gone (issue 10, finding 6; the walker over the objects themselves is test_admin_confinement.py)."""

from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.models import Page, Site, Workflow

from sites import admin_gate

# -- Every admin URL that takes an object is gated -----------------------------------------------------------

ID_LIKE = ("pk", "object_id")
# Object arguments that need no gate, and why.
NOT_SITE_OWNED = {
    # Looked up among the revisions of the page named by page_id (Wagtail: page.revisions.get(...)).
    "revision_id": "subordinate to page_id",
    "revision_id_a": "subordinate to pk (the page)",
    "revision_id_b": "subordinate to pk (the page)",
    "session_id": "the user's own editing session (Wagtail checks its user)",
    "uploaded_file_id": "the user's own upload (Wagtail checks uploaded_by_user)",
}
# Views whose pk names something that belongs to the signed-in user, looked up among that user's own records.
OWN_RECORD_VIEWS = {
    "core_two_factor_delete": "one of the user's own TOTP devices (core/accounts/views.py: confirmed_devices(user))",
}
# Viewsets whose pk is a platform-wide record or is confined by the viewset itself (sites.site_owned_views,
# interaction.permissions), tested in their apps.
OWN_CONFINEMENT = {
    "calendar_days",
    "search_terms",
    "search_synonyms",
    "search_promoted",
    "search_hot_rules",
    "interaction_reply_templates",
    "interaction_questions",
    "evaluation_words",  # 错敏词词典: platform-wide, Django model permissions
    "evaluation_word_whitelist",  # 错敏词白名单: SiteOwnedViewSet (tests/evaluation/test_words_dictionary.py)
    "evaluation_annual_reports",  # 网站工作年度报表: SiteOwnedViewSet and its policy (tests/evaluation/test_annual.py)
    "openinfo_applications",  # 依申请公开: openinfo.applications.permissions (tests/openinfo/test_application_admin.py)
    "openinfo_letter_templates",  # 文书模板: SiteOwnedViewSet (tests/openinfo/test_application_admin.py)
    # 政府信息公开工作年度报告: SiteOwnedViewSet and its policy (tests/openinfo/test_annual_report_admin.py)
    "openinfo_annual_reports",
    # 信息报送: a queue item is looked up among the user's own sites' submissions (syndication.permissions,
    # tests/syndication/test_submit_adopt.py); submit/share take page_id, gated above.
    "syndication",
}


def _admin_patterns(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _admin_patterns(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern) and (prefix + str(pattern.pattern)).startswith("admin/"):
            regex = pattern.pattern.regex
            yield f"{namespace}{pattern.name or ''}", namespace.rstrip(":"), list(regex.groupindex)


def _gated(view_name, namespace, argument):
    if argument in admin_gate.KWARG_SCOPES:
        return True
    if argument == "pk":
        return (
            view_name in admin_gate.PK_SCOPES
            or namespace in admin_gate.PK_SCOPES
            or view_name.startswith("wagtailsettings:")
        )
    return argument == "object_id"  # resolved by app label and model name


def test_every_object_argument_is_gated():
    ungated = []
    for view_name, namespace, arguments in _admin_patterns(get_resolver().url_patterns):
        for argument in arguments:
            is_object = argument in ID_LIKE or argument.endswith(("_id", "_pk"))
            if not is_object or argument in NOT_SITE_OWNED or view_name in OWN_RECORD_VIEWS:
                continue
            if namespace.split(":")[0] in OWN_CONFINEMENT:
                continue
            if not _gated(view_name, namespace, argument):
                ungated.append((view_name, argument))
    assert ungated == []


# -- Wagtail's single-site rows -------------------------------------------------------------------------------


def test_wagtails_default_site_groups_and_workflow_are_gone(group):
    assert not Site.objects.filter(hostname="localhost", port=80).exists()
    assert not Page.objects.filter(depth=2, slug="home").exists()
    assert not get_user_model().groups.field.related_model.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert Site.objects.get(is_default_site=True).root_page_id == group.zhuzhou.site.root_page_id
    root = Page.get_first_root_node()
    assert root.numchild == root.get_children().count()
