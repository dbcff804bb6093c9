"""Mask personal information in the conventional 公示 style.

    >>> masked, findings = govcheck.redact("联系人王某，电话13812345678。")
    >>> masked
    '联系人王某，电话138****5678。'

Each privacy finding is masked by its rule's style (`data.mask` in the rule, overridable per call
or per rule in config `rule_options = {PII003 = {mask = "3+4"}}`):

* ``"K+T"`` keep the first K and the last T characters that are letters or digits
  (ID 6+4 → 110105********1239, mobile 3+4 → 138****5678, bank card 0+4);
* ``"keep-area+2"`` keep a fixed-line area code and the last 2 digits;
* ``"email"`` keep the first character of the local part and the domain;
* ``"plate"`` keep the province and authority letter and the last character;
* ``"addr"`` keep an address down to its last 市/区/县/镇/乡/街道 and hide the rest;
* ``"none"`` never mask (organisation codes are not personal information).

Separators (spaces, hyphens) are kept and masking never changes the length, so every finding's
offsets stay valid in the masked text.
"""

from __future__ import annotations

import datetime as _dt
from typing import Mapping, Optional

from govcheck.models import SEVERITY_RANK, Finding

#: Default mask style by rule, used when a rule declares none.
DEFAULT_STYLE = "3+2"


def _keep_mask(s: str, keep_first: int, keep_last: int, char: str) -> str:
    positions = [i for i, c in enumerate(s) if c.isalnum()]
    n = len(positions)
    if keep_first + keep_last >= n:  # too short to keep that much: hide everything but the last
        keep_first, keep_last = 0, min(keep_last, max(0, n // 4))
    hide = set(positions[keep_first : n - keep_last if keep_last else n])
    return "".join(char if i in hide else c for i, c in enumerate(s))


def mask_value(value: str, style: str, char: str = "*") -> str:
    """Mask one value in the given style (same length as the input)."""
    style = (style or DEFAULT_STYLE).strip()
    if style == "none":
        return value
    if style == "email":
        local, at, domain = value.rpartition("@")
        if not at:
            return _keep_mask(value, 1, 0, char)
        return local[:1] + char * (len(local) - 1) + at + domain
    if style == "plate":
        return _keep_mask(value, 2, 1, char)
    if style == "addr":  # keep down to the last 省/市/区/县/镇/乡/街道, hide the rest
        import re

        cut = 0
        for m in re.finditer(r"(?:街道|[省市区县镇乡])", value):
            if m.end() < len(value):
                cut = m.end()
        return value[:cut] + "".join(c if c in " -" else char for c in value[cut:])
    if style.startswith("keep-area"):
        tail = int(style.partition("+")[2] or 2)
        digits = [i for i, c in enumerate(value) if c.isdigit()]
        area = 3 if len(digits) > 1 and value[digits[1]] in "12" else 4
        return _keep_mask(value, area, tail, char)
    if style.startswith("keep-"):
        style = style[5:]
    first, _, last = style.partition("+")
    try:
        return _keep_mask(value, int(first or 0), int(last or 0), char)
    except ValueError:
        raise ValueError(f"unknown mask style {style!r} (use K+T, keep-area+T, email, plate or none)") from None


def redact(
    text: str,
    *,
    doc_date: Optional[_dt.date] = None,
    config=None,
    styles: Optional[Mapping[str, str]] = None,
    mask_char: str = "*",
    min_severity: str = "info",
    include_invalid: bool = True,
) -> tuple[str, list[Finding]]:
    """Return (masked text, the privacy findings that were masked).

    styles: rule id → mask style, overriding the rules' own. min_severity: leave findings below it
    unmasked. include_invalid: also mask numbers reported only as likely typos (info level).
    """
    if not isinstance(text, str):
        raise TypeError(f"govcheck.redact expects str, got {type(text).__name__}")
    if not mask_char or len(mask_char) != 1:
        raise ValueError("mask_char must be one character")
    import govcheck

    if config is None:
        checker = govcheck.default_checker()
    else:
        checker = govcheck._checker_for(config)
    report = checker.check(text, doc_date=doc_date)
    options = getattr(checker.config, "rule_options", {}) or {}
    limit = SEVERITY_RANK[min_severity]
    chosen: list[Finding] = []
    for f in report.findings:
        if f.category != "privacy" or SEVERITY_RANK[f.severity] > limit:
            continue
        if not include_invalid and f.severity == "info":
            continue
        chosen.append(f)
    out = list(text)
    masked: list[Finding] = []
    for f in chosen:
        rule = checker.rule(f.rule_id)
        style = None
        if styles and f.rule_id in styles:
            style = styles[f.rule_id]
        elif f.rule_id in options and "mask" in options[f.rule_id]:
            style = options[f.rule_id]["mask"]
        elif rule is not None:
            style = rule.spec.data.get("mask")
        if style == "none":
            continue
        new = mask_value(f.text, style or DEFAULT_STYLE, mask_char)
        out[f.start : f.end] = list(new)
        masked.append(f)
    return "".join(out), masked
