"""Worker processes made by ``fork``, fed and read through pipes.

Why not ``concurrent.futures``: a batch of a few megabytes is over in well under a second on two
workers, and importing its process pool (with ``multiprocessing``, ``logging``, ``tempfile`` and
``socket`` behind it) costs the parent ~25 ms before the first task goes out, then its feeder and
manager threads take CPU from the workers for every task. Here the parent imports nothing new,
writes each task to a worker's pipe and reads results with ``select``; the workers inherit the
warmed extractor through the fork. Where ``fork`` does not exist, batch.py uses the executor.

A worker that dies (a crash in a C extension, the OOM killer) costs only the unit that killed
it: the units of its tasks in flight run again one at a time, each in a fresh worker.
"""
from __future__ import annotations

import os
import pickle
import select
import signal
import struct
from collections import deque
from typing import Any, Callable, Iterator, Sequence

_HEAD = struct.Struct("<Q")  # the length of the pickled message that follows
_READ = 1 << 20
# Tasks a worker holds at a time: the one it runs and the next, waiting in its pipe. More would be
# given out before it is known who finishes first: at the end one worker would still hold tasks
# while the other sat idle (a shared queue balances this; per-worker pipes must keep it short).
_QUEUED = 2


class WorkerDied(Exception):
    """A pipe closed before a whole message came: to the parent, the worker died; to a worker,
    the parent has no more work."""


def _read_exact(fd: int, n: int) -> bytes:
    parts = []
    while n:
        got = os.read(fd, min(n, _READ))
        if not got:
            raise WorkerDied
        parts.append(got)
        n -= len(got)
    return b"".join(parts)


def _framed(obj: Any) -> bytes:
    data = pickle.dumps(obj, pickle.HIGHEST_PROTOCOL)
    return _HEAD.pack(len(data)) + data


def _send(fd: int, obj: Any) -> None:
    view = memoryview(_framed(obj))
    while view:
        view = view[os.write(fd, view):]


def _receive(fd: int) -> Any:
    (n,) = _HEAD.unpack(_read_exact(fd, _HEAD.size))
    return pickle.loads(_read_exact(fd, n))


class _Worker:
    def __init__(self, pid: int, task_fd: int, result_fd: int) -> None:
        self.pid = pid
        self.task_fd = task_fd
        self.result_fd = result_fd
        self.in_flight: deque[int] = deque()  # task numbers, in the order sent
        self.unsent = bytearray()  # tasks the pipe had no room for yet

    def flush(self) -> None:
        """Write what the task pipe takes now. The parent never waits on a full pipe: a worker
        blocked writing a large result while tasks fill its pipe would wait on the parent."""
        try:
            n = os.write(self.task_fd, self.unsent)
        except BlockingIOError:
            return
        except OSError:  # the worker is gone: its result pipe says so
            self.unsent.clear()
            return
        del self.unsent[:n]


