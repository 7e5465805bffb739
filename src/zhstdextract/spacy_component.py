"""A spaCy pipeline component: ``nlp.add_pipe("zhstdextract")``.

spaCy finds the factory through the ``spacy_factories`` entry point, so users need not import
this package. Facts become spans in ``doc.spans[span_key]`` labelled with their metric id
(``quantity`` for unmapped quantities, when asked for), with the fact's dictionary on
``span._.fact``; ``doc._.facts`` holds them all. Values are plain dictionaries so that
``doc.to_bytes()`` and ``DocBin(store_user_data=True)`` keep them.

This module imports spaCy; ``import zhstdextract`` does not.
"""
from __future__ import annotations

import warnings
from typing import Any, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from .extractor import Extractor

DEFAULT_SPAN_KEY = "zhstdextract"
UNMAPPED_LABEL = "quantity"

if not Doc.has_extension("facts"):
    Doc.set_extension("facts", default=None)
if not Span.has_extension("fact"):
    Span.set_extension("fact", default=None)


class ZhStdExtractComponent:
    """``__call__`` is extract then annotate, nothing else."""

    def __init__(self, name: str = "zhstdextract", patterns: Sequence[str] = (), include_unmapped: bool = False,
                 span_key: str = DEFAULT_SPAN_KEY) -> None:
        self.name = name
        self.patterns = list(patterns)
        self.include_unmapped = include_unmapped
        self.span_key = span_key
        self._extractor: Extractor | None = None

    @property
    def extractor(self) -> Extractor:
        if self._extractor is None:
            if self.patterns:
                self._extractor = Extractor(self.patterns)
            else:
                from . import default_extractor

                self._extractor = default_extractor()
        return self._extractor

    def __getstate__(self) -> dict[str, Any]:  # nlp.pipe(n_process=…) may pickle the component
        state = dict(self.__dict__)
        state["_extractor"] = None
        return state

    def __call__(self, doc: Doc) -> Doc:
        facts = self.extractor.extract(doc.text, include_unmapped=self.include_unmapped)
        return self.set_annotations(doc, [f.to_dict() for f in facts])

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def set_annotations(self, doc: Doc, facts: list[dict[str, Any]]) -> Doc:
        spans = []
        for fact in facts:
            start, end = fact["span"]
            label = fact["metric"] or UNMAPPED_LABEL
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:  # cannot happen for a non-empty span inside the text; never drop silently
                warnings.warn(f"zhstdextract: fact {fact['text']!r} at {start}:{end} has no tokens in this Doc", stacklevel=2)
                continue
            span._.fact = fact
            spans.append(span)
        doc.spans[self.span_key] = spans
        doc._.facts = facts
        return doc


@Language.factory(
    "zhstdextract",
    default_config={"patterns": [], "include_unmapped": False, "span_key": DEFAULT_SPAN_KEY},
)
def make_component(nlp: Language, name: str, patterns: list[str], include_unmapped: bool,
                   span_key: str) -> ZhStdExtractComponent:
    return ZhStdExtractComponent(name, patterns, include_unmapped, span_key)
