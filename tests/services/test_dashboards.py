"""Dashboard pages: role-based defaults, per-user and per-project layouts, page templates."""

from __future__ import annotations

import contextlib
import threading

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxcrm.analytics.baselines import capture_baseline
from rxcrm.db.models import DashboardPage, Project, User
from rxcrm.domain.dashboards.widgets import DEFAULT_LAYOUTS, DEFAULT_PARAMS, new_widget
from rxcrm.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from rxcrm.services.dashboards.pages import (
    add_widget_to_page,
    apply_template,
    change_page,
    delete_template,
    edit_page_widget,
    list_templates,
    move_page_widget,
    page_refusal,
    page_widgets,
    remove_page_widget,
    replace_page,
    reset_page,
    save_template,
    set_page_baseline,
)
from rxcrm.services.pipeline.projects import create_project
from tests.conftest import make_user


def _kinds(widgets: list) -> list[str]:
    return [w.kind for w in widgets]


def _project(session: Session, admin: User, name: str = "South") -> int:
    return create_project(session, admin, {"name": name}).id


def test_a_rep_starts_with_his_own_figures_on_the_global_overview(session: Session, rep: User) -> None:
    widgets = page_widgets(session, rep, "results")
    assert _kinds(widgets) == list(DEFAULT_LAYOUTS["results"])
    assert all(w.params == {"owner_id": rep.id, **DEFAULT_PARAMS.get(w.kind, {})} for w in widgets)


def test_a_director_starts_with_his_teams_figures(session: Session) -> None:
    director = make_user(session, role="director", team="North")
    widgets = page_widgets(session, director, "statistics")
    assert _kinds(widgets) == list(DEFAULT_LAYOUTS["statistics"])
    assert all(w.params == {"team": "North", **DEFAULT_PARAMS.get(w.kind, {})} for w in widgets)


def test_an_admin_and_a_project_overview_start_unfiltered(session: Session, admin: User, rep: User) -> None:
    assert all(w.params == DEFAULT_PARAMS.get(w.kind, {}) for w in page_widgets(session, admin, "results"))
    project_id = _project(session, admin)
    on_project = page_widgets(session, rep, "results", project_id)
    assert all(w.params == DEFAULT_PARAMS.get(w.kind, {}) for w in on_project)


def test_pending_payments_starts_with_the_invoice_widgets_and_unknown_pages_do_not_exist(
    session: Session, rep: User
) -> None:
    kinds = [w.kind for w in page_widgets(session, rep, "pending_payments")]
    assert kinds == ["open_invoices_by_due_week", "overdue_by_account", "paid_per_month"]
    assert page_refusal(session, rep, "pending_payments") == ""
    assert "may not see invoices" in page_refusal(
        session, make_user(session, role="partner"), "pending_payments"
    )
    assert page_refusal(session, make_user(session, role="partner"), "results") == ""
    with pytest.raises(NotFound):
        page_widgets(session, rep, "secrets")


def test_an_unknown_or_disabled_project_is_not_found(session: Session, admin: User, rep: User) -> None:
    with pytest.raises(NotFound):
        page_widgets(session, rep, "results", 9999)
    project = session.get(Project, _project(session, admin))
    project.crm_enabled = False
    session.flush()
    with pytest.raises(NotFound):
        add_widget_to_page(session, rep, "results", project.id, "revenue")


def test_a_default_widget_can_be_edited_by_the_id_it_was_shown_with(session: Session, rep: User) -> None:
    shown = page_widgets(session, rep, "results")
    edit_page_widget(session, rep, "results", None, shown[0].id, title="My revenue")
    session.commit()
    assert page_widgets(session, rep, "results")[0].title == "My revenue"


def test_add_edit_move_and_remove_persist_for_the_user(session: Session, rep: User) -> None:
    added = add_widget_to_page(
        session, rep, "statistics", None, "leaderboard", "Top reps", {"period": "quarter"}
    )
    new_id = added[-1].id
    edit_page_widget(
        session, rep, "statistics", None, new_id, params={"from": "2026-01-01", "to": "2026-03-31"}
    )
    move_page_widget(session, rep, "statistics", None, new_id, 0)
    first = page_widgets(session, rep, "statistics")[1].id
    remove_page_widget(session, rep, "statistics", None, first)
    session.commit()
    widgets = page_widgets(session, rep, "statistics")
    assert widgets[0].id == new_id and widgets[0].title == "Top reps"
    assert widgets[0].params == {"from": "2026-01-01", "to": "2026-03-31"}
    assert first not in [w.id for w in widgets]
    assert len(widgets) == len(DEFAULT_LAYOUTS["statistics"])


