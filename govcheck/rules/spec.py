"""Pydantic schema of the dictionary files: one `RuleSpec` per rule in a pack's YAML.

Validation lives here so that a broken pack fails at load time with file:line, never at check time.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from govcheck.models import Category, Example, FixSafety, Severity

RULE_ID_PATTERN = r"^[A-Z][A-Z0-9]{1,5}\d{3}$"

#: The closed set of rule kinds. Each has one engine module in govcheck/rules/kinds/.
RuleKind = Literal["existence", "substitution", "pattern", "formula", "sequence", "recognizer", "near_miss", "code"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ContextSpec(_Strict):
    """Conditions on the text around a hit, expressed as data.

    A hit is kept only when every stated condition holds. `window` is counted in characters on each
    side of the hit; when it is None the window is the hit's sentence.
    """

    window: Optional[int] = None
    #: At least one of these must occur in the window.
    require_any: list[str] = Field(default_factory=list)
    #: None of these may occur in the window.
    forbid_any: list[str] = Field(default_factory=list)
    #: The hit must not directly follow / precede one of these strings.
    not_preceded_by: list[str] = Field(default_factory=list)
    not_followed_by: list[str] = Field(default_factory=list)
    #: Only when directly preceded / followed by one of these (empty: no condition).
    preceded_by: list[str] = Field(default_factory=list)
    followed_by: list[str] = Field(default_factory=list)
    #: Skip hits inside quotation marks (“…”, ‘…’, "…", 「…」) or book-title marks (《…》).
    skip_quoted: bool = False
    skip_book_title: bool = False
    #: Skip when the sentence names a year before this one and no year at or after it (historical account).
    historical_before_year: Optional[int] = None
    #: Skip when the sentence contains one of these (e.g. 原, 时任, 曾任, 当时, 解放前).
    historical_words: list[str] = Field(default_factory=list)
    #: Skip when the sentence explains usage (e.g. 不能称, 应称, 而非): the wrong form is cited, not used.
    explanatory_words: list[str] = Field(default_factory=list)


class EntrySpec(_Strict):
    """One dictionary term of a rule; fields left empty inherit from the rule."""

    term: str = Field(min_length=1)
    suggestions: list[str] = Field(default_factory=list)
    message: Optional[str] = None
    severity: Optional[Severity] = None
    fix: Optional[FixSafety] = None
    source: Optional[str] = None
    note: Optional[str] = None
    valid_from: Optional[_dt.date] = None
    valid_until: Optional[_dt.date] = None
    context: Optional[ContextSpec] = None
    boundary: Optional[Literal["none", "token"]] = None
    #: Free per-entry data for code and formula kinds.
    data: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        """Accept `{wrong: X, right: Y}` and `{wrong: X, right: [Y, Z]}` as well as term/suggestions."""
        if isinstance(value, str):
            return {"term": value}
        if isinstance(value, dict) and "wrong" in value:
            value = dict(value)
            value["term"] = value.pop("wrong")
            right = value.pop("right", [])
            value["suggestions"] = [right] if isinstance(right, str) else list(right)
        return value


class PatternSpec(_Strict):
    """A regular expression (the `regex` module) with its own optional overrides."""

    regex: str = Field(min_length=1)
    #: Replacement template using \\1 or \\g<name>; empty means no suggestion.
    suggestion: Optional[str] = None
    message: Optional[str] = None
    severity: Optional[Severity] = None
    fix: Optional[FixSafety] = None
    #: Name of the group whose span is the finding (default: the whole match).
    group: Optional[Union[int, str]] = None
    #: Run on the original text instead of the normalised view (punctuation and width rules).
    original: bool = False
    flags: list[Literal["IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE"]] = Field(default_factory=list)


class Examples(_Strict):
    bad: list[Example] = Field(default_factory=list)
    good: list[Example] = Field(default_factory=list)

    @field_validator("bad", "good", mode="before")
    @classmethod
    def _strings(cls, value: Any) -> Any:
        return [{"text": v} if isinstance(v, str) else v for v in (value or [])]


class RuleSpec(_Strict):
    """A rule as written in a pack file."""

    rule_id: str = Field(pattern=RULE_ID_PATTERN)
    kind: RuleKind
    title: str = Field(min_length=1)
    category: Category
    severity: Severity
    message: str = Field(min_length=1, description="Chinese template: {match} {suggestion} {suggestions} + hit fields.")
    source: str = Field(min_length=1, description="Citation: standard and clause, document, or URL.")
    description: str = ""
    boundary: Literal["none", "token"] = "none"
    fix: FixSafety = "unsafe"
    valid_from: Optional[_dt.date] = None
    valid_until: Optional[_dt.date] = None
    context: Optional[ContextSpec] = None
    entries: list[EntrySpec] = Field(default_factory=list)
    #: TSV files (relative to the YAML file): term<TAB>suggestion|suggestion<TAB>note.
    table: list[str] = Field(default_factory=list)
    patterns: list[PatternSpec] = Field(default_factory=list)
    validator: Optional[str] = None
    #: For kind `code`: "module:Class" under govcheck.rules.builtin (or a full dotted module path).
    impl: Optional[str] = None
    data: dict[str, Any] = Field(default_factory=dict)
    examples: Examples = Field(default_factory=Examples)
    #: Default on; an organisation can ship rules that are off until selected.
    enabled: bool = True
    #: `line`: several findings of this rule on one line become one finding spanning them, whose
    #: suggestion applies every fix (systematic problems such as half-width punctuation in a web copy).
    merge: Optional[Literal["line"]] = None
    #: Message of a merged finding: {count} and the usual fields.
    merge_message: Optional[str] = None

    @field_validator("table", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _kind_needs(self) -> "RuleSpec":
        if self.kind == "code" and not self.impl:
            raise ValueError("kind 'code' needs 'impl: module:Class'")
        if self.kind in ("pattern", "recognizer") and not self.patterns:
            raise ValueError(f"kind '{self.kind}' needs at least one entry in 'patterns'")
        if self.kind == "recognizer" and not self.validator:
            raise ValueError("kind 'recognizer' needs 'validator'")
        if self.kind in ("existence", "substitution") and not (self.entries or self.table):
            raise ValueError(f"kind '{self.kind}' needs 'entries' or 'table'")
        if self.valid_from and self.valid_until and self.valid_from >= self.valid_until:
            raise ValueError("valid_from must be before valid_until")
        return self


class PackHeader(_Strict):
    """dictionaries/<pack>/pack.yaml"""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    version: str = Field(min_length=1)
    date: Optional[_dt.date] = None
    prefixes: list[str] = Field(min_length=1)
    description: str = ""
    #: Lower loads first; organisation packs default after core.
    priority: int = 100
    #: Salted-hash packs (see `govcheck dict hash`).
    hashed: Optional[dict[str, Any]] = None
