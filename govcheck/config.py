"""Configuration: govcheck.toml or [tool.govcheck] in pyproject.toml, or a Config built in code.

    # govcheck.toml
    select = ["POL", "TYP", "SEC001"]   # codes or prefixes; empty = all enabled rules
    ignore = ["TYP2"]                   # codes or prefixes, wins over select
    min_severity = "warning"            # drop findings below this
    packs = ["./our-dictionaries"]      # extra pack directories (relative to this file)
    allowlist = ["李强村"]               # terms never reported; or allowlist_file = "allow.txt"
    doc_date = 2024-07-01               # judge every document as of this date
    typo_engine = "default"             # or "kenlm:/path/model.arpa", "macbert:/path/dir"
    typo_threshold = 0.0                # minimum typo confidence
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from govcheck.models import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used; str() names the file and the problem."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    min_severity: Severity = "info"
    packs: tuple[str, ...] = ()
    #: Load the packs shipped with govcheck (turn off to run an organisation's packs alone).
    builtin_packs: bool = True
    allowlist: tuple[str, ...] = ()
    allowlist_file: Optional[str] = None
    doc_date: Optional[_dt.date] = None
    #: Read the document's own date from its 成文日期/落款 when no doc_date is given.
    detect_doc_date: bool = True
    typo_engine: str = "default"
    typo_threshold: float = Field(default=0.0, ge=0.0, le=1.0)
    #: Free options for individual rules, keyed by rule id (e.g. {"PII001": {"mask": "6+4"}}).
    rule_options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    #: Where the file came from (for messages); not a user setting.
    origin: Optional[str] = None

    @field_validator("select", "ignore", "packs", "allowlist", mode="before")
    @classmethod
    def _tuple(cls, value: Any) -> Any:
        if isinstance(value, str):
            return (value,)
        return tuple(value or ())

    def selects(self, rule_id: str) -> bool:
        """ruff-style selection: the longest matching prefix of select/ignore decides."""
        best_sel = max((len(p) for p in self.select if rule_id.startswith(p)), default=-1 if self.select else 0)
        best_ign = max((len(p) for p in self.ignore if rule_id.startswith(p)), default=-1)
        if best_sel < 0:
            return False
        return best_ign < 0 or best_sel > best_ign

    def all_allowlisted_terms(self) -> tuple[str, ...]:
        terms = list(self.allowlist)
        if self.allowlist_file:
            path = Path(self.allowlist_file)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except OSError as exc:
                raise ConfigError(f"{path}: cannot read allowlist file ({exc.strerror})") from None
            terms.extend(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))
        return tuple(t for t in terms if t)

    # -- loading ---------------------------------------------------------------------------------
    @classmethod
    def from_file(cls, path: os.PathLike | str) -> "Config":
        path = Path(path)
        try:
            import tomllib  # type: ignore[import-not-found]
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("govcheck", {})
        return cls.from_mapping(data, base=path.parent, origin=str(path))

    @classmethod
    def from_mapping(cls, data: dict[str, Any], base: Optional[Path] = None, origin: Optional[str] = None) -> "Config":
        data = dict(data)
        base = base or Path.cwd()
        if "packs" in data:
            packs = data["packs"] if isinstance(data["packs"], list) else [data["packs"]]
            data["packs"] = [str((base / p).resolve()) for p in packs]
        if data.get("allowlist_file"):
            data["allowlist_file"] = str((base / data["allowlist_file"]).resolve())
        try:
            return cls(origin=origin, **data)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:3])
            raise ConfigError(f"{origin or 'config'}: {problems}") from None

    @classmethod
    def discover(cls, start: Optional[os.PathLike | str] = None) -> "Config":
        """The nearest govcheck.toml, or pyproject.toml with [tool.govcheck], from start upwards."""
        here = Path(start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            candidate = folder / "govcheck.toml"
            if candidate.is_file():
                return cls.from_file(candidate)
            pyproject = folder / "pyproject.toml"
            if pyproject.is_file() and "[tool.govcheck]" in pyproject.read_text(encoding="utf-8", errors="replace"):
                return cls.from_file(pyproject)
        return cls()
