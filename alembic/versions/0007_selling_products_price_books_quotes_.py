"""selling products price books quotes contracts

Revision 0007 (after 0006), created 2026-12-05 11:24.
"""

import sqlalchemy as sa

from rxcrm.db import migration_columns as mc

revision: str = '0007'
down_revision: str | None = '0006'

TABLES = (
    'productcategory',
    'pricebook',
    'product',
    'bundle',
    'pricebookentry',
    'pricebookproject',
    'quotetemplate',
    'bundleitem',
    'quote',
    'attachment',
    'quoteitem',
    'contract',
)


def upgrade() -> None:
    _create_catalogue()
    _create_price_book_parts()
    _create_quotes()
    _create_contracts()


def _create_catalogue() -> None:
    """Product categories, price books and products."""
    mc.create_named_table(
        'productcategory',
        100,
        mc.text('contract_kind', 10, nullable=False),
        mc.integer('term_months', nullable=True),
        mc.integer('position'),
    )
    mc.create_entity_table(
        'pricebook',
        mc.text('name', 200, nullable=False),
        mc.text('description', 2000),
        mc.text('brand', 100),
        mc.text('product_version', 50),
        mc.flag('active'),
        mc.link('replaces_id'),
        *mc.created(updated=True),
        *mc.foreign_keys(created_by_id='user', replaces_id='pricebook'),
    )
    mc.create_indexes('pricebook', 'name')
    mc.create_entity_table(
        'product',
        mc.text('name', 200, nullable=False),
        mc.text('code', 50, nullable=False),
        mc.text('description', 2000),
        mc.link('category_id'),
        mc.flag('active'),
        *mc.created(updated=True),
        *mc.foreign_keys(category_id='productcategory', created_by_id='user'),
        sa.UniqueConstraint('code'),
    )
    mc.create_indexes('product', 'category_id', 'name')


def _create_price_book_parts() -> None:
    """A price book's bundles, entries, projects and quote templates."""
    mc.create_entity_table(
        'bundle',
        mc.integer('price_book_id'),
        mc.text('name', 200, nullable=False),
        mc.text('code', 50),
        mc.text('description', 2000),
        mc.flag('active'),
        *mc.money('price'),
        mc.moment('created_at'),
        *mc.foreign_keys(price_book_id=('pricebook', 'CASCADE')),
    )
    mc.create_indexes('bundle', 'price_book_id')
    mc.create_entity_table(
        'pricebookentry',
        mc.integer('price_book_id'),
        mc.integer('product_id'),
        mc.text('unit', 30, nullable=False),
        *mc.money('price'),
        *mc.foreign_keys(price_book_id=('pricebook', 'CASCADE'), product_id=('product', 'CASCADE')),
        sa.UniqueConstraint('price_book_id', 'product_id', 'unit', name='uq_entry_unit'),
    )
    mc.create_indexes('pricebookentry', 'price_book_id', 'product_id')
    mc.create_link_table(
        'pricebookproject', price_book_id=('pricebook', 'CASCADE'), project_id=('project', 'CASCADE')
    )
    mc.create_entity_table(
        'quotetemplate',
        mc.text('name', 200, nullable=False),
        mc.link('price_book_id'),
        mc.text('filename', 255, nullable=False),
        mc.text('storage_key', 255, nullable=False),
        mc.integer('size'),
        *mc.created(),
        *mc.foreign_keys(created_by_id='user', price_book_id=('pricebook', 'CASCADE')),
    )
    mc.create_indexes('quotetemplate', 'price_book_id')
    mc.create_entity_table(
        'bundleitem',
        mc.integer('bundle_id'),
        mc.integer('entry_id'),
        mc.decimal('weight', scale=6),
        mc.integer('position'),
        *mc.foreign_keys(bundle_id=('bundle', 'CASCADE'), entry_id=('pricebookentry', 'CASCADE')),
    )
    mc.create_indexes('bundleitem', 'bundle_id', 'entry_id')


def _create_quotes() -> None:
    """Quotes with their items, and attachments (a quote's document among them)."""
    mc.create_entity_table(
        'quote',
        mc.integer('opportunity_id'),
        mc.text('name', 200, nullable=False),
        mc.text('currency', 3, nullable=False),
        mc.text('brand', 100),
        mc.link('price_book_id'),
        mc.text('product_version', 50),
        mc.day('valid_from'),
        mc.day('valid_until'),
        mc.flag('active'),
        mc.decimal('subtotal'),
        mc.decimal('discount_total'),
        mc.decimal('total'),
        *mc.created(updated=True),
        *mc.foreign_keys(
            created_by_id='user',
            opportunity_id=('opportunity', 'CASCADE'),
            price_book_id=('pricebook', 'SET NULL'),
        ),
    )
    mc.create_named_indexes('quote', {'ix_quote_opportunity_active': ['opportunity_id', 'active']})
    mc.create_entity_table(
        'attachment',
        *mc.record_ref(),
        mc.text('filename', 255, nullable=False),
        mc.text('content_type', 100, nullable=False),
        mc.integer('size'),
        mc.text('storage_key', 255, nullable=False),
        mc.link('quote_id'),
        *mc.created(),
        *mc.foreign_keys(created_by_id='user', quote_id=('quote', 'SET NULL')),
    )
    mc.create_named_indexes('attachment', {'ix_attachment_entity': ['entity', 'entity_id']})
    mc.create_entity_table(
        'quoteitem',
        mc.integer('quote_id'),
        mc.integer('position'),
        *mc.links('entry_id', 'product_id', 'bundle_id'),
        mc.text('name', 200, nullable=False),
        mc.text('description', 2000),
        mc.decimal('quantity', scale=4),
        mc.text('unit', 30),
        mc.decimal('unit_price'),
        mc.decimal('discount_percent', precision=9, scale=4, nullable=True),
        mc.decimal('discount_amount', nullable=True),
        mc.decimal('total'),
        mc.flag('is_rounding'),
        mc.decimal('target_total', nullable=True),
        *mc.foreign_keys(
            bundle_id=('bundle', 'SET NULL'),
            entry_id=('pricebookentry', 'SET NULL'),
            product_id=('product', 'SET NULL'),
            quote_id=('quote', 'CASCADE'),
        ),
    )
    mc.create_named_indexes('quoteitem', {'ix_quoteitem_quote_position': ['quote_id', 'position']})


def _create_contracts() -> None:
    """Contracts: what a customer bought, for a term or once."""
    mc.create_entity_table(
        'contract',
        mc.text('name', 200, nullable=False),
        *mc.links('opportunity_id', 'account_id', 'owner_id', 'product_id', 'quote_item_id'),
        mc.text('kind', 10, nullable=False),
        mc.text('type', 100, nullable=False),
        mc.day('start', nullable=False),
        mc.day('end'),
        mc.decimal('quantity', scale=4),
        mc.text('unit', 30),
        *mc.money('amount'),
        mc.text('status', 10, nullable=False),
        mc.moment('created_at'),
        *mc.foreign_keys(
            account_id='account',
            opportunity_id=('opportunity', 'SET NULL'),
            owner_id='user',
            product_id=('product', 'SET NULL'),
            quote_item_id=('quoteitem', 'SET NULL'),
        ),
    )
    mc.create_indexes('contract', 'account_id', 'owner_id', 'product_id')
    mc.create_named_indexes(
        'contract',
        {'ix_contract_opportunity': ['opportunity_id'], 'ix_contract_status_kind': ['status', 'kind', 'end']},
    )


def downgrade() -> None:
    mc.drop_tables(*reversed(TABLES))
