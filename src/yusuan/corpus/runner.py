"""Run one function over many tasks in worker processes that can be killed.

:func:`run_local`: at most ``workers`` worker processes at once, each under an address-space
limit (``RLIMIT_AS``); a task past its wall-clock limit has its worker killed. A worker is
started by a fork server that has imported yusuan once and then runs task after task, so its
imports and caches (compiled patterns, templates, the PDF library) are made once per worker, not
once per document, as in ``yusuan check`` over many files. A crash, a hang or running out of
memory ends that worker only: its task is recorded and a fresh worker takes the next one. A
worker is replaced after ``max_tasks`` tasks (a slow leak of the reader cannot build up).

:func:`run_dask`: the same tasks submitted to an existing ``dask.distributed`` scheduler; the
results come back to the caller (only the parent writes the database). A task past its time is
cancelled and recorded as timed out (bound a worker's memory with ``dask worker --memory-limit``).

Both yield ``(index, outcome)`` as tasks finish: ``("ok", value)``, ``("failed", (type, message))``
or ``("timeout", None)``; given a :class:`RunStats`, they add the CPU time the workers spent.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

__all__ = ["MAX_TASKS", "Outcome", "RunStats", "run_dask", "run_local"]

Outcome = tuple[str, Any]

#: tasks a local worker runs before it is replaced by a fresh one
MAX_TASKS = 100


@dataclass(slots=True)
class RunStats:
    """CPU seconds spent by the workers (user + system), for benchmarks and the batch summary."""

    #: per task, in the worker: taking the task, the work, packing the result
    task_cpu: float = 0.0
    tasks: int = 0
    #: whole workers, from their start (imports) to their end; only workers that ended cleanly
    worker_cpu: float = 0.0
    workers: int = 0  # workers started (local) or 0 (Dask: the cluster's, not ours)


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    try:
        import resource

        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this system: unbounded
        pass


def reset_peak_memory() -> None:
    """Start measuring this process's peak memory again (Linux: /proc/self/clear_refs), so that a
    worker reports each task's peak, not the largest of all its tasks so far."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _worker(fn: Callable[[Any], Any], conn: Connection, memory_mb: int, max_tasks: int) -> None:
    import signal

    # Ctrl-C is the parent's to handle (it kills the workers and writes nothing half-done): a
    # worker interrupted too would report its document as failed, and a re-run would skip it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)
    done = 0
    while True:
        start = _cpu()
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break
        if task is None:  # the parent is done: say what this worker cost, and end
            conn.send(("bye", _cpu()))
            break
        reset_peak_memory()
        last = False
        try:
            result: Outcome = ("ok", fn(task))
        except MemoryError:
            result = ("failed", ("MemoryError", f"over the memory limit of {memory_mb} MB"))
            last = True  # what was half made may be anywhere: a fresh worker for the next task
        except BaseException as exc:  # noqa: BLE001 - every fault of one document is recorded, never raised
            result = ("failed", (type(exc).__name__, str(exc)[:2000]))
        try:
            payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled
            payload = pickle.dumps(("failed", (type(exc).__name__, f"result not sent: {exc}"[:2000])))
        done += 1
        last = last or done >= max_tasks
        conn.send(("done", _cpu() - start, payload, _cpu() if last else None))
        if last:
            break
    conn.close()


def _context() -> Any:
    if sys.platform.startswith("linux"):
        ctx = mp.get_context("forkserver")
        # everything a task imports, the PDF library included: a worker starts with it
        ctx.set_forkserver_preload(
            [
                "yusuan.corpus.work",
                "yusuan.api",
                "yusuan.checks",
                "yusuan.ingest.pdf",
                "yusuan.ingest.pdfguard",
                "pypdfium2",
                "pypdfium2.raw",
                "yusuan.facts",
                "yusuan.narrative.metrics",
                "yusuan.report.writers",
            ]
        )
        return ctx
    return mp.get_context("spawn")


@dataclass(slots=True)
class _Slot:
    proc: Any
    conn: Connection
    task: int = -1  # the task it runs; -1: idle
    start: float = 0.0


def _earliest(*seconds: float | None) -> float | None:
    """The shortest of the given waits (None: no limit)."""
    given = [s for s in seconds if s is not None]
    return min(given) if given else None


