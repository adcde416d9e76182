"""Safe YAML loading that remembers where every key and value came from.

PyYAML composes the document into a node tree (with libyaml when it is available); this
module turns the tree into plain Python data itself, so that it can

- record the 1-based line and column of every key and value, for error messages;
- report duplicate keys, which PyYAML silently resolves to the last one;
- refuse aliases, so that an alias bomb costs nothing, and tags other than YAML's own;
- bound the nesting depth, so that hostile input cannot exhaust the stack.

Scalars are constructed by PyYAML's ``SafeConstructor``: only plain data ever comes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "Loc",
    "LocatedDocument",
    "Position",
    "YamlError",
    "format_loc",
    "load_bundled_data",
    "load_document",
]

Loc = tuple[str | int, ...]
"""A path into the document: mapping keys and sequence indexes, as in pydantic's ``loc``."""

MAX_DEPTH = 32

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_bundled_data(name: str) -> Any:
    """A YAML file of claimkit's own data (``claimkit/data/NAME``), safely loaded with
    libyaml when PyYAML has it: some ten times faster than the pure-Python loader, which
    matters at every start-up."""
    text = resources.files("claimkit.data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader


_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAX_INTEGER_DIGITS = 100
"""Longer integers are refused: no claim or setting needs one, and Python will not even
print one of more than 4,300 digits."""


@dataclass(frozen=True, order=True)
class Position:
    line: int
    column: int

    @classmethod
    def of(cls, mark: yaml.Mark | Any | None) -> Position:
        return cls(mark.line + 1, mark.column + 1) if mark else cls(1, 1)


START = Position(1, 1)


class YamlError(Exception):
    """The text is not a YAML document claimkit will read; fatal for the file."""

    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


@dataclass
class LocatedDocument:
    """The document as plain data, with the source position of each key and value."""

    data: object
    key_positions: dict[Loc, Position] = field(default_factory=dict)
    value_positions: dict[Loc, Position] = field(default_factory=dict)
    source_text: dict[Loc, str] = field(default_factory=dict)
    problems: list[tuple[Position, str]] = field(default_factory=list)

    def position_of_value(self, loc: Loc) -> Position:
        """Where the value at ``loc`` starts, or its nearest enclosing value."""
        for prefix in _prefixes(loc):
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return START

    def position_of_key(self, loc: Loc) -> Position:
        """Where the key naming ``loc`` is, falling back to its value (sequence items)."""
        return self.key_positions.get(loc) or self.position_of_value(loc)


def format_loc(loc: Loc) -> str:
    """``("evidence", "citations", 2, "ref")`` -> ``evidence.citations[2].ref``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def load_document(text: str) -> LocatedDocument | None:
    """Compose ``text`` as one YAML document; ``None`` when it holds no document at all."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise YamlError(
            Position.of(error.problem_mark or error.context_mark), _describe(error)
        ) from None
    except yaml.reader.ReaderError as error:
        raise YamlError(
            _position_at(text, error.position), f"invalid YAML: {error.reason}"
        ) from None
    except yaml.YAMLError as error:
        raise YamlError(START, f"invalid YAML: {error}") from None
    if root is None:
        return None
    document = LocatedDocument(data=None)
    converter = _Converter(document, text)
    document.data = converter.convert(root, (), depth=0)
    return document


def _describe(error: yaml.MarkedYAMLError) -> str:
    if "expected a single document in the stream" in (error.problem, error.context):
        return "a claim file holds one YAML document; remove the second '---' section"
    problem = error.problem or error.context or "cannot parse"
    if error.context and error.problem:
        problem = f"{error.problem} ({error.context})"
    return f"invalid YAML: {problem}"


class _Converter:
    def __init__(self, document: LocatedDocument, text: str) -> None:
        self.document = document
        self.text = text
        self.seen: set[int] = set()
        self.scalars = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, loc: Loc, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise YamlError(
                Position.of(node.start_mark), f"nesting is deeper than {MAX_DEPTH} levels"
            )
        if id(node) in self.seen:
            raise YamlError(
                self._first_alias(), "YAML aliases (*name) are not allowed in claim files"
            )
        self.seen.add(id(node))
        self.document.value_positions[loc] = Position.of(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            self._require_tag(node, _MAP)
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            self._require_tag(node, _SEQ)
            return [
                self.convert(item, (*loc, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        self.document.source_text[loc] = str(node.value)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[str, object]:
        result: dict[str, object] = {}
        first_seen: dict[str, Position] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key_position = Position.of(key_node.start_mark)
            if not isinstance(key, str):
                self.document.problems.append(
                    (key_position, f"{_where(loc)}keys must be text, not {_kind(key_node, key)}")
                )
                continue
            if key in first_seen:
                earlier = first_seen[key]
                self.document.problems.append(
                    (
                        key_position,
                        f"{format_loc((*loc, key))}: duplicate key "
                        f"(first at line {earlier.line}); YAML would keep only the last value",
                    )
                )
                continue
            first_seen[key] = key_position
            self.document.key_positions[(*loc, key)] = key_position
            result[key] = self.convert(value_node, (*loc, key), depth + 1)
        return result

    def _scalar(self, node: yaml.Node) -> object:
        if node.tag == _STR:
            return node.value  # most scalars: no need for the constructor's machinery
        if node.tag == _INT and len(str(node.value)) > MAX_INTEGER_DIGITS:
            raise YamlError(
                Position.of(node.start_mark),
                f"a number of {len(str(node.value))} digits is too long; quote it to keep it "
                "as text",
            )
        try:
            return self.scalars.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise _unsupported_tag(node) from None
        except (ValueError, OverflowError) as error:
            # Looks like a date or a number but is not one: 2027-02-30, 2024-01-01T25:00.
            kind = "date" if node.tag == _TIMESTAMP else node.tag.rsplit(":", 1)[-1]
            raise YamlError(
                Position.of(node.start_mark),
                f"{str(node.value)[:40]!r} is not a valid {kind} ({str(error)[:80]}); quote it "
                "to keep it as text",
            ) from None

    def _require_tag(self, node: yaml.Node, tag: str) -> None:
        if node.tag != tag:
            raise _unsupported_tag(node)

    def _first_alias(self) -> Position:
        # Aliases come out of the composer as the anchored node itself; the event stream still
        # knows where the alias was written, which is what the editor needs to see.
        for event in yaml.parse(self.text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return Position.of(event.start_mark)
        return START


def _unsupported_tag(node: yaml.Node) -> YamlError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return YamlError(Position.of(node.start_mark), f"YAML tag {tag} is not allowed in claim files")


def _where(loc: Loc) -> str:
    return f"{format_loc(loc)}: " if loc else ""


def _kind(node: yaml.Node, value: object) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{type(value).__name__} {node.value!r}"


def _prefixes(loc: Loc) -> Iterator[Loc]:
    for end in range(len(loc), -1, -1):
        yield loc[:end]


def _position_at(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
