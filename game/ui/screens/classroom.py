"""Classroom mode's screens: the teacher's set-up, the students' start, and the teacher's PIN pad.

The set-up screen is the teacher's: the students never pass through it. "Start" leaves it for the
students' start screen (the life the teacher chose and the group label), and the end of every run
comes back to the students' start. The teacher reaches the set-up again with the key chord
(Ctrl+Shift+Alt+T) and the PIN set here, and can make the class report or quit from it.
"""

from __future__ import annotations

import pygame

from ...i18n import _, ngettext
from ...modes.classroom import TEACHER_CHORD
from ...modes.record import clean_group
from ..classroom_ctl import install
from ..context import Ctx
from ..flow import Column, Fixed, Gap, Item, Row, Text, W
from ..screen import Screen
from ..widgets import Button
from .common import header
from .grouplabel import GROUP_KINDS, GroupLabelInput, group_kinds, preset_rows, typed  # noqa: F401

CHORD_WORDS = "+".join(part.capitalize() for part in TEACHER_CHORD.split("+"))


def name_note() -> str:
    """The students' reminder under their label field."""
    return _("A table or pair label such as \u201cTable 4\u201d or \u201cPair B\u201d. Never a name: the label goes "
             "into the record your teacher collects.")


def teacher_name_note() -> str:
    """The same reminder, said to the teacher, who is the one collecting the records."""
    return _("Use a table or pair label such as \u201cTable 4\u201d or \u201cPair B\u201d, never a student\u2019s "
             "name: the label goes into each run\u2019s record and into the class report.")


def start_words(game, life, start: str) -> str:
    if start == "short" and life.short is not None:
        return ngettext("The short version (about {n} minute)", "The short version (about {n} minutes)",
                        life.short.minutes).format(n=life.short.minutes)
    if start.startswith("chapter:"):
        cid = start.split(":", 1)[1]
        ch = next((c for c in life.chapters if c.id == cid), None)
        return _("Chapter: {title}").format(title=game.tr(ch.title)) if ch else _("A chapter")
    return ngettext("The whole life (about {n} minute)", "The whole life (about {n} minutes)",
                    life.minutes).format(n=life.minutes)


