"""Broken packs fail whole, with a stable code and file:line."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from govcheck import Config
from govcheck.engine import Checker
from govcheck.packs import DictionaryError, load_pack
from tests.conftest import DEMO_PACK

GOOD_RULE = """
  - rule_id: ORG001
    kind: existence
    title: t
    category: secrecy
    severity: serious
    message: "{match}"
    source: s
    entries: [项目代号甲]
"""


def make_pack(tmp_path, body: str, header: str = "name: org\nversion: '1'\nprefixes: [ORG]\n"):
    pack = tmp_path / "org"
    pack.mkdir()
    (pack / "pack.yaml").write_text(header, encoding="utf-8")
    (pack / "rules.yaml").write_text(textwrap.dedent(body), encoding="utf-8")
    return pack


def error_of(path) -> DictionaryError:
    with pytest.raises(DictionaryError) as info:
        load_pack(path)
    return info.value


def test_a_good_organisation_pack_loads_and_runs(tmp_path):
    pack = make_pack(tmp_path, "rules:" + GOOD_RULE)
    chk = Checker(Config(packs=(str(pack),), select=("ORG",)))
    r = chk.check("本项目代号甲不得公开。")
    assert [f.rule_id for f in r.findings] == ["ORG001"]
    assert {p.name for p in r.packs} >= {"core", "org"}


@pytest.mark.parametrize(
    "body, code, line, words",
    [
        ("rules:\n  - rule_id: ORG001\n    title: a: b\n", "GD003", 3, "invalid YAML"),
        ("rules:" + GOOD_RULE + GOOD_RULE, "GD030", 2, "duplicate rule_id ORG001"),
        ("rules:" + GOOD_RULE.replace("ORG001", "POL001"), "GD033", 2, "prefixes"),
        ("rules:" + GOOD_RULE.replace("severity: serious", "severity: fatal"), "GD032", 2, "severity"),
        ("rules:" + GOOD_RULE.replace("    source: s\n", ""), "GD032", 2, "source"),
        ("rules:" + GOOD_RULE.replace("kind: existence", "kind: regexp"), "GD032", 2, "kind"),
        ("just: a mapping\n", "GD031", 1, "rules:"),
    ],
)
def test_errors_name_file_line_and_code(tmp_path, body, code, line, words):
    err = error_of(make_pack(tmp_path, body))
    assert err.code == code and err.line == line and words in err.message
    assert str(err).startswith(f"{code} ") and "rules.yaml" in str(err)


def test_table_errors(tmp_path):
    body = "rules:" + GOOD_RULE.replace("entries: [项目代号甲]", "table: terms.tsv")
    pack = make_pack(tmp_path, body)
    (pack / "terms.tsv").write_text("# comment\n甲\t乙\n\t丙\n", encoding="utf-8")
    err = error_of(pack)
    assert (err.code, err.line) == ("GD011", 3) and err.path.endswith("terms.tsv")
    (pack / "terms.tsv").write_text("甲\t甲\n", encoding="utf-8")
    assert error_of(pack).code == "GD012"
    (pack / "terms.tsv").unlink()
    assert error_of(pack).code == "GD010"


def test_not_utf8_and_missing_header(tmp_path):
    pack = make_pack(tmp_path, "rules: []\n")
    (pack / "rules.yaml").write_bytes("rules: [中文]".encode("gb18030"))
    assert error_of(pack).code == "GD001"
    assert error_of(tmp_path).code == "GD020"
    bad_header = tmp_path / "h"
    shutil.copytree(pack, bad_header)
    (bad_header / "pack.yaml").write_text("name: Bad Name\nversion: '1'\nprefixes: []\n", encoding="utf-8")
    assert error_of(bad_header).code == "GD021"


def test_nothing_half_loaded(tmp_path):
    pack = make_pack(tmp_path, "rules:" + GOOD_RULE + GOOD_RULE.replace("ORG001", "ORG002").replace("severity: serious", "severity: x"))
    chk = Checker(Config(packs=(str(pack),)))
    with pytest.raises(DictionaryError):
        chk.check("项目代号甲")
    with pytest.raises(DictionaryError):  # still refuses: no partial state was kept
        chk.check("项目代号甲")


def test_demo_pack_examples_pass_validation():
    from govcheck.examples import run_examples

    chk = Checker(Config(builtin_packs=False, packs=(str(DEMO_PACK),)))
    assert run_examples(chk) == []
