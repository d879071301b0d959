"""Work beside the main thread that never keeps the process alive.

A keyring call can wait forever (a locked collection whose unlock prompt never
completes, a D-Bus peer that never answers), and a thread blocked in it cannot be
stopped. Python waits for every non-daemon thread at exit, and so do
`concurrent.futures` (an atexit join of its workers) and `asyncio.run` (it shuts down
the loop's default executor, where Textual's thread workers run, without a time
limit). So every thread cardoff-tui starts for such work is a daemon thread, made
here: the process ends when its own work is done, and a stuck call is left behind.

No Textual here (the store, secrets and command line use it too).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class NoAnswer(TimeoutError):
    """A call made with `call_with_timeout` did not answer in time (it is still running)."""


class DaemonExecutor(ThreadPoolExecutor):
    """An executor that runs each call in a daemon thread of its own.

    For the asyncio loop the app runs on (`loop.set_default_executor`, which takes only
    a ThreadPoolExecutor: hence the base class, whose own pool of non-daemon threads
    is never used). Textual's thread workers run in it, so a worker stuck in a keyring
    call no longer holds up the exit. `join(timeout)` lets work that is nearly done (a
    save) finish first.
    """

    def __init__(self, name: str = "cardoff-background") -> None:
        super().__init__(max_workers=1, thread_name_prefix=name)
        self._name = name
        self._running: set[threading.Thread] = set()
        self._guard = threading.Lock()
        self._count = 0

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()

        def run() -> None:
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        result = fn(*args, **kwargs)
                    except BaseException as exc:  # handed to whoever waits on the future
                        future.set_exception(exc)
                    else:
                        future.set_result(result)
            finally:
                with self._guard:
                    self._running.discard(threading.current_thread())

        with self._guard:
            self._count += 1
            thread = threading.Thread(target=run, name=f"{self._name}-{self._count}", daemon=True)
            self._running.add(thread)
        thread.start()
        return future

    def join(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the calls under way to end; True if they all
        did (the others are left running, as daemon threads)."""
        deadline = time.monotonic() + timeout
        with self._guard:
            threads = list(self._running)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return not any(thread.is_alive() for thread in threads)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to stop: a call under way ends by itself or is abandoned at exit.
        `wait` is not honoured (it could wait forever); use `join` with a time limit."""


def call_with_timeout(fn: Callable[[], T], timeout: float, name: str = "cardoff-call") -> T:
    """`fn()` in a daemon thread; its result or its exception, or NoAnswer after
    `timeout` seconds (the call is then left running, and cannot keep the process alive).
    """
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(fn())
        except BaseException as exc:  # raised again in the caller's thread
            future.set_exception(exc)

    threading.Thread(target=run, name=name, daemon=True).start()
    try:
        return future.result(timeout=timeout)
    except TimeoutError:
        if future.done():
            raise  # fn's own TimeoutError
        raise NoAnswer(f"no answer in {timeout:g} s") from None
