"""Privacy recognizers on realistic sentences: text → (rule, severity, span); look-alikes stay silent."""

import datetime as dt

import pytest

from govcheck.models import SEVERITY_RANK
from tests.privacy_corpus import corpus

DOC_DATE = dt.date(2025, 6, 30)


def mine(report):
    return [f for f in report.findings if f.rule_id.startswith(("PII", "SEC"))]


@pytest.mark.parametrize(
    "text, rule_id, severity, span",
    [
        ("申请人张某，身份证号码110105199003071239，住址略。", "PII001", "blocker", "110105199003071239"),
        ("身份证号码：11010519491231002x。", "PII001", "blocker", "11010519491231002x"),
        ("身份证号 110105 19900307 1239 已核验。", "PII001", "blocker", "110105 19900307 1239"),
        ("身份证号码:110105 1990 0307 1239", "PII001", "blocker", "110105 1990 0307 1239"),
        ("身份证号码：１１０１０５１９９００３０７１２３９", "PII001", "blocker", "１１０１０５１９９００３０７１２３９"),
        ("身份证号码110105199003071230。", "PII001", "info", "110105199003071230"),
        ("户主李某，身份证号110105491231002。", "PII002", "blocker", "110105491231002"),
        ("联系人：王某，电话13812345678。", "PII003", "serious", "13812345678"),
        ("请拨打+86 138-1234-5678咨询。", "PII003", "serious", "138-1234-5678"),
        ("举报人李某，手机19912345678。", "PII003", "blocker", "19912345678"),
        ("当事人张某，家庭电话0591-87654321。", "PII004", "serious", "0591-87654321"),
        ("补贴发放至银行卡号6222021234567890128。", "PII005", "serious", "6222021234567890128"),
        ("转入6222021234567890128。", "PII005", "warning", "6222021234567890128"),
        ("举报人邮箱：12345678@qq.com。", "PII006", "warning", "12345678@qq.com"),
        ("张某（护照号码E12345678）于当日入境。", "PII007", "serious", "E12345678"),
        ("陈某，台胞证号码01234567。", "PII008", "serious", "01234567"),
        ("当事人驾驶车牌号为京A12345的小型轿车。", "PII009", "serious", "京A12345"),
        ("医保卡号：A12345678。", "PII010", "serious", "A12345678"),
        ("统一社会信用代码：91350100M000100Y44。", "PII011", "warning", "91350100M000100Y44"),
        ("当事人张某，家庭住址：福州市鼓楼区五四路123号3栋502室。", "PII012", "serious", "福州市鼓楼区五四路123号3栋502室"),
        ("信访人刘德华于2024年3月来访。", "PII013", "blocker", "刘德华"),
        ("纳税人识别号：91350100M000100Y44。", "PII011", "warning", "91350100M000100Y44"),
    ],
)
def test_found_at_severity(core_checker, text, rule_id, severity, span):
    found = [f for f in mine(core_checker.check(text, doc_date=DOC_DATE)) if f.rule_id == rule_id]
    assert [(f.severity, f.text) for f in found] == [(severity, span)]
    assert text[found[0].start : found[0].end] == span


@pytest.mark.parametrize(
    "text",
    [
        "申请人张某，身份证号码110105********1239，电话138****5678。",
        "经审核，110105199003071230符合条件。",  # wrong check digit, no context: silent
        "身份证号码110105199002301234。",  # 30 February
        "订单号110105199003071239已发货。",
        "全年完成投资15000000000元。",
        "订单编号14212345678。",
        "咨询电话：0591-87654321；监督电话：12345。",
        "补贴发放至银行卡号6222021234567890129。",  # Luhn fails
        "统一社会信用代码：91350100M000100Y43。",  # valid organisation code: not personal information
        "来信请寄：bangongshi@example.gov.cn。",
        "型号E12345678的设备已停产。",
        "京A12345号文件已印发。",
        "2024年GDP为1349084亿元，增长5%。",
        "申请人应当提交居民身份证、户口簿复印件。",
        "当事人张某，家庭住址：福州市鼓楼区东街街道。",
        "住所：福州市鼓楼区五四路123号。",
        "举报人张某某反映，该企业夜间施工扰民。",
        "对举报人应当予以保密。",
    ],
)
def test_silent(core_checker, text):
    loud = [f for f in mine(core_checker.check(text, doc_date=DOC_DATE)) if f.severity != "info"]
    assert loud == []


def test_individual_taxpayer_number_is_an_id_not_a_code_typo(core_checker):
    found = {f.rule_id: f.severity for f in core_checker.check("纳税人识别号：110105199003071239。", doc_date=DOC_DATE).findings}
    assert found.get("PII001") == "blocker" and "PII011" not in found


