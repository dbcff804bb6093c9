"""near_miss: a protected term written with one similar-sounding or similar-looking character.

Each entry's `term` is the *correct* form (习近平, 中华人民共和国). At load time every one-character
variant built from the confusion tables joins the shared automaton, so matching costs nothing extra
per check. Variants listed in the entry's `data.exclude` (or the rule's) are real words, not errors.
Options (rule `data`): `sound_only: true` restricts to same-pinyin characters; `skip_positions`
(list of indexes) leaves those characters alone.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

from govcheck.normalize import fold_term
from govcheck.rules.base import CheckContext, Hit, Rule


class NearMissRule(Rule):
    def prepare(self) -> None:
        from govcheck.confusables import similar, similar_sound

        sound_only = bool(self.spec.data.get("sound_only", False))
        rule_exclude = set(self.spec.data.get("exclude", []))
        protected = {fold_term(e.term) for e in self.entries}
        variants: dict[str, list[Any]] = {}
        for entry in self.entries:
            term = fold_term(entry.term)
            exclude = rule_exclude | set(entry.data.get("exclude", []))
            skip = set(entry.data.get("skip_positions", self.spec.data.get("skip_positions", [])))
            for i, ch in enumerate(term):
                if i in skip:
                    continue
                pool = similar_sound(ch) if sound_only else similar(ch)
                for alt in pool:
                    variant = term[:i] + alt + term[i + 1 :]
                    if variant in protected or variant in exclude:
                        continue
                    variants.setdefault(variant, []).append((entry, term, i))
        self._variants = variants

    def terms(self) -> Iterable[tuple[str, Any]]:
        for variant, targets in self._variants.items():
            yield variant, targets

    def user_words(self) -> Iterable[str]:
        return [fold_term(e.term) for e in self.entries]

    def on_term(self, ctx: CheckContext, start: int, end: int, payload: Any) -> Iterator[Hit]:
        entry, correct, pos = payload[0]
        hit = Hit.from_entry(start, end, entry, expected=correct, wrong_char=ctx.text[start + pos], right_char=correct[pos])
        hit.suggestions = [correct]
        yield hit
