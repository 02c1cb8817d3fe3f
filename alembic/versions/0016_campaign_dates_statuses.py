"""campaigns: start and end dates, admin-editable statuses

Campaigns get the contract's `starts` and `ends` days, and their statuses become a list an admin edits
in Settings (`campaignstatus`: name, kind `active`/`archived`, position). A campaign keeps its status by
name; `rxcrm init-db` installs the default `active` and `archived` statuses.

Revision 0016 (after 0015), created 2026-12-06 18:00.
"""

import sqlalchemy as sa

from alembic import op
from rxcrm.db import migration_columns as mc

revision: str = '0016'
down_revision: str | None = '0015'


def upgrade() -> None:
    op.create_table(
        'campaignstatus',
        mc.key(),
        mc.text('name', 20, nullable=False),
        mc.text('kind', 10, nullable=False),
        mc.integer('position'),
        mc.primary(),
        sa.UniqueConstraint('name'),
    )
    with op.batch_alter_table('campaign', recreate='never') as batch_op:
        batch_op.add_column(mc.day('starts'))
        batch_op.add_column(mc.day('ends'))


def downgrade() -> None:
    # recreate="never": SQLite >= 3.35 drops the column in place (a copied table would cascade deletes)
    with op.batch_alter_table('campaign', recreate='never') as batch_op:
        batch_op.drop_column('ends')
        batch_op.drop_column('starts')
    mc.drop_tables('campaignstatus')
