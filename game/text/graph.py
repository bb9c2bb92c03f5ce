"""The story map: a life's nodes and choices as Graphviz DOT, or Mermaid for a ``.mmd`` file."""

from __future__ import annotations

import argparse
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
    lines = [f"digraph {_dot_str(life.id)} {{", "  rankdir=TB;", '  node [shape=box, fontname="Helvetica"];']
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
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mm(s: str) -> str:
    return s.replace('"', "'").replace("\n", " ")


def _mm_id(node_id: str) -> str:
    # prefixed: a bare "end" (or "graph", "style", ...) is a Mermaid keyword and breaks the chart
    return f"n_{node_id}"


def to_mermaid(life: Life) -> str:
    lines = ["flowchart TD"]
    for node in life.nodes.values():
        text = _mm(f"{node.id}: {_short(node.text.en)}")
        nid = _mm_id(node.id)
        shape = f'{nid}(["{text}"])' if node.ending is not None else f'{nid}["{text}"]'
        lines.append(f"  {shape}")
    for node in life.nodes.values():
        nid = _mm_id(node.id)
        if node.next:
            lines.append(f"  {nid} --> {_mm_id(node.next)}")
        for c in node.choices:
            lines.append(f'  {nid} -->|"{_mm(_short(c.label.en, 30))}"| {_mm_id(c.to)}')
            if c.refused:
                lines.append(f'  {nid} -.->|"refused"| {_mm_id(c.refused)}')
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args.story or DEFAULT_STORY)
    if story is None:
        return 1
    if args.character not in story.lives:
        print(f"no life '{args.character}'; choose one of: {', '.join(story.lives)}", file=sys.stderr)
        return 1
    life = story.lives[args.character]
    out = Path(args.output)
    text = to_mermaid(life) if out.suffix == ".mmd" else to_dot(life)
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"cannot write {out}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({len(life.nodes)} nodes, {'Mermaid' if out.suffix == '.mmd' else 'Graphviz DOT'})")
    return 0



def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--character", required=True, help="the life to draw")
    p.add_argument("-o", "--output", required=True, help="output file (.dot or .mmd)")
    p.add_argument("--story", help="story folder (default: the shipped story)")
