"""bench/eval_typos.py scoring, checked on hand-made findings (the README's rules, exactly)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from govcheck.models import Finding

_SPEC = importlib.util.spec_from_file_location("eval_typos", Path(__file__).resolve().parents[1] / "bench" / "eval_typos.py")
ev = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(ev)


def finding(text: str, start: int, end: int, suggestions: list[str], category: str = "typo") -> Finding:
    return Finding(
        rule_id="TYP010", category=category, severity="warning", start=start, end=end, text=text[start:end],
        message="m", suggestions=suggestions, source="s", line=1, column=start + 1,
    )


def test_positions_are_the_characters_the_first_suggestion_changes():
    text = "会议通过总休方案"
    assert ev.flagged_positions([finding(text, 4, 6, ["总体"])]) == {5}
    # no equal-length suggestion: the whole span
    assert ev.flagged_positions([finding(text, 4, 6, ["总"])]) == {4, 5}
    assert ev.flagged_positions([finding(text, 4, 6, [])]) == {4, 5}


def test_gold_positions_come_from_the_diff():
    assert ev.gold_positions("发展机智", "发展机制") == {3}
    assert ev.gold_positions("abc", "abcd") == {3}


def test_apply_first_skips_overlaps_and_keeps_the_rest():
    text = "甲乙丙丁"
    fs = [finding(text, 1, 2, ["子"]), finding(text, 1, 3, ["丑寅"]), finding(text, 3, 4, [])]
    assert ev.apply_first(text, fs) == "甲丑寅丁"


class _FakeChecker:
    def __init__(self, answers):
        self.answers = answers

    def check(self, text):
        class R:
            findings = self.answers.get(text, [])

        return R()

    def rule(self, rule_id):
        return None  # no TYP010 whose caches forget() would empty


def test_evaluate_counts_like_the_readme():
    rows = [
        ("会议通过总休方案", "会议通过总体方案"),  # detected and corrected
        ("要做好防汛工做", "要做好防汛工作"),  # missed
        ("这句没有错误", "这句没有错误"),  # clean, false alarm
        ("这句也没错", "这句也没错"),  # clean, silent
    ]
    answers = {
        rows[0][0]: [finding(rows[0][0], 4, 6, ["总体"])],
        rows[2][0]: [finding(rows[2][0], 0, 1, ["那"]), finding(rows[2][0], 0, 1, ["x"], category="format")],
    }
    m = ev.evaluate(_FakeChecker(answers), rows)
    # detection: 2 sentences flagged, 1 exactly right; 2 sentences with errors
    assert m["det_p"] == pytest.approx(0.5) and m["det_r"] == pytest.approx(0.5)
    # correction (pycorrector): TP=1, FN=1, FP=1 (the clean sentence changed)
    assert m["cor_p"] == pytest.approx(0.5) and m["cor_r"] == pytest.approx(0.5)
    assert m["fp_rate"] == pytest.approx(0.5)
    assert m["n"] == 4 and m["sent_s"] > 0


def test_counts_add_up_over_folds_like_one_run():
    rows = [("会议通过总休方案", "会议通过总体方案"), ("这句没有错误", "这句没有错误"), ("要做好防汛工做", "要做好防汛工作")]
    answers = {rows[0][0]: [finding(rows[0][0], 4, 6, ["总体"])]}
    chk = _FakeChecker(answers)
    pooled = ev.add_counts(ev.counts(chk, rows[:1]), ev.counts(chk, rows[1:]))
    whole = ev.counts(chk, rows)
    assert {k: v for k, v in pooled.items() if k != "elapsed"} == {k: v for k, v in whole.items() if k != "elapsed"}
    assert ev.scores(pooled)["det_r"] == pytest.approx(0.5)


def test_show_reports_every_wrongly_handled_sentence():
    rows = [("会议通过总休方案", "会议通过总体方案"), ("这句没有错误", "这句没有错误"), ("要做好防汛工做", "要做好防汛工作")]
    answers = {rows[1][0]: [finding(rows[1][0], 0, 1, ["那"])]}
    seen = []
    ev.counts(_FakeChecker(answers), rows, show=lambda kind, src, tgt, fs: seen.append((kind, src)))
    assert seen == [("MISS", rows[0][0]), ("FP", rows[1][0]), ("MISS", rows[2][0])]


def test_fold_tables_learn_only_from_the_rows_given():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    train = [("加强边江地区建设。", "加强边疆地区建设。", "odw")]
    entries, chars = ev.fold_tables(train, tk, clean_text="")
    assert ("江", "疆") in chars and len(chars) == 1
    assert [(e.term, e.suggestions) for e in entries] == [("边江地区", ["边疆地区"])]
    # nothing learned from no rows: a held-out fold cannot leak into its own tables
    assert ev.fold_tables([], tk, clean_text="") == ([], [])
