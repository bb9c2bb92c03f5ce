"""The teacher's start screen (classroom mode): a life, where to start, and whether to show questions."""

from __future__ import annotations

from ..context import Ctx
from ..flow import Column, Gap, Item, Row, Text, W
from ..screen import Screen
from ..widgets import Button
from .common import header


class TeacherScreen(Screen):
    name = "teacher"

    def __init__(self, app, preselect: str | None = None) -> None:
        super().__init__(app)
        lives = list(app.game.story.lives) if app.game else []
        self.life = preselect if preselect in lives else (lives[0] if lives else "")
        self.start = "main"
        self.show_questions = True

    def compose(self, ctx: Ctx) -> None:
        game = self.app.game
        items: list[Item] = [Text("Choose what the class plays. The debrief after the ending shows the discussion "
                                  "questions if you keep them on; a summary can be saved from the debrief.", "body",
                                  "muted", max_w=860), Gap(14), Text("Life", "heading", "ink"), Gap(6)]
        for life in game.lives():
            items += [W(Button(f"life:{life.id}", f"{game.tr(life.title)}: {game.tr(life.player)}",
                               (lambda lid=life.id: self.pick_life(lid)), kind="toggle", selected=self.life == life.id,
                               sub=f"{game.tr(life.period)}. About {life.minutes} minutes. "
                                   f"Content note: {game.tr(life.content_note)}")), Gap(8)]
        life = game.story.lives.get(self.life)
        if life is not None:
            items += [Gap(8), Text("Start from", "heading", "ink"), Gap(6)]
            starts = [("main", "The beginning")]
            if life.short is not None:
                starts.append(("short", f"The short version ({life.short.minutes} min)"))
            starts += [(f"chapter:{ch.id}", f"Chapter: {game.tr(ch.title)}") for ch in life.chapters]
            items.append(Row([W(Button(f"start:{k}", label, (lambda k=k: self.pick_start(k)), kind="toggle",
                                       selected=self.start == k, fill=False)) for k, label in starts], gap=10))
        items += [Gap(14), Text("Debrief questions", "heading", "ink"), Gap(6),
                  Row([W(Button("questions:on", "Show them", lambda: self.set_questions(True), kind="toggle",
                                selected=self.show_questions, fill=False)),
                       W(Button("questions:off", "Hide them", lambda: self.set_questions(False), kind="toggle",
                                selected=not self.show_questions, fill=False))], gap=10),
                  Gap(20), W(Button("begin", "Start", self.begin, kind="primary", auto=True, fill=False))]
        if self.app.export_dir:
            items += [Gap(8), Text(f"Summaries are saved in {self.app.export_dir}", "small", "muted")]
        self.stack_views(ctx, header("Classroom: set up the lesson", sub="On the List"), [Column(items)])

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

    def begin(self) -> None:
        game = self.app.game
        game.show_questions = self.show_questions
        self.app.start_life(self.life, self.start)

    def on_back(self) -> None:
        pass
