"""a user's own time zone

Times are stored in UTC and shown in the user's zone: the IANA name (e.g. 'Europe/Berlin'), taken
from the browser at the first visit and changeable in the user menu. Empty means not known yet (UTC).

Revision 0009 (after 0008), created 2026-12-05 16:00.
"""
import sqlalchemy as sa

from rxcrm.db import migration_columns as mc

revision: str = '0009'
down_revision: str | None = '0008'


def upgrade() -> None:
    mc.add_columns('user', sa.Column('time_zone', sa.String(length=64), nullable=True))


def downgrade() -> None:
    mc.drop_columns('user', 'time_zone')
