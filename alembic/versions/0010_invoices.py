"""invoices

Invoices issued from a contract or a sold deal, numbered `YYYY-NNNN` without gaps per year: the
per-year counter row is locked while the next number is taken, in the unit that inserts the invoice.

Revision 0010 (after 0009), created 2026-12-06 10:00.
"""

import sqlalchemy as sa

from alembic import op
from rxcrm.db import migration_columns as mc

revision: str = '0010'
down_revision: str | None = '0009'


def upgrade() -> None:
    op.create_table(
        'invoicecounter',
        mc.key('year'),
        mc.integer('last'),
        mc.primary('year'),
    )
    mc.create_entity_table(
        'invoice',
        mc.text('number', 20, nullable=False),
        mc.integer('year'),
        mc.integer('sequence'),
        *mc.links('account_id', 'opportunity_id', 'contract_id'),
        mc.day('issue_date', nullable=False),
        mc.day('due_date', nullable=False),
        *mc.money('amount'),
        mc.text('status', 10, nullable=False),
        mc.day('sent_on'),
        mc.day('paid_on'),
        *mc.created(updated=True),
        *mc.foreign_keys(
            account_id='account',
            contract_id=('contract', 'SET NULL'),
            created_by_id='user',
            opportunity_id=('opportunity', 'SET NULL'),
        ),
        sa.UniqueConstraint('number'),
        sa.UniqueConstraint('year', 'sequence', name='uq_invoice_year_sequence'),
    )
    mc.create_indexes('invoice', 'account_id', 'contract_id', 'opportunity_id')
    mc.create_named_indexes('invoice', {'ix_invoice_status_due': ['status', 'due_date']})


def downgrade() -> None:
    mc.drop_tables('invoice', 'invoicecounter')
