"""JSON Schemas (draft 2020-12) for each kind of story file, made from the loader's own field
definitions (``shapes`` and each effect kind's ``value``), so an editor's checks never drift from the
validator's.

An editor running the YAML language server (VS Code's YAML extension, and others) reads the schema a
file names on its first line, ``# yaml-language-server: $schema=PATH``, to complete keys, show each
key's description on hover and flag unknown keys, wrong types and missing required keys as the author
types. What needs the whole story (ids that exist, expressions that type-check) stays with
``python -m game validate``.

``python -m game schema [-o DIR] [--check]`` writes them (docs/schema/ by default). They use only
keywords draft-07 has too, except the name ``$defs`` (a ``$ref`` is a plain JSON pointer either way),
because the YAML language server checks instances by draft-07's rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import effects
from . import expr as ex
from .fields import DATE_RE, FULL_DATE_RE, ID_RE
from .shapes import SHAPES, Key, Shape, Value

DRAFT = "https://json-schema.org/draft/2020-12/schema"
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "docs" / "schema"

# file kind -> (the shape of its root, a title); each is written as KIND.schema.json
FILE_KINDS: dict[str, tuple[str, str]] = {
    "story": ("manifest", "A story's manifest (story.yaml)"),
    "sources": ("sources_file", "A story's bibliography (sources.yaml)"),
    "glossary": ("glossary_file", "A story's glossary (glossary.yaml)"),
    "world": ("world_file", "A world file (world/*.yaml)"),
    "life": ("life", "A life (lives/*.yaml)"),
    "translation": ("translation_file", "A translation kept as YAML (lang/CODE.yaml)"),
}

# files read by their own small loaders rather than the story loader's shapes: schemas written here
HAND_KINDS: dict[str, dict[str, Any]] = {
    "pinyin": {
        "title": "A story's pinyin readings (lang/CODE/pinyin.yaml): a name or term, and one syllable per hanzi",
        "type": "object",
        "propertyNames": {"type": "string", "pattern": r"[^\x00-\u2e7f]",
                          "patternErrorMessage": "a term holds Chinese characters"},
        "additionalProperties": {"type": "string", "pattern": "^\\S+( \\S+)*$",
                                 "patternErrorMessage": "syllables with tone marks, separated by spaces"},
    },
}

# patternErrorMessage is the YAML language server's own keyword (others ignore it): the loader's words.
ID = {"type": "string", "pattern": ID_RE.pattern,
      "patternErrorMessage": "not a valid id: use lower-case letters, digits and _, starting with a letter"}
VARIABLE = {"type": "string", "pattern": ex.ID_NAME.pattern, "not": {"enum": sorted(ex.RESERVED)},
            "patternErrorMessage": "not a valid variable name: use letters, digits and _, not starting with a digit"}
WORDS = {"type": "string", "pattern": r"\S"}


class _Builder:
    """Builds one file kind's schema, adding each shape it reaches to ``$defs`` once."""

    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str, shape: Shape | None = None) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # reserved first: shapes may reach themselves
            self.defs[name] = self.shape(shape or SHAPES[name])
        return {"$ref": f"#/$defs/{name}"}

    def shape(self, shape: Shape) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "title": shape.what[:1].upper() + shape.what[1:],
                               "description": shape.desc,
                               "properties": {k.name: self.key(k) for k in shape.keys}}
        required = [k.name for k in shape.keys if k.required]
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        if shape.one_of:
            out["oneOf"] = [{"required": [name]} for name in shape.one_of]
        # Rules between keys as if/then, which the YAML language server's draft-07 checks understand too
        # (it ignores 2019-09's dependentRequired).
        rules = [{"if": {"required": [key]}, "then": {"required": list(others)}} for key, others in shape.needs.items()]
        rules += [{"if": {"required": [key], "properties": {key: {"not": {"enum": list(values)}}}},
                   "then": {"properties": {name: False for name in keys}}} for keys, key, values in shape.only_when]
        if rules:
            out["allOf"] = rules
        return out

    def key(self, key: Key) -> dict[str, Any]:
        out = {"description": key.desc, **self.value(key)}
        for bound in ("minimum", "maximum"):
            if getattr(key, bound) is not None:
                out[bound] = getattr(key, bound)
        return out

    def value(self, key: Key) -> dict[str, Any]:  # noqa: C901 - one case per type, in TYPES' order
        t = key.type
        if t in ("id", "ref"):
            return dict(ID)
        if t == "ids":
            return {"anyOf": [ID, {"type": "array", "items": ID}]}
        if t == "text":  # a number is read as its text, as everywhere the loader reads text
            return {"type": ["string", "number"], **({"minLength": 1} if key.required else {})}
        if t == "str":
            return {"type": ["string", "number"]}
        if t == "int":
            return {"type": "integer"}
        if t == "number":
            return {"type": "number"}
        if t == "bool":
            return {"type": "boolean"}
        if t == "enum":
            return {"enum": list(key.options)}
        if t == "date":
            return {"type": "string", "pattern": FULL_DATE_RE.pattern,
                    "patternErrorMessage": "should be a date written YYYY-MM-DD"}
        if t == "date_partial":  # a bare year is read as a number
            return {"anyOf": [{"type": "string", "pattern": DATE_RE.pattern,
                               "patternErrorMessage": "should be a date written YYYY-MM-DD, YYYY-MM or YYYY"},
                              {"type": "integer", "minimum": 1000, "maximum": 9999}]}
        if t == "expr":
            return {"type": "string"}
        if t == "number_or_bool":
            return {"type": ["number", "boolean"]}
        if t == "variable":
            return dict(VARIABLE)
        if t == "words":
            return dict(WORDS)
        if t == "file":
            return {"type": "string"}
        if t == "files":
            return {"type": "array", "items": {"type": "string"}}
        if t == "items":
            return {"type": "array", "items": self.ref(key.shape)}
        if t == "map":
            return self.ref(key.shape)
        if t == "effects":
            return {"type": "array", "items": self.effect()}
        if t == "variables":
            return {"type": "object", "propertyNames": VARIABLE,
                    "additionalProperties": {"anyOf": [{"type": ["number", "boolean"]}, self.ref("variable")]}}
        if t == "questions":
            return {"type": "array", "items": dict(WORDS)}
        if t == "strings":
            return {"type": "object",
                    "additionalProperties": {"anyOf": [{"type": "string"}, self.ref("translation_entry")]}}
        raise ValueError(f"key '{key.name}' has an unknown type '{t}'")

    def effect(self) -> dict[str, Any]:
        if "effect" not in self.defs:
            props = {name: self.effect_value(name, kind.value) for name, kind in effects.KINDS.items()}
            self.defs["effect"] = {
                "type": "object", "description": "One effect, written 'kind: value'.",
                "properties": props, "minProperties": 1, "maxProperties": 1, "additionalProperties": False}
        return {"$ref": "#/$defs/effect"}

    def effect_value(self, name: str, value: Value | None) -> dict[str, Any]:
        if value is None:
            raise ValueError(f"effect kind '{name}' declares no value shape (EffectKind.value)")
        forms: list[dict[str, Any]] = []
        if value.short is not None:
            forms.append({k: v for k, v in self.key(value.short).items() if k != "description"})
        if value.shape is not None:
            forms.append(self.ref(value.shape.name, value.shape))
        if value.assign:
            forms.append({"type": "object", "minProperties": 1, "propertyNames": VARIABLE,
                          "additionalProperties": {"type": ["number", "boolean", "string"]}})
        out: dict[str, Any] = {"description": value.desc}
        if len(forms) == 1:
            out.update(forms[0])
        else:
            out["anyOf"] = forms
        return out


