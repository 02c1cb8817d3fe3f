"""The new/edit account dialog, used from the list and from the detail page."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from rxcrm.db.models import User
from rxcrm.db.schemas.accounts import TEXT_FIELDS
from rxcrm.domain.accounts.accounts import ACCOUNT_TYPES
from rxcrm.domain.people.guarded_fields import may_set_global, may_set_private
from rxcrm.services.accounts import accounts as service
from rxcrm.ui import routes
from rxcrm.ui.actions import action, success_toast
from rxcrm.ui.components.controls import row_button
from rxcrm.ui.components.conversion import NONE, flag, optional_id, options, record_ref
from rxcrm.ui.components.forms import check_field, field_error, form_grid, record_form_dialog, text_field
from rxcrm.ui.components.lookup import LookupState, record_lookup
from rxcrm.ui.components.setters import chosen, setter
from rxcrm.ui.form_state import FormDialog
from rxcrm.ui.records.custom_field_inputs import CustomFieldInputs, custom_field_inputs
from rxcrm.ui.state import AppState

ADDRESS_FIELDS = (
    ("E-mail", "email"),
    ("Phone", "phone"),
    ("Street", "street"),
    ("ZIP", "zip"),
    ("City", "city"),
    ("Country", "country"),
)
OWNER_LOOKUPS = (("owner_id", "account-owner"), ("second_owner_id", "account-second-owner"))
PARTNER_LOOKUP = "account-partner"


class AccountFormState(FormDialog, CustomFieldInputs, AppState):
    """What the account dialog shows and the errors of its last submit."""

    parent_id: int = 0
    account_type: str = "company"
    group_options: list[dict[str, str]] = []
    checked_groups: list[str] = []
    new_group: str = ""
    may_set_private: bool = True
    may_set_global: bool = False

    def _load_choices(self, session, user) -> None:  # noqa: ANN001
        self.group_options = options([(g.id, g.name) for g in service.list_groups(session)], None)
        self._prepare_record_form(session, service.ENTITY)

    @rx.event
    @action
    def open_new(self, session: Session, user: User, parent_id: int = 0):
        """Open an empty form (a sub-account when a parent is given)."""
        self._load_choices(session, user)
        self.values = {"owner_id": str(user.id), "type": "company", **self._custom_initial({})}
        self.may_set_private, self.may_set_global = True, may_set_global(user)
        self.parent_id, self.account_type, self.checked_groups = parent_id, "company", []
        self._show_form(0)
        return self._preset_owners()

    @rx.event
    @action
    def open_edit(self, session: Session, user: User, account_id: int):
        """Open the form filled with an account's current values."""
        self._load_choices(session, user)
        account = service.get_account(session, user, account_id)
        groups = service.account_group_ids(session, account_id)
        self.may_set_private = may_set_private(user, account.created_by_id)
        self.may_set_global = may_set_global(user)
        data = account.model_dump()
        self.values = {
            k: ("" if v is None else str(v).lower() if isinstance(v, bool) else str(v))
            for k, v in data.items()
            if k != "custom"
        }
        self.values["owner_id"] = str(account.owner_id or NONE)
        self.values["second_owner_id"] = str(account.second_owner_id or NONE)
        self.values.update(self._custom_initial(account.custom))
        self.checked_groups = [str(g) for g in groups]
        self.parent_id, self.account_type = account.parent_id or 0, account.type
        self._show_form(account_id)
        return self._preset_owners()

    def _preset_owners(self) -> list:
        owners = [
            LookupState.preset(key, "owner", self.values.get(field, "")) for field, key in OWNER_LOOKUPS
        ]
        return [*owners, LookupState.preset(PARTNER_LOOKUP, "partner", self.values.get("partner_id", ""))]

    set_account_type = setter(
        "account_type",
        "Switch the field set to another account type.",
        value_type=str | list[str],
        convert=chosen,
    )

    @rx.event
    def toggle_group(self, group_id: str, checked: bool):
        """Add the account to a group or take it out."""
        rest = [g for g in self.checked_groups if g != group_id]
        self.checked_groups = [*rest, group_id] if checked else rest

    set_new_group = setter("new_group", "Remember the name typed for a new group.", value_type=str)

    @rx.event
    @action
    def add_group(self, session: Session, user: User):
        """Create a new account group and tick it for this account."""
        group = service.create_group(session, self.new_group)
        self._load_choices(session, user)
        self.checked_groups = [*self.checked_groups, str(group.id)]
        self.new_group = ""
        return success_toast(f"Group '{group.name}' created.")

    def _flags(self, form: dict) -> dict[str, bool]:
        """The private and global flags the user may set (the others keep their stored value)."""
        allowed = {"is_private": self.may_set_private, "is_global": self.may_set_global}
        return {name: flag(form, name) for name, ok in allowed.items() if ok}

    @rx.event
    @action(refused="_refused")
    def submit(self, session: Session, user: User, form: dict):
        """Save the account and open its page, or show what to correct."""
        data = self._record_form(form, TEXT_FIELDS)
        if data is None:
            return
        data.update(
            type=self.account_type,
            key_account=flag(form, "key_account"),
            owner_id=optional_id(form.get("owner_id")),
            second_owner_id=optional_id(form.get("second_owner_id")),
            group_ids=[record_ref(g) for g in self.checked_groups],
        )
        data.update(self._flags(form))
        if "partner_id" in form:  # internal users assign the partner; a partner user's stays his/her own
            data["partner_id"] = optional_id(form.get("partner_id"))
        data = self._without_hidden(data)
        if self.parent_id:
            data["parent_id"] = self.parent_id
        account = self._save_record(session, user, service.create_account, service.update_account, data)
        from rxcrm.ui.accounts.account_detail import AccountDetailState  # it imports this module

        url = routes.account_url(account.id)
        return self._saved_on_page("Account", account.name, AccountDetailState.load, url)


