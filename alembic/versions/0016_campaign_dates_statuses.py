"""campaigns: start and end dates, admin-editable statuses

Campaigns get the contract's `starts` and `ends` days, and their statuses become a list an admin edits
in Settings (`campaignstatus`: name, kind `active`/`archived`, position). A campaign keeps its status by
name; `rxcrm init-db` installs the default `active` and `archived` statuses.

Revision 0016 (after 0015), created 2026-12-06 18:00.
"""

from rxcrm.db import migration_columns as mc

revision: str = '0016'
down_revision: str | None = '0015'


def upgrade() -> None:
    mc.create_named_table(
        'campaignstatus',
        20,
        mc.text('kind', 10, nullable=False),
        mc.integer('position'),
    )
    mc.add_columns('campaign', mc.day('starts'), mc.day('ends'))


def downgrade() -> None:
    mc.drop_columns('campaign', 'ends', 'starts')
    mc.drop_tables('campaignstatus')
