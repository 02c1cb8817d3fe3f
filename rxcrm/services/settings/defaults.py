"""A new installation's default configuration: pipeline, stages, categories, settings."""

from __future__ import annotations

from sqlmodel import Session, select

from rxcrm.db.models import ActivityCategory, Pipeline, ProductCategory, Project, Setting, Stage
from rxcrm.db.session import forget_cached
from rxcrm.domain.commerce.catalogue import DEFAULT_CATEGORIES as PRODUCT_CATEGORIES
from rxcrm.domain.pipeline.stages import DEFAULT_PIPELINE, DEFAULT_PROJECT, DEFAULT_STAGES
from rxcrm.domain.records.activities import DEFAULT_CATEGORIES
from rxcrm.domain.settings.catalogue import defaults
from rxcrm.services.accounts.contact_types import CONTACT_TYPES
from rxcrm.services.commerce.quote_templates import install_default_template
from rxcrm.services.leads.campaign_statuses import CAMPAIGN_STATUSES
from rxcrm.services.people.permissions import install_permission_defaults
from rxcrm.services.settings.toggles import SETTINGS_ENTITY


def install_defaults(session: Session) -> list[str]:
    """Create whatever default configuration is missing; never touches business records."""
    created = []
    if session.exec(select(Pipeline)).first() is None:
        pipeline = Pipeline(name=DEFAULT_PIPELINE, position=0, is_default=True)
        session.add(pipeline)
        session.flush()
        for position, template in enumerate(DEFAULT_STAGES):
            session.add(
                Stage(
                    pipeline_id=pipeline.id,
                    name=template.name,
                    position=position,
                    probability=template.probability,
                    kind=template.kind,
                    color=template.color,
                )
            )
        created.append(f"pipeline '{DEFAULT_PIPELINE}' with {len(DEFAULT_STAGES)} stages")
    if session.exec(select(Project)).first() is None:
        session.add(Project(name=DEFAULT_PROJECT, position=0))
        created.append(f"project '{DEFAULT_PROJECT}'")
    if session.exec(select(ActivityCategory)).first() is None:
        for position, (name, icon) in enumerate(DEFAULT_CATEGORIES):
            session.add(ActivityCategory(name=name, icon=icon, position=position))
        created.append(f"{len(DEFAULT_CATEGORIES)} activity categories")
    if session.exec(select(ProductCategory)).first() is None:
        for position, template in enumerate(PRODUCT_CATEGORIES):
            session.add(
                ProductCategory(
                    name=template.name,
                    contract_kind=template.contract_kind,
                    term_months=template.term_months,
                    position=position,
                )
            )
        created.append(f"{len(PRODUCT_CATEGORIES)} product categories")
    if CAMPAIGN_STATUSES.install_defaults(session):
        created.append("the campaign statuses active and archived")
    if CONTACT_TYPES.install_defaults(session):
        created.append("the default contact types")
    stored = set(session.exec(select(Setting.key)).all())
    missing = {k: v for k, v in defaults().items() if k not in stored}
    for key, value in missing.items():
        session.add(Setting(key=key, value=value))
    forget_cached(session, SETTINGS_ENTITY)
    if missing:
        created.append(f"{len(missing)} settings at their defaults")
    if install_default_template(session):
        created.append("the default document templates")
    added = install_permission_defaults(session)
    if added:
        created.append(f"{added} role permissions at their defaults")
    session.flush()
    return created
