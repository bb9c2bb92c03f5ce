"""Effect kinds are defined once (game/engine/effects/), and the event lines players read are well worded.

The recordings in tests/fixtures/recordings were made with the engine as it was before effects
moved into their registry (commit e13925d): the stories must still load to the same model and
play the same, event for event, on seeded walks through every life and start. Since then only the
translation model has grown two fields (catalog entries marked fuzzy, catalogs that could not be
read), and the pictures (a node's illustration, a life's portrait, the world's illustrations), all
empty for these stories; the plays are unchanged.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.engine import effects
from game.engine.effects.base import EffectKind, Event, EventKind, Shown
from game.engine.events import describe, show
from game.engine.model import Effect, Text
from game.engine.runtime import Session
from game.engine.validate import load_and_validate
from game.engine.wording import count, format_date, ngettext, sentence
from tests.recording import record, starts

ROOT = Path(__file__).resolve().parent.parent
RECORDINGS = ROOT / "tests" / "fixtures" / "recordings"
EXAMPLE = ROOT / "docs" / "example-story"


def en(t) -> str:
    return "" if t is None else t.en if isinstance(t, Text) else str(t)


@pytest.mark.parametrize("story, recording", [
    (EXAMPLE, "example-story.json"), (ROOT / "tests" / "fixtures" / "runtime_story", "runtime_story.json")])
def test_stories_load_and_play_as_they_did_before_the_registry(story, recording, monkeypatch):
    monkeypatch.chdir(ROOT)  # files are named relative to the folder the game runs in
    now = json.loads(json.dumps(record(story.relative_to(ROOT)), ensure_ascii=False, sort_keys=True))
    before = json.loads((RECORDINGS / recording).read_text(encoding="utf-8"))
    assert now["model"] == before["model"]
    assert now["plays"].keys() == before["plays"].keys()
    for key in before["plays"]:
        assert now["plays"][key] == before["plays"][key], key


def test_every_effect_kind_is_documented_with_its_events():
    page = (ROOT / "docs" / "story-format.md").read_text(encoding="utf-8")
    table = page[page.index("### Effects"):page.index("### Debriefs")]
    for name, kind in effects.KINDS.items():
        assert f"| `{name}` |" in table, f"effect '{name}' is not in the format page's table"
        for event in kind.events:
            assert f"`{event.name}`" in table, f"event '{event.name}' of '{name}' is not documented"
    for event in ("allowed", "refused"):
        assert f"`{event}`" in table


def test_every_event_an_effect_raises_has_its_own_wording():
    story = load_and_validate(ROOT / "story").story
    raised: set[str] = set()
    for life_id in story.lives:
        for start in starts(story, life_id):
            for seed in range(4):
                s = Session(story, life_id, seed=seed, start=start)
                raised.update(e.kind for e in s.last_events)
                while not s.ended:
                    raised.update(e.kind for e in s.choose(s.enabled_choices()[seed % len(s.enabled_choices())]))
    assert raised <= set(effects.EVENTS), "an event without its own wording is shown as its bare kind"
    assert {"changed", "listed", "points", "time", "journal", "refused"} <= raised  # the walks reach them


def test_a_new_effect_kind_is_one_definition(tmp_path, monkeypatch):
    """A kind registered in one place is read, checked, applied and shown with no other change."""
    def parse(site):
        f = site.fields(("text",))
        if f is None:
            return None
        return Effect("shout", {"text": site.text(f, "text", required=True)}, site.loc)

    def apply(args, rules):
        rules.state.vars["shouts"] = rules.state.vars.get("shouts", 0) + 1
        return [Event("shouted", {"text": args["text"]})]

    def shown(d, tr):
        return Shown("SHOUT", tr(d["text"]).upper() + "!", "note", "info")

    kind = EffectKind("shout", parse, apply, (EventKind("shouted", shown),))
    monkeypatch.setitem(effects.KINDS, "shout", kind)
    monkeypatch.setitem(effects.EVENTS, "shouted", kind.events[0])
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    life = root / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    assert "      - id: slow\n" in text
    shout = "      - id: slow\n        effects: [{shout: {text: off we go}}]\n"
    life.write_text(text.replace("      - id: slow\n", shout, 1), encoding="utf-8")
    result = load_and_validate(root)
    assert [str(d) for d in result.report.errors] == []
    assert result.story.strings["ming.n.refused.c.slow.e.0.text"] == "off we go"
    s = Session(result.story, "ming")
    s.choose("fast")
    events = s.choose("slow")
    assert describe(events[0], en) == "SHOUT: OFF WE GO!" and s.state.vars["shouts"] == 1
    life.write_text(text.replace("      - id: slow\n", "      - id: slow\n        effects: [{shout: loud}]\n", 1),
                    encoding="utf-8")
    errors = [str(d) for d in load_and_validate(root).report.errors]
    assert len(errors) == 1 and "E102" in errors[0] and "'shout' should be a mapping with text" in errors[0]


def test_an_unknown_effect_names_every_registered_kind(tmp_path):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    life = root / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace("      - id: slow\n",
                                                             "      - id: slow\n        effects: [{travle: x}]\n", 1),
                    encoding="utf-8")
    errors = [d.message for d in load_and_validate(root).report.errors]
    assert errors == ["unknown effect 'travle'; did you mean 'travel'?"]


# -- wording -----------------------------------------------------------------------------------------
def test_plurals_dates_and_sentences():
    assert ngettext("{n} day passes", "{n} days pass", 1).format(n=1) == "1 day passes"
    assert ngettext("{n} day passes", "{n} days pass", 802).format(n=802) == "802 days pass"
    assert [count(n, "hour", "hours") for n in (0, 1, 1.0, 1.5, 20)] == \
        ["0 hours", "1 hour", "1 hour", "1.5 hours", "20 hours"]
    assert format_date("2016-05-10") == "10 May 2016"
    assert format_date("2016-02") == "February 2016"
    assert format_date("2016-05-10", "zh") == "2016年5月10日"
    assert format_date("2016") == "2016"
    assert format_date("2016-02-30") == "2016-02-30"  # not a real date: shown as written, never lost
    assert sentence("listed by a court") == "Listed by a court."
    assert sentence("A court listed you. Nobody told you.") == "A court listed you. Nobody told you."
    assert sentence("The judgment was performed (in this story)") == "The judgment was performed (in this story)."
    assert sentence("'Says who?'") == "'Says who?'"
    assert sentence("法院把你列入名单") == "法院把你列入名单。" and sentence("没有人告诉你。") == "没有人告诉你。"


def line(event_kind: str, **data) -> str:
    return describe(Event(event_kind, data), en)


def test_the_glitches_players_saw_are_gone():
    assert line("time", days=1, label=None, date="2016-05-10") == "TIME: 1 day passes. It is now 10 May 2016."
    assert line("time", days=802, label=None, date="2018-07-21") == "TIME: 802 days pass. It is now 21 July 2018."
    hours = Text("v", "Hours lost to the list")
    assert line("changed", name="h", label=hours, unit=Text("u", "hours"), old=0, new=1) == \
        "HOURS LOST TO THE LIST: 0 to 1."
    assert line("changed", name="m", label=Text("m", "Savings"), unit=Text("y", "yuan"), old=20000, new=19000) == \
        "SAVINGS: 20,000 to 19,000 yuan."
    court = {"list": "court", "name": Text("n", "x"), "short": Text("s", "the court's list"), "kind": "blacklist"}
    assert line("listed", **court, reason=Text("r", "A court listed you. Nobody told you.")) == \
        "LISTED: you are now on the court's list. A court listed you. Nobody told you."
    assert line("delisted", **court, reason=Text("r", "The judgment was performed (in this story)")) == \
        "REMOVED: you are no longer on the court's list. The judgment was performed (in this story)."
    assert line("appeal", procedure=Text("p", "Objection"), step=Text("s", "Filed"), limit_days=1) == \
        "APPEAL: Objection: Filed. Time limit: 1 day."
    assert line("travel", from_name=Text("a", "A"), to_name=Text("b", "B"), by=None, hours=1, km=None) == \
        "JOURNEY: A to B (1 hour)."


def test_no_line_in_the_shipped_lives_has_a_raw_date_a_wrong_plural_or_doubled_brackets():
    story = load_and_validate(ROOT / "story").story
    bad = re.compile(r"\b\d{4}-\d{2}-\d{2}\b|(?<![\d.])1 (days|hours|points)\b|\)\)|\.\)\.")
    for life_id in story.lives:
        for start in starts(story, life_id):
            for seed in range(6):
                s = Session(story, life_id, seed=seed, start=start)
                lines = [describe(e, en) for e in s.last_events]
                while not s.ended:
                    choices = s.enabled_choices()
                    lines += [describe(e, en) for e in s.choose(choices[(seed * 7 + len(lines)) % len(choices)])]
                for text in lines:
                    assert not bad.search(text), f"{life_id}/{start}/{seed}: {text}"


def test_the_window_gets_its_tag_tone_and_icon_from_the_engine():
    points = show(Event("points", {"change": -5, "reason": Text("r", "A fine"), "points": 1, "before": 6}), en)
    assert (points.label, points.body, points.tone, points.icon) == ("POINTS -5", "A fine. Now 1 point.", "bad", "star")
    redlist = {"list": "honour", "name": Text("n", "x"), "short": Text("s", "the honour roll"), "kind": "redlist",
               "reason": None}
    assert show(Event("listed", redlist), en).tone == "good"
    assert show(Event("delisted", redlist), en).tone == "bad"
    listed = show(Event("listed", {**redlist, "kind": "blacklist"}), en)
    assert (listed.label, listed.body, listed.tone, listed.icon) == \
        ("LISTED", "You are now on the honour roll.", "bad", "list")
    grade = show(Event("grade", {"old": "A", "new": "B", "better": False}), en)
    assert (grade.label, grade.tone) == ("GRADE DOWN", "bad")


def test_the_window_rows_draw_what_the_engine_says_in_the_players_language():
    from game.ui.eventviews import event_rows

    class Game:  # the shape of GameCtl the rows read: a describe bound to an object with tr
        def tr(self, t):
            return {"r": "罚款"}.get(getattr(t, "id", ""), en(t))

        def describe(self, e):
            return describe(e, self.tr)

    event = Event("points", {"change": -5, "reason": Text("r", "A fine"), "points": 995, "before": 1000})
    row = event_rows(Game().describe, [event])[0]
    assert (row.word, row.text.text, row.tone, row.icon) == ("POINTS -5", "罚款。 Now 995 points.", "bad", "star")
