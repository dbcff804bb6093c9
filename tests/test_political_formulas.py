"""Fixed formulations (POL200–POL206) on the shipped pack: the brief's cases and look-alike negatives."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

D = dt.date(2024, 6, 1)


def _hits(checker, text, date, prefix="POL2"):
    return [f for f in checker.check(text, doc_date=date).findings if f.rule_id.startswith(prefix)]


POSITIVE = [
    # (text, date, rule, span, first suggestion)
    ("坚持以习近平近新时代中国特色社会主义思想为指导。", D, "POL201", "习近平近新时代中国特色社会主义思想", "习近平新时代中国特色社会主义思想"),
    ("以习近平新时代中国特色社会主义理论为指导。", D, "POL201", "习近平新时代中国特色社会主义理论", "习近平新时代中国特色社会主义思想"),
    ("以习近平新时代中国特社会主义思想为指导。", D, "POL201", None, "习近平新时代中国特色社会主义思想"),
    ("在以习近平为核心的党中央坚强领导下。", D, "POL200", "以习近平为核心的党中央", "以习近平同志为核心的党中央"),
    ("在以习近平总书记为核心的党中央坚强领导下。", D, "POL200", None, "以习近平同志为核心的党中央"),
    ("在以习近平同志为总书记的党中央坚强领导下，我们开拓进取。", dt.date(2018, 3, 5), "POL200", None, "以习近平同志为核心的党中央"),
    ("确立习近平总书记党中央的核心、全党的核心地位。", D, "POL200", None, "确立习近平同志党中央的核心"),
    ("积极融入“一带一路”战略。", D, "POL205", "“一带一路”战略", "“一带一路”倡议"),
    ("服务一带一路战略。", D, "POL205", "一带一路战略", "“一带一路”倡议"),
    ("以邓小平理论和三个代表重要思想为指导。", dt.date(2010, 3, 5), "POL202", "三个代表重要思想", "“三个代表”重要思想"),
    ("坚持马克思列宁主义、毛泽东思想、邓小平思想。", D, "POL202", "邓小平思想", "邓小平理论"),
    ("增强政治意识、大局意识、看齐意识、核心意识。", D, "POL203", None, "政治意识、大局意识、核心意识、看齐意识"),
    ("坚定道路自信、理论自信、文化自信、制度自信。", D, "POL203", None, "道路自信、理论自信、制度自信、文化自信"),
    ("协调推进全面建成小康社会、全面深化改革、全面依法治国、全面从严治党战略布局。", D, "POL203", "全面建成小康社会", "全面建设社会主义现代化国家"),
    ("统筹推进经济建设、政治建设、文化建设、社会建设、生态环境建设。", D, "POL203", "生态环境建设", "生态文明建设"),
    ("贯彻创新、协调、绿色、共享、开放的新发展理念。", D, "POL203", None, "创新、协调、绿色、开放、共享"),
    ("加快构建以国际大循环为主体、国内国际双循环相互促进的新发展格局。", D, "POL204", "以国际大循环为主体", "以国内大循环为主体"),
    ("发展全链条人民民主。", D, "POL204", "全链条人民民主", "全过程人民民主"),
    ("推动构建人类命运联合体。", D, "POL204", "人类命运联合体", "人类命运共同体"),
    ("不忘初心、忘记使命。", D, "POL204", "不忘初心、忘记使命", "不忘初心、牢记使命"),
    ("筑牢中华民族共同体意识。", D, "POL204", "筑牢中华民族共同体意识", "铸牢中华民族共同体意识"),
    ("坚持和发展中国特色社会主意。", D, "POL206", "中国特色社会主意", "中国特色社会主义"),
]


@pytest.mark.parametrize("text, date, rule, span, sugg", POSITIVE, ids=[p[0][:16] for p in POSITIVE])
def test_deviation_is_found(core_checker, text, date, rule, span, sugg):
    hits = [f for f in _hits(core_checker, text, date) if f.rule_id == rule]
    assert hits, f"{rule} missed: {text}"
    f = hits[0]
    if span is not None:
        assert f.text == span
    assert text[f.start : f.end] == f.text
    assert f.suggestions and f.suggestions[0] == sugg
    assert f.source and f.category == "political"


NEGATIVE = [
    ("坚持以习近平新时代中国特色社会主义思想为指导。", D),
    ("在以习近平同志为核心的党中央坚强领导下。", D),
    ("在以习近平同志为总书记的党中央坚强领导下。", dt.date(2015, 3, 5)),
    ("2015年，在以习近平同志为总书记的党中央领导下，我们开局良好。", D),
    ("在以江泽民同志为核心的党中央领导下，我们战胜了困难。", D),
    ("深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。", D),
    ("坚持以马克思列宁主义、毛泽东思想、邓小平理论、“三个代表”重要思想、科学发展观、习近平新时代中国特色社会主义思想为指导。", D),
    ("以邓小平理论和“三个代表”重要思想为指导。", dt.date(2010, 3, 5)),
    ("协调推进全面建成小康社会、全面深化改革、全面推进依法治国、全面从严治党。", dt.date(2016, 3, 5)),
    ("协调推进全面建设社会主义现代化国家、全面深化改革、全面依法治国、全面从严治党战略布局。", D),
    ("全面推进经济建设、政治建设、文化建设、社会建设。", dt.date(2010, 3, 5)),
    ("统筹推进经济建设、政治建设、文化建设、社会建设、生态文明建设和党的建设。", D),
    ("增强政治意识、大局意识、责任意识、忧患意识。", D),
    ("加快构建以国内大循环为主体、国内国际双循环相互促进的新发展格局。", D),
    ("积极参与“一带一路”倡议，推进“一带一路”建设。", D),
    ("把“一带一路”建设与区域开发开放结合起来。", dt.date(2015, 3, 5)),
    ("不忘初心，牢记使命，高举中国特色社会主义伟大旗帜。", dt.date(2017, 10, 18)),
    ("开展构建人类命运共同体系列研讨活动。", D),
    ("推动高质量开展主题教育。", D),
    ("党的十九大创立了新时代中国特色社会主义思想。", D),
    ("坚持和发展中国特色社会主义。", D),
]


@pytest.mark.parametrize("text, date", NEGATIVE, ids=[n[0][:16] for n in NEGATIVE])
def test_correct_formulation_is_quiet(core_checker, text, date):
    assert _hits(core_checker, text, date) == []


def test_a_misspelt_name_inside_a_formulation_is_reported_once(core_checker):
    report = core_checker.check("以习进平新时代中国特色社会主义思想为指导。", doc_date=D)
    political = [f for f in report.findings if f.category == "political"]
    assert len(political) <= 1  # the leader-name rule owns it; POL201 defers


def test_at_least_sixty_formulations(core_checker):
    count = 0
    for rid in ("POL200", "POL201", "POL202", "POL203", "POL204", "POL205", "POL206"):
        count += len(core_checker.rule(rid).entries)
    assert count >= 60


CLEAN = Path("/work/shared/data/clean_dev")


@pytest.mark.skipif(not (CLEAN / "SOURCES.md").is_file(), reason="clean development corpus not available")
def test_clean_dev_has_no_blocker_or_serious_part_b_findings(core_checker):
    """Proofread official documents, each judged as of its own date: POL2xx–POL4xx stay quiet."""
    src = (CLEAN / "SOURCES.md").read_text(encoding="utf-8")
    noisy = []
    for m in re.finditer(r"\| (\S+\.txt) \| (\d{4}-\d{2}(?:-\d{2})?) \|", src):
        d = m.group(2)
        date = dt.date.fromisoformat(d if len(d) == 10 else d + "-08")
        text = (CLEAN / m.group(1)).read_text(encoding="utf-8")
        for f in core_checker.check(text, doc_date=date).findings:
            if f.rule_id[:4] in ("POL2", "POL3", "POL4") and f.severity in ("blocker", "serious"):
                noisy.append((m.group(1), f.rule_id, f.text))
    assert noisy == []