class ForkPool:
    """``workers`` forked processes running ``fn`` on tasks; each runs ``initializer(*initargs)`` first."""

    def __init__(self, workers: int, fn: Callable[[Any], Any], initializer: Callable[..., None],
                 initargs: Sequence[Any]) -> None:
        self._fn = fn
        self._init = (initializer, tuple(initargs))
        self._workers: list[_Worker] = []
        for _ in range(workers):
            self._workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        task_r, task_w = os.pipe()
        result_r, result_w = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child's side is seen through its results
            code = 0
            try:
                os.close(task_w)
                os.close(result_r)
                for w in self._workers:  # the other workers' pipes: their ends close only with the parent's
                    os.close(w.task_fd)
                    os.close(w.result_fd)
                self._serve(task_r, result_w)
            except BaseException:
                code = 1
            finally:
                os._exit(code)  # no atexit handlers, no flush of the parent's buffers
        os.close(task_r)
        os.close(result_w)
        os.set_blocking(task_w, False)
        return _Worker(pid, task_w, result_r)

    def _serve(self, task_fd: int, result_fd: int) -> None:
        initializer, initargs = self._init
        initializer(*initargs)
        fn = self._fn
        while True:
            try:
                task = _receive(task_fd)
            except WorkerDied:  # the parent closed the pipe: no more work
                return
            _send(result_fd, fn(task))

    # ------------------------------------------------------------------ parent side
    def map_ordered(self, tasks: Iterator[list[Any]], in_flight: int,
                    died: Callable[[list[Any]], list[Any]]) -> Iterator[list[Any]]:
        """``fn(task)`` for every task, in task order; at most ``in_flight`` tasks per worker are
        sent and not yet handed on (memory stays flat while one worker is slow on a big task).

        A task is a list of parts and ``fn`` returns a list, a result per part. When a worker
        dies, each of its tasks in flight runs again as tasks of one part, each in a fresh
        worker; a part that kills that worker too gets ``died([part])`` (a list, too)."""
        sent: dict[int, Any] = {}
        done: dict[int, Any] = {}
        number = 0
        want = 0
        exhausted = False
        while True:
            # keep every worker busy: the least loaded takes the next task, while the results
            # not yet handed on stay within the window
            while not exhausted and number - want < in_flight * len(self._workers):
                w = min(self._workers, key=lambda x: len(x.in_flight))
                if len(w.in_flight) >= _QUEUED:
                    break
                task = next(tasks, None)
                if task is None:
                    exhausted = True
                    break
                sent[number] = task
                w.in_flight.append(number)
                number += 1
                w.unsent += _framed(task)
                w.flush()
            while want in done:
                sent.pop(want, None)
                yield done.pop(want)
                want += 1
            if want >= number and exhausted:
                return
            busy = {w.result_fd: w for w in self._workers if w.in_flight}
            if not busy:  # every result was handed on: the window has room for more tasks
                continue
            waiting = {w.task_fd: w for w in self._workers if w.unsent}
            ready, writable, _ = select.select(list(busy), list(waiting), [])
            for fd in writable:
                waiting[fd].flush()
            for fd in ready:
                w = busy[fd]
                try:
                    result = _receive(fd)
                except WorkerDied:
                    self._replace(w)
                    for k in w.in_flight:
                        done[k] = self._alone(sent[k], died)
                    continue
                done[w.in_flight.popleft()] = result

    def _alone(self, task: list[Any], died: Callable[[list[Any]], list[Any]]) -> list[Any]:
        """A dead worker's task, part by part, each in a worker of its own (the results joined)."""
        out: list[Any] = []
        for part in ([p] for p in task):
            w = self._spawn()
            try:
                os.set_blocking(w.task_fd, True)  # one unit: nothing else is waited on
                _send(w.task_fd, part)
                out += _receive(w.result_fd)
            except (WorkerDied, OSError):
                out += died(part)
            finally:
                self._stop(w)
        return out

    def _replace(self, dead: _Worker) -> None:
        # out of the list first: a new child closes the live workers' pipes, and the dead one's
        # numbers may already name the new pipes
        k = self._workers.index(dead)
        del self._workers[k]
        self._stop(dead)
        self._workers.insert(k, self._spawn())

    @staticmethod
    def _stop(w: _Worker, kill: bool = False) -> None:
        for fd in (w.task_fd, w.result_fd):
            try:
                os.close(fd)
            except OSError:
                pass
        if kill:
            try:
                os.kill(w.pid, signal.SIGKILL)
            except OSError:
                pass
        try:
            os.waitpid(w.pid, 0)
        except ChildProcessError:
            pass

    def close(self, kill: bool = False) -> None:
        """Wait for the workers to finish (their task pipes close, so they leave), or kill them:
        after Ctrl-C nothing they would still compute is written."""
        workers, self._workers = self._workers, []
        for w in workers:
            self._stop(w, kill)
