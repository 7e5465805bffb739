"""Stdlib ``re`` patterns built from a parse tree or from compiled code, keeping their text.

``re.compile`` is parse, then code generation, then the engine's constructor. Start-up pays for
the first two for every built-in rule (most of a short batch's serial part), so we skip them
where we can: a rule already parsed for the prefilter is compiled from that tree, and a pattern
restored from the start-up cache (startup_cache.py) goes straight to the constructor with the
code stored by this same interpreter. Both reach the compiler's private interface; every
function here falls back to ``re.compile`` when that interface is not what it expects, so a
Python whose internals differ is slower to start, never wrong.
"""
from __future__ import annotations

import re
from typing import Any

try:  # renamed in 3.11
    from re import _compiler  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

try:
    import _sre
except ImportError:  # pragma: no cover - an interpreter without the C engine
    _sre = None  # type: ignore[assignment]

# What a pattern is rebuilt from: (text, flags, code, groups, groupindex, indexgroup), the
# arguments of the engine's constructor as re._compiler.compile passes them.
Code = tuple


def code_from_tree(text: str, tree: Any) -> Code:
    """The constructor's arguments for ``text``, whose parse tree is ``tree``."""
    state = tree.state
    code = [int(c) for c in _compiler._code(tree, 0)]  # opcodes are int subclasses: plain ints pickle small
    indexgroup: list[str | None] = [None] * state.groups
    for name, i in state.groupdict.items():
        indexgroup[i] = name
    return (text, state.flags, code, state.groups - 1, dict(state.groupdict), tuple(indexgroup))


def code_of(rx: re.Pattern) -> Code | None:
    """The constructor's arguments of a compiled pattern (parsed again: only when a cache is written)."""
    if not isinstance(rx.pattern, str):
        return None
    try:
        return code_from_tree(rx.pattern, _parser.parse(rx.pattern, rx.flags))
    except Exception:  # pragma: no cover - the compiler's private interface changed
        return None


def from_code(args: Code) -> re.Pattern:
    """The pattern the arguments describe; ``re.compile`` of its text if the engine refuses them."""
    text, flags = args[0], args[1]
    if _sre is not None:
        try:
            rx = _sre.compile(*args)
            if isinstance(rx, re.Pattern):
                return rx
        except Exception:  # pragma: no cover - the constructor's private interface changed
            pass
    return re.compile(text, flags)  # pragma: no cover


def compile_tree(text: str, tree: Any) -> re.Pattern:
    """``re.compile(text)`` for a ``text`` already parsed into ``tree``, without parsing it again."""
    try:
        return from_code(code_from_tree(text, tree))
    except Exception:  # pragma: no cover - the compiler's private interface changed
        return re.compile(text)
