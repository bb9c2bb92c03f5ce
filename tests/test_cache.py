"""The story cache: a second start skips YAML and validation, and never serves a stale or bad story."""

import os
import shutil
import time
from pathlib import Path

from game.engine.cache import cache_file, decode_story, encode_story, load_with_cache
from game.engine.runtime import Session
from game.engine.validate import load_and_validate

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"


def _copy_example(tmp_path: Path) -> Path:
    dst = tmp_path / "story"
    shutil.copytree(EXAMPLE, dst)
    return dst


def _play(story) -> dict:
    s = Session(story, "ming", seed=3)
    s.choose("fast")
    s.choose("call")
    s.choose("continue")
    return s.state.to_dict()


def test_a_cached_story_plays_exactly_like_the_loaded_one():
    story = load_and_validate(EXAMPLE).story
    again = decode_story(encode_story(story))
    assert _play(again) == _play(story)
    assert dict(again.strings) == dict(story.strings)
    assert set(again.lives["ming"].nodes) == set(story.lives["ming"].nodes)
    assert again.text(again.lives["ming"].title, "zh") == "小明"


def test_second_load_comes_from_the_cache(tmp_path):
    root = _copy_example(tmp_path)
    first, report = load_with_cache(root, tmp_path / "cache")
    assert report is not None and not report.errors  # built from YAML and validated
    assert cache_file(tmp_path / "cache", root).is_file()
    second, report2 = load_with_cache(root, tmp_path / "cache")
    assert report2 is None  # served from the cache
    assert _play(second) == _play(first)


def test_editing_a_story_file_invalidates_the_cache(tmp_path):
    root = _copy_example(tmp_path)
    load_with_cache(root, tmp_path / "cache")
    life = root / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8").replace("You are home.", "You are home at last.")
    time.sleep(0.01)
    life.write_text(text, encoding="utf-8")
    os.utime(life, None)
    story, report = load_with_cache(root, tmp_path / "cache")
    assert report is not None  # rebuilt from the YAML
    assert story.lives["ming"].nodes["home"].text.en == "You are home at last."


def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    root = _copy_example(tmp_path)
    load_with_cache(root, tmp_path / "cache")
    target = cache_file(tmp_path / "cache", root)
    key = target.read_text(encoding="utf-8").splitlines()[0]
    target.write_text(key + "\n{\"$c\": \"Story\", \"id\": ", encoding="utf-8")  # truncated
    story, report = load_with_cache(root, tmp_path / "cache")
    assert report is not None and story is not None
    _story, report2 = load_with_cache(root, tmp_path / "cache")
    assert report2 is None  # the rebuilt cache is good again


def test_a_story_with_errors_is_never_cached(tmp_path):
    root = _copy_example(tmp_path)
    life = root / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace("next: home", "next: nowhere"), encoding="utf-8")
    story, report = load_with_cache(root, tmp_path / "cache")
    assert report is not None and report.errors
    assert not cache_file(tmp_path / "cache", root).exists()


def test_a_changed_byte_anywhere_in_the_cache_means_a_rebuild(tmp_path):
    """Node texts are decoded only when play reaches them, so damage there must be caught at the start."""
    root = _copy_example(tmp_path)
    load_with_cache(root, tmp_path / "cache")
    target = cache_file(tmp_path / "cache", root)
    good = target.read_bytes()
    body_start = good.index(b"\n", good.index(b"\n") + 1) + 1
    for where in (body_start + 5, len(good) // 2, len(good) - 3):  # the JSON line, a node, the string table
        damaged = bytearray(good)
        damaged[where] = ord("#") if damaged[where] != ord("#") else ord("!")
        target.write_bytes(bytes(damaged))
        story, report = load_with_cache(root, tmp_path / "cache")
        assert report is not None, f"a change at byte {where} was not noticed"
        assert _play(story) == _play(load_and_validate(EXAMPLE).story)
    target.write_bytes(good[:-10])  # cut short
    _story, report = load_with_cache(root, tmp_path / "cache")
    assert report is not None


def test_cached_nodes_behave_like_the_loaded_ones():
    story = load_and_validate(EXAMPLE).story
    again = decode_story(encode_story(story))
    for life_id, life in story.lives.items():
        nodes = again.lives[life_id].nodes
        assert list(nodes) == list(life.nodes) and len(nodes) == len(life.nodes)
        assert all(node_id in nodes for node_id in life.nodes) and "no_such_node" not in nodes
        assert [nodes[n].text for n in life.nodes] == [n.text for n in life.nodes.values()]
        assert [[c.id for c in nodes[n].choices] for n in life.nodes] == \
            [[c.id for c in n.choices] for n in life.nodes.values()]
        try:
            nodes["no_such_node"]
        except KeyError:
            pass
        else:
            raise AssertionError("an unknown node id should raise KeyError, as a dict does")
