"""The command line: `validate` (output format, summary, exit status) and `strings`."""

from __future__ import annotations

import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import SUBCOMMANDS, build_parser, main
from game.engine.loader import load_story, text_hash

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "example-story"
FIXTURES = ROOT / "tests" / "fixtures" / "broken"

DIAG = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning) (?P<code>[EW]\d{3}): (?P<msg>.+)$")
SUMMARY = re.compile(r"^\d+ stor(y|ies) checked: \d+ errors?, \d+ warnings?$")


def story_from(tmp_path, case: str) -> Path:
    root = tmp_path / case
    shutil.copytree(FIXTURES / "base", root)
    for p in (FIXTURES / "cases" / case).rglob("*"):
        if p.is_file() and p.name != "expect.txt":
            target = root / p.relative_to(FIXTURES / "cases" / case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
    return root


def validate(capsys, *paths):
    code = main(["validate", *map(str, paths)])
    out = capsys.readouterr()
    return code, out.out.splitlines(), out.err


def test_valid_story(capsys):
    code, lines, err = validate(capsys, EXAMPLE)
    assert (code, lines, err) == (0, ["1 story checked: 0 errors, 0 warnings"], "")


def test_errors_and_warnings_format_and_exit_1(capsys, tmp_path):
    broken = story_from(tmp_path, "E201_unknown_node")
    warned = story_from(tmp_path, "W201_unreachable_node")
    code, lines, _ = validate(capsys, broken, warned)
    assert code == 1
    *diags, summary = lines
    assert summary == "2 stories checked: 1 error, 1 warning"
    parsed = [DIAG.match(line) for line in diags]
    assert all(parsed), diags
    got = [(Path(m["path"]).parent.name, Path(m["path"]).name, int(m["line"]), int(m["col"]), m["sev"], m["code"])
           for m in parsed]
    assert got == [("E201_unknown_node", "life.yaml", 20, 13, "error", "E201"),
                   ("W201_unreachable_node", "life.yaml", 17, 5, "warning", "W201")]
    assert parsed[0]["msg"] == "unknown node 'airprot'"


def test_warnings_only_exit_0(capsys, tmp_path):
    code, lines, _ = validate(capsys, story_from(tmp_path, "W501_long_sentence"))
    assert code == 0
    assert DIAG.match(lines[0])["code"] == "W501"
    assert lines[-1] == "1 story checked: 0 errors, 1 warning"


def test_output_is_sorted_by_file_and_line(capsys, tmp_path):
    code, lines, _ = validate(capsys, story_from(tmp_path, "E212_loop_without_exit"))
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in map(DIAG.match, lines[:-1])]
    assert code == 1 and len(keys) == 2 and keys == sorted(keys)
    assert SUMMARY.match(lines[-1])


def test_every_broken_case_prints_well_formed_lines(capsys, tmp_path):
    for case in sorted(p.name for p in (FIXTURES / "cases").iterdir()):
        code, lines, err = validate(capsys, story_from(tmp_path, case))
        assert err == "" and SUMMARY.match(lines[-1]), case
        for line in lines[:-1]:
            assert DIAG.match(line), f"{case}: {line!r}"
        assert code == (1 if any(DIAG.match(x)["sev"] == "error" for x in lines[:-1]) else 0), case


def test_missing_story(capsys, tmp_path):
    code, lines, _ = validate(capsys, tmp_path / "nowhere")
    assert code == 1
    assert DIAG.match(lines[0])["code"] == "E007" and lines[0].endswith("error E007: file not found")


def test_default_is_the_shipped_story(capsys):
    code, lines, _ = validate(capsys)
    assert SUMMARY.match(lines[-1]) and lines[-1].startswith("1 story checked")
    assert code == (1 if "0 errors" not in lines[-1] else 0)


