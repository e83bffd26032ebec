"""Engine and session factory: SQLite tuned for a single embedded server, PostgreSQL by URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.sqlite_writer import SqliteWriteGate


def create_db_engine(url: str) -> Engine:
    """Build the engine; for SQLite create the file's folder and switch on WAL."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # A pool as large as the server's worker threads: an overflow connection is closed on
        # return, and reopening one (with its PRAGMAs) on every turn costs more than the turn.
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=40, max_overflow=20
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        SqliteWriteGate(engine)
        return engine
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)


def read_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions for reads only: on SQLite they don't take the write lock, so a read made while
    a turn's write transaction is open (e.g. analyst presence) never waits for it."""
    return sessionmaker(engine.execution_options(deskbot_readonly=True), expire_on_commit=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside the writer; NORMAL sync is durable across a process kill
    # (kill -9), which is the failure the embedded default must survive.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()