def _type_fields() -> rx.Component:
    s = AccountFormState

    def text(label: str, name: str, required: bool = False) -> rx.Component:
        return text_field(label, name, s.values, s.errors, required, hidden=s.hidden)

    return rx.cond(
        s.account_type == "person",
        form_grid(
            text("First name", "first_name"), text("Last name", "last_name", True), text("Company", "company")
        ),
        form_grid(
            text("Name", "name", True),
            text("Industry", "industry"),
            text("Website", "website"),
            rx.cond(s.account_type == "company", text("Registration no.", "registration_no")),
            rx.cond(s.account_type == "company", text("VAT no.", "vat_no")),
        ),
    )


def _group_picker() -> rx.Component:
    s = AccountFormState
    return rx.vstack(
        rx.text("Groups", size="2", weight="medium"),
        rx.hstack(
            rx.foreach(
                s.group_options,
                lambda g: rx.hstack(
                    rx.checkbox(
                        checked=s.checked_groups.contains(g["value"]),
                        on_change=lambda c: AccountFormState.toggle_group(g["value"], c),
                    ),
                    rx.text(g["label"], size="2"),
                    spacing="1",
                    align="center",
                ),
            ),
            rx.hstack(
                rx.input(
                    placeholder="New group",
                    value=s.new_group,
                    on_change=AccountFormState.set_new_group,
                    size="1",
                    data_testid="group-new-name",
                ),
                row_button("Add", AccountFormState.add_group, "group-add", type="button"),
                spacing="1",
            ),
            wrap="wrap",
            spacing="4",
            align="center",
        ),
        spacing="1",
    )


def account_form_dialog() -> rx.Component:
    """The modal form for a new or changed account."""
    s = AccountFormState
    text = lambda label, name: text_field(label, name, s.values, s.errors, hidden=s.hidden)  # noqa: E731
    account_type = rx.vstack(
        rx.text("Account type", size="2", weight="medium"),
        rx.segmented_control.root(
            *(rx.segmented_control.item(t.title(), value=t) for t in ACCOUNT_TYPES),
            value=s.account_type,
            on_change=AccountFormState.set_account_type,
            data_testid="field-type",
        ),
        spacing="1",
    )
    body = [
        account_type,
        _type_fields(),
        form_grid(*(text(label, name) for label, name in ADDRESS_FIELDS)),
        form_grid(
            record_lookup("Account manager", "owner_id", "account-owner", "owner", s.errors),
            record_lookup("Second manager", "second_owner_id", "account-second-owner", "owner", s.errors),
            rx.cond(
                AppState.user_external,
                rx.fragment(),
                record_lookup("Partner", "partner_id", PARTNER_LOOKUP, "partner", s.errors),
            ),
            columns="3",
        ),
        rx.hstack(
            check_field("Key account", "key_account", s.values),
            rx.cond(s.may_set_private, check_field("Private (only you see it)", "is_private", s.values)),
            rx.cond(s.may_set_global, check_field("Global (everyone sees it)", "is_global", s.values)),
            spacing="5",
        ),
        field_error(s.errors, "is_global"),
        _group_picker(),
        custom_field_inputs(AccountFormState, s.values, s.errors),
    ]
    return record_form_dialog(AccountFormState, "account", body, "account-save", "820px")
