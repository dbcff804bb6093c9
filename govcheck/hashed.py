"""Organisation secret-term packs distributed as salted hashes.

An organisation's own list of sensitive terms (project code names, unpublished figures) is itself
sensitive, so `govcheck dict hash LIST -o PACK` turns it into a pack that holds no term in clear:

    PACK/pack.yaml      name, version, prefixes and a `hashed:` mapping (below)
    PACK/terms.hashed   one line per term: <signature> TAB <digest> [TAB <severity>]

```yaml
hashed:
  format: 1
  algorithm: hmac-sha256        # digest = HMAC-SHA256(salt, term as UTF-8), first 32 hex digits
  salt: 3f9a…                   # 32 random bytes, hex; new for every pack
  buckets: 64                   # each character falls into one of 64 keyed buckets (by its low byte)
  terms: terms.hashed
  rule_id: ACM001               # uses the pack's own prefix
  title: 本单位涉密词
  category: secrecy
  severity: blocker
  message: "…{match}…"
  source: "本单位保密工作办公室定密清单"
```

Matching stays cheap: the low byte of each character (UTF-16) is mapped through a keyed
256-entry bucket table (built from the salt at load; slicing and `bytes.translate` run in C), the
result is searched with one Aho-Corasick automaton for the terms' bucket *signatures* (one symbol
per character), and only the few candidate spans are hashed and compared.

What this protects: nobody reading the pack sees a term. What it does not: anyone with the pack
can test guesses (the salt must ship with it), and each term's signature narrows each character to
about 1/`buckets` of the alphabet (6 bits of a character with the default 64). Use it to keep
lists out of sight, not as encryption; terms that are ordinary words can be guessed from a
dictionary.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from pathlib import Path
from typing import Any, Iterable, Optional

from govcheck.models import PackInfo
from govcheck.normalize import fold_term
from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.rules.spec import RuleSpec

FORMAT = 1
#: Buckets: 64 reveals 6 bits of each character's low byte and keeps false candidates rare enough
#: that matching costs about as much as a plain list.
DEFAULT_BUCKETS = 64
DIGEST_HEX = 32
_BMP = 0x10000
_SIG_BASE = 0x30  # bucket b is written as chr(0x30 + b): 0, 1, … (64 printable ASCII symbols)
TERMS_FILE = "terms.hashed"


def _bucket_table(salt: bytes, buckets: int) -> bytes:
    """A keyed map byte → bucket symbol, derived from the salt; applied to each character's low byte."""
    stream = hashlib.shake_256(b"govcheck-buckets\x00" + salt).digest(256)
    return bytes(_SIG_BASE + (b % buckets) for b in stream)


def _low_bytes(text: str) -> bytes:
    """The low byte of each character's UTF-16 code unit (one byte per character)."""
    raw = text.encode("utf-16-le")
    if len(raw) != 2 * len(text):  # characters beyond the BMP take 4 bytes: keep offsets aligned
        raw = "".join(c if c <= "\uffff" else "\ufffd" for c in text).encode("utf-16-le")
    return raw[0::2]


def _digest(salt: bytes, term: str) -> str:
    return hmac.new(salt, term.encode("utf-8"), hashlib.sha256).hexdigest()[:DIGEST_HEX]


def _signature(table: bytes, term: str) -> str:
    """One bucket symbol per character: its low byte through the keyed table."""
    return _low_bytes(term).translate(table).decode("ascii")


def _error(code: str, path: str, line: Optional[int], message: str):
    from govcheck.packs import DictionaryError

    return DictionaryError(code, path, line, message)


