"""shared inbox: tickets and their messages

The shared inbox (issue 16): a ticket per customer conversation with a unique number, its status,
optional assignee, the contact and account found by the sender's address and the time of its first
reply; one row per message (customer message, reply e-mailed to the customer, internal note).

Revision 0015 (after 0014), created 2026-12-06 18:00.
"""

import sqlalchemy as sa

from rxcrm.db import migration_columns as mc

revision: str = '0015'
down_revision: str | None = '0014'


def upgrade() -> None:
    mc.create_entity_table(
        'ticket',
        mc.integer('number'),
        mc.text('subject', 500, nullable=False),
        mc.text('status', 10, nullable=False),
        *mc.links('assignee_id', 'contact_id', 'account_id'),
        mc.text('from_email', 320, nullable=False),
        mc.moment('first_reply_at'),
        *mc.created(updated=True),
        *mc.foreign_keys(
            account_id=('account', 'SET NULL'),
            assignee_id=('user', 'SET NULL'),
            contact_id=('contact', 'SET NULL'),
            created_by_id='user',
        ),
        sa.UniqueConstraint('number'),
    )
    mc.create_indexes('ticket', 'account_id', 'from_email', 'status')
    mc.create_named_indexes('ticket', {'ix_ticket_assignee_status': ['assignee_id', 'status']})
    mc.create_entity_table(
        'ticketmessage',
        mc.integer('ticket_id'),
        mc.text('kind', 20, nullable=False),
        mc.text('body', 20000, nullable=False),
        *mc.links('author_id', 'email_id'),
        mc.moment('at'),
        *mc.foreign_keys(
            author_id=('user', 'SET NULL'),
            email_id=('email', 'SET NULL'),
            ticket_id=('ticket', 'CASCADE'),
        ),
    )
    mc.create_named_indexes('ticketmessage', {'ix_ticketmessage_ticket_at': ['ticket_id', 'at']})


def downgrade() -> None:
    mc.drop_tables('ticketmessage', 'ticket')
