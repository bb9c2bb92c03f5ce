"""The fast line reader against the reference event builder.

``fastyaml.parse`` must give exactly what libyaml's events give (every value, type, key order and
position) or step aside with ``None``. It must never accept text the reference rejects or reports
on. These tests compare the two on the shipped story, on generated documents, on random line soup
and on mutated story files, and pin down what the fast reader takes and what it leaves.
"""

from __future__ import annotations

import math
import random
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import fastyaml, yamlsafe, yamlvalues
from game.engine.diagnostics import Report
from game.engine.yamlvalues import YMap, YSeq

ROOT = Path(__file__).resolve().parent.parent
STORY_FILES = sorted((ROOT / "story").rglob("*.yaml")) + sorted((ROOT / "docs" / "example-story").rglob("*.yaml"))

MANY = settings(max_examples=400, deadline=timedelta(seconds=5), derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def reference(text: str):
    """What the event builder makes of ``text``: ("ok", value), ("reported", codes) or ("error", kind)."""
    report = Report()
    loader = yamlsafe._BaseLoader(text)
    try:
        value = yamlsafe._build(loader, "t.yaml", report)
    except Exception as exc:  # any refusal or YAML error: the fast reader must not accept this text
        return ("error", type(exc).__name__)
    finally:
        loader.dispose()
    if report.items:
        return ("reported", [d.code for d in report.items])
    return ("ok", value)


def shape(value):
    """Everything the loader can see of a value: types, key order, values and positions."""
    if isinstance(value, YMap):
        assert list(value.locs) == list(value), "every key has its positions, in the same order"
        return ("map", value.pos, [(k, value.locs[k], shape(v)) for k, v in value.items()])
    if isinstance(value, YSeq):
        return ("seq", value.pos, list(zip(value.item_pos, map(shape, value), strict=True)))
    if isinstance(value, float) and math.isnan(value):
        return ("float", "nan")
    return (type(value).__name__, value)


def agree(text: str) -> bool:
    """Assert the fast reader agrees with the reference; True when it read the text itself."""
    fast = fastyaml.parse(text)
    if fast is None:
        return False
    ref = reference(text)
    assert ref[0] == "ok", f"fast reader accepted text the reference rejects ({ref}):\n{text}"
    assert shape(fast) == shape(ref[1]), f"fast reader differs from the reference on:\n{text}"
    return True


# -- the shipped story ---------------------------------------------------------------------------------
@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_story_file_is_read_fast_and_the_same(path: Path) -> None:
    assert agree(path.read_text(encoding="utf-8")), "a shipped story file fell back to the slow reader"


def test_the_benchmark_story_is_read_fast_and_the_same() -> None:
    import sys
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from load import make_life  # the benchmark's own generator
    finally:
        sys.path.pop(0)
    text = yaml.safe_dump(make_life(300), sort_keys=False, width=200)
    assert agree(text)


def test_parse_text_uses_the_fast_reader_and_falls_back_for_the_rest() -> None:
    report = Report()
    value = yamlsafe.parse_text("a: 1\nb: [x, y]\n", "t.yaml", report)
    assert value == {"a": 1, "b": ["x", "y"]} and not report.items
    report = Report()
    assert yamlsafe.parse_text("a: &x 1\nb: *x\n", "t.yaml", report) is None
    assert [d.code for d in report.items] == ["E006"]


# -- what it reads ------------------------------------------------------------------------------------
READS = {
    "marker and comments": "# top\n---\n# more\na: 1  # one\n\n  # indented comment\nb: two # 2\n",
    "windows line ends": "a: 1\r\nb:\r\n  - x\r\n  - y\r\n",
    "indentless list": "a:\n- x\n- y: 1\n  z: 2\nb: 3\n",
    "nested dashes": "a:\n  - - x\n    - y\n  - -   z\n",
    "empty values": "a:\nb: # nothing\nc:\n  -\n  - # nothing\n  - x\n",
    "item below its dash": "a:\n  -\n    b: 1\n  - # c\n    - x\n",
    "value on the next line": "a:\n  text on its own line\nb: 1\n",
    "literal and folded": "a: |\n  one\n\n  two\n\n\nb: >-\n   x\n   y\n\n   z\nc: |-\n    k\n",
    "block text in a list": "a:\n  - |\n    x\n    y\n  - >\n    p\n    q\n",
    "flow": "a: {b: 1, c: [x, 'y z', \"w\"], d: {}, e: []}\nf: [ -5, 0x1F, 1_000, .inf, ~, yes ]\n",
    "quotes and escapes": "a: \"tab\\tquote\\\" é \\u00e9 \\x41 \\\\ \\N\"\nb: 'it''s'\nc: \"\"\nd: ''\n",
    "core types": "a: 1\nb: -2.5e3\nc: true\nd: No\ne: null\nf: ~\ng: 2016-05-10\nh: 0o17\ni: 12:30\nj: =\n",
    "keys of other types": "1: a\ntrue: b\n3.5: c\nnull: d\noff: e\n",
    "keys of other types with blanks": "yes  : a\nnull : b\n7 : c\nx  : d\n",
    # Each distinct line is read once, before its place is known: lines inside block text that would
    # be refused as keys or values must cost nothing, and the same line reads the same in every place.
    "block text that looks like keys": "a: |\n  x #y: 1\n  yes: no\n  !t: 1\n  - i\n  k:\n  b: 2\nb: 2\n"
                                       "c:\n- i\n- yes: no\n",
    "unicode columns": "é: 中文\n中: [甲, 乙]\nk: {甲: 乙}\n",
    "urls and colons": "u: https://example.org/a#b\nt: 12:30:45\nc: a:b\nd: x -y\n",
    "deeper root": "  a: 1\n  b:\n    c: 2\n",
    "hash without a space": "a: C#\nb: x#y\nc#d: 1\n",
    "spaces before the colon": "a : 1\nb  :\n  - x\n",
    "quoted keys": "\"a\": 1\n'b c' : 2\n\"\\u00e9\": 3\n'it''s': 4\n",
}


@pytest.mark.parametrize("name", sorted(READS))
def test_reads(name: str) -> None:
    assert agree(READS[name]), f"the fast reader stepped aside on {name!r}"


# -- what it leaves to the reference -------------------------------------------------------------------
LEAVES = {
    "alias": "a: &x 1\nb: *x\n",
    "tag": "a: !!python/object:os.system x\n",
    "merge key": "<<: {a: 1}\n",
    "duplicate key": "a: 1\na: 2\n",
    "duplicate flow key": "a: {b: 1, b: 2}\n",
    "multi-line plain": "a: one\n  two\n",
    "multi-line quote": "a: \"one\n  two\"\n",
    "tab": "a:\t1\n",
    "lone carriage return": "a: 1\rb: 2\n",
    "control character": "a: \x07\n",
    "second document": "a: 1\n---\nb: 2\n",
    "document end": "a: 1\n...\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "root list": "- a\n- b\n",
    "root scalar": "just text\n",
    "mapping in a value": "a: b: c\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "list after a value": "a: 1\n- x\n",
    "explicit indentation": "a: |2\n   x\n",
    "keep chomping": "a: |+\n  x\n\n",
    "blank before block text": "a: |\n\n  x\n",
    "more-indented folded line": "a: >\n  x\n    y\n  z\n",
    "block text alone on its line": "a:\n  |\n    x\n",
    "trailing comma": "a: [x, y,]\n",
    "flow on two lines": "a: [x,\n  y]\n",
    "flow pair in a list": "a: [b: c]\n",
    "colon in a flow scalar": "a: [http://x]\n",
    "unknown escape": "a: \"\\q\"\n",
    "surrogate escape": "a: \"\\ud800\"\n",
    "complex key": "? a\n: b\n",
    "anchor": "a: &x 1\n",
    "very long key": "k" * 1100 + ": 1\n",
    "very long quoted key": "'" + "k" * 1100 + "': 1\n",
    "a long key in a list item": "a:\n- " + "k" * 1100 + ": 1\n",
    "a long key in a nested mapping": "a:\n  " + "k" * 1100 + ": 1\n",
    "empty": "# nothing\n",
    "bom inside": "a: x\ufeffy\n",
}


@pytest.mark.parametrize("name", sorted(LEAVES))
def test_leaves(name: str) -> None:
    assert fastyaml.parse(LEAVES[name]) is None


def test_deep_nesting_is_left_to_the_reference() -> None:
    text = "".join(f"{'  ' * i}k{i}:\n" for i in range(80)) + "  " * 80 + "v: 1\n"
    assert fastyaml.parse(text) is None
    report = Report()
    assert yamlsafe.parse_text(text, "deep.yaml", report) is None
    assert [d.code for d in report.items] == ["E008"]


# -- generated documents --------------------------------------------------------------------------------
WORDS = st.sampled_from(["a", "node", "text", "yes", "no", "on", "null", "~", "1", "-3", "0x1F", "1.5", ".inf",
                         "2016-05-10", "12:30", "=", "x y", "é", "中文", "a#b", "C#", "-x", "true", "Off"])
SCALARS = st.one_of(st.integers(-10**6, 10**6), st.booleans(), st.none(), WORDS,
                    st.floats(allow_nan=False, width=32), st.text(min_size=0, max_size=12))
KEYS = st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True), WORDS)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=4)), max_leaves=25)


