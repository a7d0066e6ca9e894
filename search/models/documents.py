"""The search index as the database holds it: one row per searchable item, with its pre-segmented tokens.

This table is the embedded backend's index (with the full-text table next to it: FTS5 on SQLite, a tsvector on
PostgreSQL; see backends/fulltext.py) and the source Elasticsearch is rebuilt from. Citizens' personal data
(name, phone, e-mail of a message) never reaches it.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from ..enums import DocType


class SearchDocument(models.Model):
    key = models.CharField("标识", max_length=40, unique=True, help_text="page:<id> 或 question:<id>")
    doc_type = models.CharField("类型", max_length=12, choices=DocType.choices, db_index=True)
    model = models.CharField("来源模型", max_length=60)
    site = models.ForeignKey("sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="网站")
    # "/<root pk>/…/<site pk>/": the site and its ancestors, so "this site and its children" is one LIKE.
    site_lineage = models.CharField("站点路径", max_length=255, db_index=True)
    path = models.CharField("站内路径", max_length=500, help_text="相对于网站根目录，如 /zwyw/article-1/")
    title = models.CharField("标题", max_length=255)
    body = models.TextField("正文", blank=True)
    date = models.DateField("日期", null=True, blank=True, db_index=True)
    category = models.CharField("信息类别", max_length=20, blank=True, db_index=True)
    subject = models.CharField("主题分类", max_length=40, blank=True, db_index=True)
    index_number = models.CharField("索引号", max_length=40, blank=True)
    document_number = models.CharField("文号", max_length=60, blank=True)
    title_tokens = models.TextField("标题分词", blank=True)
    body_tokens = models.TextField("正文分词", blank=True)
    pinyin_tokens = models.TextField("拼音", blank=True)
    indexed_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = "搜索索引条目"
        verbose_name_plural = "搜索索引"
        indexes = [models.Index(fields=["site", "doc_type"], name="searchdoc_site_type")]

    def __str__(self):
        return f"{self.key} {self.title}"


class FullTextEntry(models.Model):
    """PostgreSQL only: the weighted tsvector of one document. Migration 0002 creates the table on PostgreSQL; on
    SQLite the FTS5 table plays this part, so Django never manages this one."""

    doc = models.OneToOneField(
        SearchDocument,
        on_delete=models.DO_NOTHING,
        primary_key=True,
        db_column="doc_id",
        db_constraint=False,
        related_name="fulltext",
    )
    vector = SearchVectorField()

    class Meta:
        managed = False
        db_table = "search_fulltext"

    def __str__(self):
        return f"fulltext {self.doc_id}"
