"""Parsing on every core (`pipeline.parallel.map_in_workers`): the results come back
whole and in order, and not through the pool's pipe, where a worker waited for this
process to read each chunk's results before it went on to the next chunk."""

from __future__ import annotations

import multiprocessing.queues
import os
from typing import Any

import pytest

from generator.pipeline import parallel

BIG = 200_000  # characters a result holds: a chunk's results are far more than a pipe holds


def _big(item: int) -> tuple[int, int, str]:
    return item, os.getpid(), str(item % 10) * BIG


def _fails_at_seven(item: int) -> int:
    if item == 7:
        raise ValueError("item 7 is bad")
    return item


def test_large_results_come_back_whole_in_order_from_the_workers() -> None:
    items = list(range(parallel.MIN_FILES))
    results = parallel.map_in_workers(_big, items, jobs=2)
    assert [item for item, _, _ in results] == items
    assert all(text == str(item % 10) * BIG for item, _, text in results)
    assert {pid for _, pid, _ in results} - {os.getpid()}  # parsed by forked workers


def test_what_goes_back_through_the_pool_is_where_the_results_are(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    context = multiprocessing.get_context("fork")
    largest = context.Value("q", 0)  # the largest message a worker sent back
    put = multiprocessing.queues.SimpleQueue.put

    def measured(queue: Any, obj: Any) -> None:
        size = len(multiprocessing.reduction.ForkingPickler.dumps(obj))
        with largest.get_lock():
            largest.value = max(largest.value, size)
        put(queue, obj)

    monkeypatch.setattr(multiprocessing.queues.SimpleQueue, "put", measured)  # forked with it
    items = list(range(parallel.MIN_FILES))
    results = parallel.map_in_workers(_big, items, jobs=2)
    assert [item for item, _, _ in results] == items
    assert 0 < largest.value < 4096  # each chunk's results are megabytes


def test_an_error_in_a_worker_is_raised_here() -> None:
    with pytest.raises(ValueError, match="item 7 is bad"):
        parallel.map_in_workers(_fails_at_seven, list(range(parallel.MIN_FILES)), jobs=2)
