"""invoice templates: a kind on the Word templates

Word templates are of a kind, 'quote' or 'invoice'; the templates already stored are quote templates.

Revision 0012 (after 0011), created 2026-12-06 15:00.
"""

import sqlalchemy as sa

from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'


def upgrade() -> None:
    with op.batch_alter_table('quotetemplate', recreate='never') as batch_op:
        batch_op.add_column(
            sa.Column('kind', sa.String(length=20), nullable=False, server_default='quote')
        )


def downgrade() -> None:
    # recreate="never": SQLite >= 3.35 drops the column in place (a copied table would cascade deletes)
    with op.batch_alter_table('quotetemplate', recreate='never') as batch_op:
        batch_op.drop_column('kind')