@MANY
@given(data=st.dictionaries(KEYS, VALUES, min_size=1, max_size=6),
       flow=st.sampled_from([False, None]), indent=st.sampled_from([2, 4]), width=st.sampled_from([40, 4096]),
       unicode=st.booleans())
def test_dumped_documents_agree(data, flow, indent, width, unicode) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, indent=indent, width=width, allow_unicode=unicode,
                          sort_keys=False)
    agree(text)


FRAGMENTS = ["", " ", "  ", "    ", "- ", "-", "- - ", "a: ", "b:", "key: ", "k :", "é: ", "1: ", "? ", ": ",
             "x", "yes", "~", "-5", "1.5", "text here", "\"q\\\"x\"", "'it''s'", "'open", "\"open", "|", "|-", ">",
             ">-", "|2", "[", "]", "{", "}", "[a, b]", "{a: 1, b: [x]}", "[]", "{}", ",", "# c", " # c", "#", "&a ",
             "*a", "!!str ", "!x ", "---", "...", "%", "@", "`", "\t", "\r", "<<: ", "=", "a: b: c", "中文", "\\"]


@MANY
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), min_size=0, max_size=4).map("".join), min_size=1, max_size=14))
def test_random_line_soup_agrees(lines) -> None:
    agree("\n".join(lines) + "\n")


