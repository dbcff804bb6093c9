"""The public data contract: findings, reports and rule descriptions.

Other tools and our measurements depend on these field names; add fields, never rename.
All offsets are Python code points into the exact input string, end exclusive.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

Category = Literal["political", "typo", "secrecy", "privacy", "format", "punctuation", "number"]
Severity = Literal["blocker", "serious", "warning", "info"]
FixSafety = Literal["safe", "unsafe", "none"]

CATEGORIES: tuple[str, ...] = ("political", "typo", "secrecy", "privacy", "format", "punctuation", "number")
SEVERITIES: tuple[str, ...] = ("blocker", "serious", "warning", "info")
#: Lower rank = more severe.
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}
#: Chinese names of the categories, for reports an editor reads.
CATEGORY_NAMES = {
    "political": "政治表述",
    "typo": "错别字",
    "secrecy": "涉密内容",
    "privacy": "个人信息",
    "format": "公文格式",
    "punctuation": "标点符号",
    "number": "数字用法",
}
CODE_PREFIX_BY_CATEGORY: dict[str, str] = {
    "political": "POL",
    "typo": "TYP",
    "secrecy": "SEC",
    "privacy": "PII",
    "format": "FMT",
    "punctuation": "PUN",
    "number": "NUM",
}


class Finding(BaseModel):
    """One problem at one exact span of the input."""

    model_config = ConfigDict(frozen=True)

    rule_id: str = Field(description="Stable code, e.g. POL001; never reused for another rule.")
    category: Category
    severity: Severity
    start: int = Field(description="Code-point offset of the first character, into the exact input.")
    end: int = Field(description="Code-point offset one past the last character (exclusive).")
    text: str = Field(description="input[start:end]")
    message: str = Field(description="One Chinese sentence: what is wrong and why.")
    suggestions: list[str] = Field(default_factory=list, description="Replacements for text, best first.")
    source: str = Field(description="Dictionary pack and version, then the rule's citation.")
    line: int = Field(description="1-based line of start.")
    column: int = Field(description="1-based column (code points) of start.")
    fix: FixSafety = Field(default="unsafe", description="Whether the first suggestion may be applied unattended.")
    title: str = ""
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    location: Optional[dict[str, Any]] = Field(
        default=None, description="Where the span sits in a source document (page, paragraph, HTML offset)."
    )


class PackInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    version: str
    date: Optional[_dt.date] = None
    prefixes: list[str] = Field(default_factory=list)
    path: str = ""
    rule_count: int = 0


class Report(BaseModel):
    """Everything one check produced, findings sorted by position."""

    findings: list[Finding] = Field(default_factory=list)
    counts_by_category: dict[str, int] = Field(default_factory=dict)
    counts_by_severity: dict[str, int] = Field(default_factory=dict)
    blocked: bool = Field(default=False, description="True when any finding is a blocker.")
    packs: list[PackInfo] = Field(default_factory=list)
    doc_date: _dt.date
    doc_date_source: str = Field(default="today", description="argument, config, document (成文日期/落款) or today.")
    text_length: int = 0
    elapsed_ms: float = 0.0

    @classmethod
    def build(cls, findings: list[Finding], **kwargs: Any) -> "Report":
        ordered = sorted(findings, key=lambda f: (f.start, f.end, SEVERITY_RANK[f.severity], f.rule_id))
        by_cat = {c: 0 for c in CATEGORIES}
        by_sev = {s: 0 for s in SEVERITIES}
        for f in ordered:
            by_cat[f.category] += 1
            by_sev[f.severity] += 1
        return cls(
            findings=ordered,
            counts_by_category=by_cat,
            counts_by_severity=by_sev,
            blocked=by_sev["blocker"] > 0,
            **kwargs,
        )


class Example(BaseModel):
    """A rule's own example sentence; every one runs as a test."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    doc_date: Optional[_dt.date] = None
    #: For bad examples: the exact span text the finding must cover (optional).
    span: Optional[str] = None
    #: For bad examples: the first suggestion expected (optional).
    suggestion: Optional[str] = None


class RuleInfo(BaseModel):
    """What `govcheck rules` lists and `govcheck explain` prints."""

    model_config = ConfigDict(frozen=True)

    rule_id: str
    title: str
    kind: str
    category: Category
    severity: Severity
    fix: FixSafety
    source: str
    pack: str
    pack_version: str
    description: str = ""
    valid_from: Optional[_dt.date] = None
    valid_until: Optional[_dt.date] = None
    bad: list[Example] = Field(default_factory=list)
    good: list[Example] = Field(default_factory=list)
    entry_count: int = 0
    file: str = ""
