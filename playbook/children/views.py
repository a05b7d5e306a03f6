"""The child's pages: set-up, the playbook home, the school team and the IEPs."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from playbook.accounts.access import can_write, get_for_user
from playbook.accounts.households import household_for_new_child
from playbook.accounts.models import Role

from .access import child_for_read, child_for_write
from .conditional import conditional_page
from .forms import ChildForm, IEPForm, ServiceFormSet, TeamMemberForm, save_iep
from .models import IEP, Child, DeletedChild, Service, TeamMember, TeamRole, TooLateToRestore
from .roles import role_writer
from .uploads import attachment_response, document_suffix, document_type

# The first run leads to the first move, putting a concern in writing (issue 17); the IEP
# can come later, typed or read from its PDF.
SETUP_STEPS = [
    ("child", _("Your child")),
    ("team", _("The case manager")),
    ("concern", _("What's worrying you")),
    ("letter", _("Your first letter")),
]
IEP_STEPS = [("child", _("Your child")), ("team", _("School team")), ("iep", _("Current IEP"))]
FIRST_CONCERN = "concern_first"  # the first-run step after the team (advocacy's page)


def _setup(step: str) -> dict:
    return {"steps": SETUP_STEPS, "step": step}


def team_of(child: Child) -> QuerySet[TeamMember]:
    """The school team, case manager first: the person most letters go to."""
    return child.team.current().order_by(
        Case(
            When(role=TeamRole.CASE_MANAGER, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "created_at",
    )


def current_team(child: Child) -> list[TeamMember]:
    """``team_of``'s people in its order, from the child's prefetched team (``team`` in
    ``child_for_read(..., prefetch=...)``): a page that prefetched it reads it once."""
    members = [member for member in child.team.all() if member.left_on is None]
    members.sort(key=lambda member: (member.role != TeamRole.CASE_MANAGER, member.created_at))
    return members


def _ieps(child: Child) -> QuerySet[IEP]:
    return child.ieps.prefetch_related(
        Prefetch("services", queryset=Service.objects.order_by("position", "service")),
        "goals",
        "accommodations",
    )


def _on_the_team(member: TeamMember, child: Child) -> str:
    return gettext("%(name)s is on %(child)s's team.") % {
        "name": member.name,
        "child": child.first_name,
    }


def _page(request, template: str, child: Child, section: str, **context) -> HttpResponse:
    status = context.pop("status", 200)
    context.update(child=child, section=section, can_write=can_write(child))
    return render(request, template, context, status=status)


def _team_member(request: HttpRequest, child_id, member_id, *, write: bool) -> TeamMember:
    member = get_for_user(
        request.user,
        TeamMember,
        member_id,
        write=write,
        queryset=TeamMember.objects.select_related("child"),
    )
    if member.child_id != child_id:
        raise Http404
    member.child.viewer_role = member.viewer_role  # type: ignore[attr-defined]
    return member


def _iep(request: HttpRequest, child_id, iep_id, *, write: bool) -> IEP:
    iep = get_for_user(
        request.user, IEP, iep_id, write=write, queryset=IEP.objects.select_related("child")
    )
    if iep.child_id != child_id:
        raise Http404
    iep.child.viewer_role = iep.viewer_role  # type: ignore[attr-defined]
    return iep


# Set-up and the child's details


@login_required
def child_new(request: HttpRequest) -> HttpResponse:
    household = household_for_new_child(request.user)
    if household is None:
        raise PermissionDenied("Your access to this family's records is read-only.")
    form = ChildForm(request.POST or None, household=household)
    if request.method == "POST" and form.is_valid():
        child = form.save(commit=False)
        child.household = household
        child.save()
        messages.success(
            request,
            gettext("%(name)s is added. Next, the school team.") % {"name": child.first_name},
        )
        return redirect("child_setup_team", child_id=child.pk)
    # An owner who deleted their only child lands here: the way back is offered first.
    recently_deleted = DeletedChild.objects.restorable_by(request.user, timezone.now())
    return render(
        request,
        "children/child_form.html",
        {"form": form, "setup": True, "recently_deleted": recently_deleted, **_setup("child")},
        status=400 if form.errors else 200,
    )


@login_required
def child_edit(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    form = ChildForm(request.POST or None, instance=child)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Saved."))
        return redirect("child_home", child_id=child.pk)
    return _page(
        request,
        "children/child_form.html",
        child,
        "home",
        form=form,
        status=400 if form.errors else 200,
    )


@login_required
def child_delete(request: HttpRequest, child_id) -> HttpResponse:
    """The owner's confirmation (backup first), then the deletion; restorable for 30 days."""
    child = child_for_write(request, child_id)
    if child.viewer_role != Role.OWNER:  # type: ignore[attr-defined]
        raise PermissionDenied("Only the family's owner can delete a child's records.")
    restorable_until = child.restorable_until(timezone.now())
    if request.method == "POST":
        child.delete_by(request.user)
        messages.success(
            request,
            gettext("%(name)s's records are deleted. You can restore them until %(day)s.")
            % {"name": child.name, "day": date_format(restorable_until, "DATE_FORMAT")},
        )
        return redirect("deleted_children")
    return _page(
        request, "children/child_delete.html", child, "home", restorable_until=restorable_until
    )


