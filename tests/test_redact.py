"""Redaction: conventional masks, unchanged offsets, a new file, clear errors."""

import pytest

import govcheck
from govcheck.cli import main
from govcheck.redaction import mask_value

TEXT = "申请人张某，身份证号码110105199003071239，联系电话13812345678，补贴发放至银行卡号6222021234567890128。"


def test_redact_masks_each_privacy_finding_in_its_style():
    masked, findings = govcheck.redact(TEXT)
    assert "110105********1239" in masked
    assert "138****5678" in masked
    assert "***************0128" in masked
    assert len(masked) == len(TEXT)
    assert {f.rule_id for f in findings} == {"PII001", "PII003", "PII005"}
    for f in findings:  # offsets still point at the (now masked) value
        assert masked[f.start : f.end] != f.text and len(masked[f.start : f.end]) == len(f.text)


def test_redacted_text_is_clean():
    masked, _ = govcheck.redact(TEXT)
    again = [f for f in govcheck.check(masked).findings if f.category == "privacy" and f.severity != "info"]
    assert again == []


def test_styles_and_mask_char_are_configurable():
    masked, _ = govcheck.redact(TEXT, styles={"PII001": "2+3", "PII003": "3+2"}, mask_char="×")
    assert "11×××××××××××××239" in masked
    assert "138××××××78" in masked


def test_organisation_codes_and_clean_text_are_left_alone():
    text = "统一社会信用代码：91350100M000100Y44。各单位要保守国家秘密。"
    masked, findings = govcheck.redact(text)
    assert masked == text and findings == []


@pytest.mark.parametrize(
    "value, style, expected",
    [
        ("110105199003071239", "6+4", "110105********1239"),
        ("138 1234 5678", "3+4", "138 **** 5678"),
        ("0591-87654321", "keep-area+2", "0591-******21"),
        ("010-12345678", "keep-area+2", "010-******78"),
        ("zhangsan@qq.com", "email", "z*******@qq.com"),
        ("京A12345", "plate", "京A****5"),
        ("福州市鼓楼区五四路123号3栋502室", "addr", "福州市鼓楼区*************"),
        ("abc", "none", "abc"),
    ],
)
def test_mask_value(value, style, expected):
    assert mask_value(value, style) == expected


def test_bad_style_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown mask style"):
        mask_value("123456", "half")


def test_redact_rejects_non_text():
    with pytest.raises(TypeError):
        govcheck.redact(b"bytes")


def test_cli_writes_a_new_file(tmp_path, capsys):
    src = tmp_path / "notice.txt"
    src.write_text(TEXT, encoding="utf-8")
    cfg = tmp_path / "govcheck.toml"
    cfg.write_text("", encoding="utf-8")  # independent of any config in the working folder
    assert main(["redact", str(src), "--config", str(tmp_path / "none.toml")]) == 2  # missing config: one-line error
    assert main(["redact", str(src), "--config", str(cfg)]) == 0
    out = tmp_path / "notice.redacted.txt"
    assert "110105********1239" in out.read_text(encoding="utf-8")
    assert src.read_text(encoding="utf-8") == TEXT  # input untouched
    assert main(["redact", str(src), "--config", str(cfg)]) == 2  # output exists
    assert main(["redact", str(src), "--config", str(cfg), "--force", "--mask", "PII003=3+2"]) == 0
    assert "138******78" in out.read_text(encoding="utf-8")


def test_cli_refuses_to_overwrite_input_and_bad_input(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["redact", str(src), "-o", str(src)]) == 2
    assert src.read_text(encoding="utf-8") == TEXT
    assert main(["redact", str(tmp_path / "missing.txt")]) == 2
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02binary")
    assert main(["redact", str(binary)]) == 2
    assert main(["redact", str(src), "--mask", "PII001"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert all(line.startswith("govcheck: error:") for line in err.strip().splitlines())
