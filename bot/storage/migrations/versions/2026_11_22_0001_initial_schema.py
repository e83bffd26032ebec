"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import bot.storage.types

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=True),
    sa.Column('ticket_number', sa.String(length=20), nullable=True),
    sa.Column('detail', sa.Text(), nullable=True),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_conversation_id'), ['conversation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_ticket_number'), ['ticket_number'], unique=False)

    op.create_table('counters',
    sa.Column('name', sa.String(length=32), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('processed_events',
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('event_id', sa.String(length=200), nullable=False),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('source', 'event_id')
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('display_name', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('analyst_sessions',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash')
    )
    with op.batch_alter_table('analyst_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_analyst_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('conversations',
    sa.Column('id', sa.String(length=32), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('channel_ref', sa.String(length=200), nullable=True),
    sa.Column('client_ref', sa.String(length=200), nullable=True),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('state', sa.JSON(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.Column('wants_person', sa.Boolean(), nullable=False),
    sa.Column('held_by', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['held_by'], ['users.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('channel', 'channel_ref', name='uq_conversations_channel_ref')
    )
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.create_index('ix_conversations_status_updated', ['status', 'updated_at'], unique=False)

    op.create_table('kb_queries',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('query', sa.Text(), nullable=False),
    sa.Column('result_count', sa.Integer(), nullable=False),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kb_queries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_queries_conversation_id'), ['conversation_id'], unique=False)

    op.create_table('messages',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('author', sa.String(length=16), nullable=False),
    sa.Column('author_name', sa.String(length=120), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('expects', sa.String(length=32), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('internal', sa.Boolean(), nullable=False),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('conversation_id', 'seq', name='uq_messages_conversation_seq')
    )
    op.create_table('tickets',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('number', sa.String(length=20), nullable=False),
    sa.Column('conversation_id', sa.String(length=32), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('priority', sa.String(length=16), nullable=False),
    sa.Column('assessed_priority', sa.String(length=16), nullable=False),
    sa.Column('after_hours', sa.Boolean(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('filed_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('first_response_due', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_update_due', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolution_due', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('first_responded_at', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('waiting_since', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_at', bot.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('assigned_to', sa.Integer(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('updated_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['assigned_to'], ['users.id'], ),
    sa.ForeignKeyConstraint(['conversation_id'], ['conversations.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('conversation_id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.create_index('ix_tickets_status_priority', ['status', 'priority'], unique=False)

    op.create_table('kb_suggestions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('query_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=200), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['query_id'], ['kb_queries.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('kb_suggestions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kb_suggestions_query_id'), ['query_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_kb_suggestions_slug'), ['slug'], unique=False)

    op.create_table('ticket_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('from_value', sa.String(length=120), nullable=True),
    sa.Column('to_value', sa.String(length=120), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ticket_events_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('timer_marks',
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('due_at', sa.String(length=40), nullable=False),
    sa.Column('created_at', bot.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['tickets.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('ticket_id', 'kind', 'due_at')
    )
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.Integer))
    op.bulk_insert(counters, [{"name": "ticket", "value": 0}])


def downgrade() -> None:
    op.drop_table('timer_marks')
    with op.batch_alter_table('ticket_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ticket_events_ticket_id'))

    op.drop_table('ticket_events')
    with op.batch_alter_table('kb_suggestions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_suggestions_slug'))
        batch_op.drop_index(batch_op.f('ix_kb_suggestions_query_id'))

    op.drop_table('kb_suggestions')
    with op.batch_alter_table('tickets', schema=None) as batch_op:
        batch_op.drop_index('ix_tickets_status_priority')

    op.drop_table('tickets')
    op.drop_table('messages')
    with op.batch_alter_table('kb_queries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kb_queries_conversation_id'))

    op.drop_table('kb_queries')
    with op.batch_alter_table('conversations', schema=None) as batch_op:
        batch_op.drop_index('ix_conversations_status_updated')

    op.drop_table('conversations')
    with op.batch_alter_table('analyst_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_analyst_sessions_user_id'))

    op.drop_table('analyst_sessions')
    op.drop_table('users')
    op.drop_table('processed_events')
    op.drop_table('counters')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_ticket_number'))
        batch_op.drop_index(batch_op.f('ix_audit_log_conversation_id'))

    op.drop_table('audit_log')