@require_safe
@login_required
def deleted_children(request: HttpRequest) -> HttpResponse:
    """The owner's recently deleted children, each with its restore button."""
    is_owner = request.user.memberships.filter(role=Role.OWNER).exists()
    if not is_owner:
        raise PermissionDenied("Only the family's owner can see and restore deleted children.")
    deleted = DeletedChild.objects.restorable_by(request.user, timezone.now())
    return render(request, "children/deleted.html", {"deleted": deleted})


@login_required
@require_POST
def child_restore(request: HttpRequest, deleted_child_id) -> HttpResponse:
    child = get_for_user(request.user, DeletedChild, deleted_child_id, write=True)
    try:
        child.restore_by(request.user)
    except TooLateToRestore as exc:
        messages.error(request, str(exc))
        return redirect("deleted_children")
    messages.success(
        request, gettext("%(name)s is back, with every record as it was.") % {"name": child.name}
    )
    return redirect("child_home", child_id=child.pk)


@login_required
def child_setup_team(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    team = list(team_of(child))
    has_case_manager = any(m.role == TeamRole.CASE_MANAGER for m in team)
    initial = {} if has_case_manager else {"role": TeamRole.CASE_MANAGER}
    form = TeamMemberForm(request.POST or None, initial=initial)
    if request.method == "POST":
        going_on = request.POST.get("action") == "continue"
        if going_on and not form.has_changed():
            return redirect(FIRST_CONCERN, child_id=child.pk)
        if form.is_valid():
            member = form.save(commit=False)
            member.child = child
            member.save()
            messages.success(request, _on_the_team(member, child))
            if going_on:
                return redirect(FIRST_CONCERN, child_id=child.pk)
            return redirect("child_setup_team", child_id=child.pk)
    return _page(
        request,
        "children/setup_team.html",
        child,
        "home",
        form=form,
        team=team,
        has_case_manager=has_case_manager,
        status=400 if form.errors else 200,
        **_setup("team"),
    )


@login_required
def child_setup_iep(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    return _iep_form(request, child, IEP(child=child), setup=True)


# The playbook

# The school team


@require_safe
@login_required
@conditional_page
def team(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    members = list(child.team.order_by("created_at"))
    return _page(
        request,
        "children/team.html",
        child,
        "team",
        team=sorted(
            (m for m in members if m.left_on is None),
            key=lambda m: (m.role != TeamRole.CASE_MANAGER, m.created_at),
        ),
        former=[m for m in members if m.left_on is not None],
    )


@login_required
def team_add(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    form = TeamMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = form.save(commit=False)
        member.child = child
        member.save()
        messages.success(request, _on_the_team(member, child))
        return redirect("team", child_id=child.pk)
    return _page(
        request,
        "children/team_form.html",
        child,
        "team",
        form=form,
        status=400 if form.errors else 200,
    )


@login_required
def team_edit(request: HttpRequest, child_id, member_id) -> HttpResponse:
    member = _team_member(request, child_id, member_id, write=True)
    form = TeamMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Saved %(name)s's details.") % {"name": member.name})
        return redirect("team", child_id=child_id)
    return _page(
        request,
        "children/team_form.html",
        member.child,
        "team",
        form=form,
        member=member,
        status=400 if form.errors else 200,
    )


@login_required
def team_remove(request: HttpRequest, child_id, member_id) -> HttpResponse:
    member = _team_member(request, child_id, member_id, write=True)
    if request.method == "POST":
        if member.take_off_team(member.child.today()):
            messages.success(
                request,
                gettext("%(name)s is no longer listed on the team.") % {"name": member.name},
            )
        else:
            messages.success(
                request,
                gettext(
                    "%(name)s is off the team. Your records name %(name)s, so they "
                    "stay listed under former team members."
                )
                % {"name": member.name},
            )
        return redirect("team", child_id=child_id)
    # The role as the team table names it, in the reader's language.
    role = role_writer()(member)
    return _page(
        request, "children/team_remove.html", member.child, "team", member=member, role=role
    )


@login_required
@require_POST
def team_restore(request: HttpRequest, child_id, member_id) -> HttpResponse:
    member = _team_member(request, child_id, member_id, write=True)
    member.back_on_team()
    messages.success(request, gettext("%(name)s is back on the team.") % {"name": member.name})
    return redirect("team", child_id=child_id)


# IEPs


@require_safe
@login_required
@conditional_page
def iep_list(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_read(request, child_id)
    ieps = list(_ieps(child))
    return _page(
        request,
        "children/iep.html",
        child,
        "iep",
        iep=ieps[0] if ieps else None,
        past=ieps[1:],
    )


@require_safe
@login_required
def iep_detail(request: HttpRequest, child_id, iep_id) -> HttpResponse:
    iep = _iep(request, child_id, iep_id, write=False)
    return _page(request, "children/iep_detail.html", iep.child, "iep", iep=iep)


@login_required
def iep_new(request: HttpRequest, child_id) -> HttpResponse:
    child = child_for_write(request, child_id)
    return _iep_form(request, child, IEP(child=child))


@login_required
def iep_edit(request: HttpRequest, child_id, iep_id) -> HttpResponse:
    iep = _iep(request, child_id, iep_id, write=True)
    return _iep_form(request, iep.child, iep)


@require_safe
@login_required
def iep_file(request: HttpRequest, child_id, iep_id) -> HttpResponse:
    iep = _iep(request, child_id, iep_id, write=False)
    return attachment_response(
        iep.file,
        iep.file_name or f"iep{document_suffix(iep.file.name)}",
        document_type(iep.file.name),
    )


def _iep_form(request: HttpRequest, child: Child, iep: IEP, *, setup: bool = False):
    adding = iep._state.adding
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = IEPForm(data, files, instance=iep)
    services = ServiceFormSet(
        data,
        instance=iep,
        prefix="services",
        queryset=Service.objects.order_by("position", "service"),
    )
    if request.method == "POST":
        form_ok, services_ok = form.is_valid(), services.is_valid()
        if form_ok and services_ok:
            save_iep(form, services)
            if setup:
                messages.success(
                    request, gettext("%(name)s's playbook is ready.") % {"name": child.first_name}
                )
                return redirect("child_home", child_id=child.pk)
            messages.success(request, gettext("The IEP is saved."))
            return redirect("iep", child_id=child.pk)
        form.ask_for_upload_again()
    context = {
        "form": form,
        "services": services,
        "iep": None if adding else iep,
        "setup": setup,
        "status": 400 if request.method == "POST" else 200,
    }
    if setup:
        context.update(steps=IEP_STEPS, step="iep")
    return _page(request, "children/iep_form.html", child, "iep", **context)
