"""A seal that only this machine's claimkit can put on a file it wrote.

``claimkit report`` writes HTML into content repositories, and a directory walk must not lint
those pages as articles. A marker in the page is not enough: anyone who can propose an
article can copy it, and hide the article from the check. So the page carries an HMAC of its
own content, keyed with a random key kept in the cache directory (``report-key``, readable by
the user alone). An article in a pull request cannot carry a valid seal, because its author
does not have the key of the machine that checks it; a report written on another machine is
not recognised either, and is linted like any other HTML file (add it to ``exclude``).
Without a cache directory there is no key: nothing is sealed, and nothing is skipped.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import re

from claimkit.core.cache import cache_directory
from claimkit.core.files import FileReadError, read_limited

__all__ = ["SEAL_META", "is_sealed", "seal"]

_UNSEALED = "0" * 64
SEAL_META = f'<meta name="claimkit-seal" content="{_UNSEALED}">'
"""What a page to be sealed carries in its head; ``seal`` fills the content in."""
_SEAL = re.compile(rb'<meta name="claimkit-seal" content="([0-9a-f]{64})">')
SEAL_WITHIN = 4096
"""The seal is looked for in the first bytes only: a file without it there is not sealed."""


def seal(page: str) -> str:
    """``page`` (holding ``SEAL_META`` once) with its seal; unchanged without a key."""
    key = _key(create=True)
    if key is None:
        return page
    digest = hmac.new(key, page.encode(), hashlib.sha256).hexdigest()
    return page.replace(SEAL_META, SEAL_META.replace(_UNSEALED, digest), 1)


def is_sealed(data: bytes) -> bool:
    """Whether ``data`` is a page sealed on this machine and unchanged since."""
    found = _SEAL.search(data, 0, SEAL_WITHIN)
    key = _key(create=False) if found else None
    if found is None or key is None:
        return False
    unsealed = data[: found.start(1)] + _UNSEALED.encode() + data[found.end(1) :]
    expected = hmac.new(key, unsealed, hashlib.sha256).hexdigest().encode()
    return hmac.compare_digest(found.group(1), expected)


def _key(*, create: bool) -> bytes | None:
    directory = cache_directory()
    if directory is None:
        return None
    path = directory / "report-key"
    with contextlib.suppress(FileReadError):
        key = read_limited(path, 64)
        return key if len(key) == 32 else None
    if not create:
        return None
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Created readable by the user alone, and never replaced once there (O_EXCL).
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _key(create=False)
    except OSError:
        return None
    with os.fdopen(descriptor, "wb") as file:
        key = os.urandom(32)
        file.write(key)
    return key
