"""Word boundaries, from a private jieba tokenizer, for the few decisions that need them.

A Chinese numeral followed by a classifier is a quantity (三项标准) unless the pair is the start
of a longer word (五位一体, 两位数). Only a tokenizer knows that. Tokenizing everything is the
expensive part of a naive pipeline, so we tokenize a small window, only for Chinese-numeral
candidates, and load jieba's dictionary the first time one turns up.

The tokenizer is our own ``jieba.Tokenizer`` instance with a domain dictionary added; jieba's
global default tokenizer is never touched.
"""
from __future__ import annotations

import threading
from typing import Any, Iterable

_WINDOW = 6


class WordChecker:
    def __init__(self, domain_words: Iterable[str] = ()) -> None:
        self._domain = sorted(set(w for w in domain_words if w and len(w) > 1))
        self._tok: Any = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        """Stored without its lock and tokenizer (the start-up cache): jieba loads on demand."""
        return {"_domain": self._domain}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._domain = state["_domain"]
        self._tok = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._tok is not None

    def _tokenizer(self) -> Any:
        if self._tok is None:
            with self._lock:
                if self._tok is None:
                    import logging

                    import jieba

                    log = logging.getLogger("jieba")
                    level = log.level
                    log.setLevel(logging.ERROR)  # jieba announces its dictionary load on stderr
                    try:
                        tok = jieba.Tokenizer()
                        tok.initialize()
                    finally:
                        log.setLevel(level)
                    for w in self._domain:
                        tok.add_word(w)
                    self._tok = tok
        return self._tok

    def crosses_word(self, text: str, start: int, end: int) -> bool:
        """True when [start, end) begins or ends inside a longer dictionary word."""
        lo = max(0, start - _WINDOW)
        hi = min(len(text), end + _WINDOW)
        window = text[lo:hi]
        try:
            tokens = self._tokenizer().cut(window, HMM=False)
            bounds = {0}
            pos = 0
            for tk in tokens:
                pos += len(tk)
                bounds.add(pos)
        except Exception:  # a tokenizer failure must not lose the quantity
            return False
        return (start - lo) not in bounds or (end - lo) not in bounds
