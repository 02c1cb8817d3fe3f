"""All tables; importing this package registers them on SQLModel.metadata."""

from rxcrm.db.models.accounts import Account, AccountGroup, AccountGroupMember, Favourite
from rxcrm.db.models.activities import Activity, ActivityCategory
from rxcrm.db.models.contacts import Contact
from rxcrm.db.models.followers import Follower, Notification
from rxcrm.db.models.history import Change
from rxcrm.db.models.opportunities import Opportunity, Pipeline, Stage
from rxcrm.db.models.partners import Partner
from rxcrm.db.models.settings import Setting
from rxcrm.db.models.users import ApiKey, AuthSession, User

__all__ = [
    "Account",
    "AccountGroup",
    "AccountGroupMember",
    "Activity",
    "ActivityCategory",
    "ApiKey",
    "AuthSession",
    "Change",
    "Contact",
    "Favourite",
    "Follower",
    "Notification",
    "Opportunity",
    "Partner",
    "Pipeline",
    "Setting",
    "Stage",
    "User",
]
