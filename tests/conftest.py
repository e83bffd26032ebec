"""Shared fixtures: a clean environment, a fresh database per test (SQLite, or PostgreSQL when
``DESKBOT_TEST_DATABASE_URL`` is set), a controllable clock, and the real services."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import Services, build_services
from bot.settings import Settings, load_settings
from bot.storage import migrate
from bot.storage.database import create_db_engine
from bot.storage.models import Base

pytest_plugins = ["tests.console_client"]

PG_URL = os.environ.get("DESKBOT_TEST_DATABASE_URL", "")
# Tuesday 17 Nov 2026, 10:00 in Chicago (CST, UTC-6): the desk is open.
BUSINESS_HOURS = datetime(2026, 11, 17, 16, 0, tzinfo=UTC)


class FakeClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No DESKBOT_* or SLACK_* variable from the developer's shell leaks into a test."""
    for name in list(os.environ):
        if (name.startswith("DESKBOT_") and name != "DESKBOT_TEST_DATABASE_URL") or name.startswith("SLACK_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "deskbot.sqlite3"
    engine = create_db_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _postgres_ready() -> bool:
    if not PG_URL:
        return False
    engine = create_db_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()
    return True


@pytest.fixture
def database_url(tmp_path: Path, _sqlite_template: Path, _postgres_ready: bool) -> Iterator[str]:
    """A database at the newest schema with no rows but the ticket counter."""
    if _postgres_ready:
        engine = create_db_engine(PG_URL)
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            conn.execute(text("INSERT INTO counters (name, value) VALUES ('ticket', 0)"))
        engine.dispose()
        yield PG_URL
        return
    path = tmp_path / "deskbot.sqlite3"
    shutil.copyfile(_sqlite_template, path)
    yield f"sqlite:///{path}"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(BUSINESS_HOURS)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return load_settings(environ={}, overrides={"database": {"url": database_url}})


@pytest.fixture
def services(settings: Settings, clock: FakeClock) -> Iterator[Services]:
    built = build_services(settings, clock=clock)
    yield built
    built.close()
