"""Pictures as story data: the loader reads illustrations, node pictures and portraits with the usual field
checks; the shipped lives use them as the project asks; the engine's view and the text player carry the
alt text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shipped import shipped_story

from game.cli import main
from game.engine.loader import load_story
from game.engine.runtime import Session
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "fixtures" / "broken" / "base"
WORLD = """places:
  - id: home
    name: Home
    lat: 30.0
    lon: 104.0
illustrations:
{pictures}
"""
SVG = "wei_station_ticket_hall.svg"
STATION = """  - id: station
    file: wei_station_ticket_hall.svg
    alt: A ticket hall at a station.
    sources: [src]
    note: For authors only."""


def story(tmp_path: Path, pictures: str = STATION, node_extra: str = "    illustration: station\n",
          life_extra: str = "portrait: station\n") -> Path:
    root = tmp_path / "story"
    shutil.copytree(BASE, root)
    (root / "world.yaml").write_text(WORLD.format(pictures=pictures), encoding="utf-8")
    life = (root / "life.yaml").read_text(encoding="utf-8")
    life = life.replace("  - id: begin\n", "  - id: begin\n" + node_extra, 1)
    life = life.replace("minutes: 1\n", "minutes: 1\n" + life_extra, 1)
    (root / "life.yaml").write_text(life, encoding="utf-8")
    return root


def codes(root: Path) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in load_and_validate(root).report.items]


# ---------------------------------------------------------------- the loader


def test_an_illustration_its_node_and_portrait_are_read(tmp_path):
    root = story(tmp_path)
    result = load_story(root)
    assert not result.report.items, result.report.items
    pic = result.story.world.illustrations["station"]
    assert (pic.file, pic.sources, pic.note) == ("wei_station_ticket_hall.svg", ["src"], "For authors only.")
    assert pic.alt.id == "illustration.station.alt" and pic.alt.en == "A ticket hall at a station."
    assert result.story.strings["illustration.station.alt"] == "A ticket hall at a station."  # translatable
    life = result.story.lives["pat"]
    assert life.nodes["begin"].illustration == "station" and life.nodes["end"].illustration == ""
    assert life.portrait == "station"
    assert codes(root) == []


@pytest.mark.parametrize(("pictures", "want", "also"), [
    (STATION.replace("    sources:", "    source:"), ("E101", "did you mean 'sources'"), None),
    (STATION.replace("    alt:", "    atl:"), ("E101", "did you mean 'alt'"), "E103"),
    (STATION.replace("    alt: A ticket hall at a station.\n", ""), ("E103", "needs 'alt'"), None),
    (STATION.replace("    file: wei_station_ticket_hall.svg\n", ""), ("E103", "needs 'file'"), None),
    (STATION.replace(SVG, "pics/" + SVG), ("E104", "bare file name"), None),
    (STATION.replace(SVG, "..wei.svg"), ("E104", "bare file name"), None),
    (STATION.replace(SVG, "C:\\\\wei.svg"), ("E104", "bare file name"), None),
    (STATION.replace(SVG, "wei_station_ticket_hall.png"), ("E104", "SVG"), None),
    (STATION.replace(SVG, "not_there.svg"), ("E007", "not in the game's illustrations"), None),
    (STATION + "\n" + STATION, ("E105", "duplicate illustration id 'station'"), None),
])
def test_illustration_fields_are_checked(tmp_path, pictures, want, also):
    got = codes(story(tmp_path, pictures=pictures))
    assert got[0][0] == want[0] and want[1] in got[0][1], got
    assert [c for c, _ in got[1:]] == ([also] if also else []), got


def test_node_and_life_fields_are_checked(tmp_path):
    got = codes(story(tmp_path, node_extra="    ilustration: station\n", life_extra=""))
    assert [c for c, _ in got] == ["E101"] and "did you mean 'illustration'" in got[0][1]
    got = codes(story(tmp_path / "b", node_extra="", life_extra="portrait: stat\n"))
    assert [c for c, _ in got] == ["E213"] and "did you mean 'station'" in got[0][1]


# ---------------------------------------------------------------- the shipped story


def test_each_life_shows_six_pictures_over_its_two_paths_and_has_its_portrait():
    s = shipped_story()
    pics = s.world.illustrations
    for life in s.lives.values():
        shown = {nid: n.illustration for nid, n in life.nodes.items() if n.illustration}
        assert len(shown) >= 6, (life.id, shown)
        assert set(shown.values()) <= set(pics)
        short = [nid for nid in shown if nid.startswith("k_")]
        assert short and len(short) < len(shown), (life.id, shown)  # on the short path and the main one
        assert life.portrait in pics and life.portrait.startswith("portrait_")
    assert {life.portrait for life in s.lives.values()} == {"portrait_wei", "portrait_li_xiaolin",
                                                            "portrait_sun_hui"}


def test_the_chinese_alt_texts_are_there():
    s = shipped_story()
    for pic in s.world.illustrations.values():
        zh = s.text(pic.alt, "zh")
        assert zh != pic.alt.en and any("\u4e00" <= ch <= "\u9fff" for ch in zh), pic.id


def test_the_view_of_an_illustrated_node_carries_its_picture():
    s = shipped_story()
    life = s.lives["wei"]
    nid, node = next((nid, n) for nid, n in life.nodes.items() if n.illustration)
    sess = Session(s, "wei")
    sess.state.node = nid
    view = sess.view()
    assert view.illustration is s.world.illustrations[node.illustration]
    assert view.illustration.alt.id == f"illustration.{node.illustration}.alt"
    sess.state.node = life.start  # the opening has no picture
    assert life.nodes[life.start].illustration == "" and sess.view().illustration is None


def test_the_text_player_prints_the_picture_line(capsys, tmp_path):
    s = shipped_story()
    life = s.lives["li_xiaolin"]
    second = life.nodes[life.nodes[life.start].next]  # the opening -> Continue -> the ticket machine
    alt = s.world.illustrations[second.illustration].alt.en
    script = tmp_path / "script.txt"
    script.write_text("\nq\n", encoding="utf-8")
    code = main(["play", "--text", "--story", str(ROOT / "story"), "--character", "li_xiaolin",
                 "--script", str(script)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"[Picture: {alt}]" in " ".join(out.split())  # wrapped at 78 columns
    assert out.count("[Picture:") == 1  # the opening has none
