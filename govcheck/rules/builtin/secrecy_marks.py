"""Secrecy marks: 国家秘密标志 (绝密/机密/秘密★…), internal-only markers, draft markers.

The words 秘密/机密/绝密/内部 are ordinary Chinese (保守国家秘密, 商业秘密, 内部管理). A *mark* differs
by form and position: it carries ★ (or a typed stand-in: *, ☆, ＊), or it stands alone at the head
of a line or in brackets, and it is not being quoted or explained. Each class below decides with
those signals; nothing here segments the text.
"""

from __future__ import annotations

from typing import Iterable

import regex

from govcheck.rules.base import CheckContext, Hit, Rule

STARS = "★☆*＊✱✲✳⭐✩✪✫✬✭✮✯✰⋆"
_STAR = f"[{regex.escape(STARS)}]"
#: Words that show a sentence talks *about* marks (a standard, a training text, a law).
EXPLAIN_WORDS = (
    "标志", "标注", "标明", "标识", "标记", "字样", "例如", "比如", "格式", "式样", "样式", "示例",
    "是指", "规定", "应当", "应该", "按照", "依照", "不得将", "严禁将", "禁止", "如何", "分为",
    "密级", "定密", "等级", "保密期限的", "表示", "例：", "如：", "培训", "知识",
)
#: Characters allowed before a mark on its line (indentation, 份号, brackets, a list bullet).
_HEAD_ALLOWED = regex.compile(r"^[\s\d０-９（）()\[\]【】〔〕·•\-—:：、，,]*$")
_SELF_REFERENCE = ("本文件", "本材料", "本件", "此件", "本资料", "本通知", "本报告", "本稿", "本文", "此文", "本简报", "本纪要", "本汇报", "本页")


def line_prefix(ctx: CheckContext, start: int) -> str:
    ls = ctx.text.rfind("\n", 0, start) + 1
    return ctx.text[ls:start]


def line_rest(ctx: CheckContext, end: int) -> str:
    le = ctx.text.find("\n", end)
    return ctx.text[end : (len(ctx.text) if le < 0 else le)]


def at_line_head(ctx: CheckContext, start: int) -> bool:
    return bool(_HEAD_ALLOWED.match(line_prefix(ctx, start)))


def in_head(ctx: CheckContext, start: int, lines: int = 6) -> bool:
    """Within the first `lines` non-empty lines of the document."""
    before = ctx.text[:start]
    return sum(1 for ln in before.split("\n") if ln.strip()) <= lines


def bracketed(ctx: CheckContext, start: int, end: int) -> bool:
    t = ctx.text
    return start > 0 and end < len(t) and t[start - 1] in "（(【[〔<〈" and t[end] in "）)】]〕>〉"


def explained(ctx: CheckContext, start: int, end: int) -> bool:
    """Quoted, inside a book title, or in a sentence that explains marks rather than bearing one."""
    if ctx.is_quoted(start, end) or ctx.in_book_title(start, end):
        return True
    sentence = ctx.sentence(start)
    return any(w in sentence for w in EXPLAIN_WORDS)


def standalone(ctx: CheckContext, start: int, end: int) -> bool:
    """The hit fills its line, apart from spacing and punctuation."""
    return at_line_head(ctx, start) and not regex.search(r"[\p{Han}A-Za-z0-9]", line_rest(ctx, end))


_USED_AS_NOUN = regex.compile(r"[ \t\u3000]*(?:的|是指|是|表示|指|即|等|和|或|、)")


