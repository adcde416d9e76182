"""The lock file: what verification found, committed so that lint can work offline.

``claims/citations.lock.json`` maps each identifier to its status, the title, year and
journal found, the work's other identifiers, notices (retractions, corrections), the service
that answered and when. Keys are sorted and the layout fixed, so that a change reads well in a
diff. It is written atomically (a temporary file renamed over it, with the mode the file had),
after every batch, so an interrupted run keeps what it verified. An ``unreachable`` result
never replaces an earlier answer, and a lock file that cannot be read or written is an error
naming it, never silently replaced.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import stat
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from claimkit._version import __version__
from claimkit.errors import ClaimkitError
from claimkit.verify.model import CitationStatus, Update, Work

__all__ = ["LOCK_FILE", "LockEntry", "LockFile", "LockFileError"]

LOCK_FILE = "citations.lock.json"
_FORMAT = 1
_LEFT_ALONE = (
    "it was left as it is — restore it from version control, or delete it to verify every "
    "citation again"
)


class LockFileError(ClaimkitError):
    """The lock file cannot be read or written; it is left as it is."""


class LockEntry(BaseModel):
    """What verification found for one identifier."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    status: CitationStatus
    title: str | None = None
    year: int | None = None
    journal: str | None = None
    identifiers: dict[str, str] = Field(default_factory=dict)
    updates: tuple[Update, ...] = ()
    source: str | None = None
    checked: dt.datetime
    message: str | None = None

    @classmethod
    def of(
        cls, status: CitationStatus, work: Work | None, checked: dt.datetime, message: str | None
    ) -> LockEntry:
        if work is None:
            return cls(status=status, checked=checked, message=message)
        return cls(
            status=status,
            title=work.title,
            year=work.year,
            journal=work.journal,
            identifiers=work.identifiers,
            updates=work.updates,
            source=work.source,
            checked=checked,
            message=message,
        )


class LockFile:
    """The lock file's entries, by identifier (``doi:...``, ``pmid:...``)."""

    def __init__(self, path: Path, entries: dict[str, LockEntry] | None = None) -> None:
        self.path = path
        self.entries = dict(entries or {})
        self._aliases: dict[str, str] | None = None

    @classmethod
    def read(cls, path: Path) -> LockFile:
        """The lock at ``path``; empty when there is none yet."""
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return cls(path)
        except OSError as error:
            raise LockFileError(f"{path}: cannot read the lock file: {error.strerror}") from None
        except UnicodeDecodeError as error:
            raise LockFileError(
                f"{path}: the lock file is not UTF-8 (byte {error.start + 1}); {_LEFT_ALONE}"
            ) from None
        return cls.parse(text, path)

    @classmethod
    def parse(cls, text: str, path: Path) -> LockFile:
        """A lock file's ``text`` (read from ``path``, or from git at ``path``)."""
        try:
            data = json.loads(text)
            if data.get("format") != _FORMAT:
                raise LockFileError(
                    f"{path}: lock file format {data.get('format')!r} is not {_FORMAT}; "
                    "move it aside and run claimkit cite verify again"
                )
            entries = {
                key: LockEntry.model_validate(value) for key, value in data["citations"].items()
            }
        except LockFileError:
            raise
        except RecursionError:  # JSON nested deeper than Python recurses
            raise LockFileError(
                f"{path}: the lock file is damaged (nested too deeply); {_LEFT_ALONE}"
            ) from None
        except (ValueError, KeyError, TypeError, AttributeError, ValidationError) as error:
            where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
            raise LockFileError(f"{path}: the lock file is damaged{where}; {_LEFT_ALONE}") from None
        return cls(path, entries)

    def get(self, identifier: str) -> LockEntry | None:
        return self.entries.get(identifier)

    def lookup(self, identifier: str) -> LockEntry | None:
        """The entry for ``identifier``, or for another identifier of the same work (a PMID
        whose entry names the DOI an article cites)."""
        entry = self.entries.get(identifier)
        if entry is not None:
            return entry
        if self._aliases is None:
            self._aliases = {}
            for key, known in self.entries.items():
                for scheme, value in known.identifiers.items():
                    self._aliases.setdefault(f"{scheme}:{value}", key)
        alias = self._aliases.get(identifier)
        return self.entries.get(alias) if alias else None

    def record(self, identifier: str, entry: LockEntry) -> None:
        """Keep ``entry``, unless it is ``unreachable`` and an answer is already known."""
        known = self.entries.get(identifier)
        if entry.status is CitationStatus.UNREACHABLE and known is not None:
            return
        self.entries[identifier] = entry
        self._aliases = None

    def save(self) -> None:
        payload = {
            "claimkit": __version__,
            "format": _FORMAT,
            "citations": {
                key: self.entries[key].model_dump(mode="json", exclude_defaults=True)
                for key in sorted(self.entries)
            },
        }
        text = json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        try:
            self._write(text.encode("utf-8"))
        except OSError as error:
            raise LockFileError(
                f"{self.path}: cannot write the lock file: {error.strerror or error}"
            ) from None

    def _write(self, data: bytes) -> None:
        """Write ``data`` to a new file beside the lock, then rename it over the lock: a reader
        sees the old file or the new one, never half of one."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            mode: int | None = stat.S_IMODE(self.path.stat().st_mode)
        except FileNotFoundError:
            mode = None
        temporary = self.path.parent / f".citations-{secrets.token_hex(8)}.tmp"
        # 0o666 as for any new file, less the umask (which the system applies); tempfile's
        # 0o600 would hide the lock from the group and others, who read the rest of the repo.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            try:
                if mode is not None:  # the mode the lock file has, whatever the umask
                    temporary.chmod(mode)
                view = memoryview(data)
                while view:
                    view = view[os.write(descriptor, view) :]
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
            temporary.replace(self.path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
