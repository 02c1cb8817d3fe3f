"""when an e-mail was claimed for sending

An e-mail is claimed ('sending') before the mail server is called, so two retries never send it twice.
`claimed_at` says when: a claim older than the stale limit belongs to a process that died while
sending, and the e-mail may be retried (the user is told it may have gone out).

Revision 0020 (after 0019), created 2026-12-06 01:50.
"""

from rxcrm.db import migration_columns as mc

revision: str = '0020'
down_revision: str | None = '0019'


def upgrade() -> None:
    mc.add_columns('email', mc.moment('claimed_at'))


def downgrade() -> None:
    mc.drop_columns('email', 'claimed_at')
