"""Issue 15, bad input: a missing image or attachment never breaks a page — the page answers 200, shows no broken
image, and its 附件 list still names the file (the download itself answers 404)."""

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model

from demo.factories.home import ArticlePageFactory, column_of
from home.models import ArticleAttachment
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def lost_document(collection):
    document = get_document_model()(title="丢失的附件", collection=collection)
    document.file.save("lost.xlsx", ContentFile(b"PK"), save=False)
    document.save()
    default_storage.delete(document.file.name)
    return document


def test_an_article_whose_image_and_attachment_files_are_gone_still_renders(group):
    profile = group.zhuzhou
    image = wagtail_factories.ImageFactory(title="丢失的图片", collection=profile.collection)
    default_storage.delete(image.file.name)
    body = [
        ("paragraph", "<p>正文第一段。</p>"),
        ("image", {"image": image, "alt_text": "示意图", "decorative": False}),
    ]
    article = ArticlePageFactory(parent=column_of(profile, "zwyw"), title="文件丢失的文章", slug="lost", body=body)
    document = lost_document(profile.collection)
    ArticleAttachment.objects.create(page=article, document=document, sort_order=0)

    client = site_client(profile)
    response = client.get("/zwyw/lost/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "正文第一段。" in html and "丢失的附件" in html
    assert "not-found" not in html  # Wagtail's placeholder for a missing source file is never shown
    assert client.get(document.url).status_code == 404
    home = client.get("/").content.decode()  # the newest article with a picture is the home page's 要闻
    assert 'id="lead-story-title"' in home and "文件丢失的文章" in home
    assert "not-found" not in home
