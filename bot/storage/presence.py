"""Whether analysts can take a conversation now: the desk is open and someone is signed in."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.storage.models import AnalystSession
from bot.triage.calendar import BusinessCalendar

ACTIVE_WITHIN = timedelta(minutes=15)


class SqlPresence:
    """Implements :class:`bot.core.ports.Presence` from console sessions."""

    def __init__(self, sessions: sessionmaker[Session], calendar: BusinessCalendar) -> None:
        self._sessions = sessions
        self._calendar = calendar

    def analysts_available(self, now: datetime) -> bool:
        if not self._calendar.is_open(now):
            return False
        with self._sessions() as session:
            found = session.scalars(
                select(AnalystSession.token_hash)
                .where(AnalystSession.expires_at > now, AnalystSession.last_seen_at > now - ACTIVE_WITHIN)
                .limit(1)
            ).first()
        return found is not None
