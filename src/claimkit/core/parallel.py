"""Work on many files in several processes, with results in input order.

On Linux the workers are forked, so they share the parent's loaded registry and compiled
index for free; elsewhere (spawn) the shared state is pickled to each worker once. Workers
ignore Ctrl-C, which the parent handles: whatever ends the parent's loop early (Ctrl-C,
SIGTERM, an error) stops the workers too, so that none outlives the command and holds its
caller's pipes. A worker that dies (the kernel's out-of-memory killer) is a ``WorkerError``.
"""

from __future__ import annotations

import contextlib
import gc
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from claimkit.errors import ClaimkitError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["WorkerError", "map_files"]

Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: Any = None


class WorkerError(ClaimkitError):
    """A worker process stopped before it finished (killed, or out of memory)."""


def map_files(
    function: Callable[[Any, Item], Result], items: Sequence[Item], shared: Any, jobs: int
) -> Iterator[Result]:
    """``function(shared, item)`` for each item, in order, in up to ``jobs`` processes."""
    if jobs <= 1 or len(items) < 2:
        for item in items:
            yield function(shared, item)
        return
    # Imported here: one process (a pre-commit hook, an editor) needs none of it.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Keep the collector's hands off what the workers inherit, so that forked pages stay
    # shared instead of being copied when a collection touches them.
    gc.freeze()
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(items)),
        mp_context=context,
        initializer=_share,
        initargs=(shared,),
    )
    size = max(1, len(items) // (jobs * 8))
    try:
        # Submitting starts the workers: a signal from here on must stop them, or they
        # outlive the command and keep its pipes open. The workers are forked with SIGINT and
        # SIGTERM blocked, so that one arriving while a worker is still being set up waits for
        # the worker's own handlers instead of running the parent's in it.
        with _signals_blocked():
            chunks = [
                pool.submit(_call, function, items[i : i + size])
                for i in range(0, len(items), size)
            ]
        for chunk in chunks:
            yield from chunk.result()
        pool.shutdown(wait=True)
    except BrokenProcessPool:
        _stop(pool)
        raise WorkerError(
            "a worker process stopped before it finished (killed, or out of memory); "
            "run with fewer processes, or one"
        ) from None
    except BaseException:
        _stop(pool)
        raise


_STOP_SECONDS = 2.0
"""How long a stopped worker has to end before it is killed."""


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop the workers now, not after the work they have queued. The pending chunks are
    left for the pool to fail, not cancelled: cancelling them races with its own clean-up."""
    import multiprocessing

    children = multiprocessing.active_children()
    for child in children:
        with contextlib.suppress(OSError):
            child.terminate()
    pool.shutdown(wait=False)
    # Wait for them here: a command ending on a signal exits without the interpreter's exit
    # handlers, which would otherwise have waited.
    deadline = time.monotonic() + _STOP_SECONDS
    for child in children:
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            with contextlib.suppress(OSError):
                child.kill()
            child.join(_STOP_SECONDS)


_STOPPING_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def _signals_blocked() -> Iterator[None]:
    """SIGINT and SIGTERM held back (where the platform can), and delivered on leaving."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _share(shared: Any) -> None:
    global _shared  # one copy of the shared state per worker process
    _shared = shared
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's SIGTERM handler is not theirs
    if hasattr(signal, "pthread_sigmask"):  # forked with them blocked: now they may come
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING_SIGNALS)


def _call(function: Callable[[Any, Any], Result], chunk: Sequence[Any]) -> list[Result]:
    return [function(_shared, item) for item in chunk]
