"""The fork pool under batch extraction: order, back-pressure both ways, dead workers, stopping."""
from __future__ import annotations

import os
import signal
import time

import pytest

from zhstdextract import forkpool

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the fork pool exists where fork does")

_state: dict = {}


def _init(tag: str) -> None:
    _state["tag"] = tag


def _one(part):
    kind, n = part
    if kind == "sleep":
        time.sleep(n)
    elif kind == "die":
        os._exit(7)
    elif kind == "big":  # a result larger than a pipe holds
        return (_state["tag"], os.getpid(), "x" * n)
    elif kind == "stamp":  # when the part started; a slow one says when it ended
        start = time.monotonic()
        time.sleep(n)
        return (_state["tag"], os.getpid(), time.monotonic() if n else start)
    return (_state["tag"], os.getpid(), part)


def _work(task):
    """A task is a list of parts, as batch.py's chunks are lists of units."""
    return [_one(part) for part in task]


def _died(part):
    return [("died", None, p) for p in part]


def _run(tasks, in_flight=4, workers=2):
    pool = forkpool.ForkPool(workers, _work, _init, ("t",))
    try:
        return [r for results in pool.map_ordered(iter(tasks), in_flight, _died) for r in results]
    finally:
        pool.close()


@pytest.fixture(autouse=True)
def _deadline():
    """A hang (a pipe both sides wait on) fails the test instead of the run."""
    def fail(*_):
        pytest.fail("the pool hung")  # not an OSError, which the pool's writes may catch

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.parametrize("in_flight", [1, 2, 4])
def test_results_come_in_task_order_whatever_finishes_first(in_flight):
    tasks = [[("sleep", 0.05 if k % 3 == 0 else 0.0)] for k in range(30)]
    out = _run(tasks, in_flight)
    assert [[r[2]] for r in out] == tasks
    assert {r[0] for r in out} == {"t"}  # each worker ran the initializer
    pids = {r[1] for r in out}
    assert len(pids) == 2 and os.getpid() not in pids
    assert all(_gone(p) for p in pids)


def test_a_slow_task_holds_back_at_most_a_window_of_results():
    """Results come back in order, so those after a slow task wait in the parent: no more than
    ``in_flight`` tasks per worker are given out past it (memory stays flat)."""
    tasks = [[("stamp", 0.5)]] + [[("stamp", 0)] for _ in range(40)]
    out = _run(tasks, in_flight=3)
    slow_end = out[0][2]
    started_meanwhile = sum(1 for r in out[1:] if r[2] < slow_end)
    assert 0 < started_meanwhile <= 3 * 2 - 1


def test_large_tasks_and_large_results_do_not_deadlock():
    """Results that overfill the parent's pipe while tasks overfill the worker's: a parent that
    waited to write a task would wait for a worker waiting for it to read."""
    out = _run([[("big", 300_000)] for _ in range(12)])
    assert len(out) == 12 and all(len(r[2]) == 300_000 for r in out)
    big = [[("echo", "q" * 100_000)] for _ in range(12)]
    assert [[r[2]] for r in _run(big)] == big


def test_a_dying_worker_costs_only_the_part_that_killed_it():
    """The other parts of the dead worker's tasks in flight come back, in order."""
    tasks = [[("ok", 1), ("die", 0), ("ok", 2)], [("ok", 3)], [("ok", 4), ("ok", 5)], [("ok", 6)]]
    out = _run(tasks, in_flight=2)
    assert [r[0] for r in out] == ["t", "died", "t", "t", "t", "t", "t"]
    assert [r[2] for r in out] == [p for t in tasks for p in t]


def test_the_pool_goes_on_after_a_worker_died():
    tasks = [[("ok", k)] for k in range(20)]
    tasks[3] = [("die", 0)]
    tasks[11] = [("die", 0)]
    out = _run(tasks)
    assert [r[0] for r in out].count("died") == 2
    assert [[r[2]] for r in out] == tasks
    assert len({r[1] for r in out if r[1]}) >= 3  # the dead ones were replaced


def test_stopping_early_leaves_no_worker_behind():
    pool = forkpool.ForkPool(2, _work, _init, ("t",))
    pids = [w.pid for w in pool._workers]
    results = pool.map_ordered(iter([[("sleep", 0.2)]] * 50), 4, _died)
    next(results)
    results.close()
    pool.close(kill=True)
    assert all(_gone(p) for p in pids)
