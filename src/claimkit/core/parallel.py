"""Work on many files in several processes, with results in input order.

On Linux the workers are forked, so they share the parent's loaded registry and compiled
index for free; elsewhere (spawn) the shared state is pickled to each worker once.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["map_files"]

Item = TypeVar("Item")
Result = TypeVar("Result")

_shared: Any = None


def map_files(
    function: Callable[[Any, Item], Result], items: Sequence[Item], shared: Any, jobs: int
) -> Iterator[Result]:
    """``function(shared, item)`` for each item, in order, in up to ``jobs`` processes."""
    if jobs <= 1 or len(items) < 2:
        for item in items:
            yield function(shared, item)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    # Keep the collector's hands off what the workers inherit, so that forked pages stay
    # shared instead of being copied when a collection touches them.
    gc.freeze()
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(items)),
        mp_context=context,
        initializer=_share,
        initargs=(shared,),
    ) as pool:
        calls = [(function, item) for item in items]
        yield from pool.map(_call, calls, chunksize=max(1, len(items) // (jobs * 8)))


def _share(shared: Any) -> None:
    global _shared  # one copy of the shared state per worker process
    _shared = shared


def _call(call: tuple[Callable[[Any, Any], Any], Any]) -> Any:
    function, item = call
    return function(_shared, item)
