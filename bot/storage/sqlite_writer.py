"""One writer at a time on an SQLite file, queued in-process instead of in SQLite's busy handler.

SQLite admits one write transaction at a time. When threads of one process contend for it,
SQLite's busy handler makes the losers sleep in growing steps (1, 2, 5 … 100 ms), which turns a
burst of chat turns into long tail latencies. Writers of this process therefore queue on a plain
lock taken at BEGIN and released right after COMMIT or ROLLBACK; the busy handler is left to
arbitrate only between processes. Read-only connections (``deskbot_readonly``) take no lock.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, event

_HOLDS = "deskbot_holds_write_lock"


class SqliteWriteGate:
    """Installs the begin/commit/rollback hooks on one engine."""

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)
        event.listen(engine.pool, "reset", self._reset)
        event.listen(engine.pool, "checkin", self._checkin)

    def _begin(self, connection: Any) -> None:
        if connection.get_execution_options().get("deskbot_readonly", False):
            connection.exec_driver_sql("BEGIN")
            return
        self._lock.acquire()
        connection.info[_HOLDS] = True
        try:
            # IMMEDIATE: take SQLite's write lock now, so a writer never fails on lock upgrade
            # (SQLITE_BUSY_SNAPSHOT in WAL mode) after it has read.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            self._release(connection.info)
            raise

    def _commit(self, connection: Any) -> None:
        # End the transaction here, so the lock is released only once it is durable; the
        # driver's own commit() that follows finds no open transaction and does nothing.
        self._end(connection, "COMMIT")

    def _rollback(self, connection: Any) -> None:
        self._end(connection, "ROLLBACK")

    def _end(self, connection: Any, statement: str) -> None:
        try:
            if connection.connection.dbapi_connection.in_transaction:
                connection.exec_driver_sql(statement)
        finally:
            self._release(connection.info)

    def _reset(self, dbapi_connection: Any, connection_record: Any, reset_state: Any) -> None:
        self._release(connection_record.info)

    def _checkin(self, dbapi_connection: Any, connection_record: Any) -> None:
        self._release(connection_record.info)

    def _release(self, info: dict[str, Any]) -> None:
        if info.pop(_HOLDS, False):
            self._lock.release()
