"""Optional typo engines (extra ``govcheck[deep]``), chosen with the ``typo_engine`` config key.

    typo_engine = "kenlm:/path/model.arpa"            # or a KenLM binary; character tokens
    typo_engine = "kenlm:/path/zh_CN.lm?unit=word"    # a word model (e.g. Debian libime-data-language-model)
    typo_engine = "kenlm:/path/model.bin?threshold=8"  # margin in nats (default 10.0)
    typo_engine = "kenlm:/path/zh_CN.lm?unit=word&scope=all&threshold=11"  # also judge characters
                                                      # inside dictionary words (机智 -> 机制)
    typo_engine = "macbert:/path/to/macbert4csc-dir"  # a local MacBERT4CSC directory (torch, transformers)

Nothing here is imported unless configured, and nothing is ever downloaded: the model must be a
local file or directory. Every engine returns the same `Candidate` objects as the default path, so
findings look the same whichever engine produced them.

* kenlm: the default near-miss search proposes the candidates (suspect characters, confusable
  replacements that complete a word; with ``scope=all`` every Han character); a KenLM model replaces
  the unigram model as the judge, scoring a window around the character before and after the
  replacement. Measured with Debian's libime-data-language-model zh_CN.lm (word trigram,
  ``unit=word``): see bench/eval_typos.py --engine.
* macbert: the model reads each sentence and proposes a character wherever its top prediction
  differs from the input with probability >= threshold (default 0.7, ``?threshold=``); the
  replacement must be a known confusable of the original (sound or shape) to be reported, which
  keeps the model's rewrites of correct wording out.
"""

from __future__ import annotations

import math
import os
from typing import Optional
from urllib.parse import parse_qs

from govcheck.config import ConfigError
from govcheck.typo.nearmiss import Candidate, NearMissEngine


class EngineError(ConfigError, ValueError):
    """A typo_engine value that cannot be used (bad syntax, missing file, missing extra)."""


def parse_engine(value: str) -> tuple[str, str, dict[str, str]]:
    kind, sep, rest = value.partition(":")
    if not sep or not rest:
        raise EngineError(f'typo_engine "{value}": expected "default", "kenlm:PATH" or "macbert:DIR"')
    path, _, query = rest.partition("?")
    opts = {k: v[-1] for k, v in parse_qs(query).items()}
    return kind.strip().lower(), os.path.expanduser(path), opts


def load_engine(value: str, base: NearMissEngine):
    kind, path, opts = parse_engine(value)
    if kind == "kenlm":
        return KenLMEngine(path, base, **opts)
    if kind == "macbert":
        return MacBertEngine(path, base, **opts)
    raise EngineError(f'typo_engine "{value}": unknown engine "{kind}" (use kenlm or macbert)')


def _missing_extra(what: str) -> EngineError:
    return EngineError(f"{what} is not installed; install the optional engines with: pip install 'govcheck[deep]'")


class KenLMEngine:
    def __init__(
        self,
        path: str,
        base: NearMissEngine,
        unit: str = "char",
        threshold: str | float = 10.0,
        window: str | int = 4,
        scope: str = "suspects",
    ) -> None:
        try:
            import kenlm  # type: ignore[import-not-found]
        except ImportError:
            raise _missing_extra("kenlm") from None
        if not os.path.isfile(path):
            raise EngineError(f"kenlm model not found: {path}")
        if unit not in ("char", "word"):
            raise EngineError(f'kenlm unit must be "char" or "word", got "{unit}"')
        try:
            self.model = kenlm.Model(path)
        except (OSError, RuntimeError) as exc:
            raise EngineError(f"cannot load kenlm model {path}: {exc}") from None
        self.base = base
        self.unit = unit
        self.threshold = float(threshold)
        self.window = int(window)
        if scope not in ("suspects", "all"):
            raise EngineError(f'kenlm scope must be "suspects" or "all", got "{scope}"')
        #: "all" also judges characters inside dictionary words (real-word errors such as 机智/机制).
        self.scope = scope
        self._cache: dict[str, float] = {}

    def _tokens(self, s: str) -> str:
        if self.unit == "char":
            return " ".join(s)
        return " ".join(self.base.lm.segment(s))

    def score(self, s: str) -> float:
        """Natural-log probability of s (without sentence markers)."""
        v = self._cache.get(s)
        if v is None:
            v = self.model.score(self._tokens(s), bos=False, eos=False) * math.log(10)
            if len(self._cache) > 50000:
                self._cache.clear()
            self._cache[s] = v
        return v

    def detect(self, text: str) -> list[Candidate]:
        base = self.base
        found: list[Candidate] = []
        n = len(text)
        w = self.window
        if self.scope == "all":
            from govcheck.typo.nearmiss import FUNCTION_CHARS

            positions = [i for i, ch in enumerate(text) if "\u4e00" <= ch <= "\u9fff" and ch not in FUNCTION_CHARS]
        else:
            positions = base.suspects(text)
        for i in positions:
            a = i
            while a > 0 and i - a < w and "\u4e00" <= text[a - 1] <= "\u9fff":
                a -= 1
            b = i + 1
            while b < n and b - i <= w and "\u4e00" <= text[b] <= "\u9fff":
                b += 1
            run, k = text[a:b], i - a
            cands = base.candidates(run, k)
            if not cands:
                continue
            orig = self.score(run)
            best: Optional[Candidate] = None
            sound = base.sound(run[k])
            for ch in cands:
                alt = run[:k] + ch + run[k + 1 :]
                margin = self.score(alt) - orig
                if best is None or margin > best.margin:
                    best = Candidate(i, run[k], ch, margin, "sound" if ch in sound else "shape", _word(alt, k, base))
            if best is not None and best.margin >= self.threshold:
                found.append(best)
        return found


