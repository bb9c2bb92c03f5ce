"""Colour themes as data, and the WCAG contrast arithmetic a test checks them with.

Every colour the UI draws comes from a theme role. ``TEXT_PAIRS`` lists each (text, background) pair
the screens use (at least 4.5:1) and ``CONTROL_PAIRS`` each control or focus edge against what it sits
on (at least 3:1), so the contrast test covers the whole palette.
"""

from __future__ import annotations

from dataclasses import dataclass

Color = tuple[int, int, int]


def hex_color(value: str) -> Color:
    v = value.lstrip("#")
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def _channel(c: int) -> float:
    s = c / 255.0
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def luminance(color: Color) -> float:
    r, g, b = color[:3]
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: Color, b: Color) -> float:
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    colors: dict[str, Color]

    def __getitem__(self, role: str) -> Color:
        return self.colors[role]


def _theme(tid: str, name: str, spec: dict[str, str]) -> Theme:
    return Theme(tid, name, {k: hex_color(v) for k, v in spec.items()})


PAPER = _theme("paper", "Paper", {
    # narration: off-white paper, near-black ink, one accent
    "bg": "#F3EEE4", "ink": "#1F1D1A", "muted": "#5B554C", "accent": "#8E2B1E", "rule": "#8A8173",
    "surface": "#FBF8F1", "panel": "#E8E1D3", "panel_ink": "#1F1D1A", "panel_muted": "#544E45",
    "header": "#2A2723", "header_ink": "#F6F1E7", "header_muted": "#D6CFC2",
    "button": "#FBF8F1", "button_ink": "#1F1D1A", "button_edge": "#6B6358",
    "button_hover": "#EFE7D8", "primary": "#2A2723", "primary_ink": "#FBF8F1", "primary_edge": "#2A2723",
    "disabled": "#E4DED2", "disabled_ink": "#5A544B", "disabled_edge": "#8F877A",
    # map and chart: the coast and the gridlines carry the shapes (3:1); the land is a light tint
    "map_land": "#E4DFD6", "map_coast": "#7A7368", "chart_grid": "#777064", "chart_band": "#DCD5C8",
    "focus": "#1F5FAD", "focus_dark": "#FFD23F", "number": "#2A2723", "number_ink": "#FBF8F1",
    # evidence tags (words and shapes carry the meaning; colour only supports it)
    "doc": "#1E5631", "doc_ink": "#FFFFFF", "rep": "#7A4A00", "rep_ink": "#FFFFFF",
    "dram": "#5A3E85", "dram_ink": "#FFFFFF",
    # event cards
    "bad": "#A32A1F", "bad_bg": "#F8E7E3", "good": "#1E5631", "good_bg": "#E5F0E6",
    "note_bg": "#EDE8DE", "event_ink": "#1F1D1A",
    # system screens
    "term_bg": "#1C4E9A", "term_ink": "#FFFFFF", "term_panel": "#FFFFFF", "term_text": "#0E3474",
    "term_alert": "#B3261E", "term_alert_ink": "#FFFFFF", "term_edge": "#1C4E9A",
    "notice_paper": "#FFFDF8", "notice_ink": "#1A1A1A", "seal": "#C8102E",
    "phone": "#202124", "app_bg": "#F7F8FA", "app_ink": "#1B1F24", "app_head": "#0B6E4F",
    "app_head_ink": "#FFFFFF", "badge": "#0B6E4F", "badge_ink": "#FFFFFF",
    "letter_paper": "#FAF6EC", "letter_ink": "#23201C", "letter_line": "#B9AF9C",
    "card": "#DCE9EE", "card_ink": "#14303A", "card_muted": "#2E4F5A", "card_edge": "#587C88",
    "overlay": "#000000", "dialog": "#FBF8F1", "dialog_ink": "#1F1D1A",
    "error_bg": "#FBF8F1", "error_ink": "#1F1D1A", "error_head": "#A32A1F",
    "right": "#1E5631", "wrong": "#A32A1F",
})

