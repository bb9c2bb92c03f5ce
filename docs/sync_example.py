"""Copies docs/example-story/ into docs/story-format.md between its example markers.

Run after changing the example story: ``python docs/sync_example.py``. The test
tests/test_story_format_doc.py fails when the page and the files disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
EXAMPLE = DOCS / "example-story"
PAGE = DOCS / "story-format.md"
BEGIN, END = "<!-- example-story:begin -->", "<!-- example-story:end -->"


def example_files() -> list[Path]:
    return sorted(EXAMPLE.rglob("*.yaml"), key=lambda p: (p.name != "story.yaml", str(p)))


def render() -> str:
    parts = []
    for p in example_files():
        rel = p.relative_to(EXAMPLE).as_posix()
        parts.append(f"### `{rel}`\n\n```yaml\n{p.read_text(encoding='utf-8').rstrip()}\n```\n")
    return "\n".join(parts)


def synced_page() -> str:
    text = PAGE.read_text(encoding="utf-8")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{render()}{END}{tail}"


if __name__ == "__main__":
    PAGE.write_text(synced_page(), encoding="utf-8")
    print(f"updated {PAGE}")
    sys.exit(0)