class StateSecretMark(Rule):
    """SEC001: 国家秘密标志 in any typed form: 机密★1年, 秘密*, 绝密☆长期, 机密 1年 (line head), 密级：秘密."""

    _LEVEL = r"(?P<level>绝\s?密|机\s?密|秘\s?密)"
    _TERM = (
        r"(?P<term>\d{1,2}\s*(?:年|个月)(?:内)?"
        r"|长期"
        r"|解密(?:时间|日期|条件)?\s*[:：为是]?\s*[^\s，。；;,★☆*＊\n]{1,20}"
        r"|(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?(?:前)?(?:解密)?"
        r"|[^\s，。；;,★☆*＊\n]{1,16}?(?:前|后|之前|之后|为止)(?:解密)?"
        r")"
    )

    def prepare(self) -> None:
        star = _STAR
        term2 = self._TERM.replace("?P<term>", "?P<term_nl>")
        self._star = regex.compile(
            self._LEVEL
            + rf"(?:级)?[ \t\u3000]*\n?[ \t\u3000]*{star}"
            # the term on the same line, or alone on the next line (a mark split across lines)
            + rf"(?:[ \t\u3000]*{self._TERM}|[ \t\u3000]*\n[ \t\u3000]*{term2}(?=[ \t\u3000]*(?:\n|$)))?"
        )
        self._spaced = regex.compile(self._LEVEL + r"[ \t\u3000]*" + self._TERM.replace("?P<term>", "?P<term2>"))
        self._label = regex.compile(r"(?:涉密级别|密级标识|密级和保密期限|密\s*级)\s*(?:[:：]|[ \t\u3000]*[|｜\t][ \t\u3000]*)\s*(?P<level>绝密|机密|秘密)(?:级)?(?:\s*[★☆*＊]\s*(?:" + self._TERM + "))?")
        self._bare = regex.compile(r"(?P<level>绝密|机密|秘密|密件)(?:级)?")
        self._declared = regex.compile(r"(?P<level>绝密|机密|秘密)级(?:文件|材料|资料|公文|文件资料|国家秘密|事项)?")
        self._bracketed = regex.compile(r"[（(【\[〔](?P<level>绝密|机密|秘密|密件)(?:级)?[）)】\]〕]")
        # the star typed first (★秘密, ★机密 1年): only as a line of its own
        self._reversed = regex.compile(rf"{star}[ \t\u3000]*(?P<level>绝密|机密|秘密)(?:级)?(?:[ \t\u3000]*{self._TERM})?")

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        if not any(k in text for k in ("密", )):
            return
        seen: list[tuple[int, int]] = []

        def emit(s: int, e: int, how: str):
            if any(a <= s < b for a, b in seen):
                return None
            seen.append((s, e))
            return Hit(start=s, end=e, fields={"how": how})

        for m in self._label.finditer(text):
            ls = text.rfind("\n", 0, m.start()) + 1
            prefix = text[ls : m.start()]
            cell_head = regex.fullmatch(r"[ \t\u3000]*[|｜][ \t\u3000]*", prefix) is not None
            # a header line of 公文 fields (紧急程度：特急　密级：机密, 份号 000012　密级：秘密)
            header_line = regex.search(r"(?:紧急程度|缓急|份号|签发人|特急|加急)[^\n。]*[ \t\u3000]$", prefix) is not None
            # the document declares its own level: 本文件密级：秘密
            header_line = header_line or regex.search(r"(?:本|此|该)(?:文件|件|材料|通知|报告|简报|纪要)的?$", prefix) is not None
            if at_line_head(ctx, m.start()) or cell_head or header_line or not explained(ctx, m.start(), m.end()):
                h = emit(m.start(), m.end(), "label")
                if h:
                    yield h
        for m in self._star.finditer(text):
            s, e = m.span()
            if explained(ctx, s, e) and not at_line_head(ctx, s):
                continue
            if ctx.is_quoted(s, e) or ctx.in_book_title(s, e):
                continue
            if _USED_AS_NOUN.match(text, e):
                continue  # 秘密★1年的文件…: the mark named as a subject of a sentence, not a mark
            star_at = s + len(m.group("level")) + len(text[s + len(m.group("level")) : e]) - len(text[s + len(m.group("level")) : e].lstrip(" \t\u3000\n级"))
            typed = text[star_at : star_at + 1] in "*＊"
            if typed and (text[star_at + 1 : star_at + 2] in "*＊" or (s > 0 and regex.match(r"\p{Han}", text[s - 1]))):
                continue  # Markdown emphasis (**国家秘密**) or a compound word with a footnote star
            h = emit(s, e, "star")
            if h:
                yield h
        for m in self._spaced.finditer(text):
            s, e = m.span()
            if not at_line_head(ctx, s):
                continue
            rest = line_rest(ctx, e)
            if regex.match(r"\s*[\p{Han}]{3,}", rest) and not regex.match(r"\s*(?:特急|加急|平急)", rest):
                continue  # a sentence, not a header line
            if explained(ctx, s, e):
                continue
            h = emit(s, e, "spaced")
            if h:
                yield h
        for m in self._declared.finditer(text):
            s, e = m.span()
            sentence = ctx.sentence(s)
            if ctx.is_quoted(s, e) or ctx.in_book_title(s, e) or not any(w in sentence for w in _SELF_REFERENCE):
                continue
            rest = sentence.replace(m.group(0), "")
            if any(w in rest for w in EXPLAIN_WORDS) or "所称" in rest or "是指" in rest:
                continue
            h = emit(s, e, "declared")
            if h:
                yield h
        for m in self._reversed.finditer(text):
            s, e = m.span()
            if standalone(ctx, s, e) and not explained(ctx, s, e):
                h = emit(s, e, "reversed")
                if h:
                    yield h
        for m in self._bracketed.finditer(text):
            s, e = m.span()
            if at_line_head(ctx, s) and not explained(ctx, s, e):
                h = emit(s + 1, e - 1, "bracketed")
                if h:
                    yield h
        for m in self._bare.finditer(text):
            s, e = m.span()
            if not standalone(ctx, s, e) or not in_head(ctx, s) or _heading_follows(text, e):
                continue
            h = emit(s, e, "bare")
            if h:
                yield h


