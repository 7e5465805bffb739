"""Safe YAML loading that remembers where each mapping came from.

Rule files are data written by users: they are loaded with the safe loader (no object
construction, no code), duplicate keys are an error rather than a silent overwrite, and every
mapping knows its line so that validation can say ``file:line: reason``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is several times faster; the constructor stays the safe one
    _Base: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader


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


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
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


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlError(ValueError):
    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path, self.line, self.reason = path, line, reason


def load_yaml_text(text: str, path: str = "<string>") -> Any:
    """Parse one YAML document; raise :class:`YamlError` with file:line on any problem."""
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader derives from SafeLoader
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
