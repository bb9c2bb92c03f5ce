"""The debrief in the text player, one part at a time, with each myth-or-fact claim asked before it is answered.

Printed at once, a debrief is over a hundred lines that scroll past as the game exits. Here each part
waits for Enter (q leaves), and each claim waits for the player's answer before the sources' answer is
shown, as the window does. The words for the answers are the window's ("Partly true", not "MIXED").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..cite import cite_list, display_url, human_date
from ..engine.model import Debrief, Ending, Story, Text

ANSWER_WORDS = {"myth": "Myth", "fact": "Fact", "mixed": "Partly true"}
# what a player may type for each answer: its number, or the word
ANSWER_INPUT = {"1": "myth", "myth": "myth", "2": "fact", "fact": "fact",
                "3": "mixed", "partly true": "mixed", "partly": "mixed", "mixed": "mixed"}
PAGE_HELP = "Press Enter to read on, or type q to finish."
ASK_HELP = "Type 1 for Myth, 2 for Fact or 3 for Partly true. Press Enter to see the answer without guessing."


@dataclass
class DebriefPager:
    """Shows one debrief through the player's ``say`` and ``ask``; ``answers`` keeps what the player said."""

    story: Story
    say: Callable[[str], None]
    ask: Callable[[str], str | None]
    tr: Callable[[Text], str]
    answers: dict[str, str] = field(default_factory=dict)

    def run(self, ending: Ending, debrief: Debrief | None) -> dict[str, str]:
        """Show the debrief; return the player's myth-or-fact answers (claim id: "myth", "fact" or "mixed")."""
        self.say("")
        self.say(f"*** Ending: {self.tr(ending.title)} ***")
        if debrief is None:
            self.say("This ending has no debrief.")
            return self.answers
        self.say(f"The debrief follows, part by part. {PAGE_HELP}")
        pages = self._pages(debrief)
        for i, page in enumerate(pages):
            if not page() or (i + 1 < len(pages) and not self._next()):
                return self.answers
        self.say("")
        self.say("End of the debrief.")
        return self.answers

    def _pages(self, d: Debrief) -> list[Callable[[], bool]]:
        """Each part as a function that shows it; False means the player left the debrief."""
        pages: list[Callable[[], bool]] = [lambda: self._section("What really happened", d.what_happened.text)]
        if d.not_known:
            pages.append(lambda: self._section("What is not known", d.not_known.text))
        if d.dramatized:
            pages.append(lambda: self._section("What this story dramatized", d.dramatized.text))
        if d.myths:
            pages.append(lambda: self._myths(d))
        if d.questions:
            pages.append(lambda: self._questions(d))
        if d.sources:
            pages.append(lambda: self._sources(d.sources))
        return pages

    def _next(self) -> bool:
        """Wait for Enter; q (or the end of input) leaves the debrief."""
        while True:
            line = self.ask("(Enter: read on, q: finish) > ")
            if line is None:
                self.say("(end of input)")
                return False
            cmd = line.strip().lower()
            if cmd == "":
                return True
            if cmd in ("q", "quit", "exit"):
                self.say("Goodbye.")
                return False
            self.say(PAGE_HELP)

    def _section(self, title: str, text: Text) -> bool:
        self.say("")
        self.say(f"{title}:")
        self.say(self.tr(text))
        return True

    def _myths(self, d: Debrief) -> bool:
        self.say("")
        self.say("Myth or fact? Answer each claim, then read what the sources say.")
        for i, m in enumerate(d.myths, 1):
            self.say("")
            self.say(f"Claim {i} of {len(d.myths)}: {self.tr(m.claim)}")
            self.say("1. Myth  2. Fact  3. Partly true")
            given = self._answer()
            if given is None:
                return False
            right = ANSWER_WORDS[m.answer].upper()
            if given == "":
                self.say(f"The sources say: {right}.")
            else:
                self.answers[m.id] = given
                verdict = "That matches the sources" if given == m.answer else "The sources say otherwise"
                self.say(f"You said {ANSWER_WORDS[given].lower()}. {verdict}: {right}.")
            self.say(self.tr(m.explanation))
            if m.sources:
                self.say(f"Sources: {cite_list(self.story.sources, m.sources)}.")
        return True

    def _answer(self) -> str | None:
        """"myth", "fact" or "mixed"; "" when the player only wants the answer; None to leave."""
        while True:
            line = self.ask("Your answer > ")
            if line is None:
                self.say("(end of input)")
                return None
            cmd = line.strip().lower()
            if cmd in ("q", "quit", "exit"):
                self.say("Goodbye.")
                return None
            if cmd == "":
                return ""
            if cmd in ANSWER_INPUT:
                return ANSWER_INPUT[cmd]
            self.say(ASK_HELP)

    def _questions(self, d: Debrief) -> bool:
        self.say("")
        self.say("Questions to discuss:")
        for i, q in enumerate(d.questions, 1):
            self.say(f"{i}. {self.tr(q)}")
        return True

    def _sources(self, ids: list[str]) -> bool:
        self.say("")
        self.say("Sources:")
        for sid in ids:
            src = self.story.sources.get(sid)
            if src:
                bits = [src.outlet, src.author, human_date(src.date)]
                url = f" {display_url(src.url)}" if src.url else ""  # as a reader would type it, not %-encoded
                self.say(f"- {self.tr(src.title)} ({', '.join(b for b in bits if b)}; trust: {src.trust}){url}")
        return True
