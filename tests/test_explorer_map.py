"""The explorer (coverage, dead ends, exit status) and the story map (Graphviz DOT and Mermaid)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.engine.validate import load_and_validate
from game.text.explorer import explore_life, total_choices
from game.text.graph import to_dot, to_mermaid

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
FIXTURES = ROOT / "tests" / "fixtures"
DEAD_END = FIXTURES / "dead_end_story"


def explore(capsys, *args):
    code = main(["explore", "--runs", "20", *args])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


# -- the explorer -----------------------------------------------------------------------------------------
def test_example_story_is_fully_covered(capsys):
    code, lines, err = explore(capsys, "--story", str(EXAMPLE))
    assert code == 0, lines
    assert lines[0].startswith("ming: nodes 4/4, choices 5/5, endings 1/1; ")
    assert lines[-1] == "coverage: nodes 4/4 (100%), choices 5/5 (100%), endings 1/1 (100%); 0 problems"


def test_a_dead_end_at_play_time_fails(capsys):
    code, lines, _ = explore(capsys, "--story", str(DEAD_END), "--character", "pat")
    assert code == 1
    assert "  problem: dead end at node 'gate': no choice is available (path: gate)" in lines
    assert "  warning: choice 'end' (\"Pay the fee\") at node 'gate' was never enabled in 3 states and 320 runs: " \
           "its condition `money > 100` may never be true" in lines
    assert lines[-1] == "coverage: nodes 3/3 (100%), choices 2/3 (67%), endings 1/1 (100%); 1 problem, 1 warning"


def test_an_unreachable_node_fails(capsys, tmp_path):
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "broken" / "base", root)
    shutil.copy(FIXTURES / "broken" / "cases" / "W201_unreachable_node" / "life.yaml", root / "life.yaml")
    code, lines, _ = explore(capsys, "--story", str(root))
    assert code == 1
    assert "  problem: node 'orphan' was never reached" in lines
    assert lines[-1].startswith("coverage: nodes 2/3 (67%)")


def test_a_story_with_errors_is_not_explored(capsys):
    code, lines, err = explore(capsys, "--story", str(FIXTURES / "broken" / "cases" / "E009_newer_format"))
    assert code == 1 and lines == [] and "E009" in err


def test_unknown_character(capsys):
    code, _, err = explore(capsys, "--story", str(EXAMPLE), "--character", "nobody")
    assert code == 1 and "no life 'nobody'" in err


def test_explore_life_directly():
    story = load_and_validate(EXAMPLE).story
    cov = explore_life(story, "ming", random_runs=10, seed=1)
    assert cov.nodes == {"station", "refused", "slow", "home"} and cov.endings == {"home"}
    assert len(cov.choices) == total_choices(story, "ming") == 5
    assert cov.problems == [] and cov.states > 0 and cov.runs >= 10
    dead = load_and_validate(DEAD_END).story
    cov = explore_life(dead, "pat", random_runs=5)
    assert any("dead end at node 'gate'" in p for p in cov.problems)


# -- the map -------------------------------------------------------------------------------------------------
_DOT_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)|(->|[{}\[\];,=]))')


def dot_graph(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """A strict little reader for the DOT we write: nodes with attributes, and edges (the legend cut out)."""
    legend = re.search(r"\n  subgraph cluster_legend \{\n.*?\n  \}\n", text, re.S)
    assert legend, "every map carries its legend"
    text = text[:legend.start()] + "\n" + text[legend.end():]
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        m = _DOT_TOKEN.match(text, pos)
        assert m and m.end() > pos, f"cannot read DOT at {text[pos:pos + 40]!r}"
        if m.group(1) is not None:
            assert re.fullmatch(r'(?:[^"\\]|\\[\\"n])*', m.group(1)), f"stray escape in {m.group(1)!r}"
            tokens.append(("id", m.group(1)))
        elif m.group(2) is not None:
            tokens.append(("id", m.group(2)))
        else:
            tokens.append(("op", m.group(3)))
        pos = m.end()
    assert tokens[:3] == [("id", "digraph"), tokens[1], ("op", "{")] and tokens[-1] == ("op", "}")
    nodes, edges, i, body = {}, [], 3, tokens[3:-1]

    def attrs(j):
        out = {}
        if j < len(body) and body[j] == ("op", "["):
            j += 1
            while body[j] != ("op", "]"):
                key, eq, value = body[j], body[j + 1], body[j + 2]
                assert key[0] == "id" and eq == ("op", "=") and value[0] == "id"
                out[key[1]] = value[1]
                j += 3
                if body[j] == ("op", ","):
                    j += 1
            j += 1
        return out, j

    i = 0
    while i < len(body):
        if body[i] == ("id", "rankdir") or body[i][1] in ("node", "edge"):
            while body[i] != ("op", ";"):
                i += 1
            i += 1
            continue
        a = body[i][1]
        if body[i + 1] == ("op", "->"):
            b = body[i + 2][1]
            at, i = attrs(i + 3)
            edges.append((a, b, at))
        else:
            at, i = attrs(i + 1)
            nodes[a] = at
        assert body[i] == ("op", ";")
        i += 1
    return nodes, edges


def expected_edges(life):
    out = []
    for node in life.nodes.values():
        if node.next:
            out.append((node.id, node.next))
        for c in node.choices:
            out.append((node.id, c.to))
            if c.refused:
                out.append((node.id, c.refused))
    return sorted(out)


def test_dot_of_the_example():
    life = load_and_validate(EXAMPLE).story.lives["ming"]
    nodes, edges = dot_graph(to_dot(life))
    assert set(nodes) == set(life.nodes)
    assert sorted((a, b) for a, b, _ in edges) == expected_edges(life)
    assert nodes["home"]["shape"] == "doubleoctagon" and nodes["station"]["style"] == "bold"
    assert nodes["station"]["label"] == "station\\nThe ticket machine reads your ID card."
    refused = [at for a, b, at in edges if b == "refused"]
    assert refused == [{"label": "refused: fast_train", "color": "#b00020", "style": "dotted"}]
    assert {"label": "Rent a bike instead", "style": "dashed"} in [at for _, _, at in edges]


def awkward_story(tmp_path):
    """Node ids that are Mermaid keywords, and text with quotes and backslashes."""
    root = tmp_path / "story"
    shutil.copytree(FIXTURES / "broken" / "base", root)
    life = root / "life.yaml"
    text = life.read_text(encoding="utf-8")
    text = text.replace("text: You wake up.", 'text: \'She said "no" and typed C:\\new\\ \\\'')
    text = text.replace("    next: end\n", '    choices:\n      - {label: \'Go "home" \\\', to: end}\n'
                                          "      - {label: Draw, to: graph}\n")
    text = text.replace("debriefs:", "  - id: graph\n    kind: narration\n    evidence: dramatized\n"
                                     "    text: A chart.\n    next: end\ndebriefs:")
    life.write_text(text, encoding="utf-8")
    result = load_and_validate(root)
    assert not result.report.errors, [str(d) for d in result.report.items]
    return result.story.lives["pat"]


def test_dot_escapes_quotes_and_backslashes(tmp_path):
    life = awkward_story(tmp_path)
    nodes, edges = dot_graph(to_dot(life))
    assert nodes["begin"]["label"] == 'begin\\n' + 'She said \\"no\\" and typed C:\\\\new\\\\ \\\\'
    assert sorted((a, b) for a, b, _ in edges) == expected_edges(life)


def test_mermaid(tmp_path):
    for life in (load_and_validate(EXAMPLE).story.lives["ming"], awkward_story(tmp_path)):
        text = to_mermaid(life)
        lines = text.splitlines()
        assert lines[0] == "flowchart TD"
        declared, edges = {}, []
        for line in lines[1:]:
            m = re.fullmatch(r'  (n_[a-z0-9_]+)(\["[^"]*"\]|\(\["[^"]*"\]\))', line)
            if m:
                declared[m.group(1)] = m.group(2)
                continue
            if line.startswith(("  classDef ", "  class ", "  linkStyle ")):
                continue
            if line == "  subgraph legend [Legend]":
                break  # the legend closes the chart
            m = re.fullmatch(r'  (n_[a-z0-9_]+) (-->|-\.->)(?:\|"[^"]*"\|)? (n_[a-z0-9_]+)', line)
            assert m, f"unexpected Mermaid line {line!r}"
            edges.append((m.group(1)[2:], m.group(3)[2:]))
        assert set(declared) == {f"n_{n}" for n in life.nodes}  # every id prefixed: "end" is a keyword
        assert sorted(edges) == expected_edges(life)
        endings = {f"n_{n.id}" for n in life.endings()}
        assert {k for k, v in declared.items() if v.startswith("([")} == endings


def test_mermaid_keeps_the_maps_styles_and_legend():
    text = to_mermaid(load_and_validate(EXAMPLE).story.lives["ming"])
    lines = text.splitlines()
    assert '  n_station -.->|"Rent a bike instead"| n_home' in lines, "a choice with a condition is dashed"
    assert "  class n_station start" in lines and "  class n_home ending" in lines
    assert "  class n_station,n_slow,n_home dramatized" in lines
    links = [ln for ln in lines if " -->" in ln or " -.->" in ln]
    refused = [i for i, ln in enumerate(links) if '"refused: fast_train"' in ln]
    assert refused and f"  linkStyle {refused[0]} stroke:#b00020,color:#b00020" in lines
    assert "  subgraph legend [Legend]" in lines and '    legend_ending(["ending"]):::ending' in lines
    assert lines[-2] == "  end"
    assert lines[-1] == f"  linkStyle {len(links) - 1} stroke:#b00020,color:#b00020", "the legend's refused link"


def test_a_picture_of_the_map_is_drawn_by_graphviz(capsys, tmp_path):
    out = tmp_path / "ming.svg"
    assert main(["map", "--story", str(EXAMPLE), "--character", "ming", "-o", str(out)]) == 0
    svg = out.read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and "Legend" in svg and "Rent a bike" in svg
    png = tmp_path / "ming.png"
    assert main(["map", "--story", str(EXAMPLE), "--character", "ming", "-o", str(png)]) == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_graphviz_a_picture_is_refused_with_how_to_install_it(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no dot on it
    assert main(["map", "--story", str(EXAMPLE), "--character", "ming", "-o", str(tmp_path / "m.svg")]) == 1
    err = capsys.readouterr().err
    assert "Graphviz's 'dot' is not installed" in err and "apt install graphviz" in err
    assert not (tmp_path / "m.svg").exists()


@pytest.mark.parametrize("suffix,first", [(".dot", "digraph"), (".gv", "digraph"), (".mmd", "flowchart TD")])
def test_map_command(capsys, tmp_path, suffix, first):
    out = tmp_path / f"ming{suffix}"
    assert main(["map", "--story", str(EXAMPLE), "--character", "ming", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith(first)
    kind = "Mermaid" if suffix == ".mmd" else "Graphviz DOT"
    assert capsys.readouterr().out == f"wrote {out} (4 nodes, {kind})\n"


def test_map_command_errors(capsys, tmp_path):
    assert main(["map", "--story", str(EXAMPLE), "--character", "nobody", "-o", str(tmp_path / "x.dot")]) == 1
    assert "no life 'nobody'" in capsys.readouterr().err
    assert main(["map", "--story", str(EXAMPLE), "--character", "ming", "-o", str(tmp_path / "no" / "x.dot")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_a_choice_whose_condition_is_never_true_is_named_as_a_warning(capsys, tmp_path):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    life = root / "lives" / "ming.yaml"
    life.write_text(life.read_text(encoding="utf-8").replace(
        "      - id: slow\n        label: Take the slow train\n",
        "      - id: slow\n        label: Take the slow train\n        if: money > 100000\n"
        "        reason: Too dear\n"), encoding="utf-8")
    code, lines, _ = explore(capsys, "--story", str(root))
    assert code == 0, "a choice that is never enabled is a warning, not a failure"
    warning = [ln for ln in lines if ln.startswith("  warning: ")]
    assert len(warning) == 1
    assert "choice 'slow' (\"Take the slow train\") at node 'refused' was never enabled" in warning[0]
    assert "its condition `money > 100000` may never be true" in warning[0]
    assert lines[-1].endswith("; 0 problems, 1 warning")
