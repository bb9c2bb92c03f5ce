"""The debrief in the text player, one part at a time, with each myth-or-fact claim asked before it is answered.

Printed at once, a debrief is over a hundred lines that scroll past as the game exits. Here each part
waits for Enter (q leaves), and each claim waits for the player's answer before the sources' answer is
shown, as the window does. The words for the answers are the window's ("Partly true", not "MIXED").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..cite import cite_list, display_url, source_line
from ..engine.model import Debrief, Ending, Story, Text
from ..i18n import N_, _

TRUST_WORDS = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}  # a source's trust, shown through _()
ANSWER_WORDS = {"myth": N_("Myth"), "fact": N_("Fact"), "mixed": N_("Partly true")}  # shown through _()
# what a player may type for each answer: its number, or the word
ANSWER_INPUT = {"1": "myth", "myth": "myth", "2": "fact", "fact": "fact",
                "3": "mixed", "partly true": "mixed", "partly": "mixed", "mixed": "mixed"}
PAGE_HELP = N_("Press Enter to read on, or type q to finish.")
ASK_HELP = N_("Type 1 for Myth, 2 for Fact or 3 for Partly true. Press Enter to see the answer without guessing.")


@dataclass
class DebriefPager:
    """Shows one debrief through the player's ``say`` and ``ask``; ``answers`` keeps what the player said."""

    story: Story
    say: Callable[[str], None]
    ask: Callable[[str], str | None]
    tr: Callable[[Text], str]
    answers: dict[str, str] = field(default_factory=dict)
    lang: str | None = None  # the story's language in use: sources are named in it, as in the window

    def run(self, ending: Ending, debrief: Debrief | None) -> dict[str, str]:
        """Show the debrief; return the player's myth-or-fact answers (claim id: "myth", "fact" or "mixed")."""
        self.say("")
        self.say(_("*** Ending: {title} ***").format(title=self.tr(ending.title)))
        if debrief is None:
            self.say(_("This ending has no debrief."))
            return self.answers
        self.say(_("The debrief follows, part by part. {help}").format(help=_(PAGE_HELP)))
        pages = self._pages(debrief)
        for i, page in enumerate(pages):
            if not page() or (i + 1 < len(pages) and not self._next()):
                return self.answers
        self.say("")
        self.say(_("End of the debrief."))
        return self.answers

    def _pages(self, d: Debrief) -> list[Callable[[], bool]]:
        """Each part as a function that shows it; False means the player left the debrief."""
        pages: list[Callable[[], bool]] = [lambda: self._section(_("What really happened"), d.what_happened.text)]
        if d.not_known:
            pages.append(lambda: self._section(_("What is not known"), d.not_known.text))
        if d.dramatized:
            pages.append(lambda: self._section(_("What this story dramatized"), d.dramatized.text))
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
            line = self.ask(_("(Enter: read on, q: finish) > "))
            if line is None:
                self.say(_("(end of input)"))
                return False
            cmd = line.strip().lower()
            if cmd == "":
                return True
            if cmd in ("q", "quit", "exit"):
                self.say(_("Goodbye."))
                return False
            self.say(_(PAGE_HELP))

    def _section(self, title: str, text: Text) -> bool:
        self.say("")
        self.say(_("{title}:").format(title=title))
        self.say(self.tr(text))
        return True

    def _myths(self, d: Debrief) -> bool:
        self.say("")
        self.say(_("Myth or fact? Answer each claim, then read what the sources say."))
        for i, m in enumerate(d.myths, 1):
            self.say("")
            self.say(_("Claim {n} of {total}: {claim}").format(n=i, total=len(d.myths), claim=self.tr(m.claim)))
            self.say(_("1. Myth  2. Fact  3. Partly true"))
            given = self._answer()
            if given is None:
                return False
            right = _(ANSWER_WORDS[m.answer]).upper()
            if given == "":
                self.say(_("The sources say: {answer}.").format(answer=right))
            else:
                self.answers[m.id] = given
                said = _(ANSWER_WORDS[given]).lower()
                if given == m.answer:
                    self.say(_("You said {given}. That matches the sources: {answer}.").format(given=said,
                                                                                               answer=right))
                else:
                    self.say(_("You said {given}. The sources say otherwise: {answer}.").format(given=said,
                                                                                               answer=right))
            self.say(self.tr(m.explanation))
            if m.sources:
                names = cite_list(self.story.sources, m.sources, self.lang, self.story)
                self.say(_("Sources: {sources}.").format(sources=names))
        return True

    def _answer(self) -> str | None:
        """"myth", "fact" or "mixed"; "" when the player only wants the answer; None to leave."""
        while True:
            line = self.ask(_("Your answer > "))
            if line is None:
                self.say(_("(end of input)"))
                return None
            cmd = line.strip().lower()
            if cmd in ("q", "quit", "exit"):
                self.say(_("Goodbye."))
                return None
            if cmd == "":
                return ""
            if cmd in ANSWER_INPUT:
                return ANSWER_INPUT[cmd]
            self.say(_(ASK_HELP))

    def _questions(self, d: Debrief) -> bool:
        self.say("")
        self.say(_("Questions to discuss:"))
        for i, q in enumerate(d.questions, 1):
            self.say(f"{i}. {self.tr(q)}")
        return True

    def _sources(self, ids: list[str]) -> bool:
        self.say("")
        self.say(_("Sources:"))
        for sid in ids:
            src = self.story.sources.get(sid)
            if src:
                line = _("- {title} ({details}; trust: {trust})").format(
                    title=self.tr(src.title), details=source_line(src, self.lang, self.story),
                    trust=_(TRUST_WORDS.get(src.trust, src.trust)))
                if src.url:  # as a reader would type it, not %-encoded
                    line = _("{line} {url}").format(line=line, url=display_url(src.url))
                self.say(line)
        return True
