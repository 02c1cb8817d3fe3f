"""a default pipeline among several

Pipelines get an `is_default` flag (api.md's `default`): exactly one pipeline is the default, where new
deals and stages go unless told otherwise and the board opens. The first pipeline in display order
(lowest position, then id) becomes the default of an existing installation.

Revision 0013 (after 0012), created 2026-12-06 01:00.
"""

import sqlalchemy as sa

from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'


def upgrade() -> None:
    with op.batch_alter_table('pipeline', recreate='never') as batch_op:
        batch_op.add_column(sa.Column('is_default', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.execute(
        "UPDATE pipeline SET is_default = true WHERE id = "
        "(SELECT id FROM pipeline ORDER BY position, id LIMIT 1)"
    )


def downgrade() -> None:
    # recreate="never": SQLite >= 3.35 drops the column in place (a copied table would cascade deletes)
    with op.batch_alter_table('pipeline', recreate='never') as batch_op:
        batch_op.drop_column('is_default')
