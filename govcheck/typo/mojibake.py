"""Mojibake: UTF-8 text that was read as GBK somewhere on its way into the draft (鍙戝睍 for 发展).

Such a stretch can be undone exactly: its characters encoded as GBK give back the UTF-8 bytes of the
original. Ordinary text does not survive that round trip: UTF-8 Chinese is a run of three-byte
sequences, a lead byte E4–E9 and two bytes 80–BF, and GBK text of common characters almost never
lines up with that pattern for four characters running. So a stretch is reported only when its GBK
bytes hold at least MIN_RUN such sequences in a row and they decode to Han characters.

The replacement character U+FFFD (shown as �), left where a decoder gave up, is found here too: it
cannot be undone, only reported.

A GBK text that lost one byte is the third accident: every two-byte character after the loss is read
one byte late (考核指標設置 shown as ??己酥笜嗽O置) until an ASCII byte puts the reading back in step.
A decoder marks the lost byte with "?", so only stretches right after one are tried: read one byte
later, they must give at least MIN_RUN common characters where the stretch as shown has an uncommon
one.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple, Optional

#: Three-byte UTF-8 sequences: Han (lead E4–E9) or CJK punctuation and full-width forms (E2, E3, EF).
_UTF8_RUN = re.compile(rb"(?:[\xe2-\xe9\xef][\x80-\xbf][\x80-\xbf])+")


def _starters() -> str:
    """The GBK characters whose two bytes are a UTF-8 Han lead byte and a continuation byte."""
    out = []
    for lead in range(0xE4, 0xEA):
        for trail in range(0x80, 0xC0):
            try:
                out.append(bytes((lead, trail)).decode("gbk"))
            except UnicodeDecodeError:
                pass
    return "".join(out)


#: Every Han character of the original leaves one such character in every three of the mojibake,
#: whatever the byte alignment: two of them three apart open the (slower) byte check. Ordinary
#: text has them too (they are GB2312's second-level characters), rarely in that rhythm.
_RHYTHM = re.compile("[{0}][^\x00-\x7f]{{2}}[{0}]".format(re.escape(_starters())))
#: Han characters of the original a stretch must give back (MIN_NEAR next to another stretch).
MIN_RUN = 4
MIN_NEAR = 2
#: ... and no more than this many characters apart
LINK = 4
REPLACEMENT = "\ufffd"
_REPLACEMENT_RUN = re.compile("\ufffd+")


#: Stands for each lost character in a recovered text that is only partly recoverable.
LOST = "\u25a1"


class Garble(NamedTuple):
    start: int  # offsets into the text (end exclusive)
    end: int
    original: Optional[str]  # the recovered text (LOST where a part is lost), None when all is lost
    kind: str = "utf8"  # "utf8" (UTF-8 read as GBK), "lost" (U+FFFD only), "shifted" (GBK one byte late)


#: What a recovered Chinese text may hold: Han, CJK punctuation (、。“”《》) and full-width forms.
_PLAUSIBLE = re.compile("[\u4e00-\u9fff\u3000-\u303f\u2014-\u2026\uff01-\uff5e]+")


def _decoded(raw: bytes) -> Optional[tuple[str, int]]:
    """raw decoded as UTF-8 and its number of Han characters, when it is mostly Han (else None)."""
    try:
        out = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    han = sum("\u4e00" <= c <= "\u9fff" for c in out)
    if han * 4 < len(out) * 3 or not _PLAUSIBLE.fullmatch(out):
        return None
    return out, han


def _two_bytes(c: str) -> bool:
    try:
        return len(c.encode("gbk")) == 2
    except UnicodeEncodeError:
        return False


def _pieces(text: str, base: int) -> Iterator[tuple[Garble, int]]:
    """Every stretch of text (non-ASCII, at offset base) whose GBK bytes decode as UTF-8, with its
    number of Han characters. A character GBK lacks (� among them) or writes in one byte (€)
    cannot come from this accident: the parts around it are looked at apart."""
    try:
        raw = text.encode("gbk")
    except UnicodeEncodeError:
        raw = b""
    if len(raw) != 2 * len(text):
        at = 0
        for i, c in enumerate(text + "\ufffd"):
            if not _two_bytes(c):
                if i - at >= 2:
                    yield from _pieces(text[at:i], base + at)
                at = i + 1
        return
    for m in _UTF8_RUN.finditer(raw):
        got = _decoded(m.group())
        if got is not None and got[1] >= MIN_NEAR:
            # every character here is two bytes: widen the byte span to whole characters
            yield Garble(base + m.start() // 2, base + (m.end() + 1) // 2, got[0]), got[1]


def find_garbles(text: str) -> list[Garble]:
    """Mojibake stretches and runs of U+FFFD in text, in order. A stretch needs MIN_RUN Han
    characters of the original, or MIN_NEAR when it lies at most LINK characters, a U+FFFD among
    them, from another one (the short pieces between the replacement characters of one garbled
    passage)."""
    out: list[Garble] = []
    if REPLACEMENT in text:
        out += [Garble(m.start(), m.end(), None, "lost") for m in _REPLACEMENT_RUN.finditer(text)]
    if "?" in text:
        out += _shifted(text)
    if not text.isascii() and _RHYTHM.search(text):
        found = [p for a, b in _rhythmic_runs(text) for p in _pieces(text[a:b], a)]
        sure = [g for g, han in found if han >= MIN_RUN]
        maybe = [g for g, han in found if han < MIN_RUN]
        while maybe and sure:
            near = [g for g in maybe if any(_linked(text, s, g) for s in sure)]
            if not near:
                break
            sure += near
            maybe = [g for g in maybe if g not in near]
        out += sure
    return _joined(sorted(out))


#: One or more "?" (a lost byte) after a character outside ASCII, the stretch of such characters
#: that follows, and the ASCII character that may have put the reading back in step.
_AFTER_LOSS = re.compile(r"(?<=[^\x00-\x7f])\?+([^\x00-\x7f]+)([\x21-\x7e]?)")


def _shifted(text: str) -> list[Garble]:
    """GBK text read one byte late after a lost byte (see the module doc)."""
    from govcheck.typo.readings import common_chars
    from govcheck.typo.traditional import trad_to_simp

    common, simp = common_chars(), trad_to_simp()
    out = []
    for m in _AFTER_LOSS.finditer(text):
        shown = m.group(1)
        try:
            raw = (shown + m.group(2)).encode("gbk")
        except UnicodeEncodeError:
            continue
        later = raw[1:].decode("gbk", errors="replace").split(REPLACEMENT)[0]
        if len(later) < MIN_RUN or not all(simp.get(c, c) in common for c in later):
            continue
        # the characters that held those bytes (the last may be the ASCII one that ended the shift)
        used = 1 + 2 * len(later)
        width = min(len(shown), (used + 1) // 2) + (1 if used > 2 * len(shown) else 0)
        if all(simp.get(c, c) in common for c in shown[:width]):
            continue  # as shown it reads as ordinary text: no accident to undo
        out.append(Garble(m.start(), m.start(1) + width, LOST + later, "shifted"))
    return out


def _rhythmic_runs(text: str) -> list[tuple[int, int]]:
    """The stretches of non-ASCII characters that hold the rhythm of mojibake (start, end)."""
    runs: list[tuple[int, int]] = []
    for m in _RHYTHM.finditer(text):
        if runs and m.start() < runs[-1][1]:
            continue
        a, b = m.start(), m.end()
        while a > 0 and not text[a - 1].isascii():
            a -= 1
        while b < len(text) and not text[b].isascii():
            b += 1
        runs.append((a, b))
    return runs


def _linked(text: str, a: Garble, b: Garble) -> bool:
    """True when at most LINK characters lie between the two stretches and they hold a U+FFFD (one
    garbled passage whose undecodable bytes broke it up)."""
    gap = text[a.end : b.start] if a.end <= b.start else text[b.end : a.start]
    return len(gap) <= LINK and (not gap or REPLACEMENT in gap)


def _joined(garbles: list[Garble]) -> list[Garble]:
    """Stretches that touch, or have one character between them when one is mojibake, as one:
    mojibake broken by replacement characters is one accident, and the character between is a
    split one."""
    out: list[Garble] = []
    for g in garbles:
        near = out and (g.start <= out[-1].end or (g.start == out[-1].end + 1 and (g.original or out[-1].original)))
        if near:
            last = out.pop()
            gap = LOST if g.start > last.end else ""
            parts = [p if p is not None else LOST for p in (last.original, g.original)]
            whole = None if last.original is None and g.original is None else parts[0] + gap + parts[1]
            kind = last.kind if last.kind != "lost" else g.kind
            g = Garble(last.start, max(last.end, g.end), whole, kind)
        out.append(g)
    return out
