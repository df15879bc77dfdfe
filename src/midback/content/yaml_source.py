"""Reading YAML content files while keeping line numbers, so errors can say where.

Content may come from anyone (a clinic's own folder), and the server reads it at start-up, so
reading is bounded: a file larger than MAX_YAML_BYTES, or whose aliases would expand past
MAX_YAML_NODES nodes (an "alias bomb": a few hundred bytes that unfold into billions), or that
refers to itself, is refused before anything walks it. Numbers longer than MAX_NUMBER_CHARS and
impossible dates (2026-13-45) are problems at their own line and field, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # the C parser is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

FieldPath = tuple[str | int, ...]

MAX_YAML_BYTES = 256 * 1024
"""The largest content file read (the biggest built-in one is a few kB)."""
MAX_YAML_NODES = 20_000
"""The most values a file may hold once its aliases are unfolded."""
MAX_NUMBER_CHARS = 32
"""The longest number read (content numbers are small; a 5,000-digit one is a mistake)."""


class YamlSyntaxError(ValueError):
    """A file that is not valid or acceptable YAML, with the line (and field) of the problem."""

    def __init__(self, message: str, line: int | None, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.field = field


class _Loader(SafeLoader):
    """The safe loader, whose numbers and dates fail as YAML errors at their node."""


def _checked(tag: str, what: str) -> None:
    construct = SafeLoader.yaml_constructors[tag]

    def checked(loader: SafeLoader, node: Node) -> Any:
        if isinstance(node, ScalarNode) and len(str(node.value)) > MAX_NUMBER_CHARS:
            reason = f"{what} is too long (more than {MAX_NUMBER_CHARS} characters)"
            raise ConstructorError(None, None, reason, node.start_mark)
        try:
            return construct(loader, node)
        except (ValueError, OverflowError) as error:
            reason = f"not a valid {what}: {node.value} ({error})"
            raise ConstructorError(None, None, reason, node.start_mark) from None

    _Loader.add_constructor(tag, checked)


_checked("tag:yaml.org,2002:int", "number")
_checked("tag:yaml.org,2002:float", "number")
_checked("tag:yaml.org,2002:timestamp", "date")


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
    """Parse one YAML document, raising YamlSyntaxError with the offending line (and field)."""
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise YamlSyntaxError(f"the file is larger than {MAX_YAML_BYTES // 1024} kB", None)
    loader = _Loader(text)
    root: Node | None = None
    try:
        root = loader.get_single_node()
        if root is not None:
            _check_size(root)
        data = loader.construct_document(root) if root is not None else None
    except ConstructorError as error:
        mark = error.problem_mark
        line = mark.line + 1 if mark is not None else None
        field = _field_at(root, line) if root is not None and line is not None else ""
        raise YamlSyntaxError(error.problem or "invalid value", line, field) from None
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


def _check_size(root: Node) -> None:
    """Refuse a node graph that refers to itself or unfolds past MAX_YAML_NODES values.

    Aliases make the node tree a graph that shares nodes; each node's unfolded size is counted
    once (memoised), so even a bomb is measured in time linear in its written size.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise ConstructorError(None, None, "an alias refers to itself", node.start_mark)
        open_nodes.add(key)
        total = 1
        children: list[Node] = []
        if isinstance(node, MappingNode):
            children = [n for pair in node.value for n in pair]
        elif isinstance(node, SequenceNode):
            children = list(node.value)
        for child in children:
            total += size(child)
            if total > MAX_YAML_NODES:
                reason = f"aliases unfold to more than {MAX_YAML_NODES} values"
                raise ConstructorError(None, None, reason, child.start_mark)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    size(root)


def _field_at(root: Node, line: int) -> str:
    """The field written on `line` ('dose.sets', 'steps[2]'), for problems found while reading.

    Follows, at each level, the last key or item that starts on or before the line.
    """
    text, node = "", root
    seen: set[int] = set()
    while isinstance(node, MappingNode | SequenceNode) and id(node) not in seen:
        seen.add(id(node))
        if isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value if k.start_mark.line + 1 <= line]
            if not pairs:
                break
            key_node, node = pairs[-1]
            text += f".{key_node.value}" if text else str(key_node.value)
        else:
            items = [(i, v) for i, v in enumerate(node.value) if v.start_mark.line + 1 <= line]
            if not items:
                break
            index, node = items[-1]
            text += f"[{index}]"
    return text


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