class TeacherScreen(GroupLabelInput, Screen):
    """The teacher's set-up: life, start, questions, group label, PIN, class report, quit."""

    name = "teacher"

    def __init__(self, app, preselect: str | None = None, over_run: bool = False) -> None:
        super().__init__(app)
        game = install(app) if app.game is not None else None
        self.over_run = over_run and game is not None and game.session is not None
        lives = list(game.story.lives) if game else []
        setup = getattr(game, "setup", None) or {}
        self.life = preselect if preselect in lives else setup.get("life") or (lives[0] if lives else "")
        self.start = setup.get("start", "main")
        if preselect in lives and getattr(app.opts, "start", "main") != "main":
            self.start = app.opts.start
        self.show_questions = setup.get("show_questions", True)
        self.group_fixed = bool(game and game.group_fixed)
        self.group = game.group if game and game.group_fixed else ""
        self.message = ""

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        items: list[Item] = [Text(_("Choose what this computer plays. The students never see this screen: after "
                                    "Start, and after every run, they see their own start screen."), "body", "muted",
                                  max_w=900), Gap(14), Text(_("Life"), "heading", "ink"), Gap(6)]
        for life in game.lives():
            about = ngettext("{period}. About {n} minute. Content note: {note}",
                             "{period}. About {n} minutes. Content note: {note}", life.minutes).format(
                period=game.tr(life.period), n=life.minutes, note=game.tr(life.content_note))
            items += [W(Button(f"life:{life.id}", _("{life}: {player}").format(life=game.tr(life.title),
                                                                               player=game.tr(life.player)),
                               (lambda lid=life.id: self.pick_life(lid)), kind="toggle", selected=self.life == life.id,
                               sub=about)), Gap(8)]
        life = game.story.lives.get(self.life)
        if life is not None:
            items += [Gap(8), Text(_("Start from"), "heading", "ink"), Gap(6)]
            starts = [("main", _("The beginning ({n} min)").format(n=life.minutes))]
            if life.short is not None:
                starts.append(("short", _("The short version ({n} min)").format(n=life.short.minutes)))
            starts += [(f"chapter:{ch.id}", _("Chapter: {title}").format(title=game.tr(ch.title)))
                       for ch in life.chapters]
            items.append(Row([W(Button(f"start:{k}", label, (lambda k=k: self.pick_start(k)), kind="toggle",
                                       selected=self.start == k, fill=False)) for k, label in starts], gap=10))
        items += [Gap(14), Text(_("Debrief questions"), "heading", "ink"), Gap(6),
                  Row([W(Button("questions:on", _("Show them"), lambda: self.set_questions(True), kind="toggle",
                                selected=self.show_questions, fill=False)),
                       W(Button("questions:off", _("Hide them"), lambda: self.set_questions(False), kind="toggle",
                                selected=not self.show_questions, fill=False))], gap=10)]
        items += self.language_items()
        items += self.group_items()
        items += self.pin_items()
        folder = game.export_folder
        items += [Gap(14), Text(_("Records"), "heading", "ink"), Gap(4),
                  Text(_("Each run's record is saved in {folder}").format(folder=folder), "body", "ink",
                       max_w=900),
                  Text(_("On shared computers, start the game with --export-dir and a shared folder (or a USB "
                         "stick), so the records outlive the sign-out."), "small", "muted", max_w=900)]
        if game.record_problem:
            items.append(Text(game.record_problem, "body_bold", "ink", max_w=900))
        buttons = [W(Button("begin", _("Start"), self.begin, kind="primary", auto=True, fill=False))]
        if self.over_run:
            buttons.append(W(Button("resume", _("Back to the students' run"), self.resume, fill=False)))
        buttons += [W(Button("report", _("Make the class report"), self.report, fill=False,
                             sub=_("From every record in the folder above"))),
                    W(Button("quit", _("Quit the game"), self.quit, fill=False))]
        items += [Gap(20), Row(buttons, gap=12)]
        if self.message:
            items += [Gap(8), Text(self.message, "body", "ink", max_w=900)]
        self.stack_views(ctx, header(_("Classroom: set up the lesson"), sub=_("For the teacher")), [Column(items)])

    def language_items(self) -> list[Item]:
        """The language of the students' runs and of their records (the same setting as in Settings)."""
        game = self.app.game
        if len(game.languages()) < 2:
            return []
        cur = getattr(self.app.settings, "language", "") or game.lang or game.story.language
        return [Gap(14), Text(_("Language"), "heading", "ink"),
                Text(_("The students play in it, and each run's record is written in it."), "small", "muted",
                     max_w=900), Gap(6),
                Row([W(Button(f"lang:{code}", name, (lambda c=code: self.set_language(c)), kind="toggle",
                              selected=cur == code, fill=False)) for code, name in game.languages()], gap=10)]

    def set_language(self, code: str) -> None:
        from .. import modesbridge

        self.app.apply_settings(modesbridge.copy_settings(self.app.settings, language=code))
        self.rebuild()

    def group_items(self) -> list[Item]:
        items: list[Item] = [Gap(14), Text(_("Group label"), "heading", "ink"), Gap(6),
                             Row([W(Button("group:students", _("The students type it at the start"),
                                           lambda: self.set_group_fixed(False), kind="toggle",
                                           selected=not self.group_fixed, fill=False)),
                                  W(Button("group:fixed", _("Set it here"), lambda: self.set_group_fixed(True),
                                           kind="toggle", selected=self.group_fixed, fill=False))], gap=10)]
        if self.group_fixed:
            label = (_("Label: {label}_").format(label=self.group + self.composing) if self.group or self.composing
                     else _("Label: (type it)"))
            self.field = self.field_item(label)
            items += [Gap(6), self.field,
                      Text(_("Type the label, or pick one:"), "small", "muted"), Gap(4),
                      preset_rows(self, self.group)]
        items.append(Text(teacher_name_note(), "small", "muted", max_w=900))
        return items

    def pin_items(self) -> list[Item]:
        gate = self.app.guard.gate
        state = (_("A PIN is set: {keys}, then the PIN, brings back this screen.") if gate.needs_pin else
                 _("No PIN yet: {keys} alone brings back this screen. Set a PIN so students cannot.")).format(
            keys=CHORD_WORDS)
        return [Gap(14), Text(_("Coming back here"), "heading", "ink"), Gap(4), Text(state, "body", "ink", max_w=900),
                Gap(6), Row([W(Button("pin:set", _("Change the PIN") if gate.needs_pin else _("Set a PIN"),
                                      self.set_pin, fill=False))], gap=10)]

    # -- typing the label ----------------------------------------------------------------------------
    def label_editable(self) -> bool:
        return self.group_fixed and self.app.top is self

    def text_key(self, ev) -> bool:
        if not self.group_fixed:
            return False
        return self.type_group(ev)

    # -- commands ---------------------------------------------------------------------------------
    def pick_life(self, lid: str) -> None:
        self.life = lid
        self.start = "main"
        self.rebuild()

    def pick_start(self, key: str) -> None:
        self.start = key
        self.rebuild()

    def set_questions(self, on: bool) -> None:
        self.show_questions = on
        self.rebuild()

    def set_group_fixed(self, fixed: bool) -> None:
        self.group_fixed = fixed
        self.rebuild()

    def set_pin(self) -> None:
        self.app.push(TeacherPinScreen(self.app, mode="set"))

    def begin(self) -> None:
        game = self.app.game
        if self.group_fixed and not clean_group(self.group):
            self.message = _("Type a group label first, or let the students type it.")
            self.rebuild()
            return
        game.close_run("ended")
        game.end_run()
        game.show_questions = self.show_questions
        game.group_fixed = self.group_fixed
        if self.group_fixed:
            game.group = clean_group(self.group)
        game.setup = {"life": self.life, "start": self.start, "show_questions": self.show_questions}
        self.app.reset_to(StudentStartScreen(self.app))

    def resume(self) -> None:
        self.app.pop()

    def report(self) -> None:
        from ...modes.class_report_html import make_report

        folder = self.app.game.export_folder
        try:
            path, loaded = make_report(folder)
        except OSError as exc:
            self.message = _("The class report could not be written ({reason}).").format(reason=exc.strerror or exc)
        else:
            n, k = len(loaded.records), len(loaded.skipped)
            read = ngettext("Read {n} record.", "Read {n} records.", n).format(n=n)
            if k:
                read = ngettext("Read {n} record; {k} file skipped, listed on the page.",
                                "Read {n} records; {k} files skipped, listed on the page.", k).format(n=n, k=k)
            self.message = _("{read} The class report is {path}").format(read=read, path=path)
        self.app.notify(self.message)
        self.rebuild()

    def quit(self) -> None:
        self.app.game.close_run("ended")
        self.app.request_quit("teacher")

    def on_back(self) -> None:
        if self.over_run:
            self.resume()

    def on_quit(self) -> None:
        if self.app.game is not None:
            self.app.game.close_run("ended")


