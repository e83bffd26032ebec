"""Console accounts: argon2 hashes, throttled sign-in, session expiry, disabled accounts,
presence for "analysts available", and the ``deskbot user`` command."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from bot.adapters.console.accounts import Accounts, SessionRules
from bot.app import Services
from bot.cli import main
from bot.errors import ClientInputError, ConflictError
from bot.storage.models import AuditEntry, User
from bot.storage.presence import SqlPresence
from tests.conftest import FakeClock
from tests.console_client import PASSWORD, Desk


def test_repeated_failed_sign_ins_lock_the_account_for_a_while(desk: Desk, clock: FakeClock) -> None:
    http = desk.http()
    for _ in range(5):
        assert http.post("/api/console/login", json={"name": "ana", "password": "guessing-again-1"}).status_code == 401
    locked = http.post("/api/console/login", json={"name": "ana", "password": PASSWORD})
    assert locked.status_code == 429 and locked.json()["error"]["code"] == "too_many_attempts"
    assert "15 minutes" in locked.json()["error"]["message"]
    clock.advance(minutes=15)
    assert http.post("/api/console/login", json={"name": "ana", "password": PASSWORD}).status_code == 200
    with desk.services.sessions() as session:
        assert session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "ana")).all() == ["locked_out", "signed_in"]


def test_sessions_expire_after_the_configured_hours(desk: Desk, clock: FakeClock) -> None:
    ana = desk.analyst("ana")
    clock.advance(hours=11, minutes=59)
    assert ana.get("/api/console/me").status_code == 200
    clock.advance(minutes=1)
    expired = ana.get("/api/console/me")
    assert expired.status_code == 401 and "sign in again" in expired.json()["error"]["message"]


def test_admins_disable_accounts_which_ends_their_sessions(desk: Desk) -> None:
    ana, root = desk.analyst("ana"), desk.analyst("root")
    assert ana.post("/api/console/users/ben/disable", json={}).status_code == 403
    assert root.post("/api/console/users/root/disable", json={}).status_code == 400
    assert root.post("/api/console/users/ana/disable", json={}).status_code == 200
    assert ana.get("/api/console/me").status_code == 401
    refused = desk.http().post("/api/console/login", json={"name": "ana", "password": PASSWORD})
    assert refused.status_code == 403
    users = {u["name"]: u["disabled"] for u in root.get("/api/console/users").json()["users"]}
    assert users == {"ana": True, "ben": False, "root": False}
    accounts = desk.app.state.console.accounts
    assert accounts.analyst_named("ana") is None, "a relay in another channel must not act as a disabled analyst"
    assert accounts.analyst_named("Ben").display_name == "Ben Okafor"


def test_a_console_request_marks_the_analyst_present(desk: Desk, clock: FakeClock) -> None:
    presence = SqlPresence(desk.services.sessions, desk.services.calendar)
    assert not presence.analysts_available(clock())
    ana = desk.analyst("ana")
    assert presence.analysts_available(clock())
    clock.advance(minutes=16)
    assert not presence.analysts_available(clock()), "no console activity for 15 minutes"
    ana.get("/api/console/queue")
    assert presence.analysts_available(clock())
    clock.advance(hours=8)  # 18:00 in Chicago: the desk is closed
    assert not presence.analysts_available(clock())


def test_accounts_keep_only_argon2_hashes_and_refuse_weak_input(services: Services) -> None:
    accounts = Accounts(services.sessions, rules=SessionRules.from_settings(services.settings), clock=services.clock)
    made = accounts.add_user("Dana", role="admin", password="a long enough secret", display_name="Dana Wu")
    assert (made.name, made.display_name, made.is_admin) == ("dana", "Dana Wu", True)
    with services.sessions() as session:
        stored = session.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and "a long enough secret" not in stored
    with pytest.raises(ConflictError):
        accounts.add_user("dana", role="analyst", password="another long secret")
    for name, role, password in (("eve", "analyst", "short"), ("eve", "superuser", "a long enough secret"), ("two words", "analyst", "a long enough secret")):
        with pytest.raises(ClientInputError):
            accounts.add_user(name, role=role, password=password)


def test_user_command_reads_the_password_from_stdin(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DESKBOT_DATABASE_URL", database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("hunter2 is not long enough\n"))
    assert main(["user", "add", "Kim", "--role", "analyst", "--display-name", "Kim Tran"]) == 0
    assert "created analyst kim (Kim Tran)" in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["user", "add", "lee", "--role", "analyst"]) == 1
    assert "at least 12" in capsys.readouterr().err
    assert main(["user", "disable", "kim"]) == 0
    assert main(["user", "list"]) == 0
    assert "kim\tanalyst\tdisabled\tKim Tran" in capsys.readouterr().out
    assert main(["user", "disable", "nobody"]) == 1
