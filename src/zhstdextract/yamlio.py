"""Safe YAML loading that remembers where each mapping came from.

Rule files are data written by users: they are loaded with the safe loader (no object
construction, no code), duplicate keys are an error rather than a silent overwrite, and every
mapping knows its line so that validation can say ``file:line: reason``.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

class LineDict(dict):
    """A mapping with the 1-based line where it starts in its file, and each key's line."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return getattr(self, "key_lines", {}).get(key, self.line)


class LineList(list):
    line: int = 0


class DuplicateKeyError(ValueError):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.line = line


@lru_cache(maxsize=1)
def _loader() -> Any:
    """The loader class, made on the first parse: PyYAML is imported only by a process that
    reads pattern files (one that loads a built extractor from the start-up cache does not)."""
    import yaml

    try:  # the C parser is several times faster; the constructor stays the safe one
        base: Any = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - libyaml missing
        base = yaml.SafeLoader

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_mapping(loader: Any, node: Any) -> LineDict:
        loader.flatten_mapping(node)
        out = LineDict()
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if key in out:
                raise DuplicateKeyError(str(key), key_node.start_mark.line + 1)
            out[key] = loader.construct_object(value_node, deep=True)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    def construct_sequence(loader: Any, node: Any) -> LineList:
        out = LineList(loader.construct_object(n, deep=True) for n in node.value)
        out.line = node.start_mark.line + 1
        return out

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


class YamlError(ValueError):
    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


def load_yaml_text(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document; raise :class:`YamlError` with file:line on any problem."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - the loader derives from SafeLoader
    except DuplicateKeyError as e:
        raise YamlError(path, e.line, str(e)) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(path, line, f"YAML syntax: {e.problem or e.context}") from None
    except yaml.YAMLError as e:
        raise YamlError(path, 0, f"YAML: {e}") from None


def load_yaml(path: Path | str, text: str | None = None) -> Any:
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    return load_yaml_text(text, str(path))


def line_of(obj: Any, default: int = 0) -> int:
    return getattr(obj, "line", default) or default
