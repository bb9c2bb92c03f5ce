"""The journal (what the story noted, with dates) and the history (every scene, choice and event)."""

from __future__ import annotations

from ...i18n import _, format_number, ngettext
from ..context import Ctx
from ..eventviews import event_rows
from ..flow import Column, Gap, Item, Rule, Text
from ..screen import Screen
from .common import back_button, header


class JournalScreen(Screen):
    name = "journal"

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        s = game.session
        items: list[Item] = []
        entries = s.state.journal if s else []
        if not entries:
            items.append(Text(_("Nothing is in the journal yet. Things you learn are written here as the story "
                                "goes on."), "body", "muted"))
        for e in entries:
            shown = game.tr(_text(e))
            items += [Text(game.fmt_date(e.get("date", "")), "small_bold", "accent"), Text(shown, "body", "ink",
                                                                                               max_w=760), Gap(12)]
        if s and s.state.travels:
            items += [Rule(), Text(_("Journeys"), "heading", "ink"), Gap(6)]
            for t in s.state.travels:
                bits = [_("{origin} to {destination}").format(origin=game.place_name(t.get("from", "")),
                                                              destination=game.place_name(t.get("to", "")))]
                if t.get("by"):
                    bits.append(_("by {mode}").format(mode=t["by"]))
                if t.get("km"):
                    bits.append(_("{km} km").format(km=format_number(t["km"])))
                if t.get("hours"):
                    bits.append(ngettext("{n} hour", "{n} hours", t["hours"]).format(n=format_number(t["hours"])))
                items += [Text(game.fmt_date(t.get("date", "")), "small_bold", "accent"), Text(_(", ").join(bits),
                                                                                                 "body", "ink"), Gap(8)]
        self.stack_views(ctx, header(_("Journal"), back_button(self.on_back)), items)

    def on_back(self) -> None:
        self.app.pop()

    def on_action(self, action: str) -> bool:
        if action == "journal":
            self.on_back()
            return True
        return False


def _text(entry: dict):
    from ...engine.model import Text as T

    return T(entry.get("id", ""), entry.get("text", ""))


class HistoryScreen(Screen):
    name = "history"

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        s = game.session
        items: list[Item] = []
        for i, h in enumerate(s.history if s else []):
            block: list[Item] = [Text(_("{place}, {date}").format(place=game.place_name(h.place),
                                                               date=game.fmt_date(h.date)), "small_bold", "accent"),
                                 Text(game.tr(h.text), "body", "ink", max_w=760)]
            if h.choice is not None:
                block += [Gap(4), Text(_("You chose: {choice}").format(choice=game.tr(h.choice)), "body_bold", "ink")]
            nxt = s.history[i + 1] if i + 1 < len(s.history) else None
            if nxt is not None and nxt.events:
                block += [Gap(6), *[x for r in event_rows(game.describe, nxt.events) for x in (r, Gap(4))]]
            items += [Column(block), Rule()]
        if not items:
            items.append(Text(_("Nothing has happened yet."), "body", "muted"))
        self.stack_views(ctx, header(_("History"), back_button(self.on_back),
                                     sub=_("Every scene so far, the choice you made, and what it caused")), items)

    def on_enter(self) -> None:
        self._to_end = True

    def relayout(self, ctx: Ctx) -> None:
        super().relayout(ctx)
        if getattr(self, "_to_end", False):
            self._to_end = False
            v = self.view("body")
            if v is not None:
                v.scroll_to_end()

    def on_back(self) -> None:
        self.app.pop()
