"""Every example written inside every shipped rule runs here: adding a rule adds its tests."""

from __future__ import annotations

import pytest

from govcheck import Config
from govcheck.engine import Checker
from govcheck.examples import check_example, iter_examples

_CHECKER = Checker(Config())
_CASES = list(iter_examples(_CHECKER))


def test_every_rule_has_a_positive_and_a_negative_example():
    missing = [i.rule_id for i in _CHECKER.rule_infos() if not i.bad or not i.good]
    assert not missing, f"rules without both a bad and a good example: {missing}"


def test_every_rule_cites_a_source():
    assert all(i.source.strip() for i in _CHECKER.rule_infos())


@pytest.mark.parametrize(
    "rule_id, kind, example, file",
    _CASES,
    ids=[f"{rid}-{kind}-{i}" for i, (rid, kind, _, _) in enumerate(_CASES)],
)
def test_rule_example(rule_id, kind, example, file):
    problem = check_example(_CHECKER, rule_id, kind, example)
    assert problem is None, f"{file}: {problem}"
