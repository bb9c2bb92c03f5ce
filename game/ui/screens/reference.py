"""About and sources: what the game is, every source, and the glossary."""

from __future__ import annotations

from ...i18n import N_, _, format_number, ngettext
from .. import artbridge
from ..context import Ctx
from ..flow import Gap, Item, Row, Rule, Text, W
from ..screen import Screen
from ..widgets import Button
from .common import back_button, header
from .debrief import cites, source_items

ABOUT = [
    N_("On the List is an educational game about China's social credit system. You live one of three lives built on "
      "the record. Two are documented cases: a young mother blacklisted by a court over a suit she never knew about, "
      "and a lawyer blacklisted over an apology. The third is an invented composite resident of Rongcheng, a real "
      "city whose points and grades are documented."),
    N_("There is no single national score. The main mechanism is a set of blacklists, chiefly the courts' list of "
      "people who do not perform a judgment; many agencies then restrict the people on it (joint punishment). "
      "Point schemes such as Rongcheng's are local."),
    N_("Every scene says how it is backed: DOCUMENTED (the sources state it), REPORTED (a source reports it, less "
      "firmly) or DRAMATIZED (invented detail that fits the record). Each ending leads to a debrief."),
    N_("The game runs offline. It has no accounts and keeps no personal data."),
]


class AboutScreen(Screen):
    name = "about"

    def __init__(self, app, tab: str = "about") -> None:
        super().__init__(app)
        self.tab = tab

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        tabs = Row([W(Button(f"tab:{k}", label, (lambda k=k: self.show(k)), kind="toggle", selected=self.tab == k,
                             fill=False))
                    for k, label in (("about", _("About")), ("sources", _("Sources")), ("glossary", _("Glossary")))],
                   gap=10)
        items: list[Item] = [tabs, Gap(12)]
        if self.tab == "about":
            for p in ABOUT:
                items += [Text(_(p), "body", "ink", max_w=820), Gap(10)]
            items += [Rule(), Text(_("Credits and licences"), "heading", "ink"),
                      Text(_("Art is drawn in code by the project. Fonts are open-licensed and bundled with their "
                             "licences in assets/fonts."), "small", "ink", max_w=820)]
            if artbridge.problems:
                items += [Gap(8), Text(_("Some pictures could not be drawn: {problems}").format(
                    problems="; ".join(artbridge.problems[:5])),
                                       "small", "muted", max_w=820)]
        elif self.tab == "sources":
            n = len(game.story.sources)
            items += [Text(ngettext("{n} source. The trust level is the project's reading of each source. A title "
                                    "in square brackets describes a source whose headline we could not see.",
                                    "{n} sources. The trust level is the project's reading of each source. A title "
                                    "in square brackets describes a source whose headline we could not see.",
                                    n).format(n=format_number(n)), "body", "muted", max_w=820), Gap(8)]
            items += source_items(game, list(game.story.sources))
        else:
            if not game.story.glossary:
                items.append(Text(_("This story has no glossary."), "body", "muted"))
            for term in game.story.glossary.values():
                name = game.with_chinese(term.term, term.chinese, "  {}")
                items += [Text(name, "body_bold", "ink"), Text(game.tr(term.text), "body", "ink", max_w=820)]
                if term.sources:
                    items.append(Text(_("Sources: {sources}").format(sources=cites(game, term.sources)), "small",
                                      "muted"))
                items.append(Gap(10))
        self.stack_views(ctx, header(_("About and sources"), back_button(self.on_back)), items)

    def show(self, tab: str) -> None:
        self.tab = tab
        self.reset_scroll = True
        self.rebuild()

    def autoplay_targets(self):
        return []

    def on_back(self) -> None:
        self.app.pop()


class SourcesScreen(Screen):
    """The sources behind one scene."""

    name = "sources"

    def __init__(self, app, only: list[str], title: str | None = None) -> None:
        super().__init__(app)
        self.only = only
        self.title = title  # None: "Sources", in the language shown

    def compose(self, ctx: Ctx) -> None:
        items = source_items(self.app.game, self.only) or [Text(_("No sources."), "body", "muted")]
        self.stack_views(ctx, header(self.title or _("Sources"), back_button(self.on_back)), items)

    def on_back(self) -> None:
        self.app.pop()