# Valid documents in every block style the reader handles, built line by line, so that its
# structure handling (not only its refusals) is compared. Some get one line broken afterwards.
PLAIN = ["v", "text with words", "12", "-3", "1.5e3", "~", "null", "yes", "Off", "C#", "a:b", "http://x/y#z",
         "中文", "2016-05-10", "12:30", "=", "0x1F", ".nan", "-x"]
INLINE = PLAIN + ["'s q'", "'it''s'", "\"d\\tq\"", "\"\"", "[x, 1]", "[]", "{p: 1, q: [r, 's']}", "{}",
                  "v # note", "[a, {b: c}] # note"]
KEY_NAMES = ["a", "b", "k", "é", "1", "'q'", "\"d\"", "x y", "no", "k ", "C#"]
WORDS_LINE = st.lists(st.sampled_from(["one", "two", "中文", "#not", "a: b", "- x", "  more"]), min_size=1, max_size=3)


@st.composite
def block_documents(draw) -> str:
    lines: list[str] = []

    def block_text(indent: int) -> None:
        for n in range(draw(st.integers(1, 4))):
            if n and draw(st.booleans()):
                lines.append("")
            text = " ".join(draw(WORDS_LINE))
            lines.append(" " * indent + text.lstrip(" "))

    def value(indent: int, depth: int, head: str) -> None:
        """Finish the line ``head`` (a "key:" or "-") with a value, inline or on the lines below."""
        kind = draw(st.sampled_from(["inline", "inline", "map", "seq", "block", "empty"] if depth < 4 else ["inline"]))
        step = draw(st.sampled_from([1, 2, 4]))
        if kind == "inline":
            lines.append(f"{head} {draw(st.sampled_from(INLINE))}")
        elif kind == "empty":
            lines.append(head + draw(st.sampled_from(["", " # c"])))
        elif kind == "block":
            lines.append(f"{head} {draw(st.sampled_from(['|', '|-', '>', '>-']))}")
            block_text(indent + step)
        elif kind == "map":
            lines.append(head)
            mapping(indent + step, depth + 1)
        else:
            lines.append(head)
            indentless = head.endswith(":") and draw(st.booleans())
            sequence(indent if indentless else indent + step, depth + 1)

    def mapping(indent: int, depth: int, first: str | None = None) -> None:
        for n in range(draw(st.integers(1, 3))):
            key = draw(st.sampled_from(KEY_NAMES))
            key = key if n == 0 else f"{key.strip(chr(39)).strip(chr(34)).strip()}{n}"  # unique keys
            head = (first if n == 0 and first is not None else " " * indent) + f"{key}:"
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(st.sampled_from(["", "# comment", " " * indent + "# indented comment"])))
            value(indent, depth, head)

    def sequence(indent: int, depth: int) -> None:
        for _ in range(draw(st.integers(1, 3))):
            dash = " " * indent + draw(st.sampled_from(["- ", "-  "]))
            form = draw(st.sampled_from(["value", "map", "seq"] if depth < 4 else ["value"]))
            if form == "map":
                mapping(len(dash), depth + 1, first=dash)
            elif form == "seq":
                lines.append(dash + "- " + draw(st.sampled_from(INLINE)))
            else:
                value(indent, depth, dash.rstrip(" "))

    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(["---", "# header", ""])))
    mapping(draw(st.sampled_from([0, 0, 2])), 0)
    if draw(st.integers(0, 3)) == 0:  # break one line
        i = draw(st.integers(0, len(lines) - 1))
        lines[i] = draw(st.sampled_from(["  ", " ", ""])) + lines[i] + draw(st.sampled_from(["", ":", " x", " #"]))
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


