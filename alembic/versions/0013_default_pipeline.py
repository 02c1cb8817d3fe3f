"""a default pipeline among several

Pipelines get an `is_default` flag (api.md's `default`): exactly one pipeline is the default, where new
deals and stages go unless told otherwise and the board opens. The first pipeline in display order
(lowest position, then id) becomes the default of an existing installation.

Revision 0013 (after 0012), created 2026-12-06 01:00.
"""

import sqlalchemy as sa

from alembic import op
from rxcrm.db import migration_columns as mc

revision: str = '0013'
down_revision: str | None = '0012'


def upgrade() -> None:
    mc.add_columns(
        'pipeline', sa.Column('is_default', sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.execute(
        "UPDATE pipeline SET is_default = true WHERE id = "
        "(SELECT id FROM pipeline ORDER BY position, id LIMIT 1)"
    )


def downgrade() -> None:
    mc.drop_columns('pipeline', 'is_default')