def test_gongshi_list_raises_mobile_to_blocker(core_checker):
    rows = ["序号\t姓名\t联系电话"] + [f"{i}\t张{i}\t1381234567{i}" for i in range(1, 5)]
    text = "低保对象公示名单\n" + "\n".join(rows)
    phones = [f for f in core_checker.check(text, doc_date=DOC_DATE).findings if f.rule_id == "PII003"]
    assert len(phones) == 4 and {f.severity for f in phones} == {"blocker"}


def test_single_contact_is_not_a_list(core_checker):
    text = "联系人：王某\n电话：13812345678\n地址：某街道"
    (f,) = [f for f in core_checker.check(text, doc_date=DOC_DATE).findings if f.rule_id == "PII003"]
    assert f.severity == "serious"


def test_generated_corpus(core_checker):
    """Every valid number is found at its severity; near-valid, masked and look-alike cases stay quiet."""
    misses, alarms = [], []
    for case in corpus(seed=7, n=20):
        found = mine(core_checker.check(case.text, doc_date=case.doc_date)) + [
            f for f in core_checker.check(case.text, doc_date=case.doc_date).findings if f.rule_id == "PII011"
        ]
        if not case.expected:
            loud = [f for f in found if SEVERITY_RANK[f.severity] <= SEVERITY_RANK["warning"]]
            if loud:
                alarms.append((case.kind, case.text, [(f.rule_id, f.text) for f in loud]))
            continue
        for rule_id, severity, span in case.expected:
            if not any(f.rule_id == rule_id and f.text == span and f.severity == severity for f in found):
                misses.append((case.kind, rule_id, severity, span, [(f.rule_id, f.severity, f.text) for f in found]))
    assert misses == []
    assert alarms == []


def test_table_column_header_is_context(core_checker):
    text = "序号\t姓名\t身份证号码\t补助金额\n1\t张三\t110105491231002\t1200元\n2\t李四\t110105199003071230\t1200元"
    found = {(f.rule_id, f.severity, f.text) for f in mine(core_checker.check(text, doc_date=DOC_DATE))}
    assert found == {("PII002", "blocker", "110105491231002"), ("PII001", "info", "110105199003071230")}


def test_table_without_an_id_header_stays_silent(core_checker):
    text = "项目编号\t名称\n1\t110105491231002\t道路改造\n2\t110105199003071230\t桥梁维修"
    assert [f for f in mine(core_checker.check(text, doc_date=DOC_DATE)) if f.severity != "info"] == []


def _luhn_complete(prefix: str) -> str:
    from govcheck.rules.validators import luhn_ok

    return prefix + next(str(d) for d in range(10) if luhn_ok(prefix + str(d)))


def test_card_followed_by_the_next_table_column(core_checker):
    card = _luhn_complete("623036001111222")
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    text = f"户名 卡号 金额\n张一 {grouped} 320\n"
    found = [(f.rule_id, f.text) for f in mine(core_checker.check(text, doc_date=DOC_DATE))]
    assert found == [("PII005", grouped)]


def test_masked_id_tail_is_not_the_start_of_a_card(core_checker):
    card = _luhn_complete("623036001111222")
    grouped = " ".join(card[i : i + 4] for i in range(0, 16, 4))
    text = f"户主 身份证号 银行卡号\n李某 350128********1513 {grouped}\n"
    assert [f.text for f in mine(core_checker.check(text, doc_date=DOC_DATE)) if f.rule_id == "PII005"] == [grouped]


@pytest.mark.parametrize(
    "holder, reported",
    [("户名：某县人力资源和社会保障局\n", False), ("收款单位：某县财政局 ", False), ("户名：陈某某；", True)],
)
def test_organisation_accounts_are_public(core_checker, holder, reported):
    card = _luhn_complete("621700123456789012")
    found = [f for f in mine(core_checker.check(f"{holder}账号：{card}", doc_date=DOC_DATE)) if f.rule_id == "PII005"]
    assert bool(found) == reported


def test_fixed_line_in_a_list_of_people_but_not_in_a_directory_of_officials(core_checker):
    people = "姓名\t住址\t联系电话\n李大山\t城关镇\t0598-5123456"
    officials = "姓名 职务 办公电话\n张三 局长 0591-87651234"
    assert [f.rule_id for f in mine(core_checker.check(people, doc_date=DOC_DATE))] == ["PII004"]
    assert mine(core_checker.check(officials, doc_date=DOC_DATE)) == []


@pytest.mark.parametrize("text", ["号码段：13812340000 至 13812349999", "合计：13812345678.50", "投诉人陈述，其购买的商品存在质量问题。"])
def test_phone_and_name_look_alikes(core_checker, text):
    assert [f for f in mine(core_checker.check(text, doc_date=DOC_DATE)) if f.severity != "info"] == []
