"""Independent case set for the political rules (issue 3): catch rate and false-alarm rate.

The sentences live in tests/data/political_cases.tsv (hand-written in the style of 通报 items and
government drafts, not copied from the rules' examples) and tests/data/political_cases_2.tsv (a second,
independent QA engineer's set: 通稿 titles, meeting lists, WeChat style, dated documents, look-alikes) and
tests/data/political_cases_3.tsv (a third pass: 二十大报告 phrases, 中央机构 names, sovereignty, 十四年抗战, obituaries).
Scoring: tests/political_cases_eval.py. Run ``python tests/political_cases_eval.py [file]`` to print
every miss and false alarm.
"""

from __future__ import annotations

import collections

import pytest

import govcheck
from .political_cases_eval import CASES, CASES_2, CASES_3, describe, evaluate, load_cases

MIN_CATCH = 0.95
MAX_FALSE_ALARM = 0.02
#: Each independent QA pass's file, with the smallest size it must keep.
CASE_SETS = {"set1": (CASES, 300), "set2": (CASES_2, 250), "set3": (CASES_3, 200)}


@pytest.fixture(scope="module", params=sorted(CASE_SETS))
def case_set(request):
    path, min_size = CASE_SETS[request.param]
    cases = load_cases(path)
    return path, min_size, cases, evaluate(govcheck.check, cases)


def test_case_file_is_well_formed(case_set):
    path, min_size, cases, _ = case_set
    pos = [c for c in cases if c.expect == "flag"]
    neg = [c for c in cases if c.expect == "clean"]
    assert len(cases) >= min_size, path
    assert len(neg) >= len(pos), "at least as many look-alike negatives as positives"
    assert all(c.codes and all(code.startswith("POL") for code in c.codes) for c in pos)
    assert not any(c.codes for c in neg)
    # every issue group is represented among the positives
    groups = collections.Counter(code[:5] for c in pos for code in c.codes)
    for prefix in ("POL00", "POL01", "POL04", "POL2", "POL02", "POL03", "POL3", "POL4", "POL05"):
        assert any(g.startswith(prefix) for g in groups), prefix
    keys = collections.Counter((c.text, c.doc_date) for c in cases)
    assert not [k for k, n in keys.items() if n > 1]


def test_catch_rate(case_set):
    result = case_set[3]
    assert result["catch_rate"] >= MIN_CATCH, describe(result)


def test_false_alarm_rate(case_set):
    result = case_set[3]
    assert result["false_alarm_rate"] <= MAX_FALSE_ALARM, describe(result)


def test_no_blocker_on_clean_sentences(case_set):
    result = case_set[3]
    blockers = [c for c, bad in result["alarms"] if any(f.severity == "blocker" for f in bad)]
    assert not blockers, describe(result)


def test_scoring_counts_span_and_code():
    """The scorer itself: a wrong code or a finding elsewhere in the sentence is not a catch."""
    from .political_cases_eval import Case
    import datetime as dt

    d = dt.date(2025, 6, 10)
    wrong_code = Case(0, "flag", ("POL3",), d, "深入学习贯彻习进平新时代中国特色社会主义思想。", "习进平")
    right = Case(0, "flag", ("POL00",), d, "深入学习贯彻习进平新时代中国特色社会主义思想。", "习进平")
    clean = Case(0, "clean", (), d, "村民李强反映道路积水问题。", "")
    r = evaluate(govcheck.check, [wrong_code, right, clean])
    assert len(r["misses"]) == 1 and r["misses"][0][0] is wrong_code
    assert r["alarms"] == []