class HashedTermsRule(Rule):
    """One rule for a whole hashed pack; entries carry only (signature, digest, severity)."""

    def __init__(self, spec: RuleSpec, pack: PackInfo, base_dir: str, salt: bytes, buckets: int, rows: list[tuple[str, str, Optional[str]]]) -> None:
        self._salt = salt
        self._buckets = buckets
        self._rows = rows
        super().__init__(spec, pack, base_dir, [])

    def prepare(self) -> None:
        self._table = _bucket_table(self._salt, self._buckets)
        by_sig: dict[str, dict[str, Optional[str]]] = {}
        for sig, digest, severity in self._rows:
            by_sig.setdefault(sig, {})[digest] = severity
        self._sigs = list(by_sig)
        self._digests = [by_sig[s] for s in self._sigs]
        self._automaton = None
        self._mac = hmac.new(self._salt, digestmod=hashlib.sha256)
        if self._sigs:
            import ahocorasick_rs

            self._automaton = ahocorasick_rs.BytesAhoCorasick(
                [sig.encode("ascii") for sig in self._sigs], implementation=ahocorasick_rs.Implementation.DFA
            )

    @property
    def term_count(self) -> int:
        return len(self._rows)

    def user_words(self) -> Iterable[str]:
        return ()

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        if self._automaton is None or not ctx.text:
            return
        text = ctx.text
        sigbytes = _low_bytes(text).translate(self._table)
        mac = self._mac
        for idx, s, e in self._automaton.find_matches_as_indexes(sigbytes, overlapping=True):
            m = mac.copy()
            m.update(text[s:e].encode("utf-8"))
            d = m.hexdigest()[:DIGEST_HEX]
            digests = self._digests[idx]
            if d in digests:
                yield Hit(start=s, end=e, severity=digests[d])

    def info(self, file: str = ""):
        i = super().info(file)
        return i.model_copy(update={"entry_count": len(self._rows)})


def hashed_pack_rule(pack) -> Rule:
    """Build the rule of a pack whose pack.yaml has a `hashed:` mapping (called by the engine)."""
    header = pack.header
    conf: dict[str, Any] = dict(header.hashed or {})
    where = str(Path(pack.path) / "pack.yaml")
    if int(conf.get("format", FORMAT)) != FORMAT:
        raise _error("GD021", where, None, f"hashed.format {conf.get('format')} is not supported (expected {FORMAT})")
    if conf.get("algorithm", "hmac-sha256") != "hmac-sha256":
        raise _error("GD021", where, None, "hashed.algorithm must be hmac-sha256")
    try:
        salt = bytes.fromhex(str(conf["salt"]))
    except (KeyError, ValueError):
        raise _error("GD021", where, None, "hashed.salt must be a hex string") from None
    if len(salt) < 16:
        raise _error("GD021", where, None, "hashed.salt must be at least 16 bytes")
    buckets = int(conf.get("buckets", DEFAULT_BUCKETS))
    if not 2 <= buckets <= 64:
        raise _error("GD021", where, None, "hashed.buckets must be between 2 and 64")
    rule_id = str(conf.get("rule_id") or f"{header.prefixes[0]}001")
    if not any(rule_id.startswith(p) for p in header.prefixes):
        raise _error("GD033", where, None, f"{rule_id} does not use one of the pack's prefixes {header.prefixes}")
    from pydantic import ValidationError

    try:
        spec = RuleSpec(
            rule_id=rule_id,
            kind="code",
            impl="govcheck.hashed:HashedTermsRule",
            title=str(conf.get("title", "本单位涉密词")),
            category=conf.get("category", "secrecy"),
            severity=conf.get("severity", "blocker"),
            message=str(conf.get("message", "“{match}”在本单位涉密词清单中，不得公开发布；请删除或经保密审查。")),
            source=str(conf.get("source", f"{header.name} 涉密词清单（加盐散列）")),
            description=str(conf.get("description", "组织自定的涉密词，以加盐散列分发，清单本身不含明文。")),
            fix="none",
        )
    except ValidationError as exc:
        raise _error("GD021", where, None, f"bad hashed rule settings: {exc.errors()[0].get('msg')}") from None
    terms_path = Path(pack.path) / str(conf.get("terms", TERMS_FILE))
    rows = read_hashed_terms(terms_path, buckets)
    info = pack.info.model_copy(update={"rule_count": 1})
    return HashedTermsRule(spec, info, str(pack.path), salt, buckets, rows)