class StudentStartScreen(GroupLabelInput, Screen):
    """The students' start: the life the teacher chose, the group label (typed or picked), Start."""

    name = "student"

    def __init__(self, app) -> None:
        super().__init__(app)
        self.group = app.game.group

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        setup = getattr(game, "setup", {})
        life = game.story.lives[setup["life"]]
        start = setup.get("start", "main")
        items: list[Item] = [Text(game.tr(life.title), "title", "ink"), Text(game.tr(life.player), "body_bold", "ink"),
                             Gap(6), Text(game.tr(life.summary), "body", "ink", max_w=900), Gap(6),
                             Text(start_words(game, life, start), "body", "muted"),
                             Text(_("Content note: {note}").format(note=game.tr(life.content_note)), "small",
                                  "muted", max_w=900),
                             Gap(18), Text(_("Your group's label"), "heading", "ink"), Gap(4)]
        if game.group_fixed:
            items += [Text(game.group, "heading", "ink"), Text(_("Set by your teacher."), "small", "muted")]
        else:
            # drawn as the field it is: what is typed goes into this box
            typed = (self.field_item(self.field_text()) if self.group or self.composing
                     else Text(_("(not set yet)"), "heading", "muted"))
            self.field = Column([typed], pad=10, fill="surface", edge="rule", radius=6)
            items += [Fixed(self.field, 420), Gap(8),
                      Text(_("Type it, or pick one:"), "small", "muted"), Gap(4), preset_rows(self, self.group)]
        items += [Gap(4), Text(name_note(), "small", "muted", max_w=900)]
        if game.record_problem:
            items += [Gap(8), Text(game.record_problem, "body_bold", "ink", max_w=900)]
        ok = bool(clean_group(game.group if game.group_fixed else self.group))
        items += [Gap(20), W(Button("begin", _("Start"), self.begin, kind="primary", auto=ok, enabled=ok,
                                    reason="" if ok else _("type your group's label first"), fill=False))]
        self.stack_views(ctx, header(_("On the List"), sub=_("Classroom")), [Column(items)])

    def label_editable(self) -> bool:
        return not self.app.game.group_fixed and self.app.top is self

    def text_key(self, ev) -> bool:
        if self.app.game.group_fixed:
            return False
        if ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and clean_group(self.group) and not self.composing:
            self.begin()
            return True
        return self.type_group(ev)

    def begin(self) -> None:
        game = self.app.game
        if not game.group_fixed:
            label = clean_group(self.group)
            if not label:
                return
            game.group = label
        setup = game.setup
        self.app.start_life(setup["life"], setup.get("start", "main"))

    def on_enter(self) -> None:
        self.group = self.app.game.group  # the same pair plays again: keep their label
        self.rebuild()

    def on_back(self) -> None:
        pass  # the students' start has nowhere to go back to

    def on_quit(self) -> None:
        self.app.game.close_run("ended")


from .teacherpin import TeacherPinScreen  # noqa: E402,F401  (the set-up screen opens it; kept importable here)