def test_layouts_are_kept_per_user_and_per_project(session: Session, admin: User, rep: User) -> None:
    other = make_user(session)
    project_id = _project(session, admin)
    add_widget_to_page(session, rep, "results", project_id, "partners")
    remove_page_widget(session, rep, "results", None, page_widgets(session, rep, "results")[0].id)
    session.commit()
    assert _kinds(page_widgets(session, rep, "results", project_id))[-1] == "partners"
    assert _kinds(page_widgets(session, rep, "results")) == list(DEFAULT_LAYOUTS["results"][1:])
    assert _kinds(page_widgets(session, other, "results")) == list(DEFAULT_LAYOUTS["results"])
    assert _kinds(page_widgets(session, other, "results", project_id)) == list(DEFAULT_LAYOUTS["results"])


def test_one_row_per_user_page_and_global_overview(session: Session, rep: User) -> None:
    for kind in ("funnel", "revenue", "partners"):
        add_widget_to_page(session, rep, "results", None, kind)
    rows = session.exec(select(DashboardPage).where(DashboardPage.user_id == rep.id)).all()
    assert len(rows) == 1 and rows[0].project_id is None


def test_reset_brings_back_the_default(session: Session, rep: User) -> None:
    replace_page(session, rep, "results", None, [{"kind": "funnel"}])
    assert _kinds(reset_page(session, rep, "results")) == list(DEFAULT_LAYOUTS["results"])
    assert _kinds(page_widgets(session, rep, "results")) == list(DEFAULT_LAYOUTS["results"])


def test_a_whole_page_is_validated_before_anything_is_stored(session: Session, rep: User) -> None:
    with pytest.raises(ValidationFailed) as error:
        replace_page(
            session, rep, "results", None, [{"kind": "funnel"}, {"kind": "revenue", "params": {"to": "x"}}]
        )
    assert "widgets.1.to" in error.value.fields
    with pytest.raises(ValidationFailed) as error:
        replace_page(session, rep, "results", None, [{"kind": "horoscope"}])
    assert "widgets.0.kind" in error.value.fields
    with pytest.raises(ValidationFailed):
        replace_page(session, rep, "results", None, [{"kind": "funnel"}] * 25)
    assert session.exec(select(DashboardPage)).all() == []


def test_a_page_keeps_the_ids_it_was_sent_unless_they_clash(session: Session, rep: User) -> None:
    widgets = replace_page(
        session, rep, "results", None, [{"kind": "funnel", "id": "a1"}, {"kind": "revenue", "id": "a1"}]
    )
    assert widgets[0].id == "a1" and widgets[1].id != "a1"


def test_unknown_widgets_and_widget_ids_are_refused(session: Session, rep: User) -> None:
    with pytest.raises(NotFound):
        add_widget_to_page(session, rep, "results", None, "horoscope")
    with pytest.raises(NotFound):
        remove_page_widget(session, rep, "results", None, "nope")


def test_a_failed_change_stores_nothing(session: Session, rep: User) -> None:
    def broken(_layout: list) -> list:
        raise ValidationFailed.from_fields({"widgets": "no"})

    with pytest.raises(ValidationFailed):
        change_page(session, rep, "results", None, broken)
    assert session.exec(select(DashboardPage)).all() == []


def test_a_baseline_of_the_widgets_kind_is_overlaid_and_kept(session: Session, rep: User) -> None:
    widget = page_widgets(session, rep, "results")[0]
    baseline = capture_baseline(session, rep, widget.kind, "Monday", {})
    set_page_baseline(session, rep, "results", None, widget.id, baseline.id, True)
    session.commit()
    stored = page_widgets(session, rep, "results")[0]
    assert (stored.baseline_id, stored.show_baseline) == (baseline.id, True)
    set_page_baseline(session, rep, "results", None, widget.id, None)
    assert page_widgets(session, rep, "results")[0].baseline_id is None


