"""The expression language: parsing (precedence, errors with offsets), type checking, evaluation."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import expr as ex
from game.engine.rules import Rules
from game.engine.runtime import Session
from game.engine.validate import _Checker, load_and_validate

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "tests" / "fixtures" / "runtime_story"


def shape(tree):
    """A tree without offsets, written like Lisp, to compare parses readably."""
    kind = tree[0]
    if kind in ("num", "str", "bool", "name"):
        return tree[1]
    if kind in ("not", "neg"):
        return (kind, shape(tree[1]))
    if kind == "bin":
        return (tree[1], shape(tree[2]), shape(tree[3]))
    if kind == "call":
        return (tree[1], *[shape(a) for a in tree[2]])
    raise AssertionError(kind)


# -- parsing -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("src,expected", [
    ("1 + 2 * 3", ("+", 1, ("*", 2, 3))),
    ("(1 + 2) * 3", ("*", ("+", 1, 2), 3)),
    ("1 - 2 - 3", ("-", ("-", 1, 2), 3)),
    ("8 / 2 / 2", ("/", ("/", 8, 2), 2)),
    ("7 % 3 * 2", ("*", ("%", 7, 3), 2)),
    ("-2 * 3", ("*", ("neg", 2), 3)),
    ("1 + -2", ("+", 1, ("neg", 2))),
    ("- - 3", ("neg", ("neg", 3))),
    ("a or b and c", ("or", "a", ("and", "b", "c"))),
    ("a and b or c", ("or", ("and", "a", "b"), "c")),
    ("not a and b", ("and", ("not", "a"), "b")),
    ("not a == b", ("not", ("==", "a", "b"))),
    ("not not a", ("not", ("not", "a"))),
    ("a + 1 > b * 2 and c", ("and", (">", ("+", "a", 1), ("*", "b", 2)), "c")),
    ("a == b and c != d", ("and", ("==", "a", "b"), ("!=", "c", "d"))),
    ('on_list("x") or not visited(\'y\')', ("or", ("on_list", "x"), ("not", ("visited", "y")))),
    ("min(1, max(2, 3))", ("min", 1, ("max", 2, 3))),
    ("true and false", ("and", True, False)),
    ("3.5 >= 2", (">=", 3.5, 2)),
    ('grade == "AA"', ("==", "grade", "AA")),
    ("  money  ", "money"),
])
def test_precedence_and_associativity(src, expected):
    assert shape(ex.parse(src)) == expected


def test_numbers_keep_their_type():
    assert ex.parse("12") == ("num", 12, 0) and isinstance(ex.parse("12")[1], int)
    assert ex.parse("3.5")[1] == 3.5


def test_nodes_record_offsets():
    tree = ex.parse('money > 3 and on_list("x")')
    assert tree[-1] == 10  # the 'and'
    assert tree[2][-1] == 6  # the '>'
    assert tree[3][-1] == 14  # on_list
    assert tree[3][2][0][-1] == 22  # its argument


@pytest.mark.parametrize("src,offset,words", [
    ("", 0, "empty"),
    ("   ", 0, "empty"),
    ("1 +", 3, "ends too early"),
    ("money = 3", 6, "use '=='"),
    ("a && b", 2, "use 'and'"),
    ("a || b", 2, "use 'or'"),
    ("!a", 0, "use 'not'"),
    ('"abc', 0, "not closed"),
    ("x == 'abc", 5, "not closed"),
    ("1 < 2 < 3", 6, "cannot be chained"),
    ("a == b == c", 7, "cannot be chained"),
    ("f(1,", 4, "ends too early"),
    ("f(1,)", 4, "unexpected ')'"),
    ("(1", 2, "expected ')'"),
    ("1)", 1, "after a complete expression"),
    ("money money", 6, "after a complete expression"),
    ("a not b", 2, "after a complete expression"),
    ("3 $ 4", 2, "unexpected character '$'"),
    ("1.", 1, "unexpected character '.'"),
    ("and", 0, "needs a value"),
    ("x" * 2001, 0, "longer than 2000"),
    ("(" * 70 + "1" + ")" * 70, 60, "nested too deeply"),
])
def test_syntax_errors_have_offsets(src, offset, words):
    with pytest.raises(ex.ExprError) as err:
        ex.parse(src)
    assert err.value.code == "E301"
    assert err.value.offset == offset
    assert words in err.value.message


def test_parse_refuses_non_text():
    with pytest.raises(ex.ExprError):
        ex.parse(3)  # type: ignore[arg-type]


def test_the_parser_never_uses_eval():
    source = Path(ex.__file__).read_text(encoding="utf-8")
    assert "eval(" not in source.replace("evaluate(", "").replace(".eval(", "")
    assert "exec(" not in source
    with pytest.raises(ex.ExprError):
        ex.parse("__import__('os').system('true')")  # a call of an unknown function at best


# -- type checking -------------------------------------------------------------------------------------
class Names(ex.CheckContext):
    """A story around an expression, for the checker: a few variables and ids."""

    def __init__(self, **names: str) -> None:
        self.names = names

    def name_type(self, name):
        return self.names.get(name)

    def known_names(self):
        return list(self.names)

    def check_id(self, kind, value, args):
        known = {"list": {"court"}, "service": {"train"}, "node": {"hall"}, "procedure": {"appeal"},
                 "step": {"filed"}, "grade": {"A", "B"}, "choice": {"go"}}[kind]
        return None if value in known else f"unknown {kind} '{value}'"


CTX = Names(money=ex.NUM, told=ex.BOOL, points=ex.NUM, grade=ex.STR, days=ex.NUM)


@pytest.mark.parametrize("src,result", [
    ("money + 3 * 2", ex.NUM),
    ("money > 3 and not told", ex.BOOL),
    ('grade == "A"', ex.BOOL),
    ('on_list("court")', ex.BOOL),
    ('visits("hall") + 1', ex.NUM),
    ('appeal_result("appeal")', ex.STR),
    ('appeal_at("appeal", "filed")', ex.BOOL),
    ('chose("hall", "go")', ex.BOOL),
    ("chance(30)", ex.BOOL),
    ("abs(min(money, -3))", ex.NUM),
    ("-money", ex.NUM),
    ("told == false", ex.BOOL),
])
def test_types(src, result):
    assert ex.check(ex.parse(src), CTX) == result


@pytest.mark.parametrize("src,code,offset,words", [
    ("money and 3", "E302", 6, "'and' needs true/false on both sides, not number and number"),
    ("not money", "E302", 0, "'not' needs a true/false value"),
    ("-told", "E302", 0, "'-' needs a number"),
    ('money == "3"', "E302", 6, "cannot compare number with text"),
    ('grade < "B"', "E302", 6, "compares numbers"),
    ("told + 1", "E302", 5, "needs numbers"),
    ("chance(told)", "E302", 7, "needs a number"),
    ("mony > 1", "E206", 0, "unknown name 'mony' (not a declared variable); did you mean 'money'?"),
    ("zzz > 1", "E206", 0, "unknown name 'zzz' (not a declared variable)"),
    ("on_lst(\"court\")", "E303", 0, "did you mean 'on_list'"),
    ("frobnicate(1)", "E303", 0, "unknown function 'frobnicate'; use one of"),
    ("visited()", "E303", 0, "takes 1 argument, not 0"),
    ("min(1)", "E303", 0, "takes 2 arguments, not 1"),
    ("on_list(court)", "E303", 8, "quoted list id"),
    ('on_list("nope")', "E204", 8, "unknown list 'nope'"),
    ('can_use("plane")', "E205", 8, "unknown service 'plane'"),
    ('visited("nowhere")', "E201", 8, "unknown node 'nowhere'"),
    ('appeal_at("appeal", "lost")', "E209", 20, "unknown step 'lost'"),
    ('grade_at_least("Z")', "E210", 15, "unknown grade 'Z'"),
    ('chose("hall", "stay")', "E303", 14, "unknown choice 'stay'"),
])
def test_type_errors(src, code, offset, words):
    with pytest.raises(ex.ExprError) as err:
        ex.check(ex.parse(src), CTX)
    assert (err.value.code, err.value.offset) == (code, offset)
    assert words in err.value.message


def test_names_used():
    assert ex.names_used(ex.parse('money > 3 and not told or visits("x") > days')) == {"money", "told", "days"}


def test_checking_against_a_real_story():
    result = load_and_validate(RUNTIME)
    story = result.story
    life_ctx = _Checker(story, story.lives["kim"])
    world_ctx = _Checker(story, None)
    assert ex.check(ex.parse('money > 3 and on_list("court_list") and grade_at_least("B")'), life_ctx) == ex.BOOL
    assert ex.check(ex.parse("points - days"), life_ctx) == ex.NUM
    with pytest.raises(ex.ExprError) as err:
        ex.check(ex.parse("money > 3"), world_ctx)  # a service's `requires` cannot see a life's variables
    assert err.value.code == "E206"
    with pytest.raises(ex.ExprError) as err:
        ex.check(ex.parse('visited("hall")'), world_ctx)
    assert "inside a life" in err.value.message


# -- evaluation ----------------------------------------------------------------------------------------
class Env:
    def __init__(self, **values):
        self.values = values
        self.calls = []

    def lookup(self, name):
        return self.values[name]

    def call(self, name, args):
        self.calls.append((name, args))
        return {"on_list": True, "visits": 2}[name]


@pytest.mark.parametrize("src,value", [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("7 / 2", 3.5),
    ("6 / 3", 2),
    ("7 % 3", 1),
    ("1 / 0", 0),
    ("5 % 0", 0),
    ("-3 + 1", -2),
    ("min(3, 4) + max(3, 4) + abs(-5)", 12),
    ("money - 20", 80),
    ("money > 50 and not told", True),
    ("told or money < 0", False),
    ('grade == "A"', True),
    ('on_list("x") and visits("y") == 2', True),
    ("1 < 2", True),
    ("2 <= 2 and 3 >= 4", False),
    ("1 != 1", False),
])
def test_evaluate(src, value):
    got = ex.evaluate(ex.parse(src), Env(money=100, told=False, grade="A"))
    assert got == value and type(got) is type(value)


def test_exact_division_of_huge_numbers_does_not_overflow():
    big = "9" * 400
    assert ex.evaluate(ex.parse(f"{big} / 1"), Env()) == int(big)
    assert ex.evaluate(ex.parse(f"{big} / 7"), Env()) == int(big) // 7  # too large for a float: whole division


def test_and_or_short_circuit():
    env = Env(told=False)
    assert ex.evaluate(ex.parse('told and on_list("x")'), env) is False
    assert env.calls == []
    assert ex.evaluate(ex.parse('not told or on_list("x")'), env) is True
    assert env.calls == []


def _session(seed: int) -> Session:
    story = load_and_validate(RUNTIME).story
    return Session(story, "kim", seed=seed)


def test_functions_against_the_runtime():
    s = _session(0)
    rules: Rules = s.rules
    ev = lambda src: rules.eval(ex.parse(src))  # noqa: E731
    assert ev('visits("hall")') == 1 and ev('visited("hall")') and not ev('visited("home")')
    assert ev('grade_at_least("A")') and ev('grade == "A"') and ev("points == 1000")
    assert not ev('on_list("court_list")') and ev('can_use("train")')
    s.choose("ignore")
    rules = s.rules
    ev = lambda src: rules.eval(ex.parse(src))  # noqa: E731
    assert ev('on_list("court_list")') and not ev('can_use("train")') and ev('chose("hall", "ignore")')
    assert ev('appeal_result("objection") == ""') and not ev('appeal_at("objection", "filed")')
    s.choose("object")
    rules = s.rules
    ev = lambda src: rules.eval(ex.parse(src))  # noqa: E731
    assert ev('appeal_at("objection", "filed")') and ev("days == 15")


def test_chance_is_deterministic_per_seed_and_draw():
    def draws(seed, n=200):
        s = _session(seed)
        return [s.rules.eval(ex.parse("chance(50)")) for _ in range(n)]

    a, b, c = draws(7), draws(7), draws(8)
    assert a == b
    assert a != c
    assert 60 < sum(a) < 140  # about half
    s = _session(7)
    assert not any(s.rules.eval(ex.parse("chance(0)")) for _ in range(50))
    assert all(s.rules.eval(ex.parse("chance(100)")) for _ in range(50))
    assert s.state.draws == 100  # every draw is counted, so a replay makes the same draws
