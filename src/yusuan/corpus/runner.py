"""Run one function over many tasks, each in a child process that can be killed.

:func:`run_local`: at most ``workers`` children at once, one task per child (a crash, a leak or
a hang ends with the child), each under an address-space limit (``RLIMIT_AS``) and a wall-clock
limit after which the child is killed. Children are started by a fork server that has imported
yusuan once, so a task costs a fork, not an import.

:func:`run_dask`: the same tasks submitted to an existing ``dask.distributed`` scheduler; the
results come back to the caller (only the parent writes the database). A task past its time is
cancelled and recorded as timed out (bound a worker's memory with ``dask worker --memory-limit``).

Both yield ``(index, outcome)`` as tasks finish: ``("ok", value)``, ``("failed", (type, message))``
or ``("timeout", None)``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, cast

__all__ = ["Outcome", "run_dask", "run_local"]

Outcome = tuple[str, Any]


def _limit_memory(mb: int) -> None:
    if mb <= 0:
        return
    try:
        import resource

        limit = mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this system: unbounded
        pass


def _child(fn: Callable[[Any], Any], task: Any, conn: Connection, memory_mb: int) -> None:
    import signal

    # Ctrl-C is the parent's to handle (it kills the children and writes nothing half-done): a
    # child interrupted too would report its document as failed, and a re-run would skip it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _limit_memory(memory_mb)
    try:
        result: Outcome = ("ok", fn(task))
    except MemoryError:
        result = ("failed", ("MemoryError", f"over the memory limit of {memory_mb} MB"))
    except BaseException as exc:  # noqa: BLE001 - every fault of one document is recorded, never raised
        result = ("failed", (type(exc).__name__, str(exc)[:2000]))
    try:
        conn.send(result)
    except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled
        conn.send(("failed", (type(exc).__name__, f"result not sent: {exc}"[:2000])))
    conn.close()


def _context() -> Any:
    if sys.platform.startswith("linux"):
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["yusuan.corpus.work", "yusuan.api", "yusuan.checks"])
        return ctx
    return mp.get_context("spawn")


def run_local(
    fn: Callable[[Any], Any], tasks: Sequence[Any], workers: int, timeout: float, memory_mb: int
) -> Iterator[tuple[int, Outcome]]:
    ctx = _context()
    pending = list(range(len(tasks)))[::-1]
    running: dict[Connection, tuple[int, Any, float]] = {}
    workers = max(1, workers)
    try:
        while pending or running:
            while pending and len(running) < workers:
                i = pending.pop()
                recv, send = ctx.Pipe(duplex=False)
                proc = ctx.Process(target=_child, args=(fn, tasks[i], send, memory_mb), daemon=True)
                proc.start()
                send.close()
                running[recv] = (i, proc, time.monotonic())
            now = time.monotonic()
            nearest = min(start + timeout for _, _, start in running.values()) - now if timeout > 0 else None
            ready = wait(list(running), timeout=None if nearest is None else max(0.0, nearest))
            for ready_conn in ready:
                conn = cast(Connection, ready_conn)
                i, proc, _ = running.pop(conn)
                try:
                    outcome: Outcome = conn.recv()
                except (EOFError, OSError):
                    proc.join(5)
                    code = proc.exitcode
                    why = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
                    outcome = ("failed", ("WorkerDied", f"the worker process ended without a result ({why})"))
                conn.close()
                proc.join()
                yield i, outcome
            if timeout > 0:
                now = time.monotonic()
                for conn, (i, proc, start) in list(running.items()):
                    if now - start >= timeout:
                        proc.kill()
                        proc.join()
                        conn.close()
                        del running[conn]
                        yield i, ("timeout", None)
    finally:
        for conn, (_, proc, _) in running.items():
            proc.kill()
            proc.join()
            conn.close()


def _dask_call(fn: Callable[[Any], Any], task: Any) -> Outcome:
    try:
        return ("ok", fn(task))
    except MemoryError:
        return ("failed", ("MemoryError", "out of memory on the dask worker"))
    except Exception as exc:  # noqa: BLE001 - recorded per document
        return ("failed", (type(exc).__name__, str(exc)[:2000]))


def run_dask(fn: Callable[[Any], Any], tasks: Sequence[Any], address: Any, timeout: float) -> Iterator[tuple[int, Outcome]]:
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
            nearest = min(s + timeout for _, s in running.values()) - time.monotonic() if timeout > 0 else None
            try:
                done, _ = dwait(list(running), timeout=None if nearest is None else max(0.05, nearest), return_when="FIRST_COMPLETED")
            except TimeoutError:
                done = set()
            for fut in done:
                i, _ = running.pop(fut)
                try:
                    yield i, fut.result()
                except Exception as exc:  # noqa: BLE001 - the worker died or the task was lost
                    yield i, ("failed", (type(exc).__name__, str(exc)[:2000]))
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
