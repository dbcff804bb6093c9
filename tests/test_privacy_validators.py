"""Validators: GB 11643 check character and dates, GB 32100, Luhn, mobile prefixes, formats."""

import datetime as dt

import pytest

from govcheck.rules import validators as V


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "110105199003071239", "11010519491231002x"])
def test_published_and_generated_ids_are_valid(number):
    assert V.gb11643(number).verdict == V.VALID


@pytest.mark.parametrize(
    "number, reason",
    [
        ("110105199003071230", "校验码不符"),  # one digit off
        ("110105199002301234", "出生日期不存在"),  # 30 February
        ("990105199003071239", "行政区划码不存在"),
        ("11010519900307123", "位数不符"),
    ],
)
def test_near_valid_ids_are_invalid(number, reason):
    r = V.gb11643(number)
    assert r.verdict == V.INVALID and r.reason == reason


def test_wrong_check_digit_reports_the_expected_one():
    assert V.gb11643("110105199003071230").data["expected"] == "9"


def test_birth_after_document_date_is_invalid():
    body = "11010520300101001"
    number = body + V.id_check_char(body)
    assert V.gb11643(number, dt.date(2025, 1, 1)).reason == "出生日期晚于文件日期"


def test_legacy_15_digit_has_no_check():
    assert V.gb11643_legacy("110105491231002").verdict == V.UNVERIFIABLE
    assert V.gb11643_legacy("110105491331002").verdict == V.INVALID


def test_uscc_worked_example_from_the_standard():
    assert V.gb32100("91350100M000100Y43").verdict == V.VALID
    assert V.gb32100("91350100M000100Y44").reason == "校验码不符"
    assert "不允许" in V.gb32100("91350100M000100Y4Z").reason
    assert V.uscc_check_char("91350100M000100Y4") == "3"


def test_luhn():
    assert V.luhn("6222021234567890128").verdict == V.VALID
    assert V.luhn("6222021234567890129").verdict == V.INVALID
    assert V.luhn("6222 0212 3456 7890 128").verdict == V.VALID
    assert V.luhn("0000000000000000").verdict == V.INVALID


def test_an_id_number_is_not_a_bank_card():
    assert V.luhn("350102196612010038").verdict == V.INVALID


@pytest.mark.parametrize("number, verdict", [("13812345678", V.VALID), ("19912345678", V.VALID), ("14012345678", V.INVALID), ("15412345678", V.INVALID), ("15000000000", V.INVALID), ("8613812345678", V.VALID)])
def test_mobile_prefixes(number, verdict):
    assert V.mobile(number).verdict == verdict


def test_fixed_line_structure():
    assert V.fixed_line("0591-87654321").verdict == V.UNVERIFIABLE
    assert V.fixed_line("010-1234567").verdict == V.INVALID  # local numbers do not start with 1
    assert V.fixed_line("12345678").verdict == V.INVALID


def test_document_formats():
    assert V.travel_document("E12345678").verdict == V.UNVERIFIABLE
    assert V.travel_document("EA1234567").verdict == V.UNVERIFIABLE
    assert V.travel_document("C12345678").verdict == V.UNVERIFIABLE
    assert V.travel_document("Q12345678").verdict == V.INVALID
    assert V.license_plate("京A12345").verdict == V.UNVERIFIABLE
    assert V.license_plate("粤BD12345").verdict == V.UNVERIFIABLE
    assert V.license_plate("京AABCDE").verdict == V.INVALID
    assert V.email("a@qq.com").data["domain"] == "qq.com"


def test_unknown_validator_is_a_clear_error():
    with pytest.raises(KeyError, match="unknown validator"):
        V.get("nope")


def test_foreign_passport_only_through_the_labelled_validator():
    # a foreign passport number has no common form: digits after 护照号码 are accepted by
    # travel_document_any, while travel_document keeps to the PRC forms
    assert V.travel_document("533012345").verdict == V.INVALID
    assert V.travel_document_any("533012345").verdict == V.UNVERIFIABLE
    assert V.travel_document_any("E12345678").verdict == V.UNVERIFIABLE
    assert V.travel_document_any("E1234").verdict == V.INVALID
    assert V.travel_document_any("ABC12345678").verdict == V.INVALID