def run_local(
    fn: Callable[[Any], Any],
    tasks: Sequence[Any],
    workers: int,
    timeout: float,
    memory_mb: int,
    stats: RunStats | None = None,
    max_tasks: int | None = None,
    idle: Callable[[], float | None] | None = None,
) -> Iterator[tuple[int, Outcome]]:
    """``idle``: called when no result is ready and the runner is about to wait for one (the
    batch commits then what it has gathered); it returns None, or the seconds after which it
    wants to be called again if still no result has come."""
    ctx = _context()
    max_tasks = max(1, MAX_TASKS if max_tasks is None else max_tasks)
    stats = stats if stats is not None else RunStats()
    pending = list(range(len(tasks)))[::-1]
    slots: list[_Slot] = []
    workers = max(1, workers)

    def end(slot: _Slot, kill: bool) -> None:
        slots.remove(slot)
        if kill:
            slot.proc.kill()
        slot.proc.join()
        slot.conn.close()

    def died(slot: _Slot) -> Outcome:
        slot.proc.join(5)
        code = slot.proc.exitcode
        why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return ("failed", ("WorkerDied", f"the worker process ended without a result ({why})"))

    try:
        while pending or any(s.task >= 0 for s in slots):
            # a task to every idle worker, then new workers up to the limit
            for slot in [s for s in slots if s.task < 0]:
                if not pending:
                    break
                i = pending.pop()
                try:
                    slot.conn.send(tasks[i])
                except (BrokenPipeError, OSError):  # the worker ended meanwhile: the task goes to another
                    pending.append(i)
                    end(slot, kill=True)
                    continue
                slot.task, slot.start = i, time.monotonic()
            while pending and len(slots) < workers:
                here, there = ctx.Pipe(duplex=True)
                proc = ctx.Process(target=_worker, args=(fn, there, memory_mb, max_tasks), daemon=True)
                proc.start()
                there.close()
                stats.workers += 1
                slot = _Slot(proc, here)
                slots.append(slot)
                i = pending.pop()
                slot.conn.send(tasks[i])
                slot.task, slot.start = i, time.monotonic()
            busy = [s for s in slots if s.task >= 0]
            if not busy:
                continue
            now = time.monotonic()
            nearest = min(s.start + timeout for s in busy) - now if timeout > 0 else None
            conns = [s.conn for s in busy]
            ready = wait(conns, timeout=0)
            if not ready:
                due = idle() if idle is not None else None
                left = None if nearest is None else max(0.0, nearest - (time.monotonic() - now))
                # nothing ready when `due` is over: the loop comes round and calls idle again
                ready = wait(conns, timeout=_earliest(left, due))
            for slot in [s for s in busy if s.conn in ready]:
                i = slot.task
                slot.task = -1
                try:
                    _, cpu, payload, total = slot.conn.recv()
                    outcome: Outcome = pickle.loads(payload)
                except (EOFError, OSError):
                    outcome = died(slot)
                    end(slot, kill=False)
                else:
                    stats.task_cpu += cpu
                    stats.tasks += 1
                    if total is not None:  # the worker's last task: it ends by itself
                        stats.worker_cpu += total
                        end(slot, kill=False)
                yield i, outcome
            if timeout > 0:
                now = time.monotonic()
                for slot in [s for s in slots if s.task >= 0 and now - s.start >= timeout]:
                    i = slot.task
                    end(slot, kill=True)
                    yield i, ("timeout", None)
    finally:
        for slot in list(slots):
            said = False
            if slot.task < 0:  # idle: asked to end, and what it cost
                try:
                    slot.conn.send(None)
                    if slot.conn.poll(10):
                        _, total = slot.conn.recv()
                        stats.worker_cpu += total
                        said = True
                except (EOFError, OSError):
                    pass
            end(slot, kill=not said)


def _dask_call(fn: Callable[[Any], Any], task: Any) -> tuple[Outcome, float]:
    """The outcome and the CPU seconds of this thread (a Dask worker runs tasks in threads)."""
    start = time.thread_time()
    try:
        outcome: Outcome = ("ok", fn(task))
    except MemoryError:
        outcome = ("failed", ("MemoryError", "out of memory on the dask worker"))
    except Exception as exc:  # noqa: BLE001 - recorded per document
        outcome = ("failed", (type(exc).__name__, str(exc)[:2000]))
    return outcome, time.thread_time() - start


def run_dask(
    fn: Callable[[Any], Any],
    tasks: Sequence[Any],
    address: Any,
    timeout: float,
    stats: RunStats | None = None,
    idle: Callable[[], float | None] | None = None,
) -> Iterator[tuple[int, Outcome]]:
    """``address``: a scheduler address (``tcp://host:8786``) or a ``distributed.Client``."""
    from distributed import Client
    from distributed import wait as dwait

    # distributed.wait works through the default client: ours is that while the batch runs
    client = address if isinstance(address, Client) else Client(address)
    try:
        slots = max(1, sum(client.nthreads().values()))
        pending = list(range(len(tasks)))[::-1]
        running: dict[Any, tuple[int, float]] = {}
        while pending or running:
            while pending and len(running) < slots * 2:
                i = pending.pop()
                fut = client.submit(_dask_call, fn, tasks[i], pure=False, key=f"yusuan-{os.getpid()}-{i}-{time.monotonic_ns()}")
                running[fut] = (i, time.monotonic())
            due = idle() if idle is not None and not any(f.done() for f in running) else None
            nearest = min(s + timeout for _, s in running.values()) - time.monotonic() if timeout > 0 else None
            until = _earliest(None if nearest is None else max(0.05, nearest), due)
            try:
                done, _ = dwait(list(running), timeout=until, return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            for fut in done:
                i, _ = running.pop(fut)
                try:
                    outcome, cpu = fut.result()
                except Exception as exc:  # noqa: BLE001 - the worker died or the task was lost
                    yield i, ("failed", (type(exc).__name__, str(exc)[:2000]))
                    continue
                if stats is not None:
                    stats.task_cpu += cpu
                    stats.tasks += 1
                yield i, outcome
            if timeout > 0:
                now = time.monotonic()
                for fut, (i, start) in list(running.items()):
                    if now - start >= timeout * 2:  # queued and running: twice the limit before giving up
                        fut.cancel()
                        del running[fut]
                        yield i, ("timeout", None)
    finally:
        if client is not address:
            client.close()
