"""The ID card in full: the card and what attaches to it, the map of the journey, the points chart,
and how each list works (who runs it, how one gets on and off)."""

from __future__ import annotations

from ...i18n import _
from .. import artbridge
from ..cardmarks import grade_bands
from ..cardmotion import JOURNEYS, LISTS, POINTS, CardMotion
from ..context import Ctx
from ..flow import Column, Columns, Custom, Gap, Item, Text
from ..idcard import card_items
from ..screen import Screen
from .common import back_button, header


class CardScreen(Screen):
    name = "card"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.motion = CardMotion(app, self, (LISTS, POINTS, JOURNEYS))  # stamps, the badge, the newest journey

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        s = game.session
        info = game.card()
        scheme = game.scheme()
        chart = None
        if scheme is not None and s is not None:
            chart = Custom(lambda c, w: int(w * 0.55), lambda c, surf, r: artbridge.draw_points_chart(
                surf, r, s.state.points_log, scheme, c.theme, scheme.start, c.fonts["small"].latin, "panel"))
        left = Column(card_items(game.life.id, info, points_chart=chart, grades=grade_bands(scheme),
                                 motion=self.motion), pad=14, fill="panel", radius=8)
        places, journeys = game.places_for_map()
        right: list[Item] = [Text(_("Map"), "heading", "ink"),
                             Custom(lambda c, w: min(int(w * 0.62), c.px(420)), lambda c, surf, r: artbridge.draw_map(
                                 surf, r, places, journeys, c.theme, s.state.place if s else "",
                                 c.fonts["small"].latin, newest=self._drawn_share()))]
        if journeys:
            for j in journeys:
                route = _("{origin} to {destination}").format(origin=game.place_name(j["from"]),
                                                              destination=game.place_name(j["to"]))
                if j["label"]:
                    route = _("{route}: {label}").format(route=route, label=j["label"])
                right.append(Text(route, "small", "ink"))
        else:
            right.append(Text(_("You are in {place}. No journey yet.").format(place=info.place), "small", "muted"))
        if s is not None and s.state.points_log:
            right += [Gap(10), Text(_("Points over time"), "heading", "ink")]
            for e in s.state.points_log:
                sign = "+" if e["change"] >= 0 else "−"
                reason = game.story.strings.get(e.get("reason_id", ""), e.get("reason", ""))
                line = _("{date}: {change} ({reason}), now {points}").format(
                    date=game.fmt_date(e["date"]), change=f"{sign}{abs(e['change'])}", reason=reason,
                    points=e["points"])
                right.append(Text(line, "small", "ink"))
        w = game.story.world
        if s is not None and s.state.lists:
            right += [Gap(10), Text(_("How the lists work"), "heading", "ink")]
            for lid in s.state.lists:
                lst = w.lists.get(lid)
                if lst is None:
                    continue
                name = game.with_chinese(lst.name, lst.chinese)
                right += [Text(name, "body_bold", "ink"),
                          Text(_("Run by: {who}").format(who=game.tr(lst.run_by)), "small", "ink"),
                          Text(_("How one is put on it: {how}").format(how=game.tr(lst.how_on)), "small", "ink"),
                          Text(_("How one gets off: {how}").format(how=game.tr(lst.how_off)), "small", "ink"), Gap(8)]
        body = [Columns([(left, 0.42), (Column(right, gap=4), 0.58)], gap=28, stack_below=980)]
        self.stack_views(ctx, header(_("ID card and map"), back_button(self.on_back)), body, body_w=1180)
        self.motion.look()

    def _drawn_share(self) -> float:
        k = self.motion.journey()
        return 1.0 if k is None else k

    # -- motion (cardmotion.py): only the body, where the card and the map are, moves -------------------
    def view_key(self, view) -> object:
        return self.motion.frame_key() if view.name == "body" else None

    def update(self, now: float) -> bool:
        return self.motion.changed(now)

    def wake_at(self, now: float) -> float | None:
        return self.motion.wake_at(now)

    def on_back(self) -> None:
        self.app.pop()

    def on_action(self, action: str) -> bool:
        if action == "card":
            self.on_back()
            return True
        return False
