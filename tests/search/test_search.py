"""One test class, run on the database index and on Elasticsearch (the ``backend`` fixture): both must give the
same answers for the same queries."""

import pytest

from search.enums import DocType, Scope, Sort
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture
def find(corpus, backend):
    backend.sync()
    return backend


class TestSharedBehaviour:
    @pytest.fixture
    def corpus(self, class_corpus):
        """Built once for the class: its tests only read it (tests/search/conftest.py, class_corpus)."""
        return class_corpus

    def test_words_inside_unspaced_chinese(self, find, group):
        zz = group.zhuzhou
        for query in ("电子政务", "政务外网", "外网", "扩容", "电子政务外网扩容"):
            assert "我市推进电子政务外网扩容升级" in find.titles(query, zz), query
        # A word the dictionary does not know, inside a longer one (芦淞 inside 芦淞区), is found through bigrams.
        assert find.titles("芦淞", group.hetang) == {"荷塘区光网城市建设提速"}
        assert find.titles("光网城市", group.hetang) == {"荷塘区光网城市建设提速"}

    def test_all_words_are_required(self, find, group):
        assert find.titles("电子政务 社会保险", group.zhuzhou) == set()
        assert find.titles("社会保险 缴费", group.zhuzhou) == {"关于调整社会保险缴费基数的通知"}

    def test_pinyin_and_initials(self, find, group):
        for query in ("dianzizhengwu", "dzzw", "DZZW", "zhihuizhuzhou"):
            titles = find.titles(query, group.zhuzhou)
            assert (
                "我市推进电子政务外网扩容升级" in titles or "株洲市人民政府关于印发智慧株洲建设方案的通知" in titles
            ), query
        assert "株洲市人民政府关于印发智慧株洲建设方案的通知" in find.titles("zhzz", group.zhuzhou)

    def test_synonyms_both_ways(self, find, group):
        assert find.titles("社保", group.zhuzhou) == {"关于调整社会保险缴费基数的通知"}
        assert find.titles("公积金", group.all["zhuzhou-fgw"]) == {"住房公积金提取管理办法"}
        assert find.titles("市民热线", group.hetang) == {"12345热线打不通怎么办"}

    def test_scopes(self, find, group):
        zz, ht = group.zhuzhou, group.hetang
        assert find.titles("电子政务", zz, scope=Scope.SITE) == {
            "我市推进电子政务外网扩容升级",
            "株洲市人民政府关于印发智慧株洲建设方案的通知",
        }
        # The whole group is 株洲's tree: 常德 is another group and never appears.
        assert "常德市电子政务工作会议召开" not in find.titles("电子政务", ht, scope=Scope.GROUP)
        assert "常德市电子政务工作会议召开" in find.titles("电子政务", group.changde, scope=Scope.GROUP)
        assert find.titles("光网城市", ht, scope=Scope.SITE) == {"荷塘区光网城市建设提速"}
        assert find.titles("光网城市", zz, scope=Scope.SITE) == {"株洲市人民政府关于印发智慧株洲建设方案的通知"}
        assert find.titles("光网城市", zz, scope=Scope.CHILDREN) == {
            "荷塘区光网城市建设提速",
            "株洲市人民政府关于印发智慧株洲建设方案的通知",
        }
        assert find.titles("光网城市", ht, scope=Scope.GROUP) == find.titles("光网城市", zz, scope=Scope.CHILDREN)

    def test_site_type_and_date_filters_with_facets(self, find, group):
        zz, ht = group.zhuzhou, group.hetang
        results = find("光网城市", zz, scope=Scope.CHILDREN, sites=[ht.pk])
        assert [h.title for h in results.hits] == ["荷塘区光网城市建设提速"]
        # Facet counts ignore the facet filters, so the other site's count is still offered.
        assert dict(results.facets["site"]) == {zz.pk: 1, ht.pk: 1}
        assert dict(results.facets["doc_type"]) == {DocType.NEWS: 1, DocType.DISCLOSURE: 1}
        only_disclosure = find("光网城市", zz, scope=Scope.CHILDREN, types=[DocType.DISCLOSURE])
        assert [h.title for h in only_disclosure.hits] == ["株洲市人民政府关于印发智慧株洲建设方案的通知"]
        assert dict(only_disclosure.facets["category"]) == {"a20-01": 1}
        assert dict(only_disclosure.facets["subject"]) == {"综合政务": 1}
        decree = only_disclosure.hits[0]
        assert decree.document_number == "株政发〔2026〕3号" and decree.index_number
        dated = find("株洲", zz, scope=Scope.CHILDREN, date_from=decree.date, date_to=decree.date)
        assert {h.date for h in dated.hits} == {decree.date}

    def test_service_guides_are_of_type_service(self, find, group):
        zz, guide = group.zhuzhou, "公共自行车租车卡办理"
        results = find("公共自行车", zz)
        assert [h.title for h in results.hits] == [guide]
        assert results.hits[0].doc_type == DocType.SERVICE and results.hits[0].path.startswith("/bsfw/")
        assert dict(results.facets["doc_type"]) == {DocType.SERVICE: 1}
        # Words found only in the guide's fields: 申请材料, 办理地点, 办理流程, 设定依据.
        for query in ("居民身份证", "服务网点", "押金", "运营管理"):
            assert find.titles(query, zz, types=[DocType.SERVICE]) == {guide}, query
        assert find.titles("公共自行车", zz, types=[DocType.NEWS, DocType.PAGE]) == set()
        assert find.titles("公共自行车", group.hetang, scope=Scope.CHILDREN) == set()

    def test_sort_by_date_and_pagination(self, find, group):
        zz = group.zhuzhou
        results = find("建设", zz, scope=Scope.CHILDREN, sort=Sort.DATE, per_page=2)
        dates = [h.date for h in results.hits]
        assert len(dates) == 2 and dates == sorted(dates, reverse=True)
        assert results.total >= 3 and results.num_pages >= 2
        second = find("建设", zz, scope=Scope.CHILDREN, sort=Sort.DATE, per_page=2, page=2)
        assert {h.key for h in second.hits}.isdisjoint({h.key for h in results.hits})
        for page in (-1, 0, 999999):
            clamped = find("建设", zz, scope=Scope.CHILDREN, sort=Sort.DATE, per_page=2, page=page)
            assert clamped.hits and 1 <= clamped.page <= clamped.num_pages

    def test_highlighting_is_escaped(self, find, group):
        results = find("电子政务", group.zhuzhou)
        egov = next(h for h in results.hits if h.title == "我市推进电子政务外网扩容升级")
        assert "<mark>电子政务</mark>" in egov.title_html and "<mark>电子政务</mark>" in egov.snippet
        from search.highlight import mark, snippet

        assert str(mark("<b>电子政务</b>", ["电子政务"])) == "&lt;b&gt;<mark>电子政务</mark>&lt;/b&gt;"
        assert "<script>" not in snippet("<script>alert(1)</script>电子政务", ["<script>"])

    def test_published_replies_without_personal_data(self, find, group):
        assert find.titles("12345", group.hetang) == {"12345热线打不通怎么办"}
        assert find.titles("错峰拨打", group.hetang) == {"12345热线打不通怎么办"}
        for private in ("张三丰", "13800000000", "zsf", "投诉未公开"):
            assert find.titles(private, group.hetang) == set(), private
        stored = SearchDocument.objects.get(key__startswith="question:")
        assert "13800000000" not in stored.body and "张三丰" not in stored.body and "张**" in stored.body

    @pytest.mark.parametrize(
        "query",
        [
            "",
            "   ",
            "电" * 1000,
            'title:(a OR b) AND "x" ~1 * ? [1 TO 2] {a} / ^ ! \\ || && -c +d <e> =',
            "\\",
            '"',
            "'; DROP TABLE search_searchdocument; --",
            "😀🎉",
            "电子政务😀",
            "NEAR(a b) OR NOT c*",
        ],
    )
    def test_bad_input_never_fails(self, find, group, query):
        results = find(query, group.zhuzhou, scope=Scope.GROUP)
        assert results.total >= 0 and results.page >= 1
        assert len(results.query.text) <= 50

    def test_emoji_and_syntax_around_a_word_still_find_it(self, find, group):
        assert "我市推进电子政务外网扩容升级" in find.titles('"电子政务😀"* \\ (外网)~', group.zhuzhou)
        # Operators are words like any other: AND is a required word here, not syntax.
        assert find.titles("电子政务 AND", group.zhuzhou) == set()


