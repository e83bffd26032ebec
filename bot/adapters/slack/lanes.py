"""Ordered background work: jobs with the same key run one after another, in arrival order.

Slack must get its HTTP ack within 3 seconds, and it retries otherwise, so listeners only ack and
hand the work here (the engine turn and the Web API calls take longer). One queue per lane keeps
the messages of one conversation in order — two quick messages from a client are answered in the
order they were typed — while different conversations proceed in parallel.
"""

from __future__ import annotations

import logging
import queue
import threading
import zlib
from collections.abc import Callable

log = logging.getLogger("deskbot.slack.lanes")
Job = Callable[[], None]


class Lanes:
    """A fixed set of worker threads, each draining its own queue."""

    def __init__(self, *, count: int = 8, name: str = "slack") -> None:
        self._queues: list[queue.Queue[Job | None]] = [queue.Queue() for _ in range(count)]
        self._threads = [
            threading.Thread(target=self._run, args=(q,), name=f"{name}-lane-{i}", daemon=True)
            for i, q in enumerate(self._queues)
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, key: str, job: Job) -> None:
        """Queue ``job`` behind earlier jobs with the same ``key``."""
        self._queues[zlib.crc32(key.encode()) % len(self._queues)].put(job)

    def close(self, *, timeout: float = 5.0) -> None:
        """Finish queued jobs (within ``timeout`` per lane) and stop the threads."""
        for q in self._queues:
            q.put(None)
        for thread in self._threads:
            thread.join(timeout=timeout)

    @staticmethod
    def _run(jobs: queue.Queue[Job | None]) -> None:
        while True:
            job = jobs.get()
            try:
                if job is None:
                    return
                job()
            except Exception:
                log.exception("slack background job failed")
            finally:
                jobs.task_done()
