"""Check-digit and format validators for the `recognizer` rule kind.

Every validator takes the matched string (already stripped of separators by the caller, or not:
each validator strips what it tolerates) and answers a `Verdict`:

* ``VALID`` — the format carries a check and it holds (or every structural test passes);
* ``INVALID`` — a check or a structural test fails (wrong check digit, impossible date …);
* ``UNVERIFIABLE`` — the format carries no check we can compute (Presidio's ``None``).

A validator may attach a short reason (Chinese, for messages) and data (e.g. the expected check
character) through `Result`. Validators are pure functions of the string plus the document date
(a birth date after the document's date is impossible); register new ones in `VALIDATORS`.
"""

from __future__ import annotations

import datetime as _dt
import re as _re
from dataclasses import dataclass, field
from operator import mul as _mul
from typing import Any, Callable, Optional

VALID, INVALID, UNVERIFIABLE = "valid", "invalid", "unverifiable"


@dataclass(frozen=True)
class Result:
    verdict: str
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return self.verdict == VALID

    @property
    def invalid(self) -> bool:
        return self.verdict == INVALID


#: Full-width digits and X fold to ASCII; separators people type inside numbers are dropped.
_FOLD = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx", " -－\u3000\t·.")


def _digits_only(s: str) -> str:
    t = s.translate(_FOLD)
    if t.isascii() and t.isalnum() and all(c.isdigit() or c in "Xx" for c in t[-1:]) and t[:-1].isdigit():
        return t  # the common case: already clean
    return "".join(c for c in t if c.isdigit() or c in "Xx")


# -- 居民身份证号码 (GB 11643-1999) ------------------------------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
#: First two digits of the address code: provinces (GB/T 2260), 71 Taiwan, 81/82 HK/Macao, 83 for
#: residence permits of Taiwan residents (rulebook §7.1).
_PROVINCES = frozenset(
    ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37"]
    + ["41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]
    + ["71", "81", "82", "83"]
)


def id_check_char(first17: str) -> str:
    """ISO 7064:1983 MOD 11-2 check character of the first 17 digits."""
    return _ID_CHECK[sum(map(_mul, map(int, first17), _ID_WEIGHTS)) % 11]


def _real_date(y: int, m: int, d: int, doc_date: Optional[_dt.date]) -> Optional[str]:
    """None when y-m-d is a real birth date no later than the document date, else a reason."""
    try:
        born = _dt.date(y, m, d)
    except ValueError:
        return "出生日期不存在"
    if y < 1850:
        return "出生年份过早"
    if born > (doc_date or _dt.date.today()):
        return "出生日期晚于文件日期"
    return None


def gb11643(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """18-digit resident ID: province prefix, real birth date, MOD 11-2 check character."""
    s = _digits_only(value)
    if len(s) == 15:
        return gb11643_legacy(s, doc_date)
    if len(s) != 18 or not s[:17].isdigit():
        return Result(INVALID, "位数不符")
    if s[:2] not in _PROVINCES:
        return Result(INVALID, "行政区划码不存在")
    why = _real_date(int(s[6:10]), int(s[10:12]), int(s[12:14]), doc_date)
    if why:
        return Result(INVALID, why)
    expected = id_check_char(s[:17])
    if s[17].upper() != expected:
        return Result(INVALID, "校验码不符", {"expected": expected})
    data = {"lowercase_x": s[17] == "x"}
    return Result(VALID, "", data)


def gb11643_legacy(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """15-digit ID of GB 11643-1989 (YYMMDD, 19xx births, no check digit): structure only."""
    s = _digits_only(value)
    if len(s) != 15 or not s.isdigit():
        return Result(INVALID, "位数不符")
    if s[:2] not in _PROVINCES:
        return Result(INVALID, "行政区划码不存在")
    why = _real_date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]), doc_date)
    if why:
        return Result(INVALID, why)
    # Structure holds, but 15 digits carry no check character.
    return Result(UNVERIFIABLE, "15位旧号码无校验码")


# -- 统一社会信用代码 (GB 32100-2015) ----------------------------------------------------------------

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {c: i for i, c in enumerate(_USCC_ALPHABET)}
_USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def uscc_check_char(first17: str) -> str:
    s = sum(_USCC_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS))
    return _USCC_ALPHABET[(31 - s % 31) % 31]