CONTRAST = _theme("contrast", "High contrast", {
    "bg": "#000000", "ink": "#FFFFFF", "muted": "#E6E6E6", "accent": "#FFD23F", "rule": "#FFFFFF",
    "surface": "#000000", "panel": "#101010", "panel_ink": "#FFFFFF", "panel_muted": "#E6E6E6",
    "header": "#000000", "header_ink": "#FFFFFF", "header_muted": "#E6E6E6",
    "button": "#000000", "button_ink": "#FFFFFF", "button_edge": "#FFFFFF",
    "button_hover": "#1E1E1E", "primary": "#FFFFFF", "primary_ink": "#000000", "primary_edge": "#FFFFFF",
    "disabled": "#000000", "disabled_ink": "#D0D0D0", "disabled_edge": "#B0B0B0",
    # map and chart: the land itself stands out from the black (3:1), as do its coast, the journey and dots
    "map_land": "#6B6B6B", "map_coast": "#FFFFFF", "chart_grid": "#A0A0A0", "chart_band": "#1C1C1C",
    "focus": "#FFD23F", "focus_dark": "#FFD23F", "number": "#FFFFFF", "number_ink": "#000000",
    "doc": "#FFFFFF", "doc_ink": "#000000", "rep": "#FFD23F", "rep_ink": "#000000",
    "dram": "#9FD8FF", "dram_ink": "#000000",
    "bad": "#FF8A80", "bad_bg": "#000000", "good": "#8CF0A0", "good_bg": "#000000",
    "note_bg": "#000000", "event_ink": "#FFFFFF",
    "term_bg": "#002A80", "term_ink": "#FFFFFF", "term_panel": "#000000", "term_text": "#FFFFFF",
    "term_alert": "#FFFFFF", "term_alert_ink": "#000000", "term_edge": "#FFFFFF",
    "notice_paper": "#000000", "notice_ink": "#FFFFFF", "seal": "#FF6B6B",
    "phone": "#FFFFFF", "app_bg": "#000000", "app_ink": "#FFFFFF", "app_head": "#FFFFFF",
    "app_head_ink": "#000000", "badge": "#FFD23F", "badge_ink": "#000000",
    "letter_paper": "#000000", "letter_ink": "#FFFFFF", "letter_line": "#9A9A9A",
    "card": "#000000", "card_ink": "#FFFFFF", "card_muted": "#E6E6E6", "card_edge": "#FFFFFF",
    "overlay": "#000000", "dialog": "#000000", "dialog_ink": "#FFFFFF",
    "error_bg": "#000000", "error_ink": "#FFFFFF", "error_head": "#FF8A80",
    "right": "#8CF0A0", "wrong": "#FF8A80",
})

THEMES: dict[str, Theme] = {t.id: t for t in (PAPER, CONTRAST)}

# (text role, background role): every pair the screens draw text with
TEXT_PAIRS: list[tuple[str, str]] = [
    ("ink", "bg"), ("muted", "bg"), ("accent", "bg"), ("ink", "surface"), ("muted", "surface"),
    ("accent", "surface"), ("panel_ink", "panel"), ("panel_muted", "panel"), ("header_ink", "header"),
    ("header_muted", "header"), ("button_ink", "button"), ("button_ink", "button_hover"),
    ("primary_ink", "primary"), ("disabled_ink", "disabled"), ("number_ink", "number"),
    ("doc_ink", "doc"), ("rep_ink", "rep"), ("dram_ink", "dram"), ("bad", "bad_bg"), ("good", "good_bg"),
    ("event_ink", "bad_bg"), ("event_ink", "good_bg"), ("event_ink", "note_bg"), ("ink", "note_bg"),
    ("term_ink", "term_bg"), ("term_text", "term_panel"), ("term_alert_ink", "term_alert"),
    ("notice_ink", "notice_paper"), ("seal", "notice_paper"), ("app_ink", "app_bg"),
    ("app_head_ink", "app_head"), ("badge_ink", "badge"), ("letter_ink", "letter_paper"),
    ("card_ink", "card"), ("card_muted", "card"), ("dialog_ink", "dialog"), ("error_ink", "error_bg"),
    ("error_head", "error_bg"), ("right", "surface"), ("wrong", "surface"), ("right", "bg"), ("wrong", "bg"),
    ("bad", "surface"), ("good", "surface"), ("ink", "button_hover"),
]

# (control or indicator role, what it sits on): at least 3:1
CONTROL_PAIRS: list[tuple[str, str]] = [
    ("button_edge", "bg"), ("button_edge", "surface"), ("button_edge", "panel"), ("button_edge", "dialog"),
    ("primary", "bg"), ("primary", "surface"), ("primary", "dialog"), ("disabled_edge", "bg"),
    ("disabled_edge", "surface"), ("focus", "bg"), ("focus", "surface"), ("focus", "panel"),
    ("focus", "dialog"), ("focus", "card"), ("focus_dark", "header"), ("focus_dark", "term_bg"),
    ("rule", "bg"), ("number", "button"), ("seal", "notice_paper"), ("card_edge", "panel"),
    ("doc", "surface"), ("dram", "surface"), ("rep", "surface"), ("bad", "bad_bg"), ("good", "good_bg"),
    ("phone", "bg"), ("term_edge", "bg"), ("badge", "app_bg"), ("focus", "app_bg"),
    ("focus", "notice_paper"), ("focus", "letter_paper"),
    ("map_coast", "bg"), ("map_coast", "map_land"), ("chart_grid", "bg"), ("chart_grid", "panel"),
    ("chart_grid", "chart_band"),
]

TEXT_MIN = 4.5
CONTROL_MIN = 3.0


def failures(theme: Theme) -> list[str]:
    """Every pair of this theme that misses its contrast minimum, as readable lines."""
    out = []
    for fg, bg in TEXT_PAIRS:
        r = contrast(theme[fg], theme[bg])
        if r < TEXT_MIN:
            out.append(f"{theme.id}: text {fg} on {bg} is {r:.2f}:1 (needs {TEXT_MIN})")
    for fg, bg in CONTROL_PAIRS:
        r = contrast(theme[fg], theme[bg])
        if r < CONTROL_MIN:
            out.append(f"{theme.id}: control {fg} on {bg} is {r:.2f}:1 (needs {CONTROL_MIN})")
    return out
