"""Generate a realistic, labelled corpus for the secrecy and privacy rules (seeded, no files).

Each case is (text, expected) where expected is a list of (rule_id, severity, span) that must be
found, and an empty list means "nothing at warning or above may be reported". Numbers are built
with real check digits and dates (valid), one digit or one date field off (near-valid), or masked
in the 公示 style; secrecy cases cover every typed form of a mark and the ordinary uses of
秘密/机密/内部 that must stay silent. Used by tests/test_privacy_corpus.py and bench/eval_privacy.py.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from govcheck.rules.validators import id_check_char, luhn_ok, uscc_check_char

PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "61", "62", "63", "64", "65"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强志明海燕红梅玉兰春梅小红晓东晓明丽娟文华"
VILLAGES = ["东风村", "红旗村", "新民村", "向阳村", "和平村", "光明社区", "幸福社区", "龙泉村", "石桥村", "团结村"]
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"]
UNALLOCATED = ["140", "141", "143", "154", "160", "161", "164", "174", "194"]


@dataclass
class Case:
    text: str
    expected: list[tuple[str, str, str]] = field(default_factory=list)
    kind: str = ""
    doc_date: dt.date = dt.date(2025, 6, 30)


def name(rng: random.Random) -> str:
    g = GIVEN[rng.randrange(len(GIVEN))]
    if rng.random() < 0.5:
        g += GIVEN[rng.randrange(len(GIVEN))]
    return SURNAMES[rng.randrange(len(SURNAMES))] + g


def birth(rng: random.Random) -> dt.date:
    return dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 65 * 365))


def valid_id(rng: random.Random, lower_x: bool = False) -> str:
    while True:
        body = rng.choice(PROVINCES) + f"{rng.randrange(1, 100):02d}{rng.randrange(1, 100):02d}" + birth(rng).strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
        full = body + id_check_char(body)
        if not lower_x or full.endswith("X"):
            return full.lower() if lower_x else full


def id_wrong_check(rng: random.Random) -> str:
    good = valid_id(rng)
    wrong = rng.choice([c for c in "0123456789X" if c != good[-1]])
    return good[:17] + wrong


def id_bad_date(rng: random.Random) -> str:
    body = rng.choice(PROVINCES) + "0102" + rng.choice(["19880230", "19750431", "20010229", "19990631", "19861131"]) + f"{rng.randrange(0, 1000):03d}"
    return body + id_check_char(body)


def id_bad_region(rng: random.Random) -> str:
    body = rng.choice(["00", "19", "28", "39", "49", "58", "69", "77", "90", "99"]) + "0102" + birth(rng).strftime("%Y%m%d") + f"{rng.randrange(0, 1000):03d}"
    return body + id_check_char(body)


def id_future_birth(rng: random.Random) -> str:
    body = rng.choice(PROVINCES) + "0102" + "20300101" + f"{rng.randrange(0, 1000):03d}"
    return body + id_check_char(body)


def masked_id(rng: random.Random) -> str:
    v = valid_id(rng)
    return rng.choice([v[:6] + "*" * 8 + v[-4:], v[:2] + "*" * 13 + v[-3:], v[:3] + "*" * 11 + v[-4:], v[:6] + "********" + "****"])


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(1, 10**8):08d}"


def card(rng: random.Random, valid: bool = True) -> str:
    length = rng.choice([16, 19, 19])
    body = rng.choice(["6222", "6228", "6217", "6214", "6230", "6212"]) + "".join(str(rng.randrange(10)) for _ in range(length - 5))
    good = [d for d in "0123456789" if luhn_ok(body + d)][0]
    if valid:
        return body + good
    return body + rng.choice([d for d in "0123456789" if d != good])


def uscc(rng: random.Random, valid: bool = True) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = rng.choice(["91", "92", "93", "11", "12", "51", "52"]) + rng.choice(PROVINCES) + "0100" + "".join(rng.choice(alphabet) for _ in range(9))
    good = uscc_check_char(body)
    if valid:
        return body + good
    return body + rng.choice([c for c in alphabet if c != good])


# ---------------------------------------------------------------------------------------------------

ID_POS = [
    "申请人{n}，身份证号码{v}，现居{vil}。",
    "{n}（公民身份号码：{v}）已按程序办理。",
    "经审核，{v}符合本年度补助条件。",
    "户主{n}，身份证号 {v}，家庭人口3人。",
    "当事人{n}，男，身份证号码为{v}，住{vil}。",
]
ID_NEAR = [
    "申请人{n}，身份证号码{v}，现居{vil}。",
    "批次号{v}的货物已入库。",
    "经审核，{v}符合本年度补助条件。",
]


def privacy_cases(rng: random.Random, n: int = 40) -> list[Case]:
    cases: list[Case] = []
    for _ in range(n):
        v = valid_id(rng)
        t = rng.choice(ID_POS).format(n=name(rng), v=v, vil=rng.choice(VILLAGES))
        cases.append(Case(t, [("PII001", "blocker", v)], "id-valid"))
    for _ in range(n // 4):
        v = valid_id(rng, lower_x=True)
        cases.append(Case(f"身份证号码：{v}。", [("PII001", "blocker", v)], "id-valid-lowercase-x"))
    for maker, kind in ((id_wrong_check, "id-wrong-check"), (id_bad_date, "id-bad-date"), (id_bad_region, "id-bad-region"), (id_future_birth, "id-future")):
        for _ in range(n // 2):
            v = maker(rng)
            t = rng.choice(ID_NEAR).format(n=name(rng), v=v, vil=rng.choice(VILLAGES))
            cases.append(Case(t, [], kind))
    for _ in range(n // 2):
        cases.append(Case(f"{name(rng)}，身份证号码{masked_id(rng)}，联系电话{(m := mobile(rng))[:3]}****{m[-4:]}。", [], "masked"))
    for _ in range(n // 2):  # random 18-digit numbers: at most ~1 in 11 passes the check digit
        digits = "".join(str(rng.randrange(10)) for _ in range(18))
        cases.append(Case(f"订单编号：{digits}，请妥善保存。", [], "random-18-digits"))
    for _ in range(n):
        m = mobile(rng)
        t = rng.choice(["联系人：{n}，电话{m}。", "如有疑问请致电{n}（{m}）。", "{n}的手机号码为{m}。", "请与{n}联系，手机：{m}。"]).format(n=name(rng), m=m)
        cases.append(Case(t, [("PII003", "serious", m)], "mobile"))
    for _ in range(n // 2):
        m = rng.choice(UNALLOCATED) + f"{rng.randrange(10**8):08d}"
        cases.append(Case(f"编号为{m}的设备已报废。", [], "mobile-unallocated"))
        amount = rng.choice(["13", "15", "18"]) + f"{rng.randrange(10**9):09d}"
        cases.append(Case(f"全年完成固定资产投资{amount}元。", [], "amount"))
    for _ in range(n // 2):
        c = card(rng)
        cases.append(Case(f"补贴资金已发放至{name(rng)}的银行卡号{c}。", [("PII005", "serious", c)], "card"))
        bad = card(rng, valid=False)
        cases.append(Case(f"补贴资金已发放至银行卡号{bad}。", [], "card-bad-luhn"))
    for _ in range(n // 4):
        code = uscc(rng)
        cases.append(Case(f"统一社会信用代码：{code}，法定代表人：{name(rng)}。", [], "uscc-valid"))
        bad = uscc(rng, valid=False)
        cases.append(Case(f"统一社会信用代码：{bad}。", [("PII011", "warning", bad)], "uscc-invalid"))
    cases.append(Case("咨询电话：0591-87654321，监督电话：12345。", [], "office-phone"))
    cases.append(Case("当事人住宅电话0755-26681234，已告知其权利。", [("PII004", "serious", "0755-26681234")], "home-phone"))
    cases.append(Case("张某（护照号码E12345678）于当日入境。", [("PII007", "serious", "E12345678")], "passport"))
    cases.append(Case("型号E12345678的设备已停产。", [], "model-number"))
    cases.append(Case("当事人驾驶车牌号为粤B8K123的小型轿车。", [("PII009", "serious", "粤B8K123")], "plate"))
    for _ in range(n // 4):
        n1 = name(rng)
        road = rng.choice(["人民路", "解放街", "五四路", "建设大道", "中山路"])
        addr = f"{rng.choice(['福州市鼓楼区', '某县城关镇', '厦门市思明区'])}{road}{rng.randrange(1, 300)}号{rng.randrange(1, 20)}栋{rng.randrange(101, 2500)}室"
        cases.append(Case(f"当事人{n1}，家庭住址：{addr}。", [("PII012", "serious", addr)], "address"))
        cases.append(Case(f"当事人{n1[0]}某，家庭住址：{addr[:6]}{road}。", [], "address-masked"))
        cases.append(Case(f"举报人{n1}反映，该企业夜间施工扰民。", [("PII013", "blocker", n1)], "whistleblower"))
        cases.append(Case(f"举报人{n1[0]}某反映，该企业夜间施工扰民。", [], "whistleblower-masked"))
    cases += list(gongshi_tables(rng))
    return cases


def gongshi_tables(rng: random.Random):
    """公示 lists: unmasked rows (every ID a blocker, phones raised to blocker) and masked rows (silent)."""
    for masked in (False, True):
        for _ in range(3):
            rows = []
            expected = []
            for i in range(1, rng.randrange(4, 8)):
                v, m = valid_id(rng), mobile(rng)
                if masked:
                    rows.append(f"{i}\t{name(rng)}\t{v[:6]}********{v[-4:]}\t{m[:3]}****{m[-4:]}\t{rng.choice(VILLAGES)}\t1200元")
                else:
                    rows.append(f"{i}\t{name(rng)}\t{v}\t{m}\t{rng.choice(VILLAGES)}\t1200元")
                    expected += [("PII001", "blocker", v), ("PII003", "blocker", m)]
            head = "2025年度临时救助对象公示名单\n序号\t姓名\t身份证号码\t联系电话\t住址\t救助金额\n"
            tail = "\n公示期为2025年6月20日至6月26日，如有异议请向民政办反映。"
            yield Case(head + "\n".join(rows) + tail, expected, "gongshi-masked" if masked else "gongshi")


SECRECY_POSITIVE = [
    ("机密★1年\n关于调整部分项目安排的通知", "SEC001", "blocker", "机密★1年"),
    ("000123\n秘密★长期\n特急\n关于做好防汛工作的通知", "SEC001", "blocker", "秘密★长期"),
    ("绝密★2030年12月31日\n会议纪要", "SEC001", "blocker", "绝密★2030年12月31日"),
    ("机密 1年\n关于印发实施方案的通知", "SEC001", "blocker", "机密 1年"),
    ("秘密*\n各县（市、区）人民政府：", "SEC001", "blocker", "秘密*"),
    ("机密☆会议开始前\n会议议程", "SEC001", "blocker", "机密☆会议开始前"),
    ("秘密＊6个月\n通知", "SEC001", "blocker", "秘密＊6个月"),
    ("秘密 ★ 6个月\n通知", "SEC001", "blocker", "秘密 ★ 6个月"),
    ("机密\n★5年\n关于安全检查情况的报告", "SEC001", "blocker", "机密\n★5年"),
    ("密级：秘密\n标题：关于项目的请示", "SEC001", "blocker", "密级：秘密"),
    ("机密\n××市人民政府关于××的请示", "SEC001", "blocker", "机密"),
    ("　　绝密★长期\n　　关于重大事项的报告", "SEC001", "blocker", "绝密★长期"),
    ("内部资料 注意保存\n2024年第3期工作简报", "SEC002", "serious", "内部资料 注意保存"),
    ("本材料仅供内部参考，不得外传。", "SEC002", "serious", "仅供内部参考"),
    ("【内部资料】全市重点项目进展情况", "SEC002", "serious", "内部资料"),
    ("工作秘密\n关于近期舆情的分析", "SEC002", "serious", "工作秘密"),
    ("内部★\n会议纪要", "SEC002", "serious", "内部★"),
    ("本简报不得外传。", "SEC002", "serious", "不得外传"),
    ("（内部文件）关于调整干部的意见", "SEC002", "serious", "内部文件"),
    ("关于优化营商环境的若干措施（征求意见稿）\n一、总体要求", "SEC003", "warning", "征求意见稿"),
    ("讨论稿\n2025年全市重点工作安排", "SEC003", "warning", "讨论稿"),
    ("××县乡村振兴规划（送审稿）\n第一章 总则", "SEC003", "warning", "送审稿"),
    ("该工程由32145部队承建。", "SEC004", "serious", "32145部队"),
    ("雷达站位于东经116°23′17″、北纬39°54′27″处。", "SEC005", "serious", "东经116°23′17″"),
    ("新建道路经过弹药库东侧约300米处。", "SEC006", "serious", "弹药库"),
    ("全市一季度GDP增长6.1%（初步核算，尚未公布）。", "SEC007", "serious", "尚未公布"),
    ("绝密★启用前\n2025年某市公务员录用考试试卷", "SEC001", "blocker", "绝密★启用前"),
    ("秘密★解密时间2027年1月1日\n通知", "SEC001", "blocker", "秘密★解密时间2027年1月1日"),
    ("本文件属于机密级文件，请妥善保管。", "SEC001", "blocker", "机密级文件"),
    ("（机密）\n关于××情况的报告", "SEC001", "blocker", "机密"),
    ("仅供领导参阅\n2025年第5期", "SEC002", "serious", "仅供领导参阅"),
    ("公开属性：不予公开", "SEC002", "serious", "公开属性：不予公开"),
    ("会议研究了干部调整方案（未公开）。", "SEC007", "serious", "未公开"),
]

SECRECY_NEGATIVE = [
    "各单位要保守国家秘密，严守工作纪律。",
    "国家秘密的密级分为绝密、机密、秘密三级。",
    "国家秘密标志的格式为“秘密★1年”。",
    "依法保护商业秘密和个人隐私。",
    "《中华人民共和国保守国家秘密法》于2024年修订。",
    "影片《绝密任务》今晚上映。",
    "揭开宇宙起源的秘密。",
    "泄露机密的行为将受到严肃处理。",
    "他们守护着大自然的秘密。",
    "企业应当建立**商业秘密**保护制度。",
    "核心机密技术实现自主可控。",
    "正确处理人民内部矛盾。",
    "企业应当建立健全内部控制制度。",
    "内部资料性出版物管理办法已修订。",
    "对知悉的国家秘密、工作秘密、商业秘密、个人隐私予以保密。",
    "工作人员对工作中知悉的情况不得外传。",
    "加强机关内部管理，提高办事效率。",
    "现将《关于优化营商环境的若干措施（征求意见稿）》向社会公开征求意见。",
    "起草组形成了讨论稿，经多次修改后定稿。",
    "人民解放军和武警部队官兵踊跃参加抢险。",
    "开展拥军优属活动，慰问驻地官兵。",
    "项目选址位于东经116°23′17″、北纬39°54′27″，用地面积12公顷。",
    "行政机关不得公开尚未公开的涉密信息。",
    "定密责任人负责确定本机关的秘密事项。",
    "涉密人员离岗离职实行脱密期管理。",
    "保密工作是一项重要工作，机密文件要专人管理。",
    "他把秘密告诉了母亲。",
    "本届运动会共有12部队伍参赛。",
    "机密资料室要安装监控设备。",
    "电视剧《绝密使命》热播。",
    "绝密档案揭开了历史的秘密。",
    "（三）保守国家秘密和工作秘密；",
    "单位内部文件的管理按有关规定执行。",
    "形成初稿后，起草组广泛听取意见。",
    "本办法所称绝密级国家秘密，是指最重要的国家秘密。",
    "下列政府信息，不予公开：",
    "统计数据以国家统计局正式发布的为准。",
    "秘密花园主题公园开园。",
]


def secrecy_cases() -> list[Case]:
    out = [Case(t, [(r, s, span)], "secrecy") for t, r, s, span in SECRECY_POSITIVE]
    out += [Case(t, [], "secrecy-negative") for t in SECRECY_NEGATIVE]
    return out


def corpus(seed: int = 20261123, n: int = 40) -> list[Case]:
    rng = random.Random(seed)
    return privacy_cases(rng, n) + secrecy_cases()