def build(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind (a key of FILE_KINDS or HAND_KINDS)."""
    if kind in HAND_KINDS:
        return {"$schema": DRAFT, "$id": f"{kind}.schema.json", **HAND_KINDS[kind]}
    root, title = FILE_KINDS[kind]
    b = _Builder()
    body = b.shape(SHAPES[root])
    del body["title"]  # the file's own title says which file it is
    out: dict[str, Any] = {"$schema": DRAFT, "$id": f"{kind}.schema.json", "title": title, **body}
    if b.defs:
        out["$defs"] = dict(sorted(b.defs.items()))
    return out


def render(kind: str) -> str:
    return json.dumps(build(kind), indent=2, ensure_ascii=False) + "\n"


def rendered() -> dict[str, str]:
    """Every schema file's name and text."""
    return {f"{kind}.schema.json": render(kind) for kind in [*FILE_KINDS, *HAND_KINDS]}


def schema_for(path: Path) -> str:
    """The file kind of a story file, by where it sits (for the ``$schema`` line)."""
    if path.name == "story.yaml":
        return "story"
    if path.name == "pinyin.yaml":
        return "pinyin"
    if path.parent.name in ("world", "lives"):
        return "world" if path.parent.name == "world" else "life"
    if path.parent.name == "lang":
        return "translation"
    return path.stem if path.stem in ("sources", "glossary") else ""


# -- the command --------------------------------------------------------------------------------
def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="DIR", default=str(DEFAULT_DIR),
                   help="the folder to write them to (default: docs/schema)")
    p.add_argument("--check", action="store_true",
                   help="write nothing; exit 1 when a file in the folder differs from what would be written")


def run(args: argparse.Namespace) -> int:
    folder = Path(args.output)
    files = rendered()
    if args.check:
        stale = [name for name, text in files.items()
                 if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{folder / name}: out of date: run python -m game schema -o {folder}", file=sys.stderr)
        return 1 if stale else 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            tmp = folder / f".{name}.tmp"
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(folder / name)
    except OSError as exc:
        print(f"{folder}: error: could not be written ({exc.strerror or exc})", file=sys.stderr)
        return 2
    print(f"Wrote {len(files)} schemas to {folder}: {', '.join(files)}")
    return 0
