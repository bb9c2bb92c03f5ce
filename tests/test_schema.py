"""The JSON Schemas editors use: generated from the loader's field definitions, shipped up to date,
named on every shipped story file's first line, accepting every shipped file and rejecting the type
errors the loader rejects."""

from __future__ import annotations

import argparse
import os
import shutil
from pathlib import Path

import jsonschema
import pytest

from game.engine import effects, schema, shapes
from game.engine.diagnostics import Report
from game.engine.loader import load_story
from game.engine.yamlsafe import parse_text

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "docs" / "schema"
EXAMPLE = ROOT / "docs" / "example-story"
SHIPPED = sorted([*(ROOT / "story").rglob("*.yaml"), *EXAMPLE.rglob("*.yaml")])
MARK = "# yaml-language-server: $schema="


def validator(kind: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(schema.build(kind))


def parsed(path: Path):
    report = Report()
    data = parse_text(path.read_text(encoding="utf-8"), str(path), report)
    assert data is not None and not report.items, [str(d) for d in report.items]
    return data


def test_the_shipped_schemas_are_what_the_generator_writes_now():
    written = {p.name: p.read_text(encoding="utf-8") for p in SCHEMAS.glob("*.json")}
    assert written == schema.rendered(), "docs/schema/ is out of date: run python -m game schema"


def test_the_command_writes_them_and_check_finds_a_stale_one(tmp_path, capsys):
    args = argparse.Namespace(output=str(tmp_path), check=False)
    assert schema.run(args) == 0
    assert {p.name for p in tmp_path.iterdir()} == set(schema.rendered())
    assert schema.run(argparse.Namespace(output=str(tmp_path), check=True)) == 0
    (tmp_path / "life.schema.json").write_text("{}", encoding="utf-8")
    assert schema.run(argparse.Namespace(output=str(tmp_path), check=True)) == 1
    assert "life.schema.json: out of date" in capsys.readouterr().err


def test_every_schema_is_a_valid_draft_2020_12_schema():
    for kind in schema.FILE_KINDS:
        jsonschema.Draft202012Validator.check_schema(schema.build(kind))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_names_its_schema_and_is_valid_against_it(path):
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first.startswith(MARK), f"{path} should start with {MARK}..."
    named = (path.parent / first[len(MARK):]).resolve()
    kind = schema.schema_for(path)
    assert named == SCHEMAS / f"{kind}.schema.json"
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind).iter_errors(parsed(path))]
    assert not errors, "\n".join(errors)


def test_the_loader_and_the_schemas_share_one_set_of_keys():
    """Each shape's keys are the loader's allowed keys, and every effect kind has a schema."""
    life = schema.build("life")
    for name in ("node", "choice", "debrief", "chapter", "variable", "myth"):
        assert tuple(life["$defs"][name]["properties"]) == shapes.allowed(name)
    assert tuple(life["$defs"]["effect"]["properties"]) == effects.NAMES
    world = schema.build("world")
    for name in ("list", "service", "procedure", "step", "scheme", "grade", "place", "illustration"):
        assert tuple(world["$defs"][name]["properties"]) == shapes.allowed(name)
    assert tuple(schema.build("story")["properties"]) == shapes.allowed("manifest")