#: A line that opens a section or a subtitle: after a bare 秘密 it makes 秘密 a heading, not a mark.
_SECTION = regex.compile(r"\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．]|——|—|第[一二三四五六七八九十\d]+[章节条部分])")


def _heading_follows(text: str, end: int) -> bool:
    nl = text.find("\n", end)
    if nl < 0:
        return False
    rest = text[nl + 1 :].lstrip("\n \t\u3000")
    return bool(_SECTION.match(rest))


class InternalMark(Rule):
    """SEC002: markers of internal-only material (内部资料 注意保存, 仅供内部参考, 不得外传, 工作秘密 …).

    data.anywhere: markers that are marks wherever they stand (unless quoted or explained);
    data.positional: words that are marks only alone on a line, in brackets, or at the head of a line
    followed by nothing else; data.self_ref: instructions (不得外传) that mark the document only when
    the sentence refers to the document itself (本材料…不得外传) or stands alone.
    """

    def prepare(self) -> None:
        d = self.spec.data
        self._anywhere = [regex.compile(p) for p in d.get("anywhere", [])]
        self._positional = regex.compile("|".join(f"(?:{p})" for p in d.get("positional", ["$^"])))
        self._self_ref = regex.compile("|".join(f"(?:{p})" for p in d.get("self_ref", ["$^"])))
        self._wrapped = tuple(d.get("wrapped", ()))

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        for rx in self._anywhere:
            for m in rx.finditer(text):
                s, e = m.span()
                if (ctx.is_quoted(s, e) or ctx.in_book_title(s, e)) or (explained(ctx, s, e) and not at_line_head(ctx, s)):
                    continue
                yield Hit(start=s, end=e)
        for m in self._positional.finditer(text):
            s, e = m.span()
            if bracketed(ctx, s, e) and not ctx.in_book_title(s, e) and not _sentence_has(ctx, s, EXPLAIN_WORDS):
                yield Hit(start=s, end=e)
            elif standalone(ctx, s, e) and not self._wraps(ctx, e):
                yield Hit(start=s, end=e)
            elif at_line_head(ctx, s) and _FOLLOW_UP.match(line_rest(ctx, e)):
                yield Hit(start=s, end=e)
        yield from self._self_refs(ctx)

    def _wraps(self, ctx: CheckContext, end: int) -> bool:
        """The next line continues the word (内部 / 控制评价报告: a line break inside 内部控制)."""
        nl = ctx.text.find("\n", end)
        if nl < 0 or not self._wrapped:
            return False
        return ctx.text.startswith(self._wrapped, nl + 1)

    def _self_refs(self, ctx: CheckContext) -> Iterable[Hit]:
        for m in self._self_ref.finditer(ctx.text):
            s, e = m.span()
            if ctx.is_quoted(s, e) or ctx.in_book_title(s, e):
                continue
            sentence = ctx.sentence(s)
            if standalone(ctx, s, e) or bracketed(ctx, s, e) or (any(w in sentence for w in _SELF_REFERENCE) and not explained(ctx, s, e)):
                yield Hit(start=s, end=e)


