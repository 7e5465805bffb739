"""Built-in rules on the stdlib ``re`` engine, where a rule means the same there.

The rules are written for the ``regex`` module, which the engine needs for user rules (a
timeout bounds them; ``re`` has none). The built-in rules are probed by the test suite instead,
and most of them are plain regular expressions that ``re`` runs in about half the time. What
differs is how matches are asked for, and that is bridged here:

- ``regex`` lets a group name repeat (``{q}`` in each alternative); for ``re`` the repeats are
  renamed, and a name's value is that of the last of its groups that took part, as in ``regex``;
- ``regex`` finds overlapping matches (``overlapped=True``): here, a search from one past the
  start of the previous match, which is what that option does.

A rule is left to ``regex`` when any of this might not hold: syntax the two read differently,
a back reference, ``{q}`` inside a repeat (``regex`` keeps every capture of a repeated group, ``re``
the last), or a construct this Python's ``re`` lacks (possessive repeats before 3.11).
tests/test_prefilter.py holds the engine on ``re`` equal to the engine on ``regex``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

import regex

from .prefilter import _REGEX_ONLY, _REPEATS, NAMED_GROUP, sre_c, sre_parse
from .sre_build import compile_tree

@lru_cache(maxsize=256)
def compile_fast(pattern: str) -> Any:
    """A pattern of the built-in data (time phrases, list words, place-name contexts) on the
    stdlib engine, which runs such patterns about twice as fast as ``regex``; patterns only
    ``regex`` reads right (\\p{Han}, POSIX classes) stay with it."""
    if not _REGEX_ONLY.search(pattern):
        try:
            return re.compile(pattern)
        except (re.error, RecursionError, OverflowError):
            pass
    return regex.compile(pattern)


_SEP = "__"


@dataclass(frozen=True)
class StdlibRule:
    rx: re.Pattern
    q: tuple[int, ...]  # the group numbers of {q}
    groups: dict[str, tuple[int, ...]]  # name -> its group numbers, the last one first

    def matches(self, text: str, pos: int, endpos: int) -> list[tuple[re.Match, list[int]]]:
        """Every overlapped match in text[pos:endpos], each with the starts of its ``{q}``
        groups: what the engine asks of a rule, in one call (it runs for every rule a sentence
        keeps, so no generator or call per match)."""
        out = []
        search, q = self.rx.search, self.q
        while (m := search(text, pos, endpos)) is not None:
            out.append((m, [s for s in map(m.start, q) if s >= 0]))
            pos = m.start() + 1
        return out

    def overlapped(self, text: str, pos: int, endpos: int) -> Iterator[re.Match]:
        return (m for m, _ in self.matches(text, pos, endpos))

    def q_starts(self, m: re.Match) -> list[int]:
        return [s for s in map(m.start, self.q) if s >= 0]

    def group(self, m: re.Match, name: str) -> str | None:
        for g in self.groups.get(name, ()):
            v = m.group(g)
            if v is not None:
                return v
        return None

    def span(self, m: re.Match, name: str) -> tuple[int, int]:
        """Where the group that :meth:`group` returns lies ((-1, -1) when it did not take part)."""
        for g in self.groups.get(name, ()):
            a = m.start(g)
            if a >= 0:
                return a, m.end(g)
        return -1, -1


class Parsed:
    """A rule's pattern as ``re`` reads it: repeated group names made unique, and its parse
    tree. Parsing is most of the cost of loading and compiling the rules (start-up, and every
    worker of a batch waits on it): the prefilter reads the tree, and :func:`translate`
    compiles the tree it parsed instead of parsing the text again."""

    __slots__ = ("renamed", "tree")

    def __init__(self, renamed: str, tree: Any) -> None:
        self.renamed = renamed
        self.tree = tree


def parse(pattern: str) -> Parsed | None:
    """``pattern`` parsed for ``re``, or None when it should stay with ``regex``."""
    if _REGEX_ONLY.search(pattern) or "(?P=" in pattern:
        return None
    seen: dict[str, int] = {}

    def rename(m: re.Match) -> str:
        name = m.group(2)
        if _SEP in name:
            raise ValueError(name)
        k = seen[name] = seen.get(name, 0) + 1
        return f"{m.group(1)}(?P<{name}{_SEP}{k}>" if k > 1 else m.group(0)

    try:
        renamed = NAMED_GROUP.sub(rename, pattern)
        return Parsed(renamed, sre_parse.parse(renamed))
    except (ValueError, re.error, RecursionError, OverflowError):
        return None


def _compile_tree(parsed: Parsed) -> re.Pattern:
    """The tree compiled without parsing the text again (sre_build.py); the pattern keeps the
    renamed text, so that the start-up cache can store it."""
    return compile_tree(parsed.renamed, parsed.tree)


def translate(pattern: str, q: str = "q") -> StdlibRule | None:
    """``pattern`` for ``re``, or None when it should stay with ``regex``."""
    parsed = parse(pattern)
    if parsed is None:
        return None
    groups: dict[str, list[int]] = {}
    for name, number in parsed.tree.state.groupdict.items():
        groups.setdefault(name.split(_SEP)[0], []).append(number)
    q_groups = tuple(sorted(groups.get(q, ())))
    if not q_groups or _repeated(list(parsed.tree), set(q_groups), 0):
        return None
    try:
        rx = _compile_tree(parsed)
    except (re.error, RecursionError, OverflowError):  # what only the compiler checks
        return None
    return StdlibRule(rx, q_groups, {k: tuple(sorted(v, reverse=True)) for k, v in groups.items()})


def _repeated(items, targets: set[int], depth: int) -> bool:
    """Does one of the ``targets`` groups lie inside a repeat that can run more than once?"""
    for op, av in items:
        if op is sre_c.SUBPATTERN:
            if av[0] in targets and depth:
                return True
            if _repeated(av[-1], targets, depth):
                return True
        elif op in _REPEATS:
            lo, hi, body = av
            if _repeated(body, targets, depth + (hi > 1)):
                return True
        elif op is sre_c.BRANCH:
            if any(_repeated(b, targets, depth) for b in av[1]):
                return True
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            if _repeated(av[1], targets, depth):
                return True
        elif op is getattr(sre_c, "ATOMIC_GROUP", None):
            if _repeated(av, targets, depth):
                return True
        elif op is sre_c.GROUPREF_EXISTS:
            if any(b is not None and _repeated(b, targets, depth) for b in av[1:]):
                return True
    return False
