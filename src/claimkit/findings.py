"""Severities shared by registry problems and lint findings."""

from __future__ import annotations

from claimkit._enums import RankedStrEnum

__all__ = ["Severity"]


class Severity(RankedStrEnum):
    """How serious a problem or finding is: ``INFO < WARNING < ERROR``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