def _word(s: str, k: int, base: NearMissEngine) -> str:
    from govcheck.typo.nearmiss import _word_around

    return _word_around(s, k, base.freq)


class MacBertEngine:
    def __init__(self, path: str, base: NearMissEngine, threshold: str | float = 0.7, confusable_only: str = "1", max_len: str | int = 126) -> None:
        if not os.path.isdir(path):
            raise EngineError(f"macbert model directory not found: {path}")
        try:
            import torch  # type: ignore[import-not-found]
            from transformers import AutoTokenizer, BertForMaskedLM  # type: ignore[import-not-found]
        except ImportError:
            raise _missing_extra("torch/transformers") from None
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            self.model = BertForMaskedLM.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError) as exc:
            raise EngineError(f"cannot load macbert model from {path}: {exc}") from None
        self.model.eval()
        self.torch = torch
        self.base = base
        self.threshold = float(threshold)
        self.confusable_only = str(confusable_only) not in ("0", "false", "no")
        self.max_len = int(max_len)

    def _chunks(self, text: str):
        """(offset, piece) pieces of at most max_len characters, cut after sentence punctuation."""
        start = 0
        n = len(text)
        while start < n:
            end = min(n, start + self.max_len)
            if end < n:
                cut = max(text.rfind(p, start, end) for p in "。！？；\n")
                if cut > start:
                    end = cut + 1
            yield start, text[start:end]
            start = end

    def detect(self, text: str) -> list[Candidate]:
        torch = self.torch
        found: list[Candidate] = []
        for off, piece in self._chunks(text):
            chars = list(piece)
            if not any("\u4e00" <= c <= "\u9fff" for c in chars):
                continue
            enc = self.tokenizer(chars, is_split_into_words=True, return_tensors="pt", truncation=True, max_length=self.max_len + 2)
            with torch.no_grad():
                logits = self.model(**{k: v for k, v in enc.items() if k in ("input_ids", "attention_mask", "token_type_ids")}).logits[0]
            probs = torch.softmax(logits, dim=-1)
            top_p, top_id = probs.max(dim=-1)
            seen: set[int] = set()
            for tok_index, word_id in enumerate(enc.word_ids(0)):
                if word_id is None or word_id in seen:
                    continue
                seen.add(word_id)
                orig = chars[word_id]
                if not ("\u4e00" <= orig <= "\u9fff"):
                    continue
                pred = self.tokenizer.convert_ids_to_tokens(int(top_id[tok_index]))
                p = float(top_p[tok_index])
                if not pred or len(pred) != 1 or pred == orig or not ("\u4e00" <= pred <= "\u9fff") or p < self.threshold:
                    continue
                sound = self.base.sound(orig)
                if self.confusable_only and pred not in sound and pred not in self.base.shape(orig):
                    continue
                pos = off + word_id
                a = max(0, pos - 3)
                alt = text[a:pos] + pred + text[pos + 1 : pos + 4]
                how = "sound" if pred in sound else ("shape" if pred in self.base.shape(orig) else "model")
                found.append(Candidate(pos, orig, pred, 20.0 * p, how, _word(alt, pos - a, self.base)))
        return found