def read_hashed_terms(path: Path, buckets: int) -> list[tuple[str, str, Optional[str]]]:
    from govcheck.models import SEVERITIES

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise _error("GD010", str(path), None, "hashed terms file not found") from None
    except UnicodeDecodeError as exc:
        raise _error("GD001", str(path), None, f"not UTF-8 text ({exc.reason})") from None
    rows = []
    top = chr(_SIG_BASE + buckets - 1)
    base = chr(_SIG_BASE)
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2:
            raise _error("GD011", str(path), n, "expected <signature> TAB <digest> [TAB <severity>]")
        sig, digest = cols[0].strip(), cols[1].strip().lower()
        if not sig or any(not (base <= c <= top) for c in sig):
            raise _error("GD011", str(path), n, "bad signature")
        if len(digest) != DIGEST_HEX or any(c not in "0123456789abcdef" for c in digest):
            raise _error("GD011", str(path), n, "bad digest")
        severity = cols[2].strip() if len(cols) > 2 and cols[2].strip() else None
        if severity is not None and severity not in SEVERITIES:
            raise _error("GD011", str(path), n, f"unknown severity '{severity}'")
        rows.append((sig, digest, severity))
    return rows


def read_plain_terms(path: Path) -> list[tuple[str, Optional[str]]]:
    """A plain list: one term per line, optionally TAB severity; '#' comments."""
    from govcheck.models import SEVERITIES

    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise _error("GD010", str(path), None, "term list not found") from None
    except OSError as exc:
        raise _error("GD002", str(path), None, f"cannot read: {exc.strerror}") from None
    try:
        lines = text.decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise _error("GD001", str(path), None, f"not UTF-8 text ({exc.reason})") from None
    out: list[tuple[str, Optional[str]]] = []
    seen = set()
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        term = fold_term(cols[0].strip())
        if len(term) < 2:
            raise _error("GD011", str(path), n, "a term needs at least 2 characters")
        if any(c > "\uffff" for c in term):
            raise _error("GD011", str(path), n, "characters outside the Basic Multilingual Plane are not supported")
        severity = cols[1].strip() if len(cols) > 1 and cols[1].strip() else None
        if severity is not None and severity not in SEVERITIES:
            raise _error("GD011", str(path), n, f"unknown severity '{severity}'")
        if term not in seen:
            seen.add(term)
            out.append((term, severity))
    return out


def build_hashed_pack(
    terms: list[tuple[str, Optional[str]]],
    out_dir: os.PathLike | str,
    *,
    name: str,
    prefix: str,
    version: str = "1",
    rule_id: Optional[str] = None,
    severity: str = "blocker",
    category: str = "secrecy",
    title: str = "本单位涉密词",
    source: Optional[str] = None,
    buckets: int = DEFAULT_BUCKETS,
    salt: Optional[bytes] = None,
) -> Path:
    """Write a hashed pack (pack.yaml + terms.hashed) into out_dir, which must not hold a pack yet."""
    import datetime as _dt

    import yaml

    out = Path(out_dir)
    if (out / "pack.yaml").exists() or (out / TERMS_FILE).exists():
        raise FileExistsError(f"{out}: already holds a pack; choose a new folder")
    salt = salt or os.urandom(32)
    table = _bucket_table(salt, buckets)
    rows = []
    for term, sev in terms:
        term = fold_term(term)
        rows.append(f"{_signature(table, term)}\t{_digest(salt, term)}" + (f"\t{sev}" if sev else ""))
    rows.sort()  # file order says nothing about the list's order
    out.mkdir(parents=True, exist_ok=True)
    header = {
        "name": name,
        "version": version,
        "date": _dt.date.today().isoformat(),
        "prefixes": [prefix],
        "priority": 100,
        "description": "Hashed secret-term pack made by `govcheck dict hash`; holds no term in clear.",
        "hashed": {
            "format": FORMAT,
            "algorithm": "hmac-sha256",
            "salt": salt.hex(),
            "buckets": buckets,
            "terms": TERMS_FILE,
            "rule_id": rule_id or f"{prefix}001",
            "title": title,
            "category": category,
            "severity": severity,
            "source": source or f"{name} 涉密词清单（加盐散列）",
        },
    }
    (out / "pack.yaml").write_text(yaml.safe_dump(header, allow_unicode=True, sort_keys=False), encoding="utf-8")
    (out / TERMS_FILE).write_text(
        f"# govcheck hashed terms, format {FORMAT}: signature<TAB>digest[<TAB>severity]\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return out
