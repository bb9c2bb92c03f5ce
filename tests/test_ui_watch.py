"""--watch: an author saves a story file and the window reloads it, putting the player back where they were;
a story with errors shows its problems until the next save fixes them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from game.ui.pilot import Pilot
from game.ui.watch import INTERVAL

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def save(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()  # a save within the same clock tick as the last one still counts: move the time on
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def texts(p: Pilot) -> str:
    """Every text on the top screen, as drawn (the same walk speech uses to read a screen)."""
    from game.ui.speechbridge import _walk

    p.app.ensure_layout()
    out: list[tuple[str, str]] = []
    for v in p.app.top.views:
        _walk(v.root, out)
    return " ".join(t for t, _ in out)


def test_a_saved_change_reloads_and_the_player_stays_where_they_were(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    p = Pilot.start(str(story), watch=True, character="ming")
    assert p.screen == "play"
    p.key("1")  # a step into the life (the ticket is refused), to be replayed after the reload
    node_before = p.app.game.session.state.node
    steps_before = len(p.app.game.session.state.log)
    assert steps_before == 1 and node_before == "refused"
    life = story / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    node = p.app.game.session.node
    old = node.text.en
    save(life, text.replace(old, old + " (revised)", 1))
    p.step(dt=INTERVAL + 0.01)
    assert p.screen == "play"
    session = p.app.game.session
    assert session.state.node == node_before and len(session.state.log) == steps_before
    assert session.node.text.en == old + " (revised)"
    assert p.app.toast and p.app.toast.startswith("Story reloaded")
    assert p.app.errors == []


def test_a_story_with_errors_shows_them_until_the_next_save_fixes_it(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    p = Pilot.start(str(story), watch=True, character="ming")
    life = story / "lives" / "ming.yaml"
    good = life.read_text(encoding="utf-8")
    save(life, good.replace("kind: narration", "kind: narative", 1))
    p.step(dt=INTERVAL + 0.01)
    assert p.screen == "error"
    assert "E104" in texts(p) and "save: the game reloads by itself" in texts(p)
    save(life, good)
    p.step(dt=INTERVAL + 0.01)
    assert p.screen == "play" and p.app.game.session.life.id == "ming"


def test_nothing_is_looked_at_without_watch_or_before_the_interval(tmp_path):
    story = tmp_path / "story"
    shutil.copytree(EXAMPLE, story)
    p = Pilot.start(str(story), character="ming")
    assert p.app.watch is None
    q = Pilot.start(str(story), watch=True, character="ming")
    life = story / "lives" / "ming.yaml"
    save(life, life.read_text(encoding="utf-8").replace("kind: narration", "kind: narative", 1))
    q.step(dt=INTERVAL / 4)
    assert q.screen == "play", "not yet: files are looked at twice a second"
    q.step(dt=INTERVAL)
    assert q.screen == "error"
