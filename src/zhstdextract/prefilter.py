"""Literal prefilters for rule regexes.

Most sentences that hold a quantity match none of a given rule; running the regex to find that
out is the engine's main cost. From a rule's expanded pattern we derive a set of literal strings
at least one of which every match must contain (e.g. {制定, 制订, 修订, …}); a sentence that has
none of them is skipped with a few ``in`` tests. The derivation is conservative: any construct
it does not understand means "no prefilter", never a wrong skip.
"""
from __future__ import annotations

try:  # the stdlib regex parser; renamed in 3.11
    from re import _parser as sre_parse  # type: ignore[attr-defined]
    from re import _constants as sre_c  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

Needs = frozenset  # one of these strings must occur; None: nothing known

_MAX_ALTERNATIVES = 64
_MASK = "\ue000\ue001"  # masked quantities are in every sentence the engine looks at
_NAMED = __import__("re").compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def _best(a: Needs | None, b: Needs | None) -> Needs | None:
    """Of two requirements that both hold, keep the more selective one."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _seq(items) -> Needs | None:
    need: Needs | None = None
    run: list[str] = []

    def flush() -> None:
        nonlocal need, run
        if run:
            need = _best(need, frozenset(["".join(run)]))
            run = []

    for op, av in items:
        if op is sre_c.LITERAL and chr(av) not in _MASK:
            run.append(chr(av))
            continue
        flush()
        need = _best(need, _node(op, av))
    flush()
    return need


def _node(op, av) -> Needs | None:
    if op is sre_c.SUBPATTERN:
        return _seq(av[-1])
    if op is sre_c.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            n = _seq(branch)
            if n is None:
                return None
            out |= n
        return frozenset(out) if len(out) <= _MAX_ALTERNATIVES else None
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
        lo, _hi, body = av
        return _seq(body) if lo >= 1 else None
    if op is getattr(sre_c, "ATOMIC_GROUP", None):
        return _seq(av)
    return None  # classes, any, assertions, groupref: nothing required


def required_literals(pattern: str) -> Needs | None:
    """Strings one of which every match of ``pattern`` contains, or None when unknown."""
    try:
        # group names may repeat across alternatives (the regex module allows it, re does not)
        tree = sre_parse.parse(_NAMED.sub("(?:", pattern))
    except Exception:  # a construct the stdlib parser lacks: no prefilter, still correct
        return None
    need = _seq(list(tree))
    if need is not None and any(not s for s in need):
        return None
    return need
