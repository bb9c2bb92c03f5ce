"""The game as the screens see it: one story and the current run. The only module that sends
commands to the engine (start, choose, undo); everything else only reads what this returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .. import i18n
from ..engine.effects.add_to_list import when_listed
from ..engine.events import Event, describe
from ..engine.model import Illustration, Life, Story, Text
from ..engine.runtime import NodeView, Session
from ..engine.wording import format_date
from . import modesbridge


@dataclass
class CardInfo:
    """The ID card panel's content."""

    name: str
    player: str
    place: str
    date: str
    lists: list[tuple[str, str, str, str]]  # (kind, name, short, when: "since 22 February 2016")
    restricted: list[tuple[str, str]]  # (icon, service name) refused by a blacklist
    points: int | None
    grade: str
    grade_press: str
    scheme_name: str
    variables: list[tuple[str, str]]  # (label, value with unit)
    days: int
    perks: list[tuple[str, str, bool]] = field(default_factory=list)  # (icon, service, open now) by grade
    portrait: Illustration | None = None  # the life's own portrait (``portrait: ID`` in its data), for the photo
    portrait_alt: str = ""  # its words, in the language in use


class GameCtl:
    def __init__(self, story: Story, lang: str | None = None, seed: int = 0) -> None:
        self.story = story
        self.lang = lang if lang and (lang == story.language or lang in story.translations) else None
        self.seed = seed
        self.session: Session | None = None
        self.answers: dict[str, str] = {}
        self.autosave_on = True
        self.show_questions = True
        self.message: str | None = None  # one message for the next screen (save problems...)
        self.version = 0  # bumps on every change the screens must redraw for

    # -- text --------------------------------------------------------------------------------------
    def tr(self, t: Text | None) -> str:
        return self.story.text(t, self.lang)

    def with_chinese(self, name: Text | None, chinese: str, sep: str = " ({})") -> str:
        """A name with its Chinese beside it ("the court's list (失信被执行人名单)"), unless the name is
        already shown in Chinese: a Chinese screen would otherwise say it twice."""
        shown = self.tr(name)
        return shown if not chinese or chinese in shown else shown + sep.format(chinese)

    def describe(self, e: Event) -> str:
        return describe(e, self.tr)

    def set_lang(self, lang: str | None) -> None:
        self.lang = lang if lang and lang in self.story.translations else None
        self.version += 1

    def languages(self) -> list[tuple[str, str]]:
        """The languages to offer: the interface's, each named in its own language ("中文 (简体)")."""
        return list(i18n.languages().items())

    def fmt_date(self, iso: str) -> str:
        """A date in the interface's language ("2016年5月9日"), whether or not the story is translated."""
        return format_date(iso)


    # -- lives -------------------------------------------------------------------------------------
    def lives(self) -> list[Life]:
        return list(self.story.lives.values())

    def place_name(self, place_id: str) -> str:
        p = self.story.world.places.get(place_id)
        return self.tr(p.name) if p else place_id

    # -- the run -----------------------------------------------------------------------------------
    def start(self, life_id: str, start: str = "main") -> None:
        self.session = Session(self.story, life_id, seed=self.seed, start=start)
        self.answers = {}
        self.version += 1
        self._autosave()

    def adopt(self, session: Session) -> None:
        """Play on from a loaded session (Continue, a save slot)."""
        self.session = session
        self.answers = {}
        self.version += 1

    def end_run(self) -> None:
        self.session = None
        self.answers = {}
        self.version += 1

    @property
    def life(self) -> Life | None:
        return self.session.life if self.session else None

    def view(self) -> NodeView:
        assert self.session is not None
        return self.session.view()

    def choose(self, choice_id: str) -> list[Event]:
        assert self.session is not None
        events = self.session.choose(choice_id)
        self.version += 1
        self._autosave()
        return events

    def undo(self) -> bool:
        if self.session is None or not self.session.undo():
            return False
        self.version += 1
        self._autosave()
        return True

    @property
    def can_undo(self) -> bool:
        return bool(self.session and self.session.can_undo and not self.session.ended)

    def _autosave(self) -> None:
        if self.autosave_on and self.session is not None:
            msg = modesbridge.autosave(self.session, self.lang)
            if msg:
                self.message = msg

    def last_events(self) -> list[Event]:
        return list(self.session.last_events) if self.session else []

    def heading(self) -> tuple[str, str]:
        s = self.session.state
        return self.place_name(s.place), self.fmt_date(s.date)

    def debrief(self):
        if self.session is None or self.session.node.ending is None:
            return None
        return self.session.life.debriefs.get(self.session.node.ending.debrief)

    def answer(self, myth_id: str, given: str) -> None:
        self.answers[myth_id] = given
        self.version += 1

    def card(self) -> CardInfo:
        sess = self.session
        s = sess.state
        w = self.story.world
        rules = sess.rules
        lists = []
        for lid, info in s.lists.items():
            lst = w.lists.get(lid)
            if lst is not None:
                lists.append((lst.kind, self.tr(lst.name), self.tr(lst.short), when_listed(info)))
        restricted = [(w.services[sid].icon, self.tr(w.services[sid].name))
                      for sid in rules.restricted_services() if sid in w.services]
        # what the grade brings: services with a grade requirement, open now or not
        perks = []
        if s.points is not None:
            for sid, svc in w.services.items():
                if svc.requires is not None and sid not in rules.restricted_services():
                    perks.append((svc.icon, self.tr(svc.name), rules.refusal(sid) is None))
        scheme = w.schemes.get(sess.life.scheme) if sess.life.scheme else None
        grade = rules.grade() if scheme else ""
        press = ""
        if scheme:
            g = next((g for g in scheme.grades if g.id == grade), None)
            press = self.tr(g.press) if g and g.press else ""
        variables = []
        for name, var in sess.life.variables.items():
            if var.show:
                val = s.vars.get(name, var.initial)
                if isinstance(val, bool):
                    sval = i18n._("yes") if val else i18n._("no")
                elif isinstance(val, (int, float)):
                    sval = i18n.format_number(val)  # grouped as the language writes it: "5,000"
                else:
                    sval = str(val)
                if var.unit:
                    sval = i18n._("{value} {unit}").format(value=sval, unit=self.tr(var.unit))
                variables.append((self.tr(var.label) if var.label else name, sval))
        return CardInfo(self.tr(sess.life.title), self.tr(sess.life.player), self.place_name(s.place),
                        self.fmt_date(s.date), lists, restricted, s.points if scheme else None, grade, press,
                        self.tr(scheme.name) if scheme else "", variables, rules.days(), perks,
                        *self.portrait(sess.life))

    def portrait(self, life: Life) -> tuple[Illustration | None, str]:
        """The picture the life's data names as its portrait, and its words (None: the card draws its own)."""
        pic = self.story.world.illustrations.get(life.portrait) if life.portrait else None
        return pic, self.tr(pic.alt) if pic is not None else ""

    def scheme(self) -> Any | None:
        if self.session is None or not self.session.life.scheme:
            return None
        return self.story.world.schemes.get(self.session.life.scheme)

    def places_for_map(self) -> tuple[list[dict], list[dict]]:
        """The places this life can take the player to, and the journeys made so far."""
        w = self.story.world
        ids = self.session.life.place_ids() if self.session else list(w.places)
        places = [{"id": p.id, "name": self.tr(p.name), "chinese": p.chinese, "lat": p.lat, "lon": p.lon}
                  for p in (w.places[i] for i in ids if i in w.places)]
        journeys = []
        if self.session:
            for t in self.session.state.travels:
                bits = [t.get("by", "")]
                if t.get("km"):
                    bits.append(i18n._("{km} km").format(km=i18n.format_number(t["km"])))
                if t.get("hours"):
                    bits.append(i18n._("{hours} h").format(hours=i18n.format_number(t["hours"])))
                label = i18n._(", ").join(b for b in bits if b)
                journeys.append({"from": t.get("from", ""), "to": t.get("to", ""), "label": label,
                                 "by": t.get("by", ""), "km": t.get("km"), "hours": t.get("hours")})
        return places, journeys
