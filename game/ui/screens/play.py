"""The play screen: heading (place, date), what just happened, the node's text, its evidence,
the choices as large buttons, and the ID card panel at the side."""

from __future__ import annotations

import pygame

from ...engine import wording as wd
from ...engine.model import Node
from ...i18n import _
from .. import pictures, ruby
from ..cardmarks import grade_bands
from ..cardmotion import LISTS, POINTS, CardMotion
from ..choicecue import ChoicesBelow
from ..context import Ctx
from ..eventviews import event_rows
from ..evidencemark import evidence_row
from ..flow import Gap, Item, Text, W
from ..headerbar import header_view
from ..idcard import card_items
from ..screen import Screen
from ..scroll import ScrollView
from ..systemviews import dialogue, letter, narration, notice, phone_app, terminal
from ..widgets import Button
from .common import header
from .debrief import cites as source_names

PANEL_W = 340  # logical px


class PlayScreen(Screen):
    name = "play"

    def __init__(self, app) -> None:
        super().__init__(app)
        self._node_seen: tuple | None = None
        self.reveal_start = 0.0
        self.reveal_total = 0
        self.revealing = False
        # the header and the ID card panel from the last compose, with what they show: kept when that did not
        # change (most choices change only the text), so the app neither lays them out nor draws them again
        self._kept: dict[str, tuple[object, ScrollView]] = {}
        self.motion = CardMotion(app, self, (LISTS, POINTS))  # the panel's list stamps and grade badge
        self.cue = ChoicesBelow()  # "Choices below", while the first choice is under the fold

    # -- state ------------------------------------------------------------------------------------
    @property
    def game(self):
        return self.app.game

    def shot_key(self):
        s = self.game.session
        return (s.state.node, len(s.state.log)) if s else None

    def on_enter(self) -> None:
        self.built_for = None

    def _new_node(self) -> bool:
        s = self.game.session
        key = (s.state.node, len(s.state.log), self.game.version)
        if key != self._node_seen:
            self._node_seen = key
            return True
        return False

    def _speed(self) -> int:
        return int(getattr(self.app.settings, "text_speed", 0) or 0)

    def reveal(self) -> int | None:
        if not self.revealing:
            return None
        n = int((self.app.clock() - self.reveal_start) * self._speed())
        if n >= self.reveal_total:
            return None
        return n

    # -- layout -----------------------------------------------------------------------------------
    def compose(self, ctx: Ctx) -> None:
        game = self.game
        if game.session is None:
            self.views = []
            return
        fresh = self._new_node()
        view = game.view()
        node = view.node
        if fresh:
            self.revealing = self._speed() > 0 and not view.is_ending
            self.reveal_start = self.app.clock()
            self.reveal_total = len(game.tr(node.text))
            self.reset_scroll = True
        W_, H = ctx.size
        show_panel = ctx.fonts.text_scale < 1.5 and W_ >= ctx.px(900)
        place, date = game.heading()
        life = game.life
        sub = _("{title}: {player}").format(title=game.tr(life.title), player=game.tr(life.player))
        kept, self._kept = self._kept, {}
        head_key = (self.app.layout_gen, W_, show_panel, place, date, sub)
        hv = self._keep(kept, "header", head_key, fresh)
        if hv is None:
            hv = self.header_view(ctx, _("{place}, {date}").format(place=place, date=date), sub, show_panel)
        self._kept["header"] = (head_key, hv)
        hh = hv.rect.h
        body_items = self.body_items(ctx, view)
        if hv.sub_moved:  # the life's line goes above the scene when the header has no room for it
            body_items = [Text(sub, "small", "muted"), Gap(8), *body_items]
        panel_w = ctx.px(PANEL_W) if show_panel else 0
        bv = ScrollView(body_items, name="body", pad=22, pad_x=34)
        bv.layout(ctx, pygame.Rect(0, hh, W_ - panel_w, H - hh))
        if view.illustration is not None:  # sized to keep the first choice in view (see game/ui/pictures.py)
            pictures.fit_scene(ctx, bv, self.first_choice_item(view) if self.revealing else None)
        self.views = [hv, bv]
        self.cue.attach(ctx, bv, [w for w in bv.root.widgets() if w.key.startswith("choice:") or w.key == "debrief"],
                        wd.READ_DEBRIEF if view.is_ending else "")
        if show_panel:
            rect = pygame.Rect(W_ - panel_w, hh, panel_w, H - hh)
            info = game.card()
            panel_key = (self.app.layout_gen, tuple(rect), life.id, info)
            pv = self._keep(kept, "panel", panel_key, fresh)
            if pv is None:
                pv = ScrollView(self.panel_items(info), name="panel", bg="panel", pad=14, reserve=False)
                pv.layout(ctx, rect)
            self._kept["panel"] = (panel_key, pv)
            self.views.append(pv)
        self.motion.look(shown=show_panel)

    def header_view(self, ctx: Ctx, title: str, sub: str, show_panel: bool) -> ScrollView:
        """The dark bar, kept within its share of the window like every screen's (see headerbar.py):
        the life's line moves above the scene, then the buttons become icons, when there is no room."""
        btns = [Button("journal", _("Journal"), self.journal, icon="book")]
        if not show_panel:
            btns.append(Button("card", _("ID card"), self.card, icon="person"))
        btns.append(Button("menu", _("Menu"), self.menu, icon="menu"))
        W_, H = ctx.size
        hv, line = header_view(ctx, header(title, *btns, sub=sub), W_, H, pad=10)
        hv.sub_moved = bool(line)
        return hv

    def release(self) -> None:
        super().release()
        self._kept = {}

    @staticmethod
    def _keep(kept: dict, name: str, key: object, fresh: bool) -> ScrollView | None:
        """The view made for ``key`` last time (None: make it); a new scene starts it at the top, as a
        new view would."""
        old = kept.get(name)
        if old is not None and old[0] == key:
            v = old[1]
            if fresh and v.offset:
                v.offset = 0
                v.reposition()
            return v
        return None

    def panel_items(self, info=None) -> list[Item]:
        game = self.game
        info = info if info is not None else game.card()
        items = card_items(game.life.id, info, grades=grade_bands(game.scheme()), motion=self.motion)
        items += [Gap(12), W(Button("details", _("Map and details"), self.card, icon="pin"))]
        return items

    def body_items(self, ctx: Ctx, view) -> list[Item]:
        game = self.game
        node: Node = view.node
        events = game.last_events()
        items: list[Item] = []
        if events:
            items.append(Text(wd.WHAT_HAPPENED, "tag", "muted"))
            items.append(Gap(4))
            for row in event_rows(game.describe, events):
                items += [row, Gap(6)]
            items.append(Gap(14))
        if view.illustration is not None:
            items.append(pictures.ScenePicture(view.illustration, game.tr(view.illustration.alt)))
        learn = ruby.learn_for(self.app)  # pinyin and/or the English, for learners of Chinese
        items.append(ruby.with_learning(self.node_item(node, events), game.tr(node.text),
                                        node.text.en, learn))
        items.append(Gap(12))
        items.append(self.evidence_item(node))
        items.append(Gap(18))
        if self.revealing:
            items.append(Text(_("Tap to show all the text.") if self.app.kiosk is not None else
                              _("Press any key or tap to show all the text."), "small", "muted"))
            return items
        if view.is_ending:
            items += [Text(wd.ENDING_WORD, "tag", "accent"), Text(game.tr(node.ending.title), "heading", "ink"),
                      Gap(14),
                      W(Button("debrief", wd.READ_DEBRIEF, self.debrief, kind="primary", auto=True,
                               sub=wd.READ_DEBRIEF_SUB), max_w=640)]
            return items
        for c in view.choices:
            label = game.tr(c.label)
            en = c.label.en if learn and learn.bilingual and c.enabled else ""
            b = Button(f"choice:{c.id}", label, (lambda cid=c.id: self.choose(cid)), kind="choice",
                       enabled=c.enabled, reason=game.tr(c.reason) if c.reason else "", number=c.number,
                       auto=c.enabled, sub=en if en != label else "", ruby=learn.pinyin if learn else None)
            items += [W(b, max_w=760), Gap(10)]
        return items

    def first_choice_item(self, view) -> Item | None:
        """The first choice as it will be drawn, to measure while the text is still being revealed."""
        c = next(iter(view.choices), None)
        if c is None:
            return None
        game = self.game
        return W(Button(f"choice:{c.id}", game.tr(c.label), None, kind="choice", enabled=c.enabled,
                        reason=game.tr(c.reason) if c.reason else "", number=c.number), max_w=760)

    def node_item(self, node: Node, events) -> Item:
        game = self.game
        text = game.tr(node.text)
        speaker = game.tr(node.speaker) if node.speaker else ""
        rv = self.reveal
        screen = node.screen or ("terminal" if node.kind == "system" else "letter" if node.kind == "document" else "")
        if node.kind in ("system", "document"):
            date = game.heading()[1]
            title = game.tr(node.title) if node.title else speaker
            if screen == "terminal":
                refused = next((e for e in events if e.kind == "refused"), None)
                alert = ""
                if refused is not None:
                    alert = _("REFUSED: {service}").format(service=game.tr(refused.data.get("service")))
                return terminal(title or wd.TERMINAL_TITLE, text, rv, alert)
            if screen == "notice":
                return notice(title or wd.NOTICE_TITLE, text, rv, date)
            if screen == "app":
                if node.shows_grade:
                    info = game.card()
                    return phone_app(title or wd.PHONE_TITLE, text, rv, info.grade, info.points, info.grade_press)
                return phone_app(title or wd.PHONE_TITLE, text, rv, "", None, "")
            return letter(title, text, rv, date)
        if node.kind == "dialogue" and speaker:
            return dialogue(speaker, text, rv)
        return narration(text, rv)

    def evidence_item(self, node: Node) -> Item:
        cites = source_names(self.app.game, node.sources)
        return evidence_row(node.evidence, cites, self.sources if node.sources else None)

    # -- drawing and animation --------------------------------------------------------------------
    def all_widgets(self):
        return super().all_widgets() + ([self.cue] if self.cue.showing else [])

    def paint_over(self, ctx: Ctx, surf: pygame.Surface) -> None:
        super().paint_over(ctx, surf)
        self.cue.paint(ctx, surf)

    def view_key(self, view) -> object:
        if view.name == "panel":
            return self.motion.frame_key()
        return self.reveal() if view.name == "body" else None

    def update(self, now: float) -> bool:
        moved = self.motion.changed(now)
        if self.revealing:
            if self.reveal() is None:
                self.finish_reveal()
            return True
        return moved

    def wake_at(self, now: float) -> float | None:
        due = [t for t in (now + 1 / 30 if self.revealing else None, self.motion.wake_at(now)) if t is not None]
        return min(due, default=None)

    def finish_reveal(self) -> None:
        self.revealing = False
        self.st.focused = None  # the choices just appeared: the focus goes to the first one (initial_focus)
        self.rebuild()

    def initial_focus(self):
        """Nothing while the text is typing (the first key or tap shows it all), then the first choice,
        never the header's Journal: Space then Enter chooses, at any text speed."""
        return None if self.revealing else super().initial_focus()

    # -- input ------------------------------------------------------------------------------------
    def pointer_down(self, pos, kind) -> None:
        if self.revealing:
            self._swallow = True
            self.finish_reveal()
            return
        self._swallow = False
        super().pointer_down(pos, kind)

    def pointer_up(self, pos, kind) -> None:
        if getattr(self, "_swallow", False):
            self._swallow = False
            return
        super().pointer_up(pos, kind)

    def key_action(self, action: str) -> None:
        if self.revealing:
            self.finish_reveal()
            return
        super().key_action(action)

    def on_pick(self, n: int) -> bool:
        for c in self.game.view().choices:
            if c.number == n:
                if c.enabled:
                    self.choose(c.id)
                else:
                    self.app.notify(wd.not_available(self.game.tr(c.reason)))
                return True
        return False

    def on_action(self, action: str) -> bool:
        if action == "journal":
            self.journal()
        elif action == "history":
            from .journal import HistoryScreen

            self.app.push(HistoryScreen(self.app))
        elif action == "card":
            self.card()
        elif action == "undo":
            self.undo()
        else:
            return False
        return True

    def on_back(self) -> None:
        self.menu()

    # -- commands ---------------------------------------------------------------------------------
    def choose(self, cid: str) -> None:
        if self.game.session is None or cid not in self.game.session.enabled_choices():
            return  # a stale press on a choice from an earlier scene
        self.game.choose(cid)
        self.rebuild()

    def undo(self) -> None:
        if self.game.undo():
            self.rebuild()
            self.app.notify(_("Took back the last choice."))

    def debrief(self) -> None:
        from .debrief import DebriefScreen

        self.app.push(DebriefScreen(self.app))

    def journal(self) -> None:
        from .journal import JournalScreen

        self.app.push(JournalScreen(self.app))

    def card(self) -> None:
        from .card import CardScreen

        self.app.push(CardScreen(self.app))

    def menu(self) -> None:
        from .dialog import PauseScreen

        self.app.push(PauseScreen(self.app))

    def sources(self) -> None:
        from .reference import SourcesScreen

        node = self.game.session.node
        self.app.push(SourcesScreen(self.app, only=list(node.sources), title=_("Sources for this scene")))

    def autoplay_targets(self):
        return [w for w in self.focusables() if w.auto]

    def autoplay_hook(self) -> bool:
        if self.revealing:
            self.finish_reveal()
            return True
        return False
