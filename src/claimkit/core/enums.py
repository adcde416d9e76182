"""String enums whose members compare by their rank, not alphabetically; ``Severity``."""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from typing import Self


class RankedStrEnum(StrEnum):
    """Members are listed highest first, the order people read them in ("high, moderate,
    low"), and compare by that rank.

    A plain ``StrEnum`` compares as strings, so ``"high" < "low"``; certainty and severity need
    ``LOW < HIGH``. Equality and hashing stay those of ``str`` so members still equal their values.
    """

    @property
    def rank(self) -> int:
        """0 for the lowest member, counting up."""
        return _ranks(type(self))[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, type(self)):
            return NotImplemented
        return self.rank >= other.rank

    @classmethod
    def values(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def parse(cls, text: str) -> Self:
        """The member named by ``text``, or ``ValueError`` listing the choices."""
        try:
            return cls(text)
        except ValueError:
            raise ValueError(f"{text!r} is not one of: {', '.join(cls.values())}") from None


@cache
def _ranks(enum: type[RankedStrEnum]) -> dict[RankedStrEnum, int]:
    members = list(enum)
    return {member: len(members) - 1 - index for index, member in enumerate(members)}


class Severity(RankedStrEnum):
    """How serious a problem or finding is: ``INFO < WARNING < ERROR``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
