"""The group label field of the classroom's screens: typed (any script, through an input method too)
or picked from touch-friendly presets ("Table 4"), in the current language."""

from __future__ import annotations

import re

import pygame

from ...i18n import pgettext
from ...modes.record import GROUP_MAX
from ..drawing import draw_block
from ..flow import Column, Gap, Item, Row, Text, W
from ..widgets import Button

GROUP_KINDS = ("Table", "Pair", "Group")  # the preset buttons' keys (kind:Table ...); their words: group_kinds()


def group_kinds() -> list[tuple[str, str, str]]:
    """(key, the kind's word on its button, the label it makes with a number) in the current language:
    ("Table", "Table", "Table {n}"); in Chinese ("Table", "桌", "第{n}桌")."""
    return [("Table", pgettext("a kind of group label", "Table"), pgettext("a group label", "Table {n}")),
            ("Pair", pgettext("a kind of group label", "Pair"), pgettext("a group label", "Pair {n}")),
            ("Group", pgettext("a kind of group label", "Group"), pgettext("a group label", "Group {n}"))]


class GroupLabelInput:
    """The group label, typed or picked from the presets: shared by the teacher's and the students' screens.

    Text comes as TEXTINPUT only (so an input method's Chinese works, and a plain key, which SDL sends
    both as KEYDOWN and as TEXTINPUT, types once); KEYDOWN only edits (Backspace) and keeps a typing key
    from also being a shortcut. While an input method composes (TEXTEDITING), its text shows in the
    field and its keys are its own."""

    group: str
    composing: str = ""
    field: Item | None = None  # the field as laid out, for the input method's candidate window

    def label_editable(self) -> bool:
        raise NotImplementedError

    def type_group(self, ev) -> bool:
        if self.composing:
            return not ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META)
        new = typed(self.group, ev)
        if new is None:
            return False
        if new != self.group:
            self.group = new
            self.rebuild()
        return True

    def text_input(self, text: str) -> bool:
        if not self.label_editable():
            return False
        self.composing = ""
        self.group = (self.group + "".join(ch for ch in text if ch.isprintable()))[:GROUP_MAX]
        self.rebuild()
        return True

    def text_editing(self, text: str) -> bool:
        if not self.label_editable():
            return False
        self.composing = text
        self.rebuild()
        return True

    def text_field(self) -> pygame.Rect | None:
        """The label field in window pixels while it takes typing (events.py turns text input on for it)."""
        if not self.label_editable() or self.field is None:
            return None
        body = self.view("body")
        if body is None:
            return None
        r = self.field.rect(body.rect.x, body.rect.y - body.offset).clip(body.rect)
        if not r.w or not r.h:
            r = pygame.Rect(body.rect.x, body.rect.y, body.rect.w, 1)  # scrolled away: the top of the page
        return r.move(self.app.win.canvas_rect.topleft)

    def field_text(self) -> str:
        """What the field shows: the label, then any text the input method is composing, then the caret."""
        return f"{self.group}{self.composing}_"

    def field_item(self, text: str) -> Item:
        """The field showing ``text`` (which holds the label and the composition), the composition
        underlined as input methods mark text not yet entered."""
        at = text.rfind(self.group + self.composing) if self.composing else -1
        span = (at + len(self.group), at + len(self.group) + len(self.composing)) if at >= 0 else None
        return ComposingText(text, "heading", "ink", span)

    def pick_group(self, label: str) -> None:
        self.group = label
        self.composing = ""
        self.rebuild()


class ComposingText(Text):
    """Text with a span (the input method's composition) underlined: the usual IME convention, so the
    pinyin being composed reads as not yet typed, by its shape rather than by colour alone."""

    def __init__(self, text: str, role: str, color: str, span: tuple[int, int] | None) -> None:
        super().__init__(text, role, color)
        self.span = span

    def underlines(self) -> list[tuple[int, int, int]]:
        """(x from, x to, line) of each underline, relative to the text: the span on each line it covers."""
        if self.block is None or not self.span:
            return []
        fs, (s, e) = self.block.fs, self.span
        out, pos = [], 0
        for i, line in enumerate(self.block.lines):
            at = self.text.find(line, pos) if line else -1
            if at < 0:
                continue
            pos = at + len(line)
            a, b = max(s, at), min(e, pos)
            if a < b:
                out.append((fs.width(line[:a - at]), fs.width(line[:b - at]), i))
        return out

    def draw(self, ctx, surf, ox, oy, st) -> None:
        if self.block is None:
            return
        color = ctx.theme[self.color]
        draw_block(surf, self.block, self.x + ox, self.y + oy, color)
        fs = self.block.fs
        thick = max(2, fs.size // 14)
        for x0, x1, i in self.underlines():
            y = self.y + oy + (i + 1) * fs.line_height - thick
            # ends short of the next glyph, so it stays apart from the caret's "_"
            pygame.draw.rect(surf, color, (self.x + ox + x0, y, max(1, x1 - x0 - 2 * thick), thick))


def typed(text: str, ev) -> str | None:
    """``text`` after a KEYDOWN in a label field: Backspace edits; a key that types leaves it as it is (its
    character comes as TEXTINPUT) but is the field's, not a shortcut; None for any other key."""
    if ev.mod & (pygame.KMOD_CTRL | pygame.KMOD_ALT | pygame.KMOD_META):
        return None
    if ev.key == pygame.K_BACKSPACE:
        return text[:-1]
    ch = getattr(ev, "unicode", "")
    types = (ch and ch.isprintable()) or (0 < ev.key < 0x110000 and chr(ev.key).isprintable())
    return text if types else None


def _preset_of(current: str, kinds: list[tuple[str, str, str]]) -> tuple[str, str]:
    """(the kind's key, the number) of a preset label ("Table 4" -> ("Table", "4")), or ("", "")."""
    for key, word, template in kinds:
        if current == word:
            return key, ""
        pattern = "".join(r"(\d+)" if part == "{n}" else re.escape(part) for part in re.split(r"(\{n\})", template))
        m = re.fullmatch(pattern, current)
        if m:
            return key, m.group(1)
    return "", ""


def preset_rows(screen, current: str) -> Item:
    """Touch-friendly labels: a kind (Table, Pair, Group) and a number, in the current language."""
    kinds = group_kinds()
    chosen, number = _preset_of(current, kinds)
    template = next((t for key, _w, t in kinds if key == (chosen or GROUP_KINDS[0])))

    def label(tmpl: str, word: str, n: str) -> str:
        return tmpl.format(n=n) if n else word

    buttons = [W(Button(f"kind:{key}", word, (lambda t=t, w=word: screen.pick_group(label(t, w, number))),
                        kind="toggle", selected=chosen == key, fill=False)) for key, word, t in kinds]
    numbers = [W(Button(f"num:{n}", str(n), (lambda n=n: screen.pick_group(template.format(n=n))), kind="toggle",
                        selected=current == template.format(n=n), fill=False, auto=not current))
               for n in range(1, 17)]
    return Column([Row(buttons, gap=10), Gap(6), Row(numbers, gap=8, min_w=56)])