# (file in the example story, text written there, text it replaces, the loader's code)
MISTAKES = [
    ("a string where a number goes", "lives/ming.yaml", "minutes: 2", "minutes: two", "E102"),
    ("a word where a latitude goes", "world/world.yaml", "lat: 39.9", "lat: north", "E102"),
    ("text where a whole number goes in an effect", "lives/ming.yaml", "change: -50", "change: minus fifty", "E102"),
    ("a wrong node kind", "lives/ming.yaml", "kind: narration", "kind: narative", "E104"),
    ("a wrong trust", "sources.yaml", "trust: high", "trust: very", "E104"),
    ("a wrong icon", "world/world.yaml", "icon: bike", "icon: bicycle", "E104"),
    ("a wrong appeal result", "lives/ming.yaml", "step: filed", "result: won", "E104"),
    ("an unknown key", "lives/ming.yaml", "    speaker: Ticket clerk", "    speakr: Ticket clerk", "E101"),
    ("an unknown manifest key", "story.yaml", "language: en", "langauge: en", "E101"),
    ("an unknown effect", "lives/ming.yaml", "- journal: The", "- jurnal: The", "E101"),
    ("a missing required key", "lives/ming.yaml", "    evidence: documented\n", "", "E103"),
    ("a missing outlet", "sources.yaml", "    outlet: TechNode\n", "", "E103"),
    ("an attempt with no refused node", "lives/ming.yaml", "        refused: refused\n", "", "E103"),
    ("a list where a mapping goes", "lives/ming.yaml", "short: {start: station, minutes: 1}",
     "short: [station, 1]", "E102"),
    ("a list where an effect's mapping goes", "lives/ming.yaml",
     "travel: {to: chengdu, by: slow train, hours: 20, km: 1800}", "travel: [chengdu, 1800]", "E102"),
    ("a mapping where a list goes", "story.yaml", "lives: [lives/ming.yaml]", "lives: {ming: lives/ming.yaml}",
     "E102"),
    ("a bad id", "lives/ming.yaml", "id: ming", "id: Ming", "E104"),
    ("a bad place id", "world/world.yaml", "id: chengdu", "id: Cheng-du", "E104"),
    ("a date that is not a date", "lives/ming.yaml", "date: 2016-05-10", "date: May 2016", "E104"),
    ("two ways on", "lives/ming.yaml", "    next: home\n", "    next: home\n    choices: [{label: Go, to: home}]\n",
     "E104"),
    ("a screen on a narration node", "lives/ming.yaml", "    text: The slow train",
     "    screen: app\n    text: The slow train", "E104"),
    ("a reason with no condition", "lives/ming.yaml", "        label: Take the slow train\n",
     "        label: Take the slow train\n        reason: Too slow\n", "E104"),
    ("a refused node with no attempt", "lives/ming.yaml", "        label: Take the slow train\n",
     "        label: Take the slow train\n        refused: refused\n", "E104"),
    ("appeal with both a step and a result", "lives/ming.yaml", "step: filed}", "step: filed, result: granted}",
     "E104"),
    ("a wait that is not a number of days", "lives/ming.yaml", "wait: {days: 15,", "wait: {days: soon,", "E102"),
    ("a required text left empty", "lives/ming.yaml", "title: Ming", "title: ''", "E104"),
]


@pytest.mark.parametrize(("what", "rel", "old", "new", "code"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_the_loader_and_the_schema_both_reject_a_type_error(tmp_path, what, rel, old, new, code):
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the example story no longer holds {old!r}: update this case"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

    result = load_story(root)
    wanted = [d for d in result.report.errors if d.code == code and Path(d.path).name == path.name]
    assert wanted, f"the loader should report {code} in {rel} for {what}; it reported:\n" + "\n".join(
        str(d) for d in result.report.sorted())

    kind = schema.schema_for(path)
    errors = list(validator(kind).iter_errors(parsed(path)))
    assert errors, f"the {kind} schema accepts {what}"
    # The unchanged copy is valid: it is this change the schema rejects.
    assert not list(validator(kind).iter_errors(parsed(EXAMPLE / rel)))


def test_the_comment_line_changes_nothing_the_loader_reads(tmp_path):
    """The schema line is a comment: the story loads the same without it, every line one higher."""
    with_line = load_story(EXAMPLE)
    root = tmp_path / "story"
    shutil.copytree(EXAMPLE, root)
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.split("\n", 1)[1], encoding="utf-8")
    without = load_story(root)
    assert with_line.story is not None and without.story is not None
    assert with_line.story.strings == without.story.strings
    node = with_line.story.lives["ming"].nodes["home"]
    assert without.story.lives["ming"].nodes["home"].loc.line == node.loc.line - 1


def test_the_line_in_each_file_is_relative_to_it():
    """Relative paths, so a copy of the story beside story/ and any checkout keep working."""
    for path in SHIPPED:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        target = first[len(MARK):]
        assert not os.path.isabs(target) and "://" not in target, path


DRAFT_07_KEYWORDS = {"$schema", "$id", "$ref", "title", "description", "type", "enum", "properties", "required",
                     "additionalProperties", "items", "minimum", "maximum", "minLength", "pattern", "anyOf", "oneOf",
                     "allOf", "not", "if", "then", "propertyNames", "minProperties", "maxProperties",
                     "patternErrorMessage"}  # the YAML language server's own keyword


def keywords(node, found: set[str]) -> set[str]:
    if isinstance(node, list):
        for item in node:
            keywords(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs"):  # names of properties and definitions, not keywords
                for sub in value.values():
                    keywords(sub, found)
                continue
            found.add(key)
            if key != "enum":
                keywords(value, found)
    return found


def test_the_schemas_use_only_keywords_the_yaml_language_server_checks():
    """Its instance checks follow draft-07: a 2019-09 keyword there would be silently ignored."""
    for kind in schema.FILE_KINDS:
        assert keywords(schema.build(kind), set()) <= DRAFT_07_KEYWORDS, kind
