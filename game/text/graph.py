"""The story map: a life's nodes and choices as Graphviz DOT, Mermaid for a ``.mmd`` file, or a picture.

Both formats draw the same things the same way, and both carry a legend: a start is bold, an ending is
a filled double outline, a dramatized node has a grey outline, a choice with a condition is dashed, and
the way a refused attempt goes is red and dotted. ``.svg`` and ``.png`` are rendered by Graphviz's
``dot`` (a well-kept tool) when it is installed.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

from .. import DEFAULT_STORY
from ..engine.model import Life
from .common import load_or_report


def _short(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _dot_esc(s: str) -> str:
    # backslashes first: a story's "\\N" or a trailing "\\" must not become a DOT escape
    return s.replace("\\", "\\\\").replace('"', '\\"')


def _dot_str(s: str) -> str:
    return '"' + _dot_esc(s) + '"'


def to_dot(life: Life) -> str:
    lines = [f"digraph {_dot_str(life.id)} {{", "  rankdir=TB;", '  node [shape=box, fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=11];']
    starts = {life.start: "start"}
    if life.short:
        starts.setdefault(life.short.start, "short start")
    for node in life.nodes.values():
        label = f"{_dot_esc(node.id)}\\n{_dot_esc(_short(node.text.en))}"
        attrs = [f'label="{label}"']
        if node.ending is not None:
            attrs += ["shape=doubleoctagon", "style=filled", 'fillcolor="#e8e0c8"']
        elif node.id in starts:
            attrs += ["style=bold"]
        if node.evidence == "dramatized":
            attrs.append('color="#777777"')
        lines.append(f"  {_dot_str(node.id)} [{', '.join(attrs)}];")
    for node in life.nodes.values():
        if node.next:
            lines.append(f"  {_dot_str(node.id)} -> {_dot_str(node.next)};")
        for c in node.choices:
            label = _dot_esc(_short(c.label.en, 30))
            style = ', style=dashed' if c.cond_src else ""
            lines.append(f'  {_dot_str(node.id)} -> {_dot_str(c.to)} [label="{label}"{style}];')
            if c.refused:
                lines.append(f'  {_dot_str(node.id)} -> {_dot_str(c.refused)} '
                             f'[label="refused: {c.attempt}", color="#b00020", style=dotted];')
    lines += DOT_LEGEND
    lines.append("}")
    return "\n".join(lines) + "\n"


# The legend shows each style once, on sample nodes and edges inside a box of its own.
DOT_LEGEND = [
    "  subgraph cluster_legend {",
    '    label="Legend"; fontname="Helvetica"; color="#999999";',
    '    node [fontname="Helvetica", fontsize=10];',
    '    legend_start [label="start", style=bold];',
    '    legend_node [label="node"];',
    '    legend_dramatized [label="dramatized", color="#777777"];',
    '    legend_ending [label="ending", shape=doubleoctagon, style=filled, fillcolor="#e8e0c8"];',
    '    legend_start -> legend_node [label="choice"];',
    '    legend_node -> legend_dramatized [label="choice with a condition", style=dashed];',
    '    legend_node -> legend_ending [label="refused: attempt", color="#b00020", style=dotted];',
    "  }",
]


def _mm(s: str) -> str:
    return s.replace('"', "'").replace("\n", " ")


def _mm_id(node_id: str) -> str:
    # prefixed: a bare "end" (or "graph", "style", ...) is a Mermaid keyword and breaks the chart
    return f"n_{node_id}"


MERMAID_CLASSES = [
    "  classDef start stroke-width:3px",
    "  classDef ending fill:#e8e0c8,stroke-width:3px",
    "  classDef dramatized stroke:#777777,stroke-dasharray:4 2",
]


def to_mermaid(life: Life) -> str:
    """Mermaid with the DOT map's styles: classes for nodes, dashed and red dotted links for edges."""
    lines = ["flowchart TD"]
    starts = {life.start} | ({life.short.start} if life.short else set())
    classes: dict[str, list[str]] = {"start": [], "ending": [], "dramatized": []}
    for node in life.nodes.values():
        text = _mm(f"{node.id}: {_short(node.text.en)}")
        nid = _mm_id(node.id)
        shape = f'{nid}(["{text}"])' if node.ending is not None else f'{nid}["{text}"]'
        lines.append(f"  {shape}")
        if node.ending is not None:
            classes["ending"].append(nid)
        elif node.id in starts:
            classes["start"].append(nid)
        if node.evidence == "dramatized":
            classes["dramatized"].append(nid)
    refused_links: list[int] = []
    links = 0
    for node in life.nodes.values():
        nid = _mm_id(node.id)
        if node.next:
            lines.append(f"  {nid} --> {_mm_id(node.next)}")
            links += 1
        for c in node.choices:
            arrow = "-.->" if c.cond_src else "-->"
            lines.append(f'  {nid} {arrow}|"{_mm(_short(c.label.en, 30))}"| {_mm_id(c.to)}')
            links += 1
            if c.refused:
                lines.append(f'  {nid} -.->|"refused: {_mm(c.attempt)}"| {_mm_id(c.refused)}')
                refused_links.append(links)
                links += 1
    lines += MERMAID_CLASSES
    lines += [f"  class {','.join(ids)} {name}" for name, ids in classes.items() if ids]
    if refused_links:
        lines.append(f"  linkStyle {','.join(map(str, refused_links))} stroke:#b00020,color:#b00020")
    lines += _mermaid_legend(links)
    return "\n".join(lines) + "\n"


