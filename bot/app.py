"""The composition root: every long-lived object is built here from settings, nowhere else."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.adapters.alerts import OnCallAlerts
from bot.core.bus import MessageBus
from bot.core.engine import IntakeEngine
from bot.core.extract import extract_facts
from bot.core.filing import TicketFiler
from bot.core.service import ConversationService
from bot.jobs.timers import TicketTimers, TimerSettings
from bot.kb.library import KnowledgeBase
from bot.rendering.templates import Templates
from bot.settings import Settings
from bot.storage.database import create_db_engine, read_session_factory, session_factory
from bot.storage.presence import SqlPresence
from bot.storage.unit_of_work import SqlUnitOfWork
from bot.triage.calendar import BusinessCalendar
from bot.triage.rules import assess
from bot.triage.sla import SlaPolicy


def system_clock() -> datetime:
    """The real time, aware, in UTC."""
    return datetime.now(UTC)


@dataclass
class Services:
    """Everything the adapters and commands use."""

    settings: Settings
    db: Engine
    sessions: sessionmaker[Session]
    kb: KnowledgeBase
    calendar: BusinessCalendar
    sla: SlaPolicy
    templates: Templates
    bus: MessageBus
    alerts: OnCallAlerts
    conversations: ConversationService
    timers: TicketTimers
    clock: Callable[[], datetime]

    def close(self) -> None:
        self.db.dispose()


def build_services(settings: Settings, *, clock: Callable[[], datetime] = system_clock) -> Services:
    """Build the whole object graph; raises ConfigError on an invalid setting."""
    calendar = BusinessCalendar.from_config(settings.section("calendar"))
    sla = SlaPolicy.from_config(settings.section("sla"), settings.section("after_hours"), calendar)
    kb_settings = settings.section("kb")
    vocabulary = Path(settings.get_str("kb", "vocabulary")) if kb_settings.get("vocabulary") else None
    kb = KnowledgeBase.load(settings.get_path("kb", "dir"), vocabulary_path=vocabulary)
    templates = Templates(settings.get_path("templates", "dir"), timezone=calendar.tz, desk=settings.section("desk"))
    db = create_db_engine(settings.database_url)
    sessions = session_factory(db)
    read_sessions = read_session_factory(db)
    bus = MessageBus()
    alerts = OnCallAlerts()
    filer = TicketFiler(
        sla=sla,
        alerts=alerts,
        alert_on_call=settings.get_bool("after_hours", "alert_on_call"),
        targets=settings.section("sla"),
    )
    public_url = settings.get_str("server", "public_url").rstrip("/")
    engine = IntakeEngine(
        kb=kb,
        templates=templates,
        calendar=calendar,
        presence=SqlPresence(read_sessions, calendar),
        filer=filer,
        extract=extract_facts,
        assess=assess,
        article_url=partial(_article_url, public_url),
        max_suggestions=settings.get_int("kb", "max_suggestions", minimum=1, maximum=10),
    )
    prefix = settings.get_str("desk", "ticket_prefix")
    conversations = ConversationService(
        uow=lambda: SqlUnitOfWork(sessions, ticket_prefix=prefix),
        read_uow=lambda: SqlUnitOfWork(read_sessions, ticket_prefix=prefix),
        engine=engine,
        templates=templates,
        bus=bus,
        clock=clock,
        max_text_length=settings.get_int("intake", "max_text_length", minimum=1),
    )
    timers = TicketTimers(
        sessions=sessions, templates=templates, bus=bus, settings=TimerSettings.from_settings(settings), ticket_prefix=prefix
    )
    return Services(
        settings=settings, db=db, sessions=sessions, kb=kb, calendar=calendar, sla=sla, templates=templates,
        bus=bus, alerts=alerts, conversations=conversations, timers=timers, clock=clock,
    )


def _article_url(public_url: str, slug: str) -> str:
    return f"{public_url}/kb/{slug}"
