"""The scene illustrations and portraits: each file is safe, small, drawable by pygame, and described.

assets/illustrations/index.yaml is the list of drawings; these tests hold every file to it and it to the
folder. The words for each picture (its alt text) live in the story, story/world/illustrations.yaml, and
are checked there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pygame
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "assets" / "illustrations"
SVG = "{http://www.w3.org/2000/svg}"
INDEX = yaml.safe_load((FOLDER / "index.yaml").read_text(encoding="utf-8"))
PICTURES = INDEX["pictures"]
PALETTE = {v.upper() for v in INDEX["palette"].values()}
ACCENT = INDEX["palette"]["accent"].upper()
IDS = [p["id"] for p in PICTURES]
LIVES = {p.stem for p in (ROOT / "story" / "lives").glob("*.yaml")}
STORY_PICTURES = {e["id"]: e for e in yaml.safe_load(
    (ROOT / "story" / "world" / "illustrations.yaml").read_text(encoding="utf-8"))["illustrations"]}

MAX_BYTES = 30_000
# Elements nanosvg draws and this set uses; anything else is either ignored by pygame (text, use,
# style, filter ...) or a way to pull in outside data (image, script, foreignObject).
ALLOWED = {"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
COLOUR_ATTRS = ("fill", "stroke")
FORBIDDEN_ATTRS = ("href", "opacity", "fill-opacity", "stroke-opacity", "style", "class", "filter", "mask",
                   "clip-path")


def _parse(entry) -> ET.Element:
    return ET.fromstring((FOLDER / entry["file"]).read_bytes())


def _local(tag: str) -> str:
    return tag.split("}", 1)[-1]


@pytest.fixture(scope="module")
def pg():
    pygame.init()
    yield pygame
    pygame.quit()


def _load(pg, path: Path, size: tuple[int, int], sized: bool) -> pygame.Surface:
    if sized:
        return pg.image.load_sized_svg(str(path), size)
    return pg.transform.smoothscale(pg.image.load(str(path)), size)


def _sizes(entry) -> list[tuple[int, int]]:
    aw, ah = entry["aspect"]
    big = (1280, 720) if aw > ah else (540, 720)
    return [big, (big[0] // 2, big[1] // 2)]


def _samples(surf: pygame.Surface, cols: int = 96, rows: int = 54) -> list[tuple[int, int, int]]:
    w, h = surf.get_size()
    return [tuple(surf.get_at((int((i + 0.5) * w / cols), int((j + 0.5) * h / rows)))[:3])
            for j in range(rows) for i in range(cols)]


# ---------------------------------------------------------------- the index and the folder


def test_index_lists_every_svg_in_the_folder_and_nothing_else():
    on_disk = sorted(p.name for p in FOLDER.glob("*.svg"))
    assert sorted(p["file"] for p in PICTURES) == on_disk


def test_ids_are_unique_and_files_exist():
    assert len(IDS) == len(set(IDS))
    for p in PICTURES:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", p["id"]), p["id"]
        assert (FOLDER / p["file"]).is_file(), p["file"]


def _alt(entry) -> str:
    """A picture's alt text: the story's when a scene shows it, else the index's (an unused picture)."""
    if entry["id"] in STORY_PICTURES:
        return " ".join(str(STORY_PICTURES[entry["id"]].get("alt") or "").split())
    return " ".join(str(entry.get("alt") or "").split())


def test_every_picture_has_alt_text_a_life_and_a_kind():
    for p in PICTURES:
        alt = _alt(p)
        assert alt, p["id"]
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", alt) if s]
        assert 1 <= len(sentences) <= 3 and len(alt) <= 320, (p["id"], alt)
        assert p["life"] in LIVES, (p["id"], p["life"])
        assert p["kind"] in ("scene", "portrait")
        assert p["aspect"] == ([16, 9] if p["kind"] == "scene" else [3, 4])


def test_the_story_describes_every_picture_it_can_show_and_the_index_the_rest():
    """A picture is either in the story (with the same file, its alt text there and not in the index) or
    marked unused in the index with the reason and its alt text kept there."""
    by_id = {p["id"]: p for p in PICTURES}
    for sid, entry in STORY_PICTURES.items():
        assert sid in by_id, sid
        assert entry["file"] == by_id[sid]["file"], sid
        assert "alt" not in by_id[sid] and "unused" not in by_id[sid], sid
    for p in PICTURES:
        if p["id"] not in STORY_PICTURES:
            assert str(p.get("unused") or "").strip() and p.get("alt"), p["id"]


def test_unused_pictures_are_shown_by_no_node():
    unused = {p["id"] for p in PICTURES if p.get("unused")}
    for life in LIVES:
        text = (ROOT / "story" / "lives" / f"{life}.yaml").read_text(encoding="utf-8")
        used = set(re.findall(r"(?m)^\s*(?:illustration|portrait): (\w+)", text))
        assert not used & unused, (life, used & unused)


def test_each_life_has_six_scenes_and_a_portrait():
    for life in ("wei", "li_xiaolin", "rongcheng"):
        scenes = [p for p in PICTURES if p["life"] == life and p["kind"] == "scene"]
        portraits = [p for p in PICTURES if p["life"] == life and p["kind"] == "portrait"]
        assert len(scenes) >= 6, life
        assert len(portraits) == 1, life


