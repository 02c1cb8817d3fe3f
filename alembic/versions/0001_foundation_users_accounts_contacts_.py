"""foundation: users, accounts, contacts, opportunities, stages, activities, history, settings

Revision 0001 (the first), created 2026-11-23 14:11.
"""

import sqlalchemy as sa
from alembic import op

from rxcrm.db import migration_columns as mc

revision: str = '0001'
down_revision: str | None = None

TABLES = (
    'accountgroup',
    'activitycategory',
    'partner',
    'pipeline',
    'setting',
    'stage',
    'user',
    'account',
    'activity',
    'apikey',
    'authsession',
    'change',
    'accountgroupmember',
    'contact',
    'favourite',
    'opportunity',
)


def upgrade() -> None:
    _create_lookups()
    _create_people()
    _create_records()


def _create_lookups() -> None:
    """Groups, activity categories, partners, pipelines with their stages, and settings."""
    mc.create_named_table('accountgroup', 100)
    mc.create_named_table(
        'activitycategory',
        60,
        mc.text('icon', 40, nullable=False),
        mc.integer('position'),
        mc.flag('active'),
    )
    mc.create_entity_table(
        'partner',
        mc.text('name', 200, nullable=False),
        mc.text('email', 200),
        mc.text('phone', 40),
        mc.flag('active'),
        mc.moment('created_at'),
    )
    mc.create_indexes('partner', 'name')
    mc.create_named_table(
        'pipeline',
        100,
        mc.integer('position'),
    )
    op.create_table(
        'setting', mc.text('key', 100, nullable=False), mc.document('value', nullable=True), mc.primary('key')
    )
    mc.create_entity_table(
        'stage',
        mc.integer('pipeline_id'),
        mc.text('name', 100, nullable=False),
        mc.integer('position'),
        mc.integer('probability'),
        mc.text('kind', 10, nullable=False),
        mc.text('color', 7, nullable=False),
        *mc.foreign_keys(pipeline_id='pipeline'),
    )
    mc.create_indexes('stage', 'pipeline_id')


def _create_people() -> None:
    """Users with their sessions and API keys."""
    mc.create_entity_table(
        'user',
        mc.text('email', 254, nullable=False),
        mc.text('name', 200, nullable=False),
        mc.text('password_hash', 300, nullable=False),
        mc.text('role', 20, nullable=False),
        mc.text('access_level', 30, nullable=False),
        mc.link('partner_id'),
        mc.text('team', 100),
        mc.flag('active'),
        mc.moment('created_at'),
        mc.moment('last_login_at'),
        *mc.foreign_keys(partner_id='partner'),
    )
    mc.create_indexes('user', 'partner_id', unique=['email'])
    mc.create_entity_table(
        'apikey',
        mc.text('name', 100, nullable=False),
        mc.text('prefix', 12, nullable=False),
        mc.text('key_hash', 64, nullable=False),
        *mc.created(),
        mc.moment('revoked_at'),
        *mc.foreign_keys(created_by_id='user'),
    )
    mc.create_indexes('apikey', unique=['key_hash'])
    mc.create_entity_table(
        'authsession',
        mc.integer('user_id'),
        mc.text('token_hash', 64, nullable=False),
        mc.moment('created_at'),
        mc.moment('expires_at', nullable=False),
        mc.flag('revoked'),
        *mc.foreign_keys(user_id=('user', 'CASCADE')),
    )
    mc.create_indexes('authsession', 'user_id', unique=['token_hash'])


def _create_records() -> None:
    """Accounts, contacts and opportunities with their activities, history and memberships."""
    _create_accounts()
    mc.create_entity_table(
        'activity',
        *mc.record_ref(),
        mc.integer('category_id'),
        mc.moment('at'),
        mc.text('note', 5000),
        mc.link('author_id'),
        *mc.foreign_keys(author_id='user', category_id='activitycategory'),
    )
    mc.create_indexes('activity', 'at', 'author_id', 'category_id')
    mc.create_named_indexes('activity', {'ix_activity_entity': ['entity', 'entity_id']})
    mc.create_entity_table(
        'change',
        *mc.record_ref(30),
        mc.text('action', 10, nullable=False),
        mc.text('field', 100, nullable=False),
        sa.Column('old', sa.Text(), nullable=True),
        sa.Column('new', sa.Text(), nullable=True),
        mc.link('by_id'),
        mc.moment('at'),
        *mc.foreign_keys(by_id='user'),
    )
    mc.create_named_indexes('change', {'ix_change_entity': ['entity', 'entity_id']})
    mc.create_link_table(
        'accountgroupmember', account_id=('account', 'CASCADE'), group_id=('accountgroup', 'CASCADE')
    )
    _create_contacts()
    mc.create_link_table('favourite', user_id=('user', 'CASCADE'), account_id=('account', 'CASCADE'))
    _create_opportunities()


def _create_accounts() -> None:
    """Accounts: companies and people, with owners, a parent and a partner."""
    mc.create_entity_table(
        'account',
        mc.text('type', 20, nullable=False),
        mc.text('name', 200, nullable=False),
        *mc.texts(200, 'first_name', 'last_name', 'company', 'email'),
        mc.text('phone', 40),
        *mc.texts(200, 'website', 'street', 'city'),
        mc.text('zip', 20),
        *mc.texts(100, 'country', 'registration_no', 'vat_no', 'industry'),
        mc.flag('key_account'),
        *mc.owners(),
        mc.link('parent_id'),
        mc.link('partner_id'),
        mc.flag('is_private'),
        mc.flag('is_global'),
        *mc.custom_and_created(),
        *mc.record_keys(parent_id='account'),
    )
    mc.create_indexes('account', 'email', 'name', 'owner_id', 'parent_id', 'partner_id')


def _create_contacts() -> None:
    """Contacts: people at an account or a partner."""
    mc.create_entity_table(
        'contact',
        mc.text('salutation', 200),
        mc.text('first_name', 200),
        mc.text('last_name', 200, nullable=False),
        mc.text('email', 200),
        mc.text('phone', 40),
        mc.text('mobile', 40),
        mc.text('position', 200),
        mc.link('account_id'),
        mc.link('partner_id'),
        mc.text('kind', 20, nullable=False),
        *mc.owners(),
        *mc.custom_and_created(),
        *mc.record_keys(account_id='account'),
    )
    mc.create_indexes('contact', 'account_id', 'email', 'last_name', 'owner_id', 'partner_id')


def _create_opportunities() -> None:
    """Opportunities: deals in a stage, owned by a user."""
    mc.create_entity_table(
        'opportunity',
        mc.text('name', 200, nullable=False),
        mc.link('account_id'),
        mc.link('contact_id'),
        mc.integer('owner_id'),
        mc.link('second_owner_id'),
        mc.integer('stage_id'),
        mc.text('status', 10, nullable=False),
        *mc.money('amount'),
        mc.integer('probability'),
        mc.day('close_date'),
        mc.link('campaign_id'),
        mc.link('partner_id'),
        mc.document('tags'),
        mc.flag('locked'),
        mc.text('lost_reason', 500),
        *mc.custom_and_created(),
        *mc.record_keys(account_id='account', contact_id='contact', stage_id='stage'),
    )
    mc.create_indexes(
        'opportunity', 'account_id', 'campaign_id', 'contact_id', 'name', 'owner_id', 'partner_id', 'status'
    )
    mc.create_named_indexes('opportunity', {'ix_opportunity_stage_status': ['stage_id', 'status']})


def downgrade() -> None:
    mc.drop_tables(*reversed(TABLES))
