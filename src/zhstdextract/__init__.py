"""zhstdextract: standardization figures from Chinese government news.

    >>> import zhstdextract
    >>> [f.metric for f in zhstdextract.extract("全市主导制定国家标准35项")]
    ['standard.formulated']

The default extractor (built-in patterns) is created on first use and shared; build your own
:class:`Extractor` to layer rule folders over it. Heavy dependencies (jieba, spaCy, pyarrow)
are imported only where they are needed.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["extract", "quantities", "normalize", "Extractor", "Fact", "Quantity", "PatternError", "default_extractor"]

if TYPE_CHECKING:  # pragma: no cover
    from .extractor import Extractor
    from .facts import Fact
    from .normalization import Normalized
    from .patternset import PatternError
    from .quantity import Quantity

_default: Any = None
_lock = threading.Lock()


def default_extractor() -> "Extractor":
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                from .extractor import Extractor

                _default = Extractor()
    return _default


def extract(text: str, *, doc: str | None = None, date: Any = None, include_unmapped: bool = False) -> list["Fact"]:
    """Facts of ``text`` with the built-in patterns (see :meth:`Extractor.extract`)."""
    return default_extractor().extract(text, doc=doc, date=date, include_unmapped=include_unmapped)


def quantities(text: str) -> list["Quantity"]:
    """Every quantity phrase in ``text``, with value, unit, qualifier and original span."""
    return default_extractor().quantities(text)


def normalize(text: str) -> "Normalized":
    """The normalized view (simplified, ASCII digits, no pinyin) with its offset map."""
    from .normalization import normalize as _n

    return _n(text)


def __getattr__(name: str) -> Any:
    if name == "Extractor":
        from .extractor import Extractor

        return Extractor
    if name == "Fact":
        from .facts import Fact

        return Fact
    if name == "Quantity":
        from .quantity import Quantity

        return Quantity
    if name == "PatternError":
        from .patternset import PatternError

        return PatternError
    raise AttributeError(f"module 'zhstdextract' has no attribute {name!r}")
