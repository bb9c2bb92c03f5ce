"""The ID card in full: the card and what attaches to it, the map of the journey, the points chart,
and how each list works (who runs it, how one gets on and off)."""

from __future__ import annotations

from .. import artbridge
from ..context import Ctx
from ..flow import Column, Columns, Custom, Gap, Item, Text
from ..idcard import card_items
from ..screen import Screen
from .common import back_button, header


class CardScreen(Screen):
    name = "card"

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        s = game.session
        info = game.card()
        scheme = game.scheme()
        chart = None
        if scheme is not None and s is not None:
            chart = Custom(lambda c, w: int(w * 0.55), lambda c, surf, r: artbridge.draw_points_chart(
                surf, r, s.state.points_log, scheme, c.theme, scheme.start, c.fonts["small"].latin, "panel"))
        left = Column(card_items(game.life.id, info, points_chart=chart), pad=14, fill="panel", radius=8)
        places, journeys = game.places_for_map()
        right: list[Item] = [Text("Map", "heading", "ink"),
                             Custom(lambda c, w: min(int(w * 0.62), c.px(420)), lambda c, surf, r: artbridge.draw_map(
                                 surf, r, places, journeys, c.theme, s.state.place if s else "",
                                 c.fonts["small"].latin))]
        if journeys:
            for j in journeys:
                right.append(Text(f"{game.place_name(j['from'])} to {game.place_name(j['to'])}"
                                  + (f": {j['label']}" if j["label"] else ""), "small", "ink"))
        else:
            right.append(Text(f"You are in {info.place}. No journey yet.", "small", "muted"))
        if s is not None and s.state.points_log:
            right += [Gap(10), Text("Points over time", "heading", "ink")]
            for e in s.state.points_log:
                sign = "+" if e["change"] >= 0 else "-"
                reason = game.story.strings.get(e.get("reason_id", ""), e.get("reason", ""))
                right.append(Text(f"{game.fmt_date(e['date'])}: {sign}{abs(e['change'])} ({reason}), now {e['points']}",
                                  "small", "ink"))
        w = game.story.world
        if s is not None and s.state.lists:
            right += [Gap(10), Text("How the lists work", "heading", "ink")]
            for lid in s.state.lists:
                lst = w.lists.get(lid)
                if lst is None:
                    continue
                name = game.with_chinese(lst.name, lst.chinese)
                right += [Text(name, "body_bold", "ink"),
                          Text(f"Run by: {game.tr(lst.run_by)}", "small", "ink"),
                          Text(f"How one is put on it: {game.tr(lst.how_on)}", "small", "ink"),
                          Text(f"How one gets off: {game.tr(lst.how_off)}", "small", "ink"), Gap(8)]
        body = [Columns([(left, 0.42), (Column(right, gap=4), 0.58)], gap=28, stack_below=980)]
        self.stack_views(ctx, header("ID card and map", back_button(self.on_back)), body, body_w=1180)

    def on_back(self) -> None:
        self.app.pop()

    def on_action(self, action: str) -> bool:
        if action == "card":
            self.on_back()
            return True
        return False
