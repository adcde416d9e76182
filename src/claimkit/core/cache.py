"""Where claimkit keeps what it may rebuild at any time: the registry cache, the report key.

``$CLAIMKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/claimkit``, else ``~/.cache/claimkit``. With
none of them (no home directory, as in some CI containers) there is no cache directory, and
claimkit works without one.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["cache_directory"]


def cache_directory() -> Path | None:
    """The cache directory (not created here), or ``None`` when there can be none."""
    configured = os.environ.get("CLAIMKIT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base, "claimkit")
    try:
        return Path.home() / ".cache" / "claimkit"
    except (RuntimeError, KeyError):  # no HOME and no password-database entry
        return None