@MANY
@given(block_documents())
def test_block_documents_agree(text: str) -> None:
    agree(text)


def test_block_documents_are_mostly_read_fast() -> None:
    """The generator above must reach the reader's structure code, not just its refusals."""
    read = []

    @settings(max_examples=200, derandomize=True, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(block_documents())
    def run(text: str) -> None:
        read.append(agree(text))

    run()
    assert sum(read) > len(read) // 2, f"only {sum(read)} of {len(read)} documents were read fast"


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        action = rng.randrange(6)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            lines[i] = " " * rng.randint(0, 6) + lines[i].lstrip(" ")
        elif action == 3:
            j = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:j] + rng.choice(FRAGMENTS) + lines[i][j:]
        elif action == 4:
            lines[i] = lines[i][: rng.randint(0, len(lines[i]))]
        else:
            lines[i], lines[i - 1] = lines[i - 1], lines[i]
    return "\n".join(lines)


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_mutated_story_files_agree(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    rng = random.Random(path.name)
    for _ in range(60):
        agree(_mutate(text, rng))


# -- scalar resolution ---------------------------------------------------------------------------------
_RESOLVER = yaml.resolver.Resolver()


@MANY
@given(st.one_of(st.text(max_size=8), st.sampled_from(sorted(yamlvalues.WORDS)),
                 st.from_regex(r"[yYnNtTfFoO][a-zA-Z]{0,5}", fullmatch=True)))
def test_resolve_matches_pyyaml(value: str) -> None:
    expected = _RESOLVER.resolve(yaml.nodes.ScalarNode, value, (True, False))
    assert yamlvalues.resolve(value) == expected


@MANY
@given(st.one_of(st.from_regex(r"[-+]?[0-9_]{1,12}", fullmatch=True), st.from_regex(r"-?0[0-9]{0,4}", fullmatch=True),
                 st.text(alphabet="0123456789-+._:eE\u0663", max_size=8), st.sampled_from(sorted(yamlvalues.WORDS))))
def test_plain_values_match_pyyaml(value: str) -> None:
    """``plain``'s shortcuts give what PyYAML's resolver and constructor give."""
    def build(fn):
        try:
            return ("ok", fn())
        except yamlvalues.Refused as exc:
            return ("refused", exc.code)

    tag = _RESOLVER.resolve(yaml.nodes.ScalarNode, value, (True, False))
    expected = build(lambda: yamlvalues.scalar(value, tag, True, (1, 1)))
    got = build(lambda: yamlvalues.plain(value, (1, 1)))
    assert repr(got) == repr(expected) and type(got[1]) is type(expected[1])


def test_a_file_longer_than_one_chunk_agrees() -> None:
    """Lines are split a chunk at a time; block text and lists that cross a chunk's end read the same."""
    parts = ["items:\n"]
    for i in range(4000):
        parts.append(f"- id: n{i}\n  text: |\n    Line one of {i}.\n\n    Line two: with a colon.\n"
                     f"  flow: {{a: [{i}, x]}}\n  tags:\n  - t{i}\n  - 'q'\n")
    text = "".join(parts)
    assert len(text) > 4 * fastyaml._CHUNK
    assert agree(text)
    assert agree(text.rstrip("\n"))  # and without the final line break


def test_the_quick_scans_for_unusual_characters_agree_with_the_pattern() -> None:
    """Every character the reader must leave to the reference is found, on every path of the scan."""
    unusual = fastyaml._UNUSUAL
    for code in range(0x110000):
        char = chr(code)
        expected = unusual.match(char) is not None
        for text in (f"a: b{char}\n", f"a: é{char}\n", f"a: \xa0{char}\n"):  # ASCII, printable, neither
            assert fastyaml._has_unusual(text) is expected, (hex(code), text)