def test_a_baseline_of_another_kind_or_user_cannot_be_overlaid(session: Session, rep: User) -> None:
    widget = page_widgets(session, rep, "results")[0]
    other_kind = capture_baseline(session, rep, "funnel", "Funnel", {})
    someone_elses = capture_baseline(session, make_user(session), widget.kind, "Theirs", {})
    with pytest.raises(ValidationFailed):
        set_page_baseline(session, rep, "results", None, widget.id, other_kind.id, True)
    with pytest.raises(NotFound):
        set_page_baseline(session, rep, "results", None, widget.id, someone_elses.id, True)
    with pytest.raises(NotFound):
        replace_page(session, rep, "results", None, [{"kind": widget.kind, "baseline_id": someone_elses.id}])


def test_a_template_leaves_personal_baseline_overlays_out(session: Session, rep: User) -> None:
    widget = page_widgets(session, rep, "results")[0]
    baseline = capture_baseline(session, rep, widget.kind, "Monday", {})
    set_page_baseline(session, rep, "results", None, widget.id, baseline.id, True)
    template = save_template(session, rep, "Clean", "results")
    assert all(w["baseline_id"] is None for w in template.widgets)


def test_a_template_is_applied_to_another_project_with_fresh_ids(session: Session, admin: User) -> None:
    director = make_user(session, role="director")
    north, south = _project(session, admin, "North"), _project(session, admin, "South")
    replace_page(
        session, director, "results", north, [{"kind": "funnel", "title": "Funnel N"}, {"kind": "revenue"}]
    )
    template = save_template(session, director, "Two charts", "results", north)
    applied = apply_template(session, admin, template.id, "results", south)
    session.commit()
    stored = page_widgets(session, admin, "results", south)
    assert [(w.kind, w.title) for w in stored] == [
        ("funnel", "Funnel N"),
        ("revenue", "Revenue (won) by period"),
    ]
    assert {w.id for w in stored} == {w.id for w in applied}
    assert not {w.id for w in stored} & {w.id for w in page_widgets(session, director, "results", north)}
    assert [t.name for t in list_templates(session, admin)] == ["Two charts"]


def test_template_names_are_unique_and_required(session: Session, rep: User) -> None:
    save_template(session, rep, "Mine", "results")
    with pytest.raises(Conflict):
        save_template(session, rep, " Mine ", "statistics")
    with pytest.raises(ValidationFailed):
        save_template(session, rep, "  ", "results")


def test_only_its_creator_or_an_admin_deletes_a_template(session: Session, admin: User, rep: User) -> None:
    other = make_user(session)
    first = save_template(session, rep, "First", "results")
    second = save_template(session, rep, "Second", "results")
    with pytest.raises(Forbidden):
        delete_template(session, other, first.id)
    delete_template(session, rep, first.id)
    delete_template(session, admin, second.id)
    assert list_templates(session, rep) == []
    with pytest.raises(NotFound):
        delete_template(session, rep, first.id)


def test_two_saves_of_a_new_page_at_once_keep_one_row_with_both_widgets(shared_engine: Engine) -> None:
    with Session(shared_engine, expire_on_commit=False) as setup:
        user = make_user(setup)
        setup.commit()
    both_read = threading.Barrier(2)
    errors: list[BaseException] = []

    def add(kind: str) -> None:
        def change(layout: list) -> list:
            # without the lock both read the page as it starts and both insert a row
            with contextlib.suppress(threading.BrokenBarrierError):
                both_read.wait(timeout=1)
            return [*layout, new_widget(kind)]

        try:
            with Session(shared_engine, expire_on_commit=False) as session:
                change_page(session, user, "pending_payments", None, change)
                session.commit()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=add, args=(k,)) for k in ("funnel", "revenue")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Session(shared_engine) as session:
        rows = session.exec(select(DashboardPage).where(DashboardPage.user_id == user.id)).all()
        assert len(rows) == 1
        kinds = [w["kind"] for w in rows[0].widgets]
        assert sorted(kinds) == sorted([*DEFAULT_LAYOUTS["pending_payments"], "funnel", "revenue"])


def test_a_widget_added_by_a_director_keeps_the_pages_team_scope(session: Session, admin: User) -> None:
    director = make_user(session, role="director", team="North")
    added = add_widget_to_page(session, director, "results", None, "pipeline_by_stage")[-1]
    assert added.params == {"team": "North"}  # the page shows Team North: so does the new widget
    asked = add_widget_to_page(session, director, "results", None, "revenue", params={"team": "South"})[-1]
    assert asked.params == {"team": "South"}
    project_id = _project(session, admin)
    on_project = add_widget_to_page(session, director, "results", project_id, "targets")[-1]
    assert on_project.params == {"period": "quarter"}  # a project's overview is narrowed to the project
