"""leads campaigns splitter

Revision 0005 (after 0004), created 2026-11-30 08:48.
"""

from rxcrm.db import migration_columns as mc

revision: str = '0005'
down_revision: str | None = '0004'


def upgrade() -> None:
    mc.create_named_table(
        'campaign',
        200,
        mc.text('status', 20, nullable=False),
        *mc.money('budget', 'cost'),
        mc.moment('created_at'),
    )
    mc.create_entity_table(
        'splitterrule',
        mc.text('name', 100, nullable=False),
        mc.text('field', 100, nullable=False),
        mc.text('operator', 10, nullable=False),
        mc.text('value', 1000, nullable=False),
        mc.integer('priority'),
        mc.integer('position'),
        mc.flag('active'),
        mc.moment('created_at'),
    )
    mc.create_entity_table(
        'splittershare',
        mc.integer('rule_id'),
        mc.link('user_id'),
        mc.link('partner_id'),
        mc.integer('percent'),
        mc.integer('position'),
        mc.integer('assigned'),
        *mc.foreign_keys(partner_id='partner', rule_id=('splitterrule', 'CASCADE'), user_id='user'),
    )
    mc.create_indexes('splittershare', 'rule_id')
    _create_leads()


def _create_leads() -> None:
    """Leads: contact data, routing and duplicate keys, and what became of them."""
    mc.create_entity_table(
        'lead',
        *mc.texts(200, 'name', 'company', 'email'),
        mc.text('phone', 40),
        *mc.texts(100, 'country', 'source'),
        mc.link('campaign_id'),
        mc.text('status', 20, nullable=False),
        mc.text('priority', 10, nullable=False),
        *mc.owners(),
        *mc.links('partner_id', 'account_id', 'opportunity_id', 'duplicate_of_id'),
        mc.text('email_key', 200),
        mc.text('phone_key', 40),
        mc.text('name_key', 400),
        mc.text('routing', 20, nullable=False),
        mc.link('rule_id'),
        mc.text('disqualify_reason', 500),
        mc.flag('archived'),
        mc.flag('anonymized'),
        mc.moment('qualified_at'),
        *mc.custom_and_created(),
        *mc.record_keys(
            account_id='account',
            campaign_id='campaign',
            duplicate_of_id='lead',
            opportunity_id='opportunity',
            rule_id='splitterrule',
        ),
    )
    mc.create_indexes(
        'lead',
        'account_id',
        'campaign_id',
        'duplicate_of_id',
        'email_key',
        'name_key',
        'partner_id',
        'phone_key',
    )
    mc.create_named_indexes(
        'lead',
        {
            'ix_lead_created': ['created_at'],
            'ix_lead_owner_status': ['owner_id', 'status'],
            'ix_lead_status_archived': ['status', 'archived'],
        },
    )


def downgrade() -> None:
    mc.drop_tables('lead', 'splittershare', 'splitterrule', 'campaign')