class TestIncrementalUpdates:
    def test_publish_unpublish_move_delete(self, find, group, corpus):
        from demo.factories.home import column_of
        from tests.search.conftest import article, committed

        zz, ht = group.zhuzhou, group.hetang
        with committed():
            page = article(zz, "zwyw", "一网通办改革推进会", "推动一网通办", 0)
        find.refresh()
        assert find.titles("一网通办", zz) == {"一网通办改革推进会"}
        page.title = "一网通办改革推进会（更新）"
        with committed():
            page.save_revision().publish()
        find.refresh()
        assert find.titles("一网通办", zz) == {"一网通办改革推进会（更新）"}
        page.refresh_from_db()
        with committed():
            page.unpublish()
        find.refresh()
        assert find.titles("一网通办", zz) == set()
        page.refresh_from_db()
        with committed():
            page.save_revision().publish()
        page.refresh_from_db()
        with committed():
            page.move(column_of(ht, "gzdt"), pos="last-child")
        find.refresh()
        assert find.titles("一网通办", zz) == set() and find.titles("一网通办", ht) == {"一网通办改革推进会（更新）"}
        doc = SearchDocument.objects.get(key=f"page:{page.pk}")
        assert doc.site_id == ht.pk and doc.path.startswith("/gzdt/")
        page.refresh_from_db()
        with committed():
            page.delete()
        find.refresh()
        assert find.titles("一网通办", ht) == set()
        assert not SearchDocument.objects.filter(key=f"page:{page.pk}").exists()
