"""What a rule's regex needs before it can match: literals and the characters it cannot cross.

Most sentences that hold a quantity match none of a given rule, and running the regex to find
that out was the engine's main cost. Two facts are read off each rule's expanded pattern:

- literal clauses: sets of strings, such that every match contains (or has right next to it,
  where a lookaround looks) at least one string of EVERY set (``{制定, 制订, 修订, …}`` and
  ``{标准}``), for the whole pattern and for each of its top-level alternatives. A sentence
  where no alternative has all its clauses is skipped with a few ``in`` and set tests.
- barrier characters: punctuation that no part of the pattern can match, lookarounds included
  (``,`` for a rule written with ``{gap}``). A match then lies inside one run of text between
  barriers, so the regex runs only over the runs that hold a quantity.

Both derivations are conservative: a construct they do not understand means "nothing known",
never a wrong skip.
"""
from __future__ import annotations

import re

try:  # the stdlib regex parser; renamed in 3.11
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

Needs = frozenset  # one of these strings must occur
Clauses = tuple  # of Needs: every one of them must hold; () when nothing is known

_MAX_ALTERNATIVES = 64
_MAX_CLAUSES = 4
_MASK = "\ue000\ue001"  # masked quantities are in every sentence the engine looks at
# an unescaped (?P<name>: group 1 is the backslashes before it (an even number), group 2 the name
NAMED_GROUP = re.compile(r"(?<!\\)((?:\\\\)*)\(\?P<([A-Za-z_][A-Za-z0-9_]*)>")
_REPEATS = tuple(x for x in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)) if x)
_CATEGORY = {
    "CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
    "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W",
}


# Syntax the regex module reads differently from the stdlib parser, which would parse it without
# complaint but wrongly: POSIX classes ([[:punct:]]) and fuzzy constraints ({e<=1}).
_REGEX_ONLY = re.compile(r"\[:\^?[A-Za-z]+:\]|\{\s*[eids]\s*(?:[<=>+\-*,}]|$)")


def _parse(pattern: str):
    if _REGEX_ONLY.search(pattern):
        return None
    try:
        # group names may repeat across alternatives (the regex module allows it, re does not)
        return sre_parse.parse(NAMED_GROUP.sub(r"\1(?:", pattern))
    except Exception:  # a construct the stdlib parser lacks (\p{Han}…): nothing known
        return None


# ---------------------------------------------------------------------- literal clauses
def _order(n: Needs) -> tuple[int, int, list[str]]:
    """Most selective first (longer shortest literal, fewer literals), then a fixed order."""
    return (-min(map(len, n)), len(n), sorted(n))


def _prune(clauses: list[Needs]) -> list[Needs]:
    """The most selective clauses first, without repeats; a few are enough to skip a sentence."""
    return sorted(set(clauses), key=_order)[:_MAX_CLAUSES]


def _seq(items) -> list[Needs]:
    clauses: list[Needs] = []
    run: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL and chr(av) not in _MASK:
            run.append(chr(av))
            continue
        if run:
            clauses.append(frozenset(["".join(run)]))
            run = []
        clauses += _node(op, av)
    if run:
        clauses.append(frozenset(["".join(run)]))
    return _prune(clauses)


def _node(op, av) -> list[Needs]:
    if op is sre_c.SUBPATTERN:
        if av[1] & sre_c.SRE_FLAG_IGNORECASE:
            return []
        return _seq(av[-1])
    if op is sre_c.BRANCH:
        per = [_seq(branch) for branch in av[1]]
        if any(not p for p in per):
            return []
        # every match takes one branch, so the k-th clause of each branch, joined, always holds
        out = []
        for k in range(min(len(p) for p in per)):
            joined = frozenset().union(*(p[k] for p in per))
            if len(joined) <= _MAX_ALTERNATIVES:
                out.append(joined)
        return out
    if op in _REPEATS:
        lo, _hi, body = av
        return _seq(body) if lo >= 1 else []
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _seq(av)
    if op is sre_c.ASSERT:
        # what a lookaround requires stands right next to the match, in the same sentence: a
        # sentence starts after a character that ends the one before (国标12项: {std} is empty
        # after 国标, and 国标 is what the sentence must hold)
        return _seq(av[1])
    return []  # classes, any, negative assertions, group references: nothing required