def test_validate_subprocess(tmp_path):
    broken = story_from(tmp_path, "E104_invalid_value")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "game", "validate", str(broken), str(EXAMPLE)], cwd=tmp_path,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert proc.returncode == 1 and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0].replace("\\", "/") == ("E104_invalid_value/life.yaml:14:11: error E104: 'kind' must be one of "
                                           "narration, dialogue, system, document, not 'narative'; "
                                           "did you mean 'narration'?")
    assert lines[1] == "2 stories checked: 1 error, 0 warnings"
    ok = subprocess.run([sys.executable, "-m", "game", "validate", "docs/example-story"], cwd=ROOT, env=env,
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and ok.stdout == "1 story checked: 0 errors, 0 warnings\n"


# -- strings ------------------------------------------------------------------------------------------------
def test_strings(capsys):
    assert main(["strings", "--story", str(EXAMPLE)]) == 0
    lines = capsys.readouterr().out.splitlines()
    story = load_story(EXAMPLE).story
    rows = [line.split("\t") for line in lines]
    assert [r[0] for r in rows] == list(story.strings)
    for sid, digest, shown in rows:
        assert digest == text_hash(story.strings[sid]) and len(digest) == 8
        assert eval(shown) == story.strings[sid]  # noqa: S307 - the test reads back Python's own repr
    assert ["ming.n.station.text", text_hash("The ticket machine reads your ID card."),
            "'The ticket machine reads your ID card.'"] in rows


def test_strings_match_the_translation_hashes(capsys):
    main(["strings", "--story", str(EXAMPLE)])
    rows = dict(line.split("\t")[:2] for line in capsys.readouterr().out.splitlines())
    zh = load_story(EXAMPLE).story.translations["zh"]
    assert {sid: h for sid, (_, h) in zh.strings.items()} == rows  # the example translation is complete


def test_strings_of_a_broken_story(capsys, tmp_path):
    assert main(["strings", "--story", str(story_from(tmp_path, "E201_unknown_node"))]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "E201" in out.err


def test_help(capsys):
    try:
        main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for cmd in ("validate", "play", "explore", "map", "strings"):
        assert cmd in out


def test_help_lists_the_window_options_and_the_commands(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in ("--classroom", "--kiosk", "--story", "--lang", "--character", "--size", "--fullscreen",
                   "--autoplay", "--screenshot-dir", "--export-dir"):
        assert option in out
    for cmd, (_module, help_line) in SUBCOMMANDS.items():
        assert cmd in out and help_line.split()[0] in out


def test_every_command_module_has_add_arguments_and_run():
    for cmd, (module, _help) in SUBCOMMANDS.items():
        mod = importlib.import_module(module)
        assert callable(mod.add_arguments) and callable(mod.run), cmd
        required = {"map": ["-o", "x", "--character", "c"], "say": ["-o", "x", "--character", "c"],
                    "worksheet": ["--character", "c"], "class-report": ["folder"]}.get(cmd, [])
        assert build_parser(cmd).parse_args([cmd, *required]).command == cmd


def test_a_new_command_is_one_table_line_and_one_module(tmp_path, monkeypatch, capsys):
    (tmp_path / "hello_cmd.py").write_text(
        "def add_arguments(p):\n    p.add_argument('--name', default='world')\n\n"
        "def run(args):\n    print(f'hello {args.name}')\n    return 3\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(SUBCOMMANDS, "hello", ("hello_cmd", "say hello"))
    assert main(["hello", "--name", "class"]) == 3
    assert capsys.readouterr().out == "hello class\n"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "say hello" in capsys.readouterr().out


def test_window_options_before_a_command_are_an_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--kiosk", "validate"])
    assert exc.value.code == 2
    assert "put 'validate' first" in capsys.readouterr().err


def test_nothing_imports_the_command_line():
    """The command line imports the front ends, never the other way round (no import cycle)."""
    for path in (ROOT / "game").rglob("*.py"):
        if path.name == "__main__.py" or path == ROOT / "game" / "cli.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module or ''}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not any(n.split(".")[-1] == "cli" or n.endswith("game.cli") for n in names), \
                f"{path.relative_to(ROOT)}:{node.lineno} imports the command line"


def test_help_lists_the_lives_of_the_story_it_would_load(capsys):
    example = Path(__file__).resolve().parent.parent / "docs" / "example-story"
    with pytest.raises(SystemExit):
        main(["play", "--story", str(example), "--help"])
    flat = "".join(capsys.readouterr().out.split())  # argparse wraps long paths, at spaces and hyphens
    assert "".join(f"the life to play (ming in {example})".split()) in flat
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "wei, li_xiaolin, rongcheng" in " ".join(capsys.readouterr().out.split())


def test_an_unknown_life_names_the_story_and_how_to_choose_another(capsys):
    assert main(["play", "--text", "--character", "nobody"]) == 1
    err = capsys.readouterr().err
    assert "no life 'nobody' in the story at " in err and "wei, li_xiaolin, rongcheng" in err and "--story" in err


def test_a_mistyped_file_inside_a_story_is_not_found_not_passed(capsys):
    """`validate story/lives/wie.yaml` (a typo) must not check the story around it and say 0 errors."""
    code, lines, _ = validate(capsys, ROOT / "story" / "lives" / "wie.yaml")
    assert code == 1
    assert DIAG.match(lines[0])["code"] == "E007" and lines[0].endswith("error E007: file not found")
    assert lines[-1] == "0 stories checked: 1 error, 0 warnings"
