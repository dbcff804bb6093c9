"""TYP001–TYP003: confusion tables (wrong → right) matched by the shared automaton.

Same matching as the `substitution` kind, with one difference: the wrong forms are *not* taught to
the tokenizer as user words. A misspelling such as 政办 must not become a jieba token, or the
`boundary: token` check would accept it inside 皖政办秘; left unknown, a wrong form only passes that
check where it does not cut through real words.
"""

from __future__ import annotations

from typing import Iterable

from govcheck.rules.kinds.terms import TermRule


class TypoTable(TermRule):
    def user_words(self) -> Iterable[str]:
        return ()