def literal_clauses(pattern: str) -> Clauses:
    """Sets of strings such that every match of ``pattern`` contains one string of each set, or
    has it where a lookaround of the match looks."""
    return _clauses_of(_parse(pattern))


def _clauses_of(tree) -> Clauses:
    if tree is None or tree.state.flags & sre_c.SRE_FLAG_IGNORECASE:
        return ()
    return tuple(c for c in _seq(list(tree)) if all(c))


class LiteralIndex:
    """Which of many literals a short text holds, found once: only the literals whose first
    character the text holds are looked up (a set intersection, then a few ``in`` tests)."""

    def __init__(self, words) -> None:
        by_char: dict[str, list[str]] = {}
        for w in sorted(set(words)):
            by_char.setdefault(w[0], []).append(w)
        # a one-character literal is present when its character is: only the longer are looked up
        self._single = frozenset(c for c, ws in by_char.items() if c in ws)
        self._by_char = {c: tuple(w for w in ws if len(w) > 1) for c, ws in by_char.items()}
        self._chars = frozenset(by_char)

    def present(self, text: str) -> set[str]:
        chars = self._chars.intersection(text)
        by_char = self._by_char
        found = {w for c in chars for w in by_char[c] if w in text}
        found.update(chars.intersection(self._single))
        return found


def required_literals(pattern: str) -> Needs | None:
    """The most selective clause of :func:`literal_clauses`, or None when nothing is known."""
    clauses = literal_clauses(pattern)
    return clauses[0] if clauses else None


# ---------------------------------------------------------------------- opening characters
def opening_class(pattern: str) -> str | None:
    """A character class's inside (``第一二…\\d(``) holding every character a match of
    ``pattern`` can begin with, anchors aside; None when that is not known (an optional start,
    a lookaround, a class it does not read). A line-start regex is then tried only after a line
    break followed by one of them, not at every character."""
    tree = _parse(pattern)
    if tree is None or tree.state.flags & sre_c.SRE_FLAG_IGNORECASE:
        return None
    parts = _opening(list(tree))
    return "".join(sorted(set(parts))) if parts else None


def _opening(items) -> list[str] | None:
    for op, av in items:
        if op is sre_c.AT:  # ^, \A: they take no character
            continue
        if op is sre_c.LITERAL:
            return [re.escape(chr(av))]
        if op is sre_c.IN:
            out = []
            for iop, iav in av:
                if iop is sre_c.LITERAL:
                    out.append(re.escape(chr(iav)))
                elif iop is sre_c.RANGE:
                    out.append(f"{re.escape(chr(iav[0]))}-{re.escape(chr(iav[1]))}")
                elif iop is sre_c.CATEGORY and str(iav) in _CATEGORY and "NOT" not in str(iav):
                    out.append(_CATEGORY[str(iav)])
                else:
                    return None
            return out
        if op is sre_c.SUBPATTERN:
            return _opening(list(av[-1]))
        if op is sre_c.BRANCH:
            out = []
            for branch in av[1]:
                sub = _opening(list(branch))
                if sub is None:
                    return None
                out += sub
            return out
        if op in _REPEATS and av[0] >= 1:
            return _opening(list(av[2]))
        return None
    return None


