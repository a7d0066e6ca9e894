"""The rows of a 政府网站工作年度报表 — (block, item, value) — shown on the public page, in the admin and in the
XLSX export alike. Blocks and their order are the verified ones (国办函〔2018〕12号: 信息发布、专栏专题、解读回应、
办事服务、互动交流、安全防护、移动新媒体、创新发展); the items are the unverified field list (gov-standards.md §2.6)."""

BLOCKS = ("基本信息", "信息发布", "专栏专题", "解读回应", "办事服务", "互动交流", "安全防护", "移动新媒体", "创新发展")
EMPTY = "—"


def _value(value) -> str:
    if value is None or value == "":
        return EMPTY
    if value is True:
        return "是"
    if value is False:
        return "否"
    return str(value)


def _either(entered, counted):
    """An editable figure overrides the platform's count; left empty, the count stands."""
    return counted if entered is None else entered


def report_rows(report) -> list[list[str]]:
    """Every row of ``report`` (a WebsiteAnnualReport) as ``[block, item, value]`` strings."""
    f = report.figures or {}
    head, pub, top = f.get("header", {}), f.get("publishing", {}), f.get("topics", {})
    interp, serv, inter, sec = (
        f.get("interpretation", {}),
        f.get("services", {}),
        f.get("interaction", {}),
        f.get("security", {}),
    )
    rows = [
        ("基本信息", "网站名称", head.get("name")),
        ("基本信息", "首页网址", head.get("url")),
        ("基本信息", "主办单位", head.get("sponsor")),
        ("基本信息", "网站类型", head.get("kind")),
        ("基本信息", "政府网站标识码", head.get("site_code")),
        ("基本信息", "ICP备案号", head.get("icp")),
        ("基本信息", "公安机关备案号", head.get("police")),
        ("基本信息", "独立用户访问总量（个）", report.visitors),
        ("基本信息", "网站总访问量（次）", report.visits),
        ("信息发布", "总数（条）", pub.get("total")),
        ("信息发布", "概况类信息更新量（条）", pub.get("overview")),
        ("信息发布", "政务动态信息更新量（条）", pub.get("news")),
        ("信息发布", "信息公开目录信息更新量（条）", pub.get("disclosure")),
        ("信息发布", "其他栏目信息更新量（条）", pub.get("other")),
        ("专栏专题", "维护数量（个）", top.get("maintained")),
        ("专栏专题", "新开设数量（个）", top.get("new")),
        ("解读回应", "解读信息发布总数（条）", interp.get("documents")),
        ("解读回应", "解读产品数（个）", report.interpretation_products),
        ("解读回应", "媒体评论文章数（篇）", report.media_reviews),
        ("解读回应", "回应公众关注热点或重大舆情数（次）", report.hot_responses),
        ("办事服务", "是否发布服务事项目录", serv.get("catalogue")),
        ("办事服务", "注册用户数（个）", report.registered_users),
        ("办事服务", "政务服务事项数量（项）", serv.get("guides")),
        ("办事服务", "可全程在线办理政务服务事项数量（项）", _either(report.online_items, serv.get("online"))),
        ("办事服务", "办件量总数（件）", report.cases_total),
        ("办事服务", "自然人办件量（件）", report.cases_person),
        ("办事服务", "法人办件量（件）", report.cases_legal),
        ("互动交流", "是否使用统一平台", inter.get("platform")),
        ("互动交流", "收到留言数量（条）", inter.get("received")),
        ("互动交流", "办结留言数量（条）", inter.get("answered")),
        ("互动交流", "平均办理时间（工作日）", inter.get("mean_days")),
        ("互动交流", "公开答复数量（条）", inter.get("published")),
        ("互动交流", "征集调查期数（期）", report.surveys),
        ("互动交流", "收到意见数量（条）", report.survey_opinions),
        ("互动交流", "公布调查结果期数（期）", report.survey_results),
        ("互动交流", "在线访谈期数（期）", report.interviews),
        ("互动交流", "网民留言数量（条）", report.interview_questions),
        ("互动交流", "答复网民提问数量（条）", report.interview_answers),
        ("互动交流", "是否提供智能问答", report.smart_qa),
        ("安全防护", "安全检测评估次数（次）", _either(report.security_tests, sec.get("inspections"))),
        ("安全防护", "发现问题数量（个）", _either(report.security_problems, sec.get("problems"))),
        ("安全防护", "问题整改数量（个）", _either(report.security_fixed, sec.get("fixed"))),
        ("安全防护", "是否建立安全监测预警机制", report.monitoring or bool(sec.get("monitored"))),
        ("安全防护", "开展应急演练次数（次）", report.drills),
        ("安全防护", "是否明确网站安全负责人", report.security_owner),
        ("移动新媒体", "政务新媒体账号数（个）", report.new_media_accounts),
        ("移动新媒体", "信息发布量（条）", report.new_media_posts),
        ("移动新媒体", "订阅数/关注量（个）", report.new_media_followers),
        ("创新发展", "创新发展情况", report.innovation),
    ]
    return [[block, item, _value(value)] for block, item, value in rows]
