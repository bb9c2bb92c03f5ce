"""For learners of Chinese: story text with pinyin above the hanzi (ruby), and the English under it.

A ``RubyBlock`` is a wrapped block like :class:`drawing.Block`, made with the same break opportunities
(:func:`textlayout.tokens`), whose lines are taller by the ruby's band so a reading never touches the
line above. Each run of hanzi is set on one even pitch, the narrowest at which no two neighbouring
readings touch (group ruby's even spreading of a word's base, as in the W3C's Requirements for Chinese
Text Layout), so the hanzi of a word stay evenly spaced however long one reading is; a reading wider
than its cell overhangs it, and at a run's or a line's ends that overhang is kept as space. Latin runs
are set as they are, without ruby. Readings come from
:func:`game.pinyin.annotate` with the story's override table (story/lang/<lang>/pinyin.yaml).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pygame

from ..pinyin import annotate, is_hanzi
from . import artbridge
from .context import Ctx
from .drawing import Block, block, draw_block
from .flow import Column, Gap, Item, Text
from .fonts import FontSet
from .textlayout import tokens

RUBY_SHARE = 0.6  # the reading's size to the text's
RUBY_GAP = 0.5  # space between two readings, in the reading's size


@dataclass(frozen=True)
class Learn:
    """What the play screen adds to Chinese story text: readings (None: no pinyin) and the English."""

    pinyin: Mapping[str, str] | None = None  # the story's override table when pinyin is on
    bilingual: bool = False


def learn_for(app) -> Learn | None:
    """The learner's options in effect now: only when the story is shown in Chinese."""
    s, game = app.settings, app.game
    if game is None or not (game.lang or "").startswith("zh"):
        return None
    pin, bi = bool(getattr(s, "pinyin", False)), bool(getattr(s, "bilingual", False))
    if not (pin or bi):
        return None
    return Learn(overrides(game.story.root, game.lang) if pin else None, bi)


_tables: dict[tuple[str, str], dict[str, str]] = {}
TABLES_KEPT = 4  # (story, language) pairs: one story in one or two languages is the rule, more is bounded


def overrides(root: str, lang: str) -> dict[str, str]:
    """The story's reading table, read once per story and language (its problems go to stderr)."""
    key = (str(root), lang)
    if key not in _tables:
        import sys

        from ..engine import pinyinfile

        table, problems = pinyinfile.load(root, lang)
        for p in problems:
            print(p, file=sys.stderr)
        if len(_tables) >= TABLES_KEPT:  # the oldest first (dicts keep their order)
            del _tables[next(iter(_tables))]
        _tables[key] = table
    return _tables[key]


# -- layout -------------------------------------------------------------------------------------------
@dataclass
class RubyBlock(Block):
    """Lines with their pieces placed: (x, width, text, reading or None); a hanzi is a piece of its own,
    its width its run's even pitch; an empty piece is room kept for a reading's overhang."""

    rfs: FontSet | None = None
    ruby_h: int = 0
    line_h: int = 0
    pieces: list[list[tuple[int, int, str, str | None]]] = field(default_factory=list)  # (x, w, text, reading)

    def readings(self) -> list[tuple[str, str]]:
        """Every (hanzi, reading) drawn, in order: what a learner sees above the line."""
        return [(t, r) for line in self.pieces for _x, _w, t, r in line if r]


_ruby_fonts: OrderedDict[tuple, FontSet] = OrderedDict()
_ruby_blocks: OrderedDict[tuple, RubyBlock] = OrderedDict()
RUBY_BLOCKS_MAX = 64  # a screen shows a few; the rest are the scenes before (bounded: a kiosk runs for months)


def ruby_font(fs: FontSet) -> FontSet:
    size = max(11, round(fs.size * RUBY_SHARE))
    latin, _cjk = artbridge.font_paths(mono=False, bold=False)
    key = (size, latin)
    rfs = _ruby_fonts.get(key)
    if rfs is None:
        rfs = FontSet(f"ruby{size}", size, False, max(size + 2, round(size * 1.25)), latin, None)
        _ruby_fonts[key] = rfs
        if len(_ruby_fonts) > 8:
            _ruby_fonts.popitem(last=False)
    return rfs


