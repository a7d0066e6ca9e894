"""The list-like 附件 (attachments.py chooses): 采购意向, 内设机构, 领导分工, 隐患整改台账, 事项目录 and 规范性文件目录.

Rows name units, posts and items, never people. Amounts and counts are fictional (``fictional=True``: tagged for the
admin). The 目录 list what the site itself publishes (its 办事指南, its planned normative documents), so they agree
with the rest of the site.
"""

import random

from .workbook import XLSX, BuiltFile, sheet, workbook, xlsx_bytes

PURCHASES = [
    ("办公用台式计算机", "更新使用满六年的台式计算机"),
    ("打印设备", "购置黑白激光打印机和复印一体机"),
    ("信息系统运维服务", "政务信息系统年度运行维护，部署在统一政务云平台"),
    ("网络设备", "更换接入电子政务外网的交换机和防火墙"),
]
TOWNSHIP_UNITS = [
    ("党政综合办公室", "负责文电、会务、机要、信息公开和政府网站内容保障"),
    ("经济发展办公室", "负责农业农村、产业发展和统计工作"),
    ("社会事务办公室", "负责民政、社会保障、教育卫生和文化工作"),
    ("综合行政执法队", "负责辖区综合行政执法工作"),
    ("便民服务中心", "集中办理群众就近办理的政务服务事项"),
]
ORGAN_UNITS = [
    ("办公室", "负责文电、会务、机要、档案、信息公开和网站内容保障"),
    ("政策法规科", "负责规范性文件合法性审核和行政复议、应诉工作"),
    ("计划财务科", "负责预决算、财务管理和政府采购"),
    ("信息化科", "负责信息系统建设运维和网络与信息安全"),
    ("业务科", "负责本部门主要业务的组织实施"),
]
POSTS = [
    ("主要负责人", "主持全面工作", "办公室"),
    ("常务副职", "协助主要负责人处理日常工作，负责财政、发展改革、统计工作", "财政、发展改革、统计部门"),
    ("副职", "负责教育、卫生健康、民政、人力资源和社会保障工作", "教育、卫生健康、民政、人社部门"),
    ("副职", "负责自然资源、住房城乡建设、交通运输和生态环境工作", "自然资源、住建、交通运输、生态环境部门"),
    ("副职", "负责农业农村、水利和应急管理工作", "农业农村、水利、应急管理部门"),
]
HAZARD_AREAS = ["道路交通", "建筑施工", "危险化学品", "人员密集场所"]
TOWNSHIP_SUFFIXES = ("镇人民政府", "乡人民政府", "街道办事处")


def procurement_intentions(title: str, org: str, year: int, rng: random.Random) -> BuiltFile:
    book = workbook(org)
    rows = [
        [n, name, need, round(rng.uniform(2, 60), 2), f"{year}年{rng.randint(3, 11)}月"]
        for n, (name, need) in enumerate(rng.sample(PURCHASES, 3), start=1)
    ]
    sheet(book, "采购意向", title, ["序号", "采购项目名称", "采购需求概况", "预算金额（万元）", "预计采购时间"], rows)
    return BuiltFile(f"{title}（采购意向表）", XLSX, xlsx_bytes(book), fictional=True)


def organisation(title: str, org: str, address: str) -> BuiltFile:
    units = TOWNSHIP_UNITS if org.endswith(TOWNSHIP_SUFFIXES) else ORGAN_UNITS
    book = workbook(org)
    rows = [
        [n, name, duty, address, "工作日 8:00—12:00，14:30—17:30", "12345"] for n, (name, duty) in enumerate(units, 1)
    ]
    headers = ["序号", "内设机构", "主要职责", "办公地址", "办公时间", "咨询电话"]
    sheet(book, "内设机构", f"{org}内设机构及联系方式", headers, rows)
    return BuiltFile(f"{org}内设机构及联系方式", XLSX, xlsx_bytes(book))


def division_of_work(title: str, org: str) -> BuiltFile:
    book = workbook(org)
    rows = [[n, post, duty, units] for n, (post, duty, units) in enumerate(POSTS, start=1)]
    sheet(book, "分工", f"{org}领导分工", ["序号", "职务", "分管工作", "分管部门和联系单位"], rows)
    return BuiltFile(f"{title}（分工表）", XLSX, xlsx_bytes(book))


def hazard_ledger(title: str, org: str, year: int, rng: random.Random) -> BuiltFile:
    book = workbook(org)
    rows = []
    for n, area in enumerate(HAZARD_AREAS, start=1):
        found = rng.randint(3, 20)
        rows.append([n, area, found, found, f"{year}年{rng.randint(6, 12)}月底前", "已整改，实行闭环管理"])
    headers = ["序号", "行业领域", "排查隐患（处）", "已整改（处）", "整改时限", "整改情况"]
    sheet(book, "隐患整改台账", f"{title}隐患整改台账", headers, rows)
    return BuiltFile(f"{title}（隐患整改台账）", XLSX, xlsx_bytes(book), fictional=True)


def service_catalogue(title: str, org: str, services) -> BuiltFile:
    book = workbook(org)
    rows = [[n, name, org, "见本站办事服务栏目的办事指南"] for n, name in enumerate(services, start=1)]
    sheet(book, "事项目录", title, ["序号", "事项名称", "实施主体", "办理条件、材料和时限"], rows)
    return BuiltFile(f"{title}（事项目录）", XLSX, xlsx_bytes(book))


def normative_catalogue(title: str, org: str, documents) -> BuiltFile:
    book = workbook(org)
    rows = [
        [n, d.title, d.document_number or "—", d.published_on.isoformat(), "有效"] for n, d in enumerate(documents, 1)
    ]
    sheet(book, "文件目录", title, ["序号", "文件名称", "文号", "发布日期", "有效性"], rows)
    return BuiltFile(f"{title}（目录）", XLSX, xlsx_bytes(book))
