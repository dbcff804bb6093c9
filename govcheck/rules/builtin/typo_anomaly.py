"""Typo anomalies that need a little logic: repeated words, traditional characters, garbled copies.

TYP020 TypoRepeat       结果结果 / 负责负责人 / 的的, but not 研究研究 (verb reduplication),
                        一个一个, 常常 or 的的确确.
TYP030 TypoTraditional  traditional characters in a simplified draft: one finding per paragraph.
TYP031 TypoGarbled      web-copy artefacts such as 發(fā): one finding per paragraph.
TYP032 TypoMojibake     UTF-8 text read as GBK (鎴戝競 for 我市), undone; the replacement character �.
"""

from __future__ import annotations

import re
from typing import Iterable

import regex

from govcheck.rules.base import CheckContext, Hit, Rule
from govcheck.typo.mojibake import LOST, find_garbles

#: The standard library's engine is about four times faster than `regex` on this back-reference.
_REPEAT = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
#: Doubled single characters that are never right, with what may legitimately follow the pair.
_DOUBLE_CHARS = {"的": "确", "在": "", "与": "", "及": "", "并": "", "将": "", "是": "非", "和": "气美睦顺"}
_DOUBLE = regex.compile("(" + "|".join(c + c for c in _DOUBLE_CHARS) + ")")
#: Numbers and measure phrases repeat on purpose (一个一个, 一步一步, 一天天).
_NUMERIC_START = frozenset("一二两三四五六七八九十百千万每几")
_STRONG = 5
#: A Latin acronym right before a repeated word (PPP项目项目经理, EPC项目项目部): the acronym and the
#: first copy are one compound, and the second copy begins the next phrase.
_ACRONYM_END = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}$")
#: Characters that bind to the following word as a scope (上一年度, 本季度, 每月度).
_SCOPE_PREFIX = frozenset("一二三四五六七八九十两上下本每该同全半当次首")


class TypoRepeat(Rule):
    def user_words(self) -> Iterable[str]:
        return ()

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        hits: list[Hit] = []
        freq = None
        lex = None
        for m in _REPEAT.finditer(text):
            x = m.group(1)
            if x[0] in _NUMERIC_START or x in _IDIOMATIC_DOUBLE:
                continue
            if m.start() > 0 and text[m.start() - 1] in _SCOPE_PREFIX:
                continue  # 上一年度年度报告, 本季度季度考核: prefix + word, then the word again
            if _ACRONYM_END.search(text, max(0, m.start() - 8), m.start()):
                continue  # PPP项目项目经理: the first copy closes a compound with the acronym before it
            if freq is None:
                from govcheck.typo.lexicon import load_lexicon

                lex = load_lexicon()
                freq = lex.freq
            if (freq.get(x) or 0) < _STRONG or (freq.get(x + x) or 0) >= _STRONG:
                continue
            s, e = m.start(), m.end()
            # does the second copy continue into a longer word (负责负责人)?
            longer = any((freq.get(text[e - len(x) : e + k]) or 0) >= _STRONG for k in (1, 2))
            if not longer and len(x) == 2 and x in lex.redup:
                continue  # 研究研究, 讨论讨论: verbal reduplication
            if not longer and _word_before(text, s, x, freq):
                continue  # …的结 果结果: the first copy belongs to the word before it
            hits.append(Hit(start=s, end=s + len(x), suggestions=[""], fields={"word": x}))
        for m in _DOUBLE.finditer(text):
            ch = m.group()[0]
            nxt = text[m.end() : m.end() + 1]
            if nxt and nxt in _DOUBLE_CHARS[ch]:
                continue
            st = m.start()
            if any(st - k >= 0 and freq_of(ctx, text[st - k : st] + ch) >= _STRONG for k in (1, 2, 3)):
                continue  # 目的的, 标的的, 现在在, 实事求是是: the first copy ends a word
            hits.append(Hit(start=m.start(), end=m.start() + 1, suggestions=[""], fields={"word": ch}))
        return hits


