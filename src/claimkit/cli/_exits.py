"""The exit codes of every command: a contract with users' CI (docs/lint.md)."""

from __future__ import annotations

__all__ = ["EXIT_CANNOT_RUN", "EXIT_CLEAN", "EXIT_PROBLEMS"]

EXIT_CLEAN = 0
EXIT_PROBLEMS = 1
EXIT_CANNOT_RUN = 2
