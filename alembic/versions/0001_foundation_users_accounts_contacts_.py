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
    op.create_table(
        'accountgroup',
        mc.key(),
        mc.text('name', 100, nullable=False),
        mc.primary(),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'activitycategory',
        mc.key(),
        mc.text('name', 60, nullable=False),
        mc.text('icon', 40, nullable=False),
        mc.integer('position'),
        mc.flag('active'),
        mc.primary(),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'partner',
        mc.key(),
        mc.text('name', 200, nullable=False),
        mc.text('email', 200),
        mc.text('phone', 40),
        mc.flag('active'),
        mc.moment('created_at'),
        mc.primary(),
    )
    mc.create_indexes('partner', 'name')
    op.create_table(
        'pipeline',
        mc.key(),
        mc.text('name', 100, nullable=False),
        mc.integer('position'),
        mc.primary(),
        sa.UniqueConstraint('name'),
    )
    op.create_table(
        'setting', mc.text('key', 100, nullable=False), mc.document('value', nullable=True), mc.primary('key')
    )
    op.create_table(
        'stage',
        mc.key(),
        mc.integer('pipeline_id'),
        mc.text('name', 100, nullable=False),
        mc.integer('position'),
        mc.integer('probability'),
        mc.text('kind', 10, nullable=False),
        mc.text('color', 7, nullable=False),
        *mc.foreign_keys(pipeline_id='pipeline'),
        mc.primary(),
    )
    mc.create_indexes('stage', 'pipeline_id')


def _create_people() -> None:
    """Users with their sessions and API keys."""
    op.create_table(
        'user',
        mc.key(),
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
        mc.primary(),
    )
    mc.create_indexes('user', 'partner_id', unique=['email'])
    op.create_table(
        'apikey',
        mc.key(),
        mc.text('name', 100, nullable=False),
        mc.text('prefix', 12, nullable=False),
        mc.text('key_hash', 64, nullable=False),
        *mc.created(),
        mc.moment('revoked_at'),
        *mc.foreign_keys(created_by_id='user'),
        mc.primary(),
    )
    mc.create_indexes('apikey', unique=['key_hash'])
    op.create_table(
        'authsession',
        mc.key(),
        mc.integer('user_id'),
        mc.text('token_hash', 64, nullable=False),
        mc.moment('created_at'),
        mc.moment('expires_at', nullable=False),
        mc.flag('revoked'),
        *mc.foreign_keys(user_id=('user', 'CASCADE')),
        mc.primary(),
    )
    mc.create_indexes('authsession', 'user_id', unique=['token_hash'])


def _create_records() -> None:
    """Accounts, contacts and opportunities with their activities, history and memberships."""
    _create_accounts()
    op.create_table(
        'activity',
        mc.key(),
        *mc.record_ref(),
        mc.integer('category_id'),
        mc.moment('at'),
        mc.text('note', 5000),
        mc.link('author_id'),
        *mc.foreign_keys(author_id='user', category_id='activitycategory'),
        mc.primary(),
    )
    mc.create_indexes('activity', 'at', 'author_id', 'category_id')
    mc.create_named_indexes('activity', {'ix_activity_entity': ['entity', 'entity_id']})
    op.create_table(
        'change',
        mc.key(),
        *mc.record_ref(30),
        mc.text('action', 10, nullable=False),
        mc.text('field', 100, nullable=False),
        sa.Column('old', sa.Text(), nullable=True),
        sa.Column('new', sa.Text(), nullable=True),
        mc.link('by_id'),
        mc.moment('at'),
        *mc.foreign_keys(by_id='user'),
        mc.primary(),
    )
    mc.create_named_indexes('change', {'ix_change_entity': ['entity', 'entity_id']})
    op.create_table(
        'accountgroupmember',
        mc.integer('account_id'),
        mc.integer('group_id'),
        *mc.foreign_keys(account_id=('account', 'CASCADE'), group_id=('accountgroup', 'CASCADE')),
        mc.primary('account_id', 'group_id'),
    )
    _create_contacts()
    op.create_table(
        'favourite',
        mc.integer('user_id'),
        mc.integer('account_id'),
        *mc.foreign_keys(account_id=('account', 'CASCADE'), user_id=('user', 'CASCADE')),
        mc.primary('user_id', 'account_id'),
    )
    _create_opportunities()


def _create_accounts() -> None:
    """Accounts: companies and people, with owners, a parent and a partner."""
    op.create_table(
        'account',
        mc.key(),
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
        mc.primary(),
    )
    mc.create_indexes('account', 'email', 'name', 'owner_id', 'parent_id', 'partner_id')


def _create_contacts() -> None:
    """Contacts: people at an account or a partner."""
    op.create_table(
        'contact',
        mc.key(),
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
        mc.primary(),
    )
    mc.create_indexes('contact', 'account_id', 'email', 'last_name', 'owner_id', 'partner_id')


def _create_opportunities() -> None:
    """Opportunities: deals in a stage, owned by a user."""
    op.create_table(
        'opportunity',
        mc.key(),
        mc.text('name', 200, nullable=False),
        mc.link('account_id'),
        mc.link('contact_id'),
        mc.integer('owner_id'),
        mc.link('second_owner_id'),
        mc.integer('stage_id'),
        mc.text('status', 10, nullable=False),
        mc.decimal('amount'),
        mc.text('currency', 3, nullable=False),
        mc.integer('probability'),
        mc.day('close_date'),
        mc.link('campaign_id'),
        mc.link('partner_id'),
        mc.document('tags'),
        mc.flag('locked'),
        mc.text('lost_reason', 500),
        *mc.custom_and_created(),
        *mc.record_keys(account_id='account', contact_id='contact', stage_id='stage'),
        mc.primary(),
    )
    mc.create_indexes(
        'opportunity', 'account_id', 'campaign_id', 'contact_id', 'name', 'owner_id', 'partner_id', 'status'
    )
    mc.create_named_indexes('opportunity', {'ix_opportunity_stage_status': ['stage_id', 'status']})


def downgrade() -> None:
    mc.drop_tables(*reversed(TABLES))