def freq_of(ctx: CheckContext, word: str) -> int:
    from govcheck.typo.lexicon import load_lexicon

    return load_lexicon().freq.get(word) or 0


#: Interjection-like verbs whose doubling is idiomatic.
_IDIOMATIC_DOUBLE = frozenset(["恭喜", "谢谢", "拜托", "欢迎", "再见", "辛苦", "对不起", "哈哈", "呵呵"])


def _word_before(text: str, s: int, x: str, freq) -> bool:
    """True when the characters before s complete a longer word with the first copy (上一年度 年度报告),
    so the repetition is a coincidence of two different words."""
    for k in (1, 2):
        if s - k >= 0 and (freq.get(text[s - k : s] + x) or 0) >= _STRONG:
            return True
        if s - k >= 0 and (freq.get(text[s - k : s] + x[:1]) or 0) >= 50 and (freq.get(x[1:] + x) or 0) >= 50:
            return True
    return False


_GARBLED = regex.compile(
    r"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7}[)）]"
)


def _paragraphs(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


class TypoTraditional(Rule):
    def user_words(self) -> Iterable[str]:
        return ()

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        from govcheck.typo.traditional import trad_to_simp

        table = trad_to_simp()
        if not table:
            return []
        text = ctx.view.unfolded  # the view folds Traditional characters; this rule needs them as written
        if table.keys().isdisjoint(text):  # the usual case, decided in C
            return []
        hits: list[Hit] = []
        for off, para in _paragraphs(text):
            if table.keys().isdisjoint(para):
                continue
            # mojibake is full of characters that look Traditional (鎴戝競): TYP032 reports it
            garbled = {i for g in find_garbles(para) for i in range(g.start, g.end)}
            idx = [i for i, c in enumerate(para) if c in table and i not in garbled]
            if len(idx) < 2:
                continue
            a, b = idx[0], idx[-1] + 1
            tail = _GARBLED.match(para, b)
            if tail:
                b = tail.end()
            span = para[a:b]
            fixed = _GARBLED.sub("", "".join(table.get(c, c) for c in span))
            examples = "”“".join(list(dict.fromkeys(para[i] for i in idx[:20]))[:4])
            hits.append(
                Hit(
                    start=off + a,
                    end=off + b,
                    suggestions=[fixed],
                    fields={"count": len(idx), "chars": examples},
                )
            )
        return hits


class TypoGarbled(Rule):
    def user_words(self) -> Iterable[str]:
        return ()

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.view.unfolded  # the suggestion keeps the characters as written, only the artefacts go
        if "(" not in text and "（" not in text:
            return []
        hits: list[Hit] = []
        for off, para in _paragraphs(text):
            found = list(_GARBLED.finditer(para))
            if not found:
                continue
            a, b = found[0].start() - 1, found[-1].end()
            span = para[a:b]
            hits.append(
                Hit(
                    start=off + a,
                    end=off + b,
                    suggestions=[_GARBLED.sub("", span)],
                    fields={"count": len(found), "sample": found[0].group()},
                )
            )
        return hits


_GARBLE_CAUSES = {"utf8": "UTF-8 文字被当作 GBK 读取", "shifted": "GBK 文字丢失一个字节后错位读取", "lost": ""}


class TypoMojibake(Rule):
    """One finding per garbled stretch: the recovered text as the fix when there is one."""

    def user_words(self) -> Iterable[str]:
        return ()

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.view.unfolded  # as written: the view folds some of these characters
        hits = []
        for g in find_garbles(text):
            cause = _GARBLE_CAUSES[g.kind]
            if g.original is None:
                why = "是无法显示的乱码字符（解码失败留下的替换符），原文已丢失，请对照原稿补正"
            elif LOST in g.original:
                why = f"是乱码（{cause}），可还原为“{g.original}”（{LOST}处已丢失），请对照原稿补正"
            else:
                why = f"是乱码（{cause}），还原后为“{g.original}”，请对照原稿核实"
            fix = [g.original] if g.original and LOST not in g.original else []
            hits.append(Hit(start=g.start, end=g.end, suggestions=fix, fields={"why": why}))
        return hits
