"""Turning pydantic's validation errors into messages an editor can act on.

Claim files and configuration files are both YAML validated by pydantic models; both report
each problem at the line and column of the offending key or value, in the user's terms
(``evidence.certainty``, "expected a list"), with a "did you mean" for near misses.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, get_args, get_origin

from pydantic import BaseModel

from claimkit.core.located import START, LocatedDocument, Position, format_loc

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

__all__ = ["describe_error"]


_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys to values",
    "model_attributes_type": "a mapping of keys to values",
    "dict_type": "a mapping of keys to values",
    "date_type": "a date (YYYY-MM-DD)",
    "date_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_parsing": "a date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "a date without a time (YYYY-MM-DD)",
}


Nested = Mapping[tuple[str | int, ...], type[BaseModel]]
"""Models validated separately inside a value of the outer model, by where they sit."""


def describe_error(
    details: ErrorDetails,
    document: LocatedDocument,
    model: type[BaseModel],
    nested: Nested | None = None,
) -> tuple[Position, str]:
    """Where the error is in the YAML source, and what it is in the editor's terms. ``nested``
    names the models of values that ``model`` validates separately (a rule's options)."""
    # A bad mapping key is reported by pydantic at (..., key, "[key]"): point at the key.
    loc = tuple(part for part in details["loc"] if part != "[key]")
    is_key = "[key]" in details["loc"]
    kind = details["type"]
    where = format_loc(loc)
    if kind == "missing":
        parent, key = loc[:-1], loc[-1]
        position = document.position_of_key(parent) if parent else START
        prefix = f"{format_loc(parent)}: " if parent else ""
        return position, f"{prefix}missing required key {key!r}"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        allowed = _field_names(model, loc[:-1], nested or {})
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(allowed)}"
        return document.position_of_key(loc), f"{where}: unknown key; {hint}"
    position = document.position_of_key(loc) if is_key else document.position_of_value(loc)
    shown = _shown(details["input"], document.source_text.get(loc))
    if kind == "enum":
        choices = _enum_values(model, loc, nested or {})
        close = difflib.get_close_matches(str(details["input"]), choices, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return position, f"{where}: {shown} is not one of: {', '.join(choices)}{hint}"
    if kind in _EXPECTED:
        return position, f"{where}: expected {_EXPECTED[kind]}, got {_described(details, shown)}"
    if kind in {"string_too_short", "too_short"}:
        return position, f"{where}: must not be empty"
    if kind in {"string_too_long", "too_long"}:
        limit = (details.get("ctx") or {}).get("max_length")
        return position, f"{where}: too long (the limit is {limit})"
    if kind in {"greater_than_equal", "less_than_equal"}:
        ctx = details.get("ctx") or {}
        bound = f"at least {ctx['ge']}" if "ge" in ctx else f"at most {ctx.get('le')}"
        return position, f"{where}: {shown} is out of range (must be {bound})"
    message = details["msg"]
    return position, f"{where}: {message[:1].lower()}{message[1:]}"


def _described(details: ErrorDetails, shown: str) -> str:
    value = details["input"]
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{shown}, which YAML reads as {str(value).lower()}; quote it to keep it as text"
    if isinstance(value, int | float | dt.date) and details["type"] == "string_type":
        return f"{shown}; quote it to keep it as text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return shown


def _shown(value: Any, source_text: str | None) -> str:
    """The value as the editor wrote it: text quoted, numbers and dates as they are."""
    if source_text is None:
        return repr(value)
    is_number = isinstance(value, int | float | dt.date) and not isinstance(value, bool)
    return source_text if is_number else repr(source_text)


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...], nested: Nested) -> Any:
    """The model class or type that the value at ``loc`` is validated against."""
    current: Any = model
    for depth, part in enumerate(loc):
        if loc[: depth + 1] in nested:
            current = nested[loc[: depth + 1]]
            continue
        current = _unwrap(current)
        if isinstance(part, str) and isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part) or next(
                (f for f in current.model_fields.values() if f.alias == part), None
            )
            if field is None:
                return None
            current = field.annotation
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """``Annotated[tuple[X, ...], ...] | None`` -> ``X``: the type of one item."""
    while get_origin(annotation) is not None:
        args = [arg for arg in get_args(annotation) if arg not in (None, type(None), Ellipsis)]
        annotation = args[0]
    return annotation


def _field_names(model: type[BaseModel], loc: tuple[str | int, ...], nested: Nested) -> list[str]:
    found = _model_at(model, loc, nested)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return [field.alias or name for name, field in found.model_fields.items()]
    return []


def _enum_values(model: type[BaseModel], loc: tuple[str | int, ...], nested: Nested) -> list[str]:
    enum = _model_at(model, loc, nested)
    if isinstance(enum, type) and issubclass(enum, Enum):
        return [str(member.value) for member in enum]
    return []
