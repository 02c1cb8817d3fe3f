"""invoice templates: a kind on the Word templates

Word templates are of a kind, 'quote' or 'invoice'; the templates already stored are quote templates.

Revision 0012 (after 0011), created 2026-12-06 15:00.
"""

import sqlalchemy as sa

from rxcrm.db import migration_columns as mc

revision: str = '0012'
down_revision: str | None = '0011'


def upgrade() -> None:
    mc.add_columns(
        'quotetemplate', sa.Column('kind', sa.String(length=20), nullable=False, server_default='quote')
    )


def downgrade() -> None:
    mc.drop_columns('quotetemplate', 'kind')
