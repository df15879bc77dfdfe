"""Reading YAML content files while keeping line numbers, so errors can say where."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]


class YamlSyntaxError(ValueError):
    """A file that is not valid YAML, with the line where parsing failed."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """The parsed data of one file and its node tree (for line numbers)."""

    data: Any
    root: Node | None

    def line_of(self, path: FieldPath) -> int | None:
        """1-based line of the deepest node on `path` that exists in the file."""
        node = self.root
        if node is None:
            return None
        line = node.start_mark.line + 1
        for key in path:
            child = _child(node, key)
            if child is None:
                break
            line = child.start_mark.line + 1
            node = child
        return line

    def duplicate_keys(self) -> list[tuple[FieldPath, int]]:
        """Keys written twice in one mapping (YAML silently keeps the last one)."""
        found: list[tuple[FieldPath, int]] = []
        if self.root is not None:
            _collect_duplicates(self.root, (), found)
        return found


def parse_yaml(text: str) -> YamlDocument:
    """Parse one YAML document, raising YamlSyntaxError with the offending line."""
    loader = SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = error.problem or error.context or "invalid YAML"
        raise YamlSyntaxError(f"malformed YAML: {reason}", line) from None
    except yaml.YAMLError as error:
        raise YamlSyntaxError(f"malformed YAML: {error}", None) from None
    finally:
        loader.dispose()
    return YamlDocument(data, root)


def _child(node: Node, key: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(key):
                return value_node  # type: ignore[no-any-return]
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        return node.value[key]  # type: ignore[no-any-return]
    return None


def _collect_duplicates(node: Node, path: FieldPath, found: list[tuple[FieldPath, int]]) -> None:
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                found.append(((*path, key), key_node.start_mark.line + 1))
            seen.add(key)
            _collect_duplicates(value_node, (*path, key), found)
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            _collect_duplicates(item, (*path, index), found)