# ---------------------------------------------------------------------- barrier characters
def _class_has(c: str, items) -> bool | None:
    """Is ``c`` in the character class ``items``? None when the class is not understood."""
    negate = False
    hit = False
    for op, av in items:
        if op is sre_c.NEGATE:
            negate = True
        elif op is sre_c.LITERAL:
            hit = hit or chr(av) == c
        elif op is sre_c.RANGE:
            hit = hit or av[0] <= ord(c) <= av[1]
        elif op is sre_c.CATEGORY:
            esc = _CATEGORY.get(str(av))
            if esc is None:
                return None
            hit = hit or re.fullmatch(esc, c) is not None
        else:
            return None
    return hit != negate


def _matchable(items, cands: frozenset[str]) -> set[str] | None:
    """The candidates some node of ``items`` can match or look at; None means any of them."""
    out: set[str] = set()
    for op, av in items:
        if op is sre_c.LITERAL:
            if chr(av) in cands:
                out.add(chr(av))
        elif op is sre_c.NOT_LITERAL:
            out |= cands - {chr(av)}
        elif op is sre_c.IN:
            for c in cands:
                has = _class_has(c, av)
                if has is None:
                    return None
                if has:
                    out.add(c)
        elif op is sre_c.SUBPATTERN:
            sub = _matchable(av[-1], cands)
            if sub is None:
                return None
            out |= sub
        elif op is sre_c.BRANCH:
            for branch in av[1]:
                sub = _matchable(branch, cands)
                if sub is None:
                    return None
                out |= sub
        elif op in _REPEATS:
            sub = _matchable(av[2], cands)
            if sub is None:
                return None
            out |= sub
        elif op is getattr(sre_c, "ATOMIC_GROUP", None):
            sub = _matchable(av, cands)
            if sub is None:
                return None
            out |= sub
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            # a lookaround that cannot look at a barrier cannot look past it either
            sub = _matchable(av[1], cands)
            if sub is None:
                return None
            out |= sub
        else:  # ANY, anchors (^ $ \b differ at a cut), group references, …
            return None
    return out


def barrier_chars(pattern: str, candidates: str) -> frozenset[str]:
    """The ``candidates`` that no part of ``pattern`` (lookarounds included) can match.

    A match, and everything the pattern looks at to decide it, then lies between two of them.
    """
    return _barriers_of(_parse(pattern), frozenset(candidates))


def _barriers_of(tree, cands: frozenset[str]) -> frozenset[str]:
    if tree is None or tree.state.flags & sre_c.SRE_FLAG_IGNORECASE:
        return frozenset()
    can = _matchable(list(tree), cands)
    if can is None:
        return frozenset()
    return cands - can


def _alternatives_of(tree) -> tuple[Clauses, ...]:
    """The clauses of each top-level alternative (``A…|B…``): a sentence is worth the regex when
    ONE alternative has all its clauses. Joining them into one set of clauses, as
    :func:`literal_clauses` must, loses that (标准 alone would let half the sentences through)."""
    if tree is None or tree.state.flags & sre_c.SRE_FLAG_IGNORECASE:
        return ((),)
    items = list(tree)
    while len(items) == 1 and items[0][0] is sre_c.SUBPATTERN and not items[0][1][1]:
        items = list(items[0][1][-1])
    if len(items) == 1 and items[0][0] is sre_c.BRANCH:
        return tuple(tuple(c for c in _seq(branch) if all(c)) for branch in items[0][1][1])
    return (_clauses_of(tree),)


# Punctuation worth knowing a rule cannot cross: clause and sentence ends, list and quote marks.
BARRIER_CANDIDATES = ",;:!?。；：！？\n、()（）“”\"'"


def analyze(pattern: str, tree=None) -> tuple[Clauses, tuple[Clauses, ...], frozenset[str]]:
    """Literal clauses, the clauses of each top-level alternative, and barrier characters of
    ``pattern``, from one parse (``tree``, when the caller parsed it already: the group names
    in it do not matter here)."""
    if tree is None:
        tree = _parse(pattern)
    return _clauses_of(tree), _alternatives_of(tree), _barriers_of(tree, frozenset(BARRIER_CANDIDATES))