def _pitches(fs: FontSet, rfs: FontSet, para: str, reads: list[str | None]) -> list[tuple[int, int]]:
    """For each character: (its cell's width, how far its reading may reach past the cell on each side).

    A run of hanzi with readings is set on one even pitch, as group ruby spreads a word's base evenly:
    the pitch is the narrowest that keeps every two neighbouring readings a gap apart (readings centred
    over their hanzi), so a long reading (zhuàng) widens its whole run a little instead of pushing its
    own hanzi away from the next. Where a reading is wider than its cell it overhangs; at the ends of a
    run (and of a line) that overhang is kept as space, so a reading never reaches a neighbour's."""
    gap = round(rfs.size * RUBY_GAP)
    out: list[tuple[int, int]] = [(0, 0)] * len(para)
    i, n = 0, len(para)
    while i < n:
        if reads[i] is None or not is_hanzi(para[i]):
            i += 1
            continue
        j = i
        while j < n and reads[j] is not None and is_hanzi(para[j]):
            j += 1
        rw = [rfs.width(r) for r in reads[i:j]]  # type: ignore[arg-type]
        pitch = max(fs.width(ch) for ch in para[i:j])
        if j - i == 1:
            pitch = max(pitch, rw[0] + gap)
        for a, b in zip(rw, rw[1:]):
            pitch = max(pitch, -(-(a + b) // 2) + gap)
        for k in range(i, j):
            out[k] = (pitch, max(0, -(-(rw[k - i] + gap - pitch) // 2)))
        i = j
    return out


Piece = tuple[int, str, "str | None", int]  # (width, text, reading, overhang), while lines are filled


def _pieces(fs: FontSet, tok: str, reads: list[str | None], cells: list[tuple[int, int]]) -> list[Piece]:
    """A token as pieces: each hanzi with its reading alone (in its cell), the runs between them together."""
    out: list[Piece] = []
    run = ""
    for ch, r, (w, over) in zip(tok, reads, cells):
        if r is not None and is_hanzi(ch):
            if run:
                out.append((fs.width(run), run, None, 0))
                run = ""
            out.append((w, ch, r, over))
        else:
            run += ch
    if run:
        out.append((fs.width(run), run, None, 0))
    return out


def _close(line: list) -> list:
    """A line's end: room for the last reading's overhang, as an empty piece."""
    if line and line[-1][3] is not None:
        x, w = line[-1][0], line[-1][1]
        over = line[-1][4]
        if over:
            line.append((x + w, over, "", None, 0))
    return line


def _wrap(fs: FontSet, rfs: FontSet, para: str, table: Mapping[str, str], width: int) -> list[list]:
    """Greedy filling over textlayout's break opportunities, with each hanzi in its run's even cell."""
    reads = [r for _c, r in annotate(para, table)]
    cells = _pitches(fs, rfs, para, reads)
    lines: list[list] = []
    cur: list = []  # (x, w, text, reading, overhang) while filling
    x = 0

    def newline() -> None:
        nonlocal cur, x
        lines.append(_close(cur))
        cur, x = [], 0

    i = 0
    for tok in tokens(para):
        ps = _pieces(fs, tok, reads[i:i + len(tok)], cells[i:i + len(tok)])
        i += len(tok)
        trimmed = tok.rstrip()
        tw = sum(w for w, _t, _r, _o in ps) - (fs.width(tok) - fs.width(trimmed) if trimmed != tok else 0)
        tw += ps[0][3] + ps[-1][3] if ps else 0  # the overhangs, should the token start or end a line
        if cur and x + tw > width:
            newline()
        for w, t, r, over in ps:
            if cur and x + w > width and x > 0 and r is None and not t.strip():
                continue  # a space at the end of a line
            if cur and x + w + over > width:  # a word wider than the line: cut where it runs over
                newline()
            if not cur and not t.strip():
                continue  # no line starts with a space
            prev = cur[-1] if cur else None
            # the overhang is kept as space where a run of readings starts or ends (and at a line's start)
            if r is not None and (prev is None or prev[3] is None) and over:
                cur.append((x, over, "", None, 0))
                x += over
            elif r is None and prev is not None and prev[3] is not None and prev[4]:
                cur.append((x, prev[4], "", None, 0))
                x += prev[4]
            cur.append((x, w, t, r, over))
            x += w
    if cur or not lines:
        lines.append(_close(cur))
    return [[(px, pw, t, r) for px, pw, t, r, _o in line] for line in lines]


def ruby_block(ctx: Ctx, text: str, role: str, width: int, table: Mapping[str, str]) -> RubyBlock:
    fs = ctx.fonts[role]
    rfs = ruby_font(fs)
    key = (fs.role, fs.size, fs.latin_path, text, int(width), id(table))
    b = _ruby_blocks.get(key)
    if b is not None:
        _ruby_blocks.move_to_end(key)
        return b
    placed: list[list] = []
    for para in text.replace("\r\n", "\n").split("\n"):
        placed += _wrap(fs, rfs, para.strip(" \t"), table, max(1, int(width)))
    while len(placed) > 1 and not placed[-1]:
        placed.pop()
    lines = ["".join(t for _x, _w, t, _r in line).rstrip() for line in placed]
    ruby_h = rfs.line_height
    line_h = fs.line_height + ruby_h
    w = max((line[-1][0] + line[-1][1] for line in placed if line), default=0)
    b = RubyBlock(lines, fs, w, len(lines) * line_h, rfs=rfs, ruby_h=ruby_h, line_h=line_h, pieces=placed)
    _ruby_blocks[key] = b
    if len(_ruby_blocks) > RUBY_BLOCKS_MAX:
        _ruby_blocks.popitem(last=False)
    return b


def clear() -> None:
    _ruby_blocks.clear()
    _tables.clear()


def label_block(ctx: Ctx, text: str, role: str, width: int, table: Mapping[str, str] | None) -> Block:
    """A button's label: with ruby when there is a table and Chinese in the text, else as ever."""
    if table is None or not any(is_hanzi(c) for c in text):
        return block(ctx, text, role, width)
    return ruby_block(ctx, text, role, width, table)


def draw(surf: pygame.Surface, b: Block, x: int, y: int, color, *, width: int | None = None,
         align: str = "left", reveal: int | None = None, ruby_color=None) -> int:
    """Draw a Block or a RubyBlock; ``reveal`` limits the characters shown (the typewriter)."""
    if not isinstance(b, RubyBlock):
        return draw_block(surf, b, x, y, color, width=width, align=align, reveal=reveal)
    fs, rfs = b.fs, b.rfs
    pad = fs.ascent_pad()
    # Latin and Chinese pieces centred on one height, as a mixed line is when drawn whole (fonts.py)
    tall = max(fs.latin.get_height(), fs.cjk.get_height() if fs.cjk_path else 0)
    rcol = ruby_color or color
    left = reveal
    for i, line in enumerate(b.pieces):
        if left is not None and left <= 0:
            break
        lx = x
        if align != "left" and width and line:
            lw = line[-1][0] + line[-1][1]
            lx = x + (width - lw) // 2 if align == "center" else x + width - lw
        top = y + i * b.line_h
        for px, pw, t, r in line:
            if left is not None:
                if left <= 0:
                    break
                t = t[:left]
                left -= len(t)
            if not t:
                continue  # room kept for a reading's overhang
            img = fs.render(t, color)
            base = top + b.ruby_h + pad + (tall - img.get_height()) // 2
            if r is None:
                surf.blit(img, (lx + px, base))
                continue
            cx = lx + px + pw // 2
            surf.blit(img, (cx - img.get_width() // 2, base))
            rimg = rfs.render(r, rcol)
            # the reading sits just over the hanzi, and never above its own band (the line above's)
            ry = max(top, top + b.ruby_h + pad - rimg.get_height() + rfs.size // 5)
            surf.blit(rimg, (cx - rimg.get_width() // 2, ry))
    return b.height


# -- the play screen's story text -------------------------------------------------------------------
class RubyText(Text):
    """Wrapped story text with pinyin above its hanzi."""

    def __init__(self, text: str, role: str, color: str, table: Mapping[str, str], *,
                 max_w: float | None = None, reveal: Callable[[], int | None] | None = None) -> None:
        super().__init__(text, role, color, max_w=max_w, reveal=reveal)
        self.table = table

    def measure(self, ctx: Ctx, width: int) -> int:
        w = min(width, ctx.tpx(self.max_w)) if self.max_w else width
        self.block = ruby_block(ctx, self.text, self.role, w, self.table)
        self.w, self.h = width, self.block.height
        self.ww = self.block.width
        return self.h

    def draw(self, ctx, surf, ox, oy, st) -> None:
        if self.block is None:
            return
        if self.block.width > self.w + 1:
            ctx.report_overflow("text", self.text, f"{self.block.width}px in {self.w}px")
        reveal = self.reveal() if self.reveal else None
        draw(surf, self.block, self.x + ox, self.y + oy, ctx.theme[self.color], reveal=reveal,
             ruby_color=ctx.theme["muted"] if self.color == "ink" else None)


_PARA = re.compile(r"\n[ \t]*\n")


def story_text(text: str, role: str, color: str, *, english: str = "", learn: Learn | None = None,
               max_w: float | None = None, reveal: Callable[[], int | None] | None = None) -> Item:
    """The story's text as the learner's options ask: plain, with pinyin, and/or with the English
    paragraph (muted, smaller) under each Chinese one. The English shows once the text is all shown."""
    if learn is None or (learn.pinyin is None and not (learn.bilingual and english)):
        return Text(text, role, color, max_w=max_w, reveal=reveal)

    def part(t: str, start: int) -> Item:
        rv = None if reveal is None else (lambda: None if (n := reveal()) is None else max(0, n - start))
        if learn.pinyin is not None:
            return RubyText(t, role, color, learn.pinyin, max_w=max_w, reveal=rv)
        return Text(t, role, color, max_w=max_w, reveal=rv)

    if not (learn.bilingual and english):
        return part(text, 0)
    zh, en = _PARA.split(text.strip()), _PARA.split(english.strip())
    if len(zh) != len(en):  # paragraphs that do not pair: the English after all of the Chinese
        zh, en = [text.strip()], [english.strip()]
    hide = None if reveal is None else (lambda: 0 if reveal() is not None else None)
    muted = "muted" if color == "ink" else color
    items: list[Item] = []
    start = 0
    for k, (z, e) in enumerate(zip(zh, en)):
        if k:
            items.append(Gap(14))
        items += [part(z, start), Gap(2), Text(e, "small", muted, max_w=max_w, reveal=hide)]
        start += len(z) + 2
    return Column(items)


def with_learning(item: Item, text: str, english: str, learn: Learn | None) -> Item:
    """``item`` (a node as systemviews draws it) with its story text set for the learner: the one Text
    showing ``text`` is replaced by :func:`story_text` with the same role, colour, width and typewriter,
    so narration, dialogue, letters, notices, apps and terminals all get it without a parameter each."""
    if learn is None:
        return item
    if isinstance(item, Text) and not isinstance(item, RubyText) and item.text == text:
        return story_text(text, item.role, item.color, english=english, learn=learn, max_w=item.max_w,
                          reveal=item.reveal)
    if isinstance(item, Column):
        item.items = [with_learning(i, text, english, learn) for i in item.items]
    elif hasattr(item, "item"):  # Fixed
        item.item = with_learning(item.item, text, english, learn)
    return item
