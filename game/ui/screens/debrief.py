"""The debrief after every ending: what happened, what is not known, what was dramatized, myth-or-fact
claims answered by tapping, questions to discuss, and the sources."""

from __future__ import annotations

from ...cite import cite_list, display_url, source_line
from ...engine import wording as wd
from ...i18n import N_, _
from ..context import Ctx
from ..flow import Column, Gap, Item, Row, Rule, Text, W
from ..idcard import icon_row
from ..screen import Screen
from ..widgets import Button
from .common import back_button, header

ANSWER_WORDS = {"myth": N_("Myth"), "fact": N_("Fact"), "mixed": N_("Partly true")}  # shown through _()
TRUST_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


class DebriefScreen(Screen):
    name = "debrief"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.export_message = ""
        self._answered: str | None = None  # the claim just answered: its verdict is scrolled into view
        self._verdict: tuple[Item, Item] | None = None  # (the verdict row, the claim's box) once composed

    @property
    def recording(self) -> bool:
        """Classroom mode: the run's record is kept up to date (the first answer to a claim counts)."""
        return hasattr(self.app.game, "first_answer")

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        d = game.debrief()
        node = game.session.node
        # the ending's name above the sections, not one more heading among them
        items: list[Item] = [Text(wd.ENDING_WORD, "tag", "accent"), Text(game.tr(node.ending.title), "title", "ink"),
                             Gap(6), Rule(pad=10)]
        if d is None:
            items.append(Text(_("This ending has no debrief."), "body", "muted"))
        else:
            items += self.section(_("What really happened"), game.tr(d.what_happened.text), d.what_happened.sources)
            if d.not_known:
                items += self.section(_("What is not known"), game.tr(d.not_known.text), d.not_known.sources)
            if d.dramatized:
                items += self.section(_("What this story dramatized"), game.tr(d.dramatized.text), d.dramatized.sources)
            if d.myths:
                items += [Rule(), Text(_("Myth or fact?"), "heading", "ink"),
                          Text(_("Tap your answer for each claim, then read what the sources say."), "body", "muted"),
                          Gap(8)]
                for i, m in enumerate(d.myths, 1):
                    items += [self.myth(i, m), Gap(12)]
            if d.questions and game.show_questions:
                items += [Rule(), Text(_("Questions to discuss"), "heading", "ink"), Gap(4)]
                for i, q in enumerate(d.questions, 1):
                    question = _("{n}. {question}").format(n=i, question=game.tr(q))
                    items += [Text(question, "body", "ink", max_w=800), Gap(6)]
            if d.sources:
                items += [Rule(), Text(_("Sources"), "heading", "ink"), Gap(4)]
                items += source_items(game, d.sources)
        items += [Rule(), self.footer()]
        if self.export_message:
            items += [Gap(6), Text(self.export_message, "small", "muted")]
        self.stack_views(ctx, header(_("Debrief"), back_button(self.on_back, _("Back to the ending")),
                                     sub=game.tr(game.life.title)), items)

    def section(self, title: str, text: str, sources: list[str]) -> list[Item]:
        out: list[Item] = [Text(title, "heading", "ink"), Gap(4), Text(text, "body", "ink", max_w=800)]
        if sources:
            out.append(Text(_("Sources: {sources}").format(sources=cites(self.app.game, sources)), "small", "muted"))
        out.append(Gap(14))
        return out

    def myth(self, i: int, m) -> Item:
        game = self.app.game
        given = game.answers.get(m.id)
        first = game.first_answer(m.id) if self.recording else given
        buttons = [W(Button(f"myth:{m.id}:{a}", _(ANSWER_WORDS[a]), (lambda mid=m.id, a=a: self.answer(mid, a)),
                            kind="toggle", selected=(given == a), fill=False, auto=given is None))
                   for a in ("myth", "fact", "mixed")]
        parts: list[Item] = [Text(_("CLAIM {n}").format(n=i), "tag", "muted"),
                             Text(game.tr(m.claim), "body_bold", "ink"), Gap(8), Row(buttons, gap=12)]
        if first is not None:
            right = first == m.answer
            given, answer = _(ANSWER_WORDS[first]).lower(), _(ANSWER_WORDS[m.answer]).upper()
            if self.recording:  # the same sentences as the text player's, with the first answer named as such
                verdict = (_("Your first answer was {given}. That matches the sources: {answer}.") if right else
                           _("Your first answer was {given}. The sources say otherwise: {answer}."))
            else:
                verdict = (_("You said {given}. That matches the sources: {answer}.") if right else
                           _("You said {given}. The sources say otherwise: {answer}."))
            verdict = verdict.format(given=given, answer=answer)
            row = icon_row("check" if right else "cross", verdict, "right" if right else "wrong", "body_bold")
            parts += [Gap(8), row]
            later = game.changes(m.id) if self.recording else []
            if later:
                changed = _(", then ").join(_(ANSWER_WORDS[a]).lower() for a in later)
                parts.append(Text(_("You changed it to {answers}. The first answer is the one the record keeps as "
                                    "your answer.").format(answers=changed), "body", "muted", max_w=800))
            parts.append(Text(game.tr(m.explanation), "body", "ink", max_w=800))
            if m.sources:
                parts.append(Text(_("Sources: {sources}").format(sources=cites(game, m.sources)), "small", "muted"))
        box = Column(parts, pad=16, fill="surface", edge="rule", radius=8)
        if first is not None and m.id == self._answered:
            self._verdict = (row, box)
        return box

    def relayout(self, ctx: Ctx) -> None:
        self._verdict = None
        super().relayout(ctx)
        v = self.view("body")
        if self._verdict is not None and v is not None and v.overflows:
            row, box = self._verdict
            margin = ctx.px(8)
            top, bottom = row.y - margin, box.y + box.h + margin
            if bottom > v.offset + v.rect.h:  # the verdict and what the sources say, its first line kept in view
                v.scroll_by(min(top - v.offset, bottom - v.offset - v.rect.h))
        self._answered = None

    def footer(self) -> Item:
        app = self.app
        bs = []
        if app.kiosk is not None:
            bs.append(W(Button("finish", _("Finish: let the next visitor play"), self.finish, kind="primary",
                               auto=True, fill=False)))
        elif self.recording:
            bs.append(W(Button("another", _("Play again: back to the start"), self.another, kind="primary", auto=True,
                               fill=False)))
            bs.append(W(Button("export", _("Save the class summary"), self.export, fill=False,
                               sub=_("It is saved as you go: this saves it again now"))))
        else:
            bs.append(W(Button("another", _("Play another life"), self.another, kind="primary", auto=True, fill=False)))
            bs.append(W(Button("title", _("Title screen"), self.to_title, fill=False)))
        bs.append(W(Button("reference", _("All sources and glossary"), self.reference, fill=False)))
        return Row(bs, gap=12)

    def autoplay_targets(self):
        fs = self.focusables()
        open_ = [w for w in fs if w.key.startswith("myth:") and w.auto]
        return open_ or [w for w in fs if w.key in ("another", "finish")]

    # -- commands ---------------------------------------------------------------------------------
    def answer(self, myth_id: str, given: str) -> None:
        self.app.game.answer(myth_id, given)
        self._answered = myth_id
        if self.app.kiosk is not None:
            self.app.kiosk.visit.answers[myth_id] = given
        self.rebuild()

    def export(self) -> None:
        """Save the class summary: the same record, rewritten now (never a second file)."""
        if not self.recording:
            return
        self.export_message = self.app.game.save_now()
        self.app.notify(self.export_message)
        self.rebuild()

    def another(self) -> None:
        app = self.app
        if self.recording:
            app.game.end_run()  # the record is final ("finished")
            app.pop_to("student")
            return
        from .lives import LivesScreen

        app.pop_to("title")
        app.game.end_run()
        app.push(LivesScreen(app))

    def to_title(self) -> None:
        if self.recording:
            self.another()
            return
        self.app.pop_to("title")
        self.app.game.end_run()

    def finish(self) -> None:
        if self.app.kiosk is not None:
            self.app.kiosk.reset("finished")
        self.app.kiosk_reset()

    def reference(self) -> None:
        from .reference import AboutScreen

        self.app.push(AboutScreen(self.app))

    def on_back(self) -> None:
        self.app.pop()


def cites(game, ids: list[str]) -> str:
    """The sources behind a text as players see them: outlet and date, never the ids."""
    return cite_list(game.story.sources, ids, game.lang, game.story)


def source_items(game, ids: list[str]) -> list[Item]:
    out: list[Item] = []
    for sid in ids:
        src = game.story.sources.get(sid)
        if src is None:
            out.append(Text(sid, "small", "muted"))
            continue
        bits = source_line(src, game.lang, game.story)
        line = _("{details}. Trust: {trust}.").format(details=bits, trust=_(TRUST_WORDS.get(src.trust, src.trust)))
        if src.url:
            line = _("{line} {url}").format(line=line, url=display_url(src.url))
        out += [Text(game.tr(src.title), "body_bold", "ink", max_w=820), Text(line, "small", "muted", max_w=820)]
        if src.note:
            out.append(Text(game.tr(src.note), "small", "ink", max_w=820))
        out.append(Gap(8))
    return out