def gb32100(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """Unified social credit code: 18 characters of the 31-symbol set, MOD 31 check character."""
    s = value.strip().upper()
    if len(s) != 18:
        return Result(INVALID, "位数不符")
    bad = [c for c in s if c not in _USCC_VALUE]
    if bad:
        return Result(INVALID, f"含不允许的字符“{bad[0]}”")
    expected = uscc_check_char(s[:17])
    if s[17] != expected:
        return Result(INVALID, "校验码不符", {"expected": expected})
    return Result(VALID)


def uscc_or_id(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """For typo checks on organisation codes: an 18-digit resident ID (an individual's taxpayer
    number) is not a mistyped organisation code, so it counts as valid here."""
    if gb11643(value, doc_date).valid:
        return Result(VALID, "是身份证号码")
    s = _digits_only(value)
    if len(s) == 18 and s[:17].isdigit() and gb11643(s[:17] + id_check_char(s[:17]), doc_date).valid:
        # Shaped like a resident ID (province, real birth date) with a wrong check character: an
        # individual's number mistyped (PII001 reports it), not an organisation code.
        return Result(VALID, "形似身份证号码")
    return gb32100(value, doc_date)


# -- bank cards (Luhn) -----------------------------------------------------------------------------


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = ord(c) - 48
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """Payment card number: 16–19 digits with a Luhn (mod 10) check digit."""
    s = "".join(c for c in value if c.isdigit())
    if not 16 <= len(s) <= 19:
        return Result(INVALID, "位数不符")
    if len(set(s)) == 1:
        return Result(INVALID, "全部数字相同")
    if len(s) == 18 and gb11643(s, doc_date).valid:
        return Result(INVALID, "是身份证号码")
    return Result(VALID) if luhn_ok(s) else Result(INVALID, "校验位不符")


# -- phones ------------------------------------------------------------------------------------------

#: Mobile network prefixes (3 digits) issued by MIIT, per rulebook §7.3. 140–144, 154, 160–164, 194
#: and the like are unallocated (or data-only/IoT) and do not count as a personal mobile.
_MOBILE_PREFIXES = frozenset(
    [f"13{d}" for d in range(10)]
    + ["145", "146", "147", "148", "149"]
    + [f"15{d}" for d in range(10) if d != 4]
    + ["162", "165", "166", "167"]
    + [f"17{d}" for d in range(10) if d != 4]
    + [f"18{d}" for d in range(10)]
    + ["190", "191", "192", "193", "195", "196", "197", "198", "199"]
)


def mobile(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    s = "".join(c for c in value if c.isdigit())
    if s.startswith("86") and len(s) == 13:
        s = s[2:]
    if len(s) != 11 or s[0] != "1":
        return Result(INVALID, "位数不符")
    if s[:3] not in _MOBILE_PREFIXES:
        return Result(INVALID, "号段未分配")
    if len(set(s[3:])) == 1 and s[3] == "0":
        return Result(INVALID, "用户号全为0")
    return Result(VALID)


#: Government service numbers are public; never personal (rulebook §7.4).
_SERVICE_NUMBERS = frozenset(["110", "119", "120", "122", "12345", "12315", "12388", "12339", "12366", "12333", "12320", "12358", "12369", "12310", "12348", "12355", "12356", "12328", "12393", "96110"])


def fixed_line(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """Area code (0 + 2–3 digits) and a 7–8-digit local number; structure only."""
    s = "".join(c for c in value if c.isdigit())
    if not s.startswith("0") or s.startswith("00"):
        return Result(INVALID, "区号不符")
    area_len = 3 if s[1] in "12" else 4
    local = s[area_len:]
    if not 7 <= len(local) <= 8 or local[0] in "01":
        return Result(INVALID, "本地号码位数不符")
    if local in _SERVICE_NUMBERS:
        return Result(INVALID, "公共服务号码")
    return Result(UNVERIFIABLE)


# -- travel documents, plates ---------------------------------------------------------------------

#: PRC passports: E+8 digits (e-passport to 2017-04), E+letter (no I/O)+7 digits (since 2017-04),
#: G+8 (old ordinary), DE/SE/PE+7 (diplomatic/service/official ordinary e-passports), S+8, P./S.+7,
#: K+8 (HKSAR), MA+7 (MSAR). Public summaries only; no official specification was retrieved.
_PASSPORT = _re.compile(r"^(?:[EGSK]\d{8}|E[A-HJ-NP-Z]\d{7}|(?:DE|SE|PE|MA)\d{7}|[PS]\.\d{7}|D\d{7,8}|P\d{7})$")
_HK_MO_PERMIT = _re.compile(r"^(?:[CW]\d{8}|C[A-HJ-NP-Z]\d{7})$")
_TW_PERMIT = _re.compile(r"^(?:L\d{8}|T\d{8})$")
_HOME_RETURN = _re.compile(r"^[HM]\d{8}(?:\d{2})?$")
_TAIWAN_COMPATRIOT = _re.compile(r"^\d{8}(?:\d{2})?$")


def _format(rx: "_re.Pattern[str]") -> Callable[[str, Optional[_dt.date]], Result]:
    def check(value: str, doc_date: Optional[_dt.date] = None) -> Result:
        s = value.strip().upper().replace(" ", "")
        return Result(UNVERIFIABLE) if rx.match(s) else Result(INVALID, "格式不符")

    return check


passport = _format(_PASSPORT)
hk_macao_permit = _format(_HK_MO_PERMIT)
taiwan_permit = _format(_TW_PERMIT)
home_return_permit = _format(_HOME_RETURN)
taiwan_compatriot_permit = _format(_TAIWAN_COMPATRIOT)


_FOREIGN_PASSPORT = _re.compile(r"^[A-Z]{0,2}\d{6,9}$")


def travel_document(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """Any of the PRC travel-document forms (护照, 通行证, 回乡证, 台胞证); the context tells which."""
    s = value.strip().upper().replace(" ", "")
    for rx in (_PASSPORT, _HK_MO_PERMIT, _TW_PERMIT, _HOME_RETURN, _TAIWAN_COMPATRIOT):
        if rx.match(s):
            return Result(UNVERIFIABLE)
    return Result(INVALID, "格式不符")



def travel_document_any(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """travel_document, plus a foreign passport's number (no common form: digits, maybe after one or two
    letters not used by PRC documents). Only for values found right after the label 护照号码."""
    res = travel_document(value, doc_date)
    s = value.strip().upper().replace(" ", "")
    if res.verdict == INVALID and _FOREIGN_PASSPORT.match(s) and s[:1] not in "EGDSPCWLHMTK":
        return Result(UNVERIFIABLE)
    return res


PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = _re.compile(
    rf"^[{PLATE_PROVINCES}][A-HJ-NP-Z][·•\.\s]?(?:[A-HJ-NP-Z0-9]{{5}}|[DF][A-HJ-NP-Z0-9]\d{{4}}|\d{{5}}[DF])$"
)


def license_plate(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    s = value.strip().upper()
    if not _PLATE.match(s):
        return Result(INVALID, "格式不符")
    tail = "".join(c for c in s[2:] if c.isalnum())
    if tail.isalpha():
        return Result(INVALID, "号码全为字母")
    return Result(UNVERIFIABLE)


def email(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    local, _, domain = value.rpartition("@")
    if not local or "." not in domain or domain.startswith(".") or domain.endswith("."):
        return Result(INVALID, "格式不符")
    return Result(UNVERIFIABLE, "", {"domain": domain.lower()})


def social_security(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """社会保障号码 is the citizen ID number (社会保险法第五十八条); other card numbers: structure only."""
    s = _digits_only(value)
    if len(s) == 18:
        return gb11643(s, doc_date)
    if 8 <= len(s) <= 20 and s.isdigit():
        return Result(UNVERIFIABLE)
    return Result(INVALID, "格式不符")


def none(value: str, doc_date: Optional[_dt.date] = None) -> Result:
    """For recognizers whose pattern and context decide alone."""
    return Result(UNVERIFIABLE)


VALIDATORS: dict[str, Callable[..., Result]] = {
    "gb11643": gb11643,
    "resident_id": gb11643,
    "gb11643_legacy": gb11643_legacy,
    "gb32100": gb32100,
    "uscc": gb32100,
    "uscc_or_id": uscc_or_id,
    "luhn": luhn,
    "bank_card": luhn,
    "mobile": mobile,
    "fixed_line": fixed_line,
    "passport": passport,
    "hk_macao_permit": hk_macao_permit,
    "taiwan_permit": taiwan_permit,
    "home_return_permit": home_return_permit,
    "taiwan_compatriot_permit": taiwan_compatriot_permit,
    "travel_document": travel_document,
    "travel_document_any": travel_document_any,
    "license_plate": license_plate,
    "email": email,
    "social_security": social_security,
    "none": none,
}


#: Validators that check structure only and never answer VALID (no check character to compute).
STRUCTURE_ONLY = frozenset(
    ["gb11643_legacy", "fixed_line", "passport", "hk_macao_permit", "taiwan_permit", "home_return_permit",
     "taiwan_compatriot_permit", "travel_document", "travel_document_any", "license_plate", "email", "none"]
)


def get(name: str) -> Callable[..., Result]:
    try:
        return VALIDATORS[name]
    except KeyError:
        raise KeyError(f"unknown validator '{name}' (known: {', '.join(sorted(VALIDATORS))})") from None