def test_palette_is_paper_ink_greys_and_one_accent():
    pal = INDEX["palette"]
    assert all(re.fullmatch(r"#[0-9A-Fa-f]{6}", v) for v in pal.values())
    reds = [v for v in pal.values() if int(v[1:3], 16) - int(v[5:7], 16) > 60]
    assert reds == [pal["accent"]]  # the only saturated colour


# ---------------------------------------------------------------- each file


@pytest.mark.parametrize("entry", PICTURES, ids=IDS)
def test_file_is_small_valid_and_self_contained(entry):
    raw = (FOLDER / entry["file"]).read_bytes()
    assert len(raw) < MAX_BYTES, f"{entry['file']}: {len(raw)} bytes"
    text = raw.decode("utf-8").replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "<!DOCTYPE" not in text and "<!ENTITY" not in text
    assert not re.search(r"(?i)\b(?:https?|ftp|file|data|javascript):", text)
    root = ET.fromstring(raw)
    assert _local(root.tag) == "svg" and root.tag.startswith(SVG)
    for el in root.iter():
        assert _local(el.tag) in ALLOWED, f"{entry['file']}: <{_local(el.tag)}>"
        for attr in el.attrib:
            name = _local(attr)
            assert name not in FORBIDDEN_ATTRS and not name.startswith("on"), f"{entry['file']}: {name}"


@pytest.mark.parametrize("entry", PICTURES, ids=IDS)
def test_viewbox_matches_the_aspect(entry):
    root = _parse(entry)
    x, y, w, h = (float(v) for v in root.get("viewBox").split())
    aw, ah = entry["aspect"]
    assert (x, y) == (0, 0) and abs(w / h - aw / ah) < 1e-6


@pytest.mark.parametrize("entry", PICTURES, ids=IDS)
def test_uses_only_palette_colours(entry):
    """Every fill and stroke, inherited or set, is a palette colour (or none); nothing falls back to black."""
    bad = []

    def walk(el, fill, stroke):
        fill = el.get("fill", fill)
        stroke = el.get("stroke", stroke)
        tag = _local(el.tag)
        for name, value in (("fill", fill), ("stroke", stroke)):
            if value is None or value == "none":
                continue
            if value.upper() not in PALETTE:
                bad.append(f"<{tag}> {name}={value}")
        if tag in ALLOWED - {"svg", "g", "line"} and fill is None:
            bad.append(f"<{tag}> has no fill (pygame would paint it black)")
        for child in el:
            walk(child, fill, stroke)

    walk(_parse(entry), None, None)
    assert not bad, f"{entry['file']}: {bad[:5]}"


@pytest.mark.parametrize("entry", PICTURES, ids=IDS)
def test_signs_are_drawn_as_outlines(entry):
    """A sign group names its words and holds their outlines (run assets/illustrations/signs.py)."""
    for g in _parse(entry).iter(f"{SVG}g"):
        if g.get("data-sign") is not None:
            paths = [p for p in g if _local(p.tag) == "path" and len(p.get("d", "")) > 10]
            assert paths, f"{entry['file']}: sign {g.get('data-sign')!r} has no outline"
    for word in (entry.get("signs") or {}):
        assert str(word) in (FOLDER / entry["file"]).read_text(encoding="utf-8"), (entry["id"], word)


@pytest.mark.parametrize("entry", PICTURES, ids=IDS)
def test_pygame_draws_it_at_two_sizes_with_the_accent_used_sparingly(pg, entry):
    path = FOLDER / entry["file"]
    accent = tuple(int(ACCENT[i:i + 2], 16) for i in (1, 3, 5))
    ways = [True, False] if hasattr(pg.image, "load_sized_svg") else [False]
    for sized in ways:
        for size in _sizes(entry):
            surf = _load(pg, path, size, sized)
            assert surf.get_size() == size
            px = _samples(surf)
            lum = [0.2126 * r + 0.7152 * g + 0.0722 * b for r, g, b in px]
            mean = sum(lum) / len(lum)
            variance = sum((v - mean) ** 2 for v in lum) / len(lum)
            assert variance > 400, f"{entry['file']} at {size} looks blank (variance {variance:.0f})"
            dark = sum(v < 120 for v in lum) / len(lum)
            assert dark > 0.01, f"{entry['file']} at {size}: no ink"
            red = sum(sum(abs(a - b) for a, b in zip(p, accent)) < 60 for p in px) / len(px)
            assert red < 0.06, f"{entry['file']} at {size}: accent covers {red:.0%}"


def test_the_natural_size_fallback_matches_the_sized_rendering(pg):
    """pygame without load_sized_svg loads at the viewBox size and scales: the picture must agree."""
    if not hasattr(pg.image, "load_sized_svg"):
        pytest.skip("this pygame has no load_sized_svg to compare with")
    for entry in PICTURES:
        size = _sizes(entry)[1]
        a = _samples(_load(pg, FOLDER / entry["file"], size, True), 32, 18)
        b = _samples(_load(pg, FOLDER / entry["file"], size, False), 32, 18)
        diff = sum(sum(abs(x - y) for x, y in zip(p, q)) for p, q in zip(a, b)) / (3 * len(a))
        assert diff < 12, f"{entry['file']}: fallback differs by {diff:.1f} per channel"
