"""contact types and channels, linked accounts

Settings → Contact types (issue 16): an admin-edited list of ways to reach a contact (`contacttype`:
name, kind email/phone/url/text, position), a contact's channels (`contactchannel`: type and value,
removed with the contact) and linked accounts (`accountrelation`: two accounts, the lower id first, once,
with what each is to the other, removed with either account). `rxcrm init-db` installs the default types.

Revision 0019 (after 0018), created 2026-12-06 21:00.
"""

import sqlalchemy as sa

from rxcrm.db import migration_columns as mc

revision: str = '0019'
down_revision: str | None = '0018'


def upgrade() -> None:
    mc.create_named_table(
        'contacttype',
        60,
        mc.text('kind', 10, nullable=False),
        mc.integer('position'),
    )
    mc.create_entity_table(
        'contactchannel',
        mc.integer('contact_id'),
        mc.integer('type_id'),
        mc.text('value', 200, nullable=False),
        mc.integer('position'),
        *mc.foreign_keys(contact_id=('contact', 'CASCADE'), type_id='contacttype'),
    )
    mc.create_indexes('contactchannel', 'contact_id', 'type_id')
    mc.create_entity_table(
        'accountrelation',
        mc.integer('account_id'),
        mc.integer('related_account_id'),
        mc.text('label', 60, nullable=False),
        mc.text('related_label', 60, nullable=False),
        *mc.created(),
        *mc.foreign_keys(
            account_id=('account', 'CASCADE'),
            created_by_id='user',
            related_account_id=('account', 'CASCADE'),
        ),
        sa.UniqueConstraint('account_id', 'related_account_id', name='uq_account_relation'),
    )
    mc.create_indexes('accountrelation', 'account_id', 'related_account_id')


def downgrade() -> None:
    mc.drop_tables('accountrelation', 'contactchannel', 'contacttype')
