"""Load dictionary packs: a pack.yaml header plus rule files, validated whole or not at all.

Errors name the file and line and carry a stable code, so `govcheck dict validate` and a broken
organisation pack both say exactly what to fix.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml
from pydantic import ValidationError

from govcheck.models import PackInfo
from govcheck.rules.spec import EntrySpec, PackHeader, RuleSpec

try:  # the C loader is ~10x faster when libyaml is present
    _BaseLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader

_CACHE_FORMAT = "pack-cache-1"
BUILTIN_DIR = Path(__file__).resolve().parent / "dictionaries"


class DictionaryError(Exception):
    """A pack that cannot be loaded; str() is `CODE path:line: message`."""

    def __init__(self, code: str, path: str, line: Optional[int], message: str) -> None:
        self.code, self.path, self.line, self.message = code, path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{code} {where}: {message}")


@dataclass
class LoadedRule:
    spec: RuleSpec
    entries: list[EntrySpec]
    file: str
    line: Optional[int]
    base_dir: str


@dataclass
class LoadedPack:
    header: PackHeader
    path: str
    rules: list[LoadedRule] = field(default_factory=list)

    @property
    def info(self) -> PackInfo:
        h = self.header
        return PackInfo(
            name=h.name, version=h.version, date=h.date, prefixes=list(h.prefixes), path=self.path, rule_count=len(self.rules)
        )


def builtin_pack_dirs() -> list[Path]:
    """Packs shipped with the package (dictionaries/ is mapped into the wheel as govcheck/dictionaries)."""
    root = BUILTIN_DIR
    if not root.is_dir():  # running from a source checkout without the mapping
        root = Path(__file__).resolve().parent.parent / "dictionaries"
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if (p / "pack.yaml").is_file())


def _line_of(text: str, needle: str) -> Optional[int]:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else None


def _read_yaml(path: Path, parsed: Optional[dict[str, tuple[Any, str]]] = None) -> tuple[Any, str]:
    if parsed is not None and str(path) in parsed:
        return parsed[str(path)]
    try:
        raw = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise DictionaryError("GD001", str(path), None, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise DictionaryError("GD002", str(path), None, f"cannot read: {exc.strerror}") from None
    try:
        return yaml.load(raw, Loader=_BaseLoader), raw
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DictionaryError("GD003", str(path), line, f"invalid YAML: {problem}") from None


def _pydantic_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
    return "; ".join(parts)


def read_table(path: Path) -> list[EntrySpec]:
    """TSV: term<TAB>suggestion[|suggestion…]<TAB>note. '#' starts a comment line."""
    entries: list[EntrySpec] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DictionaryError("GD010", str(path), None, "table file not found") from None
    except UnicodeDecodeError as exc:
        raise DictionaryError("GD001", str(path), None, f"not UTF-8 text ({exc.reason})") from None
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        term = cols[0].strip()
        if not term:
            raise DictionaryError("GD011", str(path), n, "empty term in first column")
        sugg = [s.strip() for s in cols[1].split("|") if s.strip()] if len(cols) > 1 else []
        note = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        if term in sugg:
            raise DictionaryError("GD012", str(path), n, f"term '{term}' is also its own suggestion")
        entries.append(EntrySpec(term=term, suggestions=sugg, note=note, source=note))
    return entries


def load_pack(pack_dir: os.PathLike | str) -> LoadedPack:
    """Load and validate one pack directory; raises DictionaryError on the first problem."""
    pack_dir = Path(pack_dir)
    header_path = pack_dir / "pack.yaml"
    if not header_path.is_file():
        raise DictionaryError("GD020", str(pack_dir), None, "not a dictionary pack (no pack.yaml)")
    data, raw = _read_yaml(header_path)
    try:
        header = PackHeader.model_validate(data or {})
    except ValidationError as exc:
        raise DictionaryError("GD021", str(header_path), 1, f"bad pack header: {_pydantic_message(exc)}") from None
    pack = LoadedPack(header=header, path=str(pack_dir))
    if header.hashed:
        return pack  # hashed packs carry digests, read by the hashed-term engine
    seen: dict[str, str] = {}
    files = [p for p in sorted(pack_dir.rglob("*.yaml")) + sorted(pack_dir.rglob("*.yml")) if p != header_path]
    parsed = _parsed_cache(files)
    for path in files:
        for rule in _load_rule_file(path, header, parsed):
            if rule.spec.rule_id in seen:
                raise DictionaryError(
                    "GD030", rule.file, rule.line, f"duplicate rule_id {rule.spec.rule_id} (first in {seen[rule.spec.rule_id]})"
                )
            seen[rule.spec.rule_id] = f"{rule.file}:{rule.line}"
            pack.rules.append(rule)
    return pack


def _parsed_cache(files: list[Path]) -> dict[str, tuple[Any, str]]:
    """Parsed YAML of a pack's files, from a cache keyed by every file's path, size and mtime.

    Parsing YAML is the slowest part of loading; the cache makes the second process start fast.
    A stale or unreadable cache is ignored; nothing is cached for a file that fails to parse.
    """
    from govcheck.cache import cached

    if not files:
        return {}
    h = hashlib.sha256(_CACHE_FORMAT.encode())
    try:
        for f in files:
            st = f.stat()
            h.update(f"{f}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    except OSError:
        return {}

    def parse_all() -> dict[str, tuple[Any, str]]:
        return {str(f): _read_yaml(f) for f in files}

    try:
        return cached(f"pack-{h.hexdigest()[:24]}", parse_all, codec="pickle", valid=lambda v: isinstance(v, dict))
    except DictionaryError:
        return {}  # the real load reports the error with its line


def _load_rule_file(path: Path, header: PackHeader, parsed: Optional[dict[str, tuple[Any, str]]] = None) -> Iterable[LoadedRule]:
    data, raw = _read_yaml(path, parsed)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise DictionaryError("GD031", str(path), 1, "a rule file is a mapping with a 'rules:' list")
    out = []
    for i, item in enumerate(data["rules"]):
        rid = item.get("rule_id") if isinstance(item, dict) else None
        line = _line_of(raw, f"rule_id: {rid}") if rid else None
        try:
            spec = RuleSpec.model_validate(item)
        except ValidationError as exc:
            label = rid or f"rule #{i + 1}"
            raise DictionaryError("GD032", str(path), line, f"{label}: {_pydantic_message(exc)}") from None
        if not any(spec.rule_id.startswith(p) for p in header.prefixes):
            raise DictionaryError(
                "GD033", str(path), line, f"{spec.rule_id} does not use one of the pack's prefixes {header.prefixes}"
            )
        entries = list(spec.entries)
        for t in spec.table:
            entries.extend(read_table(path.parent / t))
        out.append(LoadedRule(spec=spec, entries=entries, file=str(path), line=line, base_dir=str(path.parent)))
    return out
