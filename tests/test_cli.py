"""The command line: exit codes, one-line errors, output shapes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from govcheck.cli import main
from tests.conftest import DEMO_PACK


@pytest.fixture()
def demo_config(tmp_path):
    cfg = tmp_path / "govcheck.toml"
    cfg.write_text(f'builtin_packs = false\npacks = ["{DEMO_PACK}"]\ndoc_date = 2026-11-01\n', encoding="utf-8")
    return str(cfg)


def run_cli(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_text_output_and_exit_codes(tmp_path, capsys, demo_config):
    f = tmp_path / "draft.txt"
    f.write_text("第一行。\n纪念中华人民共合国成立，国办发[2021]12号。\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "check", str(f), "--config", demo_config)
    assert code == 1 and err == ""
    first = out.splitlines()[0]
    assert first.startswith(f"{f}:2:3: blocker DEM001 ") and first.endswith("→ 中华人民共和国")
    assert "【中华人民共合国】" in out.splitlines()[1]
    assert out.rstrip().endswith("2 findings in 1 file, 1 blocker")
    assert run_cli(capsys, "check", str(f), "--config", demo_config, "--fail-on", "never")[0] == 0
    assert run_cli(capsys, "check", str(f), "--config", demo_config, "--select", "DEM003")[0] == 0
    assert run_cli(capsys, "check", str(f), "--config", demo_config, "--select", "DEM003", "--fail-on", "warning")[0] == 1


def test_check_json_is_the_report(tmp_path, capsys, demo_config):
    f = tmp_path / "a.txt"
    f.write_text("中华人民共合国", encoding="utf-8")
    code, out, _ = run_cli(capsys, "check", str(f), "--config", demo_config, "--format", "json")
    doc = json.loads(out)
    assert doc["path"] == str(f) and doc["blocked"] is True
    assert doc["findings"][0]["rule_id"] == "DEM001" and doc["findings"][0]["start"] == 0
    code, out, _ = run_cli(capsys, "check", str(f), str(f), "--config", demo_config, "--format", "json")
    assert isinstance(json.loads(out), list)


def test_gb18030_and_stdin(tmp_path, capsys, demo_config, monkeypatch):
    f = tmp_path / "legacy.txt"
    f.write_bytes("纪念中华人民共合国成立".encode("gb18030"))
    code, out, _ = run_cli(capsys, "check", str(f), "--config", demo_config)
    assert code == 1 and "DEM001" in out
    proc = subprocess.run(
        [sys.executable, "-m", "govcheck", "check", "-", "--config", demo_config, "--format", "json"],
        input="中华人民共合国".encode("utf-8"),
        capture_output=True,
    )
    assert proc.returncode == 1 and json.loads(proc.stdout)["path"] == "<stdin>"


@pytest.mark.parametrize(
    "content, words",
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        (b"\xff\xfe\xfa\xfb\x80\x81\xfe\xff", "not UTF-8 or GB18030"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path, capsys, demo_config, content, words):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run_cli(capsys, "check", str(f), "--config", demo_config)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(f) in err and words in err and "Traceback" not in err


def test_missing_file_empty_file_and_usage(tmp_path, capsys, demo_config):
    code, _, err = run_cli(capsys, "check", str(tmp_path / "nope.txt"), "--config", demo_config)
    assert code == 2 and "no such file" in err
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, _ = run_cli(capsys, "check", str(empty), "--config", demo_config)
    assert code == 0 and "0 findings" in out
    with pytest.raises(SystemExit) as exc:
        main(["check"])
    assert exc.value.code == 2
    code, _, err = run_cli(capsys, "check", str(empty), "--config", str(tmp_path / "missing.toml"))
    assert code == 2 and "missing.toml" in err


def test_bad_config_is_a_clear_error(tmp_path, capsys):
    cfg = tmp_path / "govcheck.toml"
    cfg.write_text('min_severity = "loud"\n', encoding="utf-8")
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    code, _, err = run_cli(capsys, "check", str(f), "--config", str(cfg))
    assert code == 2 and "govcheck.toml" in err and "min_severity" in err


def test_rules_explain_schema_and_validate(capsys, demo_config):
    code, out, _ = run_cli(capsys, "rules", "--config", demo_config)
    assert code == 0 and "DEM001" in out and "国名误写" in out
    code, out, _ = run_cli(capsys, "explain", "dem001", "--config", demo_config)
    assert code == 0 and "## Source" in out and "test fixture" in out and "✗ 中华人民共合国成立。" in out
    code, _, err = run_cli(capsys, "explain", "DEM999", "--config", demo_config)
    assert code == 2 and "DEM999" in err
    code, out, _ = run_cli(capsys, "schema")
    schema = json.loads(out)
    assert {"rule_id", "start", "end", "text", "suggestions", "source"} <= set(schema["$defs"]["Finding"]["properties"])
    code, out, _ = run_cli(capsys, "dict", "validate", str(DEMO_PACK))
    assert code == 0 and "0 failing" in out


def test_dict_validate_reports_bad_pack(tmp_path, capsys):
    pack = tmp_path / "p"
    pack.mkdir()
    (pack / "pack.yaml").write_text("name: p\nversion: '1'\nprefixes: [PP]\n", encoding="utf-8")
    (pack / "r.yaml").write_text("rules:\n  - rule_id: XX001\n    kind: existence\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "dict", "validate", str(pack))
    assert code == 2 and "GD032" in err and "r.yaml:2" in err
