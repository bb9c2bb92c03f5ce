"""The group label field while an input method composes: the composition (TEXTEDITING) is drawn
underlined, the IME convention for text not yet entered; the label typed so far is not."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.flow import descendants
from game.ui.pilot import Pilot
from game.ui.screens.grouplabel import ComposingText

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "example-story"


def _field(p: Pilot) -> ComposingText:
    p.step()
    return next(it for it in descendants(p.app.top.view("body").root) if isinstance(it, ComposingText))


def _inked_columns(p: Pilot, f: ComposingText, row: int) -> list[int]:
    """The x (relative to the text) of pixels on one row of the field's text that differ from its fill."""
    view = p.app.top.view("body")
    ox, oy = view.rect.x + p.app.canvas_rect.x, view.rect.y - view.offset + p.app.canvas_rect.y
    surf = p.app.window
    bg = surf.get_at((f.x + ox - 3, f.y + oy + row))
    return [x for x in range(f.block.width + 1) if surf.get_at((f.x + ox + x, f.y + oy + row)) != bg]


def test_the_composition_is_underlined_and_the_typed_label_is_not(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    p.click("Start")
    assert p.screen == "student"
    p.post(pygame.TEXTINPUT, text="第4桌")
    p.post(pygame.TEXTEDITING, text="hao", start=3, length=0)
    field = _field(p)
    assert field.text.startswith("第4桌hao")
    fs = field.block.fs
    (x0, x1, line), = field.underlines()
    assert (x0, x1, line) == (fs.width("第4桌"), fs.width("第4桌hao"), 0)
    p.screenshot(str(tmp_path / "composing.png"))
    bottom = fs.line_height - 1  # the underline's last row, under the glyphs
    inked = [x for x in _inked_columns(p, field, bottom) if x < x1]  # the caret "_" after it aside
    assert inked and min(inked) >= x0  # under "hao" only, not under the label
    assert len(inked) >= (x1 - x0) * 3 // 4  # a line under it, not the glyphs' specks

    p.post(pygame.TEXTEDITING, text="", start=0, length=0)
    p.post(pygame.TEXTINPUT, text="好")
    field = _field(p)
    assert p.app.top.group == "第4桌好" and field.underlines() == []
    p.screenshot(str(tmp_path / "entered.png"))
    entered = fs.width("第4桌好")
    assert [x for x in _inked_columns(p, field, bottom) if x < entered] == []  # entered: no underline left


def test_the_teachers_field_underlines_the_composition_too(tmp_path):
    p = Pilot.start(EXAMPLE, classroom=True, export_dir=str(tmp_path))
    p.click(key="group:fixed")
    p.post(pygame.TEXTEDITING, text="zhuo", start=4, length=0)
    field = _field(p)
    (x0, x1, _line), = field.underlines()
    assert x1 - x0 == field.block.fs.width("zhuo")
    line = field.block.lines[0]
    assert line[field.span[0]:field.span[1]] == "zhuo" and x0 == field.block.fs.width(line[:field.span[0]])
