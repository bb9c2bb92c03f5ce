"""The story's small expression language: a tokenizer, a Pratt parser, a type checker, an evaluator.

Story text is never given to Python's ``eval``. Expressions are parsed into tuples, checked against
the story when it is validated (unknown names, unknown ids, wrong argument counts, type mismatches),
and evaluated against a small environment interface at play time.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

NUM, BOOL, STR = "number", "true/false", "text"

MAX_LENGTH = 2000
MAX_DEPTH = 60

# Nodes: ("num", v) ("str", v) ("bool", v) ("name", n) ("call", f, args) ("not", x) ("neg", x)
#        ("bin", op, a, b)
Expr = tuple


class ExprError(Exception):
    """A problem in an expression; ``offset`` is the character position within its source."""

    def __init__(self, message: str, offset: int = 0, code: str = "E301") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<str>\"[^\"\\]*\"|'[^'\\]*')|(?P<op>==|!=|<=|>=|&&|\|\||[-+*/%<>(),!]))"
)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # num, name, str, op, end
    value: str
    offset: int


def tokenize(src: str) -> list[Token]:
    if len(src) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters")
    tokens: list[Token] = []
    pos = 0
    n = len(src)
    while pos < n:
        if src[pos:].strip() == "":
            break
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            bad = src[pos:].lstrip()[:1]
            where = pos + (len(src[pos:]) - len(src[pos:].lstrip()))
            if bad in "\"'":
                raise ExprError("unterminated text (a quote is not closed)", where)
            if bad == "=":
                raise ExprError("use '==' to compare", where)
            raise ExprError(f"unexpected character '{bad}'", where)
        kind = m.lastgroup or "op"
        value = m.group(kind)
        start = m.start(kind)
        if kind == "op" and value in ("&&", "||", "!"):
            word = {"&&": "and", "||": "or", "!": "not"}[value]
            raise ExprError(f"use '{word}' instead of '{value}'", start)
        tokens.append(Token(kind, value, start))
        pos = m.end()
    tokens.append(Token("end", "", n))
    return tokens


_BINARY = {
    "or": 1, "and": 2,
    "==": 4, "!=": 4, "<": 4, "<=": 4, ">": 4, ">=": 4,
    "+": 5, "-": 5, "*": 6, "/": 6, "%": 6,
}


class _Parser:
    def __init__(self, src: str) -> None:
        self.tokens = tokenize(src)
        self.i = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.i]

    def next(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def expect(self, value: str) -> Token:
        tok = self.next()
        if tok.value != value:
            found = tok.value or "the end"
            raise ExprError(f"expected '{value}' but found '{found}'", tok.offset)
        return tok

    def parse(self) -> Expr:
        if self.peek().kind == "end":
            raise ExprError("the expression is empty")
        node = self.expr(0)
        tok = self.peek()
        if tok.kind != "end":
            raise ExprError(f"unexpected '{tok.value}' after a complete expression", tok.offset)
        return node

    def expr(self, min_prec: int) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExprError("expression is nested too deeply", self.peek().offset)
        left = self.unary()
        while True:
            tok = self.peek()
            op = tok.value if tok.kind in ("op", "name") else None
            prec = _BINARY.get(op) if op else None
            if prec is None or prec < min_prec:
                break
            self.next()
            # comparisons do not chain: a < b < c is an error, not a surprise
            right = self.expr(prec + 1)
            if prec == 4 and self.peek().value in ("==", "!=", "<", "<=", ">", ">="):
                raise ExprError("comparisons cannot be chained; use 'and'", self.peek().offset)
            left = ("bin", op, left, right, tok.offset)
        self.depth -= 1
        return left

    def unary(self) -> Expr:
        tok = self.peek()
        if tok.kind == "name" and tok.value == "not":
            self.next()
            return ("not", self.expr(3), tok.offset)
        if tok.kind == "op" and tok.value == "-":
            self.next()
            return ("neg", self.expr(7), tok.offset)
        return self.primary()

    def primary(self) -> Expr:
        tok = self.next()
        if tok.kind == "num":
            value = float(tok.value) if "." in tok.value else int(tok.value)
            return ("num", value, tok.offset)
        if tok.kind == "str":
            return ("str", tok.value[1:-1], tok.offset)
        if tok.kind == "name":
            if tok.value in ("true", "false"):
                return ("bool", tok.value == "true", tok.offset)
            if tok.value in ("and", "or", "not"):
                raise ExprError(f"'{tok.value}' needs a value before it", tok.offset)
            if self.peek().value == "(":
                self.next()
                args: list[Expr] = []
                if self.peek().value != ")":
                    while True:
                        args.append(self.expr(0))
                        if self.peek().value == ",":
                            self.next()
                            continue
                        break
                self.expect(")")
                return ("call", tok.value, tuple(args), tok.offset)
            return ("name", tok.value, tok.offset)
        if tok.value == "(":
            inner = self.expr(0)
            self.expect(")")
            return inner
        if tok.kind == "end":
            raise ExprError("the expression ends too early", tok.offset)
        raise ExprError(f"unexpected '{tok.value}'", tok.offset)


def parse(src: str) -> Expr:
    """Parse an expression; raises ExprError with the offending offset."""
    if not isinstance(src, str):
        raise ExprError("an expression must be text")
    return _parse_cached(src)


@functools.lru_cache(maxsize=4096)
def _parse_cached(src: str) -> Expr:
    # trees are immutable tuples, so stories that repeat a condition share one parse
    return _Parser(src).parse()


# ---------------------------------------------------------------------------------------------
# Functions: name -> (argument kinds, result type). An argument kind names the id space a literal
# text argument must belong to ("list", "service", "node", ...) or a value type.

FUNCTIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "on_list": (("list",), BOOL),
    "can_use": (("service",), BOOL),
    "visited": (("node",), BOOL),
    "visits": (("node",), NUM),
    "chose": (("node", "choice"), BOOL),
    "grade_at_least": (("grade",), BOOL),
    "appeal_at": (("procedure", "step"), BOOL),
    "appeal_result": (("procedure",), STR),
    "chance": ((NUM,), BOOL),
    "min": ((NUM, NUM), NUM),
    "max": ((NUM, NUM), NUM),
    "abs": ((NUM,), NUM),
}

# An unknown id in a function argument gets the code of that kind of id ("unknown list", ...).
ID_CODES: dict[str, str] = {"list": "E204", "service": "E205", "node": "E201", "procedure": "E209",
                            "step": "E209", "grade": "E210"}

BUILTIN_NAMES: dict[str, str] = {"points": NUM, "grade": STR, "days": NUM}

ID_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RESERVED = frozenset({"true", "false", "and", "or", "not", *BUILTIN_NAMES, *FUNCTIONS})


class CheckContext(Protocol):
    """What the type checker needs to know about the story around an expression."""

    def name_type(self, name: str) -> str | None: ...

    def known_names(self) -> list[str]:
        """Every name an expression here may use (for a did-you-mean)."""

    def check_id(self, kind: str, value: str, args: tuple[str, ...]) -> str | None:
        """Return an error message when ``value`` is not a known id of ``kind``."""


def check(node: Expr, ctx: CheckContext) -> str:
    """Return the expression's type, raising ExprError (E302/E303, or the code of an unknown id) on a problem."""
    kind = node[0]
    if kind == "num":
        return NUM
    if kind == "str":
        return STR
    if kind == "bool":
        return BOOL
    if kind == "name":
        t = ctx.name_type(node[1])
        if t is None:
            close = difflib.get_close_matches(node[1], ctx.known_names(), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            raise ExprError(f"unknown name '{node[1]}' (not a declared variable){hint}", node[2], "E206")
        return t
    if kind == "not":
        if check(node[1], ctx) != BOOL:
            raise ExprError("'not' needs a true/false value", node[2], "E302")
        return BOOL
    if kind == "neg":
        if check(node[1], ctx) != NUM:
            raise ExprError("'-' needs a number", node[2], "E302")
        return NUM
    if kind == "bin":
        _, op, a, b, offset = node
        ta, tb = check(a, ctx), check(b, ctx)
        if op in ("and", "or"):
            if ta != BOOL or tb != BOOL:
                raise ExprError(f"'{op}' needs true/false on both sides, not {ta} and {tb}", offset, "E302")
            return BOOL
        if op in ("==", "!="):
            if ta != tb:
                raise ExprError(f"cannot compare {ta} with {tb}", offset, "E302")
            return BOOL
        if op in ("<", "<=", ">", ">="):
            if ta != NUM or tb != NUM:
                raise ExprError(f"'{op}' compares numbers, not {ta} and {tb}", offset, "E302")
            return BOOL
        if ta != NUM or tb != NUM:
            raise ExprError(f"'{op}' needs numbers, not {ta} and {tb}", offset, "E302")
        return NUM
    if kind == "call":
        _, name, args, offset = node
        spec = FUNCTIONS.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, list(FUNCTIONS), n=1, cutoff=0.6)
            hint = f"; did you mean '{close[0]}'?" if close else f"; use one of {', '.join(FUNCTIONS)}"
            raise ExprError(f"unknown function '{name}'{hint}", offset, "E303")
        params, result = spec
        if len(args) != len(params):
            raise ExprError(f"{name}() takes {len(params)} argument{'s' if len(params) != 1 else ''}, "
                            f"not {len(args)}", offset, "E303")
        literal_args = tuple(a[1] if a[0] == "str" else "" for a in args)
        for arg, param in zip(args, params):
            if param in (NUM, BOOL, STR):
                if check(arg, ctx) != param:
                    raise ExprError(f"{name}() needs a {param} here", arg[-1], "E302")
                continue
            if arg[0] != "str":
                raise ExprError(f"{name}() needs a quoted {param} id here, like \"...\"", arg[-1], "E303")
            problem = ctx.check_id(param, arg[1], literal_args)
            if problem:
                raise ExprError(problem, arg[-1], ID_CODES.get(param, "E303"))
        return result
    raise ExprError("unknown expression", 0)  # pragma: no cover


