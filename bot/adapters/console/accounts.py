"""Analyst accounts and console sessions: argon2 password hashes, hashed session tokens,
expiry, and throttling of repeated failed sign-ins.

The session token lives only in the analyst's cookie; the database keeps its SHA-256, so a copy
of the database opens no session. A client's conversation token is a different secret in a
different table and can never authenticate here.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from bot.core.service import hash_token
from bot.errors import AuthError, ClientInputError, ConflictError, NotFoundError
from bot.settings import Settings
from bot.storage import audit
from bot.storage.models import AnalystSession, User

ROLES = ("analyst", "admin")
MIN_PASSWORD_LENGTH = 12
# last_seen_at feeds "analysts available"; writing it at most once a minute is fresh enough.
SEEN_RESOLUTION = timedelta(minutes=1)


class TooManyAttempts(ClientInputError):
    """Sign-in refused for a while after repeated failures."""

    status_code = 429

    def __init__(self, message: str) -> None:
        super().__init__(message, code="too_many_attempts")


@dataclass(frozen=True)
class Analyst:
    """The signed-in person, as every analyst operation receives it."""

    id: int
    name: str
    display_name: str
    role: str

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def to_json(self) -> dict[str, str | int]:
        return {"id": self.id, "name": self.name, "display_name": self.display_name, "role": self.role}


@dataclass(frozen=True)
class SessionRules:
    """``[console]`` settings."""

    session_hours: float
    max_failed_logins: int
    lockout_minutes: int

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionRules:
        return cls(
            session_hours=settings.get_float("console", "session_hours", minimum=0.01),
            max_failed_logins=settings.get_int("console", "max_failed_logins", minimum=1),
            lockout_minutes=settings.get_int("console", "lockout_minutes", minimum=1),
        )


class Accounts:
    """Users, passwords and sessions."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        rules: SessionRules,
        clock: Callable[[], datetime],
        hasher: PasswordHasher | None = None,
    ) -> None:
        self._sessions = sessions
        self._rules = rules
        self._clock = clock
        self._hasher = hasher or PasswordHasher()
        self._dummy_hash: str | None = None

    # -- accounts -----------------------------------------------------------------------------

    def add_user(self, name: str, *, role: str, password: str, display_name: str | None = None) -> Analyst:
        """Create an account; ConflictError when the name is taken."""
        name = name.strip().lower()
        if not name or len(name) > 120 or any(c.isspace() for c in name):
            raise ClientInputError("A user name is one word of at most 120 characters.", code="bad_name")
        if role not in ROLES:
            raise ClientInputError(f"Unknown role {role!r}; use analyst or admin.", code="bad_role")
        if len(password) < MIN_PASSWORD_LENGTH:
            raise ClientInputError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.", code="weak_password")
        shown = (display_name or name).strip()[:120] or name
        with self._sessions() as session:
            if session.scalars(select(User.id).where(User.name == name)).first() is not None:
                raise ConflictError(f"There is already a user called {name!r}.")
            user = User(
                name=name, display_name=shown, role=role, password_hash=self._hasher.hash(password),
                disabled=False, failed_logins=0, locked_until=None, created_at=self._clock(),
            )
            session.add(user)
            session.commit()
            return _analyst(user)

    def disable_user(self, name: str, *, actor: str) -> None:
        """Refuse the account's sign-ins and end its sessions at once."""
        now = self._clock()
        if name.strip().lower() == actor:
            raise ClientInputError("You cannot disable your own account.", code="own_account")
        with self._sessions() as session:
            user = session.scalars(select(User).where(User.name == name.strip().lower())).one_or_none()
            if user is None:
                raise NotFoundError(f"No user called {name!r}.")
            user.disabled = True
            session.execute(delete(AnalystSession).where(AnalystSession.user_id == user.id))
            audit.record(session, actor=actor, action="disabled_user", now=now, detail=user.name)
            session.commit()

    def analyst_named(self, name: str) -> Analyst | None:
        """An active account by user name: how another analyst channel (a Slack relay) maps its
        people to deskbot analysts before calling :class:`AnalystDesk`."""
        with self._sessions() as session:
            user = session.scalars(select(User).where(User.name == name.strip().lower())).one_or_none()
            return _analyst(user) if user is not None and not user.disabled else None

    def list_users(self) -> list[dict[str, object]]:
        with self._sessions() as session:
            users = session.scalars(select(User).order_by(User.name)).all()
            return [{**_analyst(u).to_json(), "disabled": u.disabled} for u in users]

    # -- sessions -----------------------------------------------------------------------------

    def login(self, name: str, password: str) -> tuple[str, Analyst]:
        """A new session token for a correct name and password.

        AuthError for a wrong pair (the same message whether or not the name exists) or a
        disabled account; TooManyAttempts while the account is locked after repeated failures.
        """
        now = self._clock()
        with self._sessions() as session:
            user = session.scalars(select(User).where(User.name == name.strip().lower())).one_or_none()
            if user is None:
                # Verify against something anyway, so timing does not reveal which names exist.
                self._dummy_hash = self._dummy_hash or self._hasher.hash(secrets.token_urlsafe(16))
                self._verify(self._dummy_hash, password)
                raise AuthError("Wrong user name or password.")
            if user.locked_until is not None and user.locked_until > now:
                raise TooManyAttempts(
                    f"Too many failed sign-ins; try again in {_minutes_until(user.locked_until, now)} minutes."
                )
            if not self._verify(user.password_hash, password):
                self._count_failure(session, user, now)
                session.commit()
                raise AuthError("Wrong user name or password.")
            if user.disabled:
                raise AuthError("This account is disabled; ask an admin.", status_code=403)
            user.failed_logins = 0
            user.locked_until = None
            if self._hasher.check_needs_rehash(user.password_hash):
                user.password_hash = self._hasher.hash(password)
            token = secrets.token_urlsafe(32)
            session.execute(delete(AnalystSession).where(AnalystSession.user_id == user.id, AnalystSession.expires_at <= now))
            session.add(
                AnalystSession(
                    token_hash=hash_token(token), user_id=user.id, created_at=now,
                    expires_at=now + timedelta(hours=self._rules.session_hours), last_seen_at=now,
                )
            )
            audit.record(session, actor=user.name, action="signed_in", now=now)
            session.commit()
            return token, _analyst(user)

    def authenticate(self, token: str | None) -> Analyst:
        """The analyst whose live session ``token`` opens; AuthError (401) otherwise."""
        if not token:
            raise AuthError("Sign in to the console first.")
        now = self._clock()
        with self._sessions() as session:
            row = session.get(AnalystSession, hash_token(token))
            if row is None:
                raise AuthError("Sign in to the console first.")
            user = session.get(User, row.user_id)
            if row.expires_at <= now or user is None or user.disabled:
                session.delete(row)
                session.commit()
                raise AuthError("Your console session has ended; sign in again.")
            if now - row.last_seen_at >= SEEN_RESOLUTION:
                row.last_seen_at = now
                session.commit()
            return _analyst(user)

    def logout(self, token: str | None) -> None:
        if not token:
            return
        now = self._clock()
        with self._sessions() as session:
            row = session.get(AnalystSession, hash_token(token))
            if row is None:
                return
            user = session.get(User, row.user_id)
            session.delete(row)
            if user is not None:
                audit.record(session, actor=user.name, action="signed_out", now=now)
            session.commit()

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _count_failure(self, session: Session, user: User, now: datetime) -> None:
        user.failed_logins += 1
        if user.failed_logins >= self._rules.max_failed_logins:
            user.failed_logins = 0
            user.locked_until = now + timedelta(minutes=self._rules.lockout_minutes)
            audit.record(session, actor=user.name, action="locked_out", now=now, detail="too many failed sign-ins")


def _analyst(user: User) -> Analyst:
    return Analyst(id=user.id, name=user.name, display_name=user.display_name, role=user.role)


def _minutes_until(when: datetime, now: datetime) -> int:
    return max(1, -(-int((when - now).total_seconds()) // 60))