#: What follows an internal marker on its line: 内部资料 注意保存, 内部文件，请勿外传 …
_FOLLOW_UP = regex.compile(r"[\s，,、★☆*＊·•:：（(]*(?:请?注意保[存管密]|请?妥善保[存管]|(?:不得|请勿|严禁|禁止)(?:外传|翻印|复制|转发|转载|扩散)|仅供参考|用后收回|阅后收回)")


def _sentence_has(ctx: CheckContext, pos: int, words) -> bool:
    sentence = ctx.sentence(pos)
    return any(w in sentence for w in words)


class DraftMark(Rule):
    """SEC003: 征求意见稿/送审稿/讨论稿/未定稿 marking this version; silent in public consultations."""

    def prepare(self) -> None:
        d = self.spec.data
        self._rx = regex.compile("|".join(d.get("terms", ["征求意见稿"])))
        self._consultation = tuple(d.get("consultation_words", ()))

    def scan(self, ctx: CheckContext) -> Iterable[Hit]:
        text = ctx.text
        if "稿" not in text:
            return
        matches = list(self._rx.finditer(text))
        if not matches or any(w in text for w in self._consultation):
            return
        for m in matches:
            s, e = m.span()
            if ctx.in_book_title(s, e) or ctx.is_quoted(s, e):
                continue
            if s > 0 and text[s - 1] in "打写拟画" and not bracketed(ctx, s, e):
                continue  # 打草稿, 写初稿: an activity, not a marker
            if (
                bracketed(ctx, s, e)
                or standalone(ctx, s, e)
                or _in_short_brackets(ctx, s, e)
                or _ends_title(ctx, s, e)
                or (at_line_head(ctx, s) and _DRAFT_NOTE.match(line_rest(ctx, e)))
            ):
                yield Hit(start=s, end=e)


#: What may follow a draft marker on its line: 未定稿，请勿引用 / 讨论稿 仅供参考.
_DRAFT_NOTE = regex.compile(r"[\s，,、：:]*(?:(?:请勿|不得|严禁|切勿)(?:引用|外传|转发|公开|扩散|传播)|仅供(?:参考|讨论|内部))")


def _in_short_brackets(ctx: CheckContext, s: int, e: int, reach: int = 12) -> bool:
    """（第二次征求意见稿）, （修改稿2）: inside a short bracket pair on the same line."""
    t = ctx.text
    before = t[max(0, s - reach) : s]
    after = t[e : e + reach]
    i = max(before.rfind("（"), before.rfind("("), before.rfind("【"), before.rfind("〔"))
    if i < 0 or any(c in before[i + 1 :] for c in "）)】〕\n，。"):
        return False
    j = min((k for k in (after.find("）"), after.find(")"), after.find("】"), after.find("〕")) if k >= 0), default=-1)
    return j >= 0 and not any(c in after[:j] for c in "（(\n，。")


def _ends_title(ctx: CheckContext, s: int, e: int) -> bool:
    """某某实施方案征求意见稿 — the term closes a title line near the head of the document."""
    if regex.search(r"[\p{Han}A-Za-z0-9]", line_rest(ctx, e)) or not in_head(ctx, s):
        return False
    line = line_prefix(ctx, s)
    return 0 < len(line) <= 60 and not any(c in line for c in "。，；：:,;")
