"""All tables; importing this package registers them on SQLModel.metadata."""

from rxcrm.db.models.account_relations import AccountRelation
from rxcrm.db.models.accounts import Account, AccountGroup, AccountGroupMember, Favourite
from rxcrm.db.models.activities import Activity, ActivityCategory
from rxcrm.db.models.billing import Invoice, InvoiceCounter
from rxcrm.db.models.commerce import (
    Attachment,
    Bundle,
    BundleItem,
    Contract,
    PriceBook,
    PriceBookEntry,
    PriceBookProject,
    Product,
    ProductCategory,
    Quote,
    QuoteItem,
    QuoteTemplate,
)
from rxcrm.db.models.contact_channels import ContactChannel, ContactType
from rxcrm.db.models.contacts import Contact
from rxcrm.db.models.custom_fields import CustomField
from rxcrm.db.models.dashboards import Baseline, DashboardPage, PageTemplate, UserTarget
from rxcrm.db.models.field_visibility import FieldVisibility
from rxcrm.db.models.followers import Follower, Notification
from rxcrm.db.models.history import Change
from rxcrm.db.models.leads import Campaign, CampaignStatus, Lead, SplitterRule, SplitterShare
from rxcrm.db.models.mail import Email, EmailTemplate
from rxcrm.db.models.opportunities import (
    BusinessRole,
    ExchangeRate,
    Opportunity,
    Pipeline,
    Project,
    Stage,
)
from rxcrm.db.models.partners import Partner
from rxcrm.db.models.permissions import RolePermission
from rxcrm.db.models.projects import ProjectMember
from rxcrm.db.models.saved_filters import SavedFilter
from rxcrm.db.models.settings import Setting
from rxcrm.db.models.tasks import Task, TaskAccount
from rxcrm.db.models.tickets import Ticket, TicketMessage
from rxcrm.db.models.users import ApiKey, AuthSession, User
from rxcrm.db.models.workflows import WorkflowRule

__all__ = [
    "Account",
    "AccountGroup",
    "AccountGroupMember",
    "AccountRelation",
    "Activity",
    "ActivityCategory",
    "ApiKey",
    "Attachment",
    "AuthSession",
    "Baseline",
    "Bundle",
    "BundleItem",
    "BusinessRole",
    "Campaign",
    "CampaignStatus",
    "Change",
    "Contact",
    "ContactChannel",
    "ContactType",
    "Contract",
    "CustomField",
    "DashboardPage",
    "Email",
    "EmailTemplate",
    "ExchangeRate",
    "Favourite",
    "FieldVisibility",
    "Follower",
    "Invoice",
    "InvoiceCounter",
    "Lead",
    "Notification",
    "Opportunity",
    "PageTemplate",
    "Partner",
    "Pipeline",
    "PriceBook",
    "PriceBookEntry",
    "PriceBookProject",
    "Product",
    "ProductCategory",
    "Project",
    "ProjectMember",
    "Quote",
    "QuoteItem",
    "QuoteTemplate",
    "RolePermission",
    "SavedFilter",
    "Setting",
    "SplitterRule",
    "SplitterShare",
    "Stage",
    "Task",
    "TaskAccount",
    "Ticket",
    "TicketMessage",
    "User",
    "UserTarget",
    "WorkflowRule",
]
