"""A readable error screen: a story that does not load, or something that went wrong."""

from __future__ import annotations

from ...i18n import _, ngettext
from ..context import Ctx
from ..flow import Gap, Item, Row, Text, W
from ..screen import Screen
from ..widgets import Button

MAX_LINES = 40


class ErrorScreen(Screen):
    name = "error"

    def __init__(self, app, title: str, lines: list[str], *, can_go_back: bool = False, intro: str = "") -> None:
        super().__init__(app)
        self.title = title
        self.lines = lines
        self.can_go_back = can_go_back
        self.intro = intro

    @classmethod
    def for_story(cls, app, result, error: str | None, path: str) -> ErrorScreen:
        lines: list[str] = []
        if error:
            lines.append(error)
        if result is not None:
            errs = [d for d in result.report.sorted() if d.is_error]
            lines += [str(d) for d in errs[:MAX_LINES]]
            if len(errs) > MAX_LINES:
                lines.append(ngettext("... and {n} more.", "... and {n} more.", len(errs) - MAX_LINES).format(
                    n=len(errs) - MAX_LINES))
            if result.story is None and not errs:
                lines.append(_("The story could not be read."))
        intro = _("The story in {path} has problems, so it cannot be played. Each line below says where (file, "
                  "line and column) and what is wrong. The same list comes from: python -m game validate").format(
                      path=path)
        return cls(app, _("The story could not be loaded"), lines, intro=intro)

    def compose(self, ctx: Ctx) -> None:
        items: list[Item] = [Text(self.title, "title" if len(self.title) < 40 else "heading", "error_head"), Gap(10)]
        if self.intro:
            items += [Text(self.intro, "body", "error_ink"), Gap(12)]
        for line in self.lines:
            items += [Text(line, "small", "error_ink"), Gap(6)]
        bs = []
        if self.can_go_back:
            bs.append(W(Button("back", _("Go back"), self.on_back, kind="primary", fill=False)))
        if self.app.kiosk is None:
            bs.append(W(Button("quit", _("Quit"), lambda: self.app.request_quit("error"), fill=False)))
        items += [Gap(16), Row(bs, gap=12)]
        self.stack_views(ctx, None, items, body_w=1100)

    def paint(self, ctx: Ctx, surf) -> None:
        surf.fill(ctx.theme["error_bg"])

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        if self.can_go_back:
            self.app.pop()