def names_used(node: Expr) -> set[str]:
    """Every variable name an expression reads."""
    kind = node[0]
    if kind == "name":
        return {node[1]}
    if kind in ("not", "neg"):
        return names_used(node[1])
    if kind == "bin":
        return names_used(node[2]) | names_used(node[3])
    if kind == "call":
        out: set[str] = set()
        for a in node[2]:
            out |= names_used(a)
        return out
    return set()


class Env(Protocol):
    """What evaluation needs from the running game."""

    def lookup(self, name: str) -> Any: ...

    def call(self, name: str, args: list[Any]) -> Any: ...


def evaluate(node: Expr, env: Env) -> Any:
    """Evaluate a checked expression. Division by zero yields 0 rather than a crash mid-game."""
    kind = node[0]
    if kind in ("num", "str", "bool"):
        return node[1]
    if kind == "name":
        return env.lookup(node[1])
    if kind == "not":
        return not evaluate(node[1], env)
    if kind == "neg":
        return -evaluate(node[1], env)
    if kind == "bin":
        op = node[1]
        if op == "and":
            return bool(evaluate(node[2], env)) and bool(evaluate(node[3], env))
        if op == "or":
            return bool(evaluate(node[2], env)) or bool(evaluate(node[3], env))
        a, b = evaluate(node[2], env), evaluate(node[3], env)
        return _OPS[op](a, b)
    if kind == "call":
        if node[1] in _PURE:
            return _PURE[node[1]](*[evaluate(a, env) for a in node[2]])
        return env.call(node[1], [evaluate(a, env) for a in node[2]])
    raise ValueError(f"unknown expression node {kind}")  # pragma: no cover


def _div(a: float, b: float) -> float:
    if b == 0:
        return 0
    if isinstance(a, int) and isinstance(b, int) and a % b == 0:
        return a // b  # exact, and never too large for a float
    try:
        return a / b
    except OverflowError:
        return a // b


_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
    "%": lambda a, b: 0 if b == 0 else a % b,
}

_PURE: dict[str, Callable[..., Any]] = {"min": min, "max": max, "abs": abs}
