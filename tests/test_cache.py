"""The story cache: a second start skips YAML and validation, and never serves a stale or bad story."""

import os
import shutil
import zlib
from pathlib import Path

import game.engine.cache as cache_mod
import game.engine.loadbase as loader_mod
from game.engine.cache import PARSED, cache_file, decode_story, encode_story, load_with_cache, story_key
from game.engine.loader import LoadResult, load_story
from game.engine.parsecache import ParseCache
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
    life.write_text(text, encoding="utf-8")
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


def test_touching_a_file_without_changing_it_keeps_the_cache(tmp_path):
    root = _copy_example(tmp_path)
    load_with_cache(root, tmp_path / "cache")
    life = root / "lives" / "ming.yaml"
    os.utime(life, (1, 1))  # another time, the same text
    _story, report = load_with_cache(root, tmp_path / "cache")
    assert report is None


def test_the_key_follows_the_game_version_not_the_engine_files_times(tmp_path, monkeypatch):
    root = _copy_example(tmp_path)
    key = story_key(root)
    engine_file = Path(cache_mod.__file__).with_name("rules.py")
    st = engine_file.stat()
    try:
        os.utime(engine_file, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        assert story_key(root) == key
    finally:
        os.utime(engine_file, ns=(st.st_atime_ns, st.st_mtime_ns))
    load_with_cache(root, tmp_path / "cache")
    monkeypatch.setattr(cache_mod, "__version__", "999.0")
    assert story_key(root) != key
    _story, report = load_with_cache(root, tmp_path / "cache")
    assert report is not None  # a new version of the game reads the story again


# -- the per-file parse cache ----------------------------------------------------------------------
def everything(result: LoadResult) -> list[str]:
    """All a load gives, as text: the report, references, expressions, text locations and the model."""
    story = result.story
    return [repr([str(d) for d in result.report.items]), repr(result.refs),
            repr([(e.src, e.tree, e.loc, e.life, e.want, e.var) for e in result.exprs]),
            repr(list(result.text_locs.items())), repr(result.translation_locs),
            repr(list(story.strings.items()) if story else None), repr(story)]


def _counting_parses(monkeypatch) -> list[str]:
    """Names of the files the YAML reader actually parses from now on (the reader itself still runs)."""
    parsed: list[str] = []
    real = loader_mod.parse_text

    def spy(text, shown, report):
        parsed.append(Path(shown).name)
        return real(text, shown, report)

    monkeypatch.setattr(loader_mod, "parse_text", spy)
    return parsed


def test_a_parse_cache_gives_exactly_what_parsing_gives(tmp_path, monkeypatch):
    for root in (ROOT / "story", EXAMPLE, ROOT / "tests" / "fixtures" / "runtime_story"):
        cache = ParseCache(tmp_path / root.name)
        plain = everything(load_story(root))
        assert everything(load_story(root, cache)) == plain  # filling the cache
        parsed = _counting_parses(monkeypatch)
        assert everything(load_story(root, cache)) == plain  # served by the cache
        assert parsed == []
        monkeypatch.undo()


def test_after_editing_one_life_only_that_file_is_parsed_again(tmp_path, monkeypatch):
    root = _copy_example(tmp_path)
    cache = ParseCache(tmp_path / "parsed")
    load_story(root, cache)
    life = root / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace("You are home.", "You are home at last."),
                    encoding="utf-8")
    parsed = _counting_parses(monkeypatch)
    result = load_story(root, cache)
    assert parsed == ["ming.yaml"]
    assert result.story.lives["ming"].nodes["home"].text.en == "You are home at last."


def test_a_file_with_problems_is_not_kept_and_reports_every_time(tmp_path):
    root = _copy_example(tmp_path)
    life = root / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8") + "\nid: again\n", encoding="utf-8")  # a duplicate key
    cache = ParseCache(tmp_path / "parsed")
    first = everything(load_story(root, cache))
    assert "E106" in first[0]
    assert everything(load_story(root, cache)) == first


def test_damaged_parse_entries_are_ignored_and_rebuilt(tmp_path):
    root = _copy_example(tmp_path)
    cache = ParseCache(tmp_path / "parsed")
    plain = everything(load_story(root))
    load_story(root, cache)
    entry = cache.entry((root / "lives" / "ming.yaml").read_text(encoding="utf-8"))
    good = entry.read_bytes()
    body = b'["S",1,1,[],[]]'
    damages = [good[:-7], good[:10], b"", b"\xff\xfe", good.replace(b"ming", b"mine", 1),
               b"%d:%d\n" % (zlib.crc32(body), len(body)) + body,  # sound, but not a mapping
               b'0:2\n["M",1]']
    for body in (b'["M",1,1,"id",1,1,1,"x","ming"]', b'["M",1,1,"id",1,1,1,1,{"a":1}]', b'["S",1,1,["a"],[1]]'):
        damages.append(b"%d:%d\n" % (zlib.crc32(body), len(body)) + body)  # sound, but not ours
    for damaged in damages:
        entry.write_bytes(damaged)
        assert everything(load_story(root, cache)) == plain, damaged[:40]
        assert entry.read_bytes() == good  # parsed again and written back whole


def test_the_parse_cache_keeps_a_bounded_number_of_entries(tmp_path):
    root = _copy_example(tmp_path)
    cache = ParseCache(tmp_path / "parsed", keep=3)
    life = root / "lives" / "ming.yaml"
    text = life.read_text(encoding="utf-8")
    for i in range(6):
        life.write_text(text.replace("You are home.", f"You are home ({i})."), encoding="utf-8")
        load_story(root, cache)
    assert len(list((tmp_path / "parsed").glob("*.json"))) == 3
    assert not list((tmp_path / "parsed").glob("*.tmp"))


def test_the_story_cache_fills_the_parse_cache(tmp_path):
    root = _copy_example(tmp_path)
    load_with_cache(root, tmp_path / "cache")
    assert len(list((tmp_path / "cache" / PARSED).glob("*.json"))) >= 4
