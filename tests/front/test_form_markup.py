"""Issue 15 "Validity and a11y": the public forms' labels and descriptions point at elements that exist."""

import re

import pytest

from tests.conftest import site_client

pytestmark = pytest.mark.django_db

PAGES = {"zhuzhou": ["/hdjl/szxx/", "/zfxxgk/ysqgk/"], "hetang": ["/zfxxgk/ysqgk/"]}


def page_urls(group):
    for slug, paths in PAGES.items():
        for path in paths:
            yield group.all[slug], path


def test_every_label_names_an_existing_control_and_every_description_exists(group):
    checked = 0
    for profile, path in page_urls(group):
        response = site_client(profile).get(path)
        assert response.status_code == 200, path
        html = response.content.decode()
        ids = set(re.findall(r'\bid="([^"]+)"', html))
        label_targets = re.findall(r'<label\b[^>]*\bfor="([^"]*)"', html)
        assert "" not in label_targets, path
        assert set(label_targets) <= ids, (path, set(label_targets) - ids)
        described = {ref for value in re.findall(r'aria-describedby="([^"]*)"', html) for ref in value.split()}
        assert described <= ids, (path, described - ids)
        checked += len(label_targets) + len(described)
    assert checked > 10


def test_a_radio_group_is_a_fieldset_named_by_its_legend(group):
    html = site_client(group.zhuzhou).get("/hdjl/szxx/").content.decode()
    pattern = r'<fieldset class="form-field choice-group[^"]*" data-field="type">(.*?)</fieldset>'
    group_markup = re.search(pattern, html, re.S)
    assert group_markup is not None
    assert re.search(r"<legend>留言类型<span", group_markup.group(1))
    assert 'type="radio"' in group_markup.group(1)


def test_machine_readable_times_have_no_microseconds(group):
    from demo.factories.home import ArticlePageFactory, column_of

    article = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), slug="timed")
    html = site_client(group.hetang).get(article.relative_url(article.get_site())).content.decode()
    values = re.findall(r'<time datetime="([^"]+)"', html)
    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{4})?", value), value