def _mermaid_legend(first_link: int) -> list[str]:
    return [
        "  subgraph legend [Legend]",
        '    legend_start["start"]:::start',
        '    legend_node["node"]',
        '    legend_dramatized["dramatized"]:::dramatized',
        '    legend_ending(["ending"]):::ending',
        '    legend_start -->|"choice"| legend_node',
        '    legend_node -.->|"choice with a condition"| legend_dramatized',
        '    legend_node -.->|"refused: attempt"| legend_ending',
        "  end",
        f"  linkStyle {first_link + 2} stroke:#b00020,color:#b00020",
    ]


def render_with_dot(dot_text: str, out: Path) -> str | None:
    """Render DOT to ``out`` (.svg or .png) with Graphviz; the reason it could not, or None."""
    dot = shutil.which("dot")
    if dot is None:
        return ("Graphviz's 'dot' is not installed, so the map cannot be drawn as a picture. Install it "
                "(Debian or Ubuntu: sudo apt install graphviz; macOS: brew install graphviz; Windows: "
                "winget install graphviz), or write a .dot or .mmd file instead")
    done = subprocess.run([dot, f"-T{out.suffix[1:]}", "-o", str(out)], input=dot_text.encode("utf-8"),
                          capture_output=True)
    if done.returncode != 0:
        return f"dot could not draw the map: {done.stderr.decode('utf-8', 'replace').strip()}"
    return None


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args.story or DEFAULT_STORY)
    if story is None:
        return 1
    if args.character not in story.lives:
        print(f"no life '{args.character}'; choose one of: {', '.join(story.lives)}", file=sys.stderr)
        return 1
    life = story.lives[args.character]
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix in (".svg", ".png"):
        if not out.parent.is_dir():
            print(f"cannot write {out}: the folder {out.parent} does not exist", file=sys.stderr)
            return 1
        problem = render_with_dot(to_dot(life), out)
        if problem:
            print(problem, file=sys.stderr)
            return 1
        print(f"wrote {out} ({len(life.nodes)} nodes, drawn by Graphviz)")
        return 0
    text = to_mermaid(life) if suffix == ".mmd" else to_dot(life)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(life.nodes)} nodes, {'Mermaid' if suffix == '.mmd' else 'Graphviz DOT'})")
    return 0


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--character", required=True, help="the life to draw")
    p.add_argument("-o", "--output", required=True, help="output file: .dot, .mmd, .svg or .png")
    p.add_argument("--story", help="story folder (default: the shipped story)")
