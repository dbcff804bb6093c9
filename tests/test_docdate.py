"""govcheck.docdate: the document's own date from 成文日期 / 落款 / title note / page label / title year."""

from __future__ import annotations

import datetime as dt

import pytest

from govcheck.docdate import detect_document_date

CASES = [
    ("正文内容。\n\n××县人民政府\n2019年3月2日\n", dt.date(2019, 3, 2), "落款"),
    ("正文内容。\n\n××县人民政府\n二〇一九年三月二日\n", dt.date(2019, 3, 2), "落款"),
    ("正文内容。\n\n××县人民政府\n二○一○年十二月二十六日\n", dt.date(2010, 12, 26), "落款"),
    ("正文内容。\n××县人民政府    2019年3月2日\n", dt.date(2019, 3, 2), "落款"),
    ("正文内容。\n××市人民政府办公室        2019年3月5日印发\n", dt.date(2019, 3, 5), "落款"),
    ("正文\n成文日期：2019年3月2日\n", dt.date(2019, 3, 2), "成文日期"),
    ("成文日期：2019-03-02\n正文\n2020年1月1日\n", dt.date(2019, 3, 2), "成文日期"),
    ("政府工作报告\n（2016年3月5日在第十二届全国人民代表大会第四次会议上）\n各位代表：", dt.date(2016, 3, 5), "题注"),
    ("发布时间:2023-11-21 15:53:25\n正文", dt.date(2023, 11, 21), "发布日期"),
    ("正文\n人力资源和社会保障局\n\n二○一○年x月二十六日\n\n相关推荐", dt.date(2010, 1, 1), "落款年份"),
    ("2020年政府辦公室政務公開工作總結\n正文", dt.date(2020, 12, 1), "标题年份"),
    ("2021年政务公开工作要点\n正文", dt.date(2021, 1, 1), "标题年份"),
    ("通知正文。\n\n××市人民政府办公室\n2019年3月5日\n\n附件\n" + "附件正文。\n" * 40, dt.date(2019, 3, 5), "落款"),
]


@pytest.mark.parametrize("text, date, why", CASES, ids=[c[2] + str(i) for i, c in enumerate(CASES)])
def test_detects(text, date, why):
    found = detect_document_date(text)
    assert found is not None
    assert found[0] == date
    assert why in found[1]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "我们2019年3月2日开会。\n后来怎样",
        "会议于 2019年3月5日\n",  # not an issuer
        "正文\n××县人民政府\n2019年2月30日\n",  # impossible date
        "正文\n××县人民政府\n1900年3月2日\n",  # implausible
        "2035年远景目标纲要\n正文",  # a future year in a title
    ],
)
def test_no_date(text):
    assert detect_document_date(text) is None


def test_last_signature_wins_and_body_dates_are_ignored():
    text = "2018年5月1日召开了会议。\n" + "正文。\n" * 30 + "××局\n2019年6月1日\n"
    assert detect_document_date(text)[0] == dt.date(2019, 6, 1)


def test_report_says_which_date_and_why(core_checker):
    report = core_checker.check("正文。\n\n××县人民政府\n2019年3月2日\n")
    assert report.doc_date == dt.date(2019, 3, 2)
    assert "落款" in report.doc_date_source
    report = core_checker.check("正文。")
    assert report.doc_date_source == "today"


def test_a_text_without_a_year_is_answered_at_once_and_dates_still_count():
    # every kind of evidence holds a year (Arabic or Chinese numerals): the pre-check lets both through
    assert detect_document_date("会议审议通过了总体方案，要求各地抓好落实。") is None
    assert detect_document_date("") is None
    found = detect_document_date("关于加强管理的通知\n成文日期：2019年3月2日")
    assert found is not None and found[0] == dt.date(2019, 3, 2)
    found = detect_document_date("关于加强管理的通知\n\n县人民政府办公室\n二〇一九年三月二日")
    assert found is not None and found[0] == dt.date(2019, 3, 2)
