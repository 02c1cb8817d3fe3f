"""a user's own time zone

Times are stored in UTC and shown in the user's zone: the IANA name (e.g. 'Europe/Berlin'), taken
from the browser at the first visit and changeable in the user menu. Empty means not known yet (UTC).

Revision 0009 (after 0008), created 2026-12-05 16:00.
"""
import sqlalchemy as sa

from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'


def upgrade() -> None:
    with op.batch_alter_table('user', recreate='never') as batch_op:
        batch_op.add_column(sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade() -> None:
    # recreate="never": SQLite >= 3.35 drops the column in place (a copied table would cascade deletes)
    with op.batch_alter_table('user', recreate='never') as batch_op:
        batch_op.drop_column('time_zone')
