"""partners: address, website, owner and custom fields

The partners section (issue 16): a partner gets the contract's fields (website, street, city, zip,
country, owner_id, custom), who created it and when it last changed. The user columns carry no
foreign key: users already point at their partner, and a key both ways would make the two tables a
cycle no schema tool can order (the services check that an owner exists).

Revision 0014 (after 0013), created 2026-12-06 16:00.
"""

import sqlalchemy as sa

from rxcrm.db import migration_columns as mc

revision: str = '0014'
down_revision: str | None = '0013'
ADDED = ('website', 'street', 'city', 'zip', 'country', 'owner_id', 'custom', 'created_by_id', 'updated_at')


def upgrade() -> None:
    mc.add_columns(
        'partner',
        *mc.texts(200, 'website', 'street', 'city'),
        mc.text('zip', 20),
        mc.text('country', 100),
        mc.link('owner_id'),
        sa.Column('custom', sa.JSON(), nullable=False, server_default='{}'),
        mc.link('created_by_id'),
        mc.moment('updated_at'),
    )
    mc.create_indexes('partner', 'country', 'owner_id')


def downgrade() -> None:
    mc.drop_indexes('partner', 'country', 'owner_id')
    mc.drop_columns('partner', *reversed(ADDED))
