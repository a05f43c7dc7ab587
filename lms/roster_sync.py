"""Names and Roles: the course's roster read from the LMS. Each member becomes a Seminar member with the role their
LMS roles give (lms.launch.seminar_role; an account made or linked as a launch would, lms.accounts), and those who
left the LMS course (gone from the list, or listed Inactive or Deleted) have their enrolment ended, never deleted:
their posts, grades and account stay. Only people the LMS once listed or launched are ever ended, so a guest
enrolled in Seminar alone is left alone; and an empty list changes nothing (a platform's hiccup, not a class that
emptied).

A sync runs from the "Sync roster from the LMS" page (lms.admin_views), which reports "3 added, 1 ended", and, as a
task, after a launch when the course's last sync is older than LAUNCH_SYNC_AFTER. The LMS's memberships URL comes
with launches (django-lti keeps it on LtiContext.memberships_url); a course whose launches never carried the Names
and Roles claim cannot be synced."""

from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from lti_tool.lti_core.utils import normalize_role
from lti_tool.models import LtiContext, LtiMembership, LtiUser
from pylti1p3.names_roles import NamesRolesProvisioningService

from courses.models import Enrolment
from courses.roles import enrol
from lms.accounts import linked_account
from lms.launch import seminar_role
from lms.models import RosterSync
from lms.services import SERVICE_ERRORS, connector, describe

LAUNCH_SYNC_AFTER = timedelta(hours=1)
USER_FIELDS = {"given_name": 500, "family_name": 500, "name": 500, "email": 254}


class SyncError(Exception):
    """The roster could not be read; the message says why, for the page that asked."""


@dataclass
class Changes:
    added: list = field(default_factory=list)
    ended: list = field(default_factory=list)
    changed: list = field(default_factory=list)

    def __str__(self):
        parts = [f"{len(self.added)} added", f"{len(self.ended)} ended"]
        if self.changed:
            parts.append(f"{len(self.changed)} changed role")
        return ", ".join(parts)


def members_of(context):
    """The LMS's members of `context`, every page of them (PyLTI1p3 follows the Link rel="next" headers)."""
    if not context.memberships_url:
        raise SyncError("The LMS has not offered Names and Roles for this course (enable it, then launch once).")
    service = NamesRolesProvisioningService(connector(context), {"context_memberships_url": context.memberships_url})
    try:
        members = service.get_members()
    except SERVICE_ERRORS as error:
        raise SyncError(f"The roster could not be read: {describe(error)}.") from error
    members = [m for m in members if isinstance(m, dict) and isinstance(m.get("user_id"), str) and m["user_id"]]
    if not members:
        raise SyncError("The LMS listed no members: nothing was changed.")
    return members


def is_listed(member):
    return member.get("status", "Active") == "Active"


def lti_user_of(context, member):
    """The LMS user a member is, its names and email updated as a launch would (what our fields hold)."""
    values = {key: member.get(key) for key in USER_FIELDS}
    defaults = {key: value[:n] for (key, n), value in zip(USER_FIELDS.items(), values.values(), strict=True)}
    defaults = {key: value for key, value in defaults.items() if isinstance(value, str)}
    lti_user, _ = LtiUser.objects.update_or_create(
        registration=context.deployment.registration, sub=member["user_id"][:255], defaults=defaults
    )
    return lti_user


def admit(context, course, member, changes):
    lti_user = lti_user_of(context, member)
    roles = [role for role in member.get("roles") or [] if isinstance(role, str)]
    LtiMembership.objects.update_or_create(
        context=context,
        user=lti_user,
        defaults={
            "is_instructor": any(normalize_role(r).endswith("#Instructor") for r in roles),
            "is_learner": any(normalize_role(r).endswith("#Learner") for r in roles),
            "is_active": True,
        },
    )
    user = linked_account(lti_user.pk)
    if not user.is_active:
        return lti_user
    role = seminar_role(roles)
    before = Enrolment.objects.filter(user=user, course=course).values_list("role", "active").first()
    enrol(user, course, role)
    if before is None or not before[1]:
        changes.added.append(user)
    elif before[0] != role:
        changes.changed.append(user)
    return lti_user


def end_the_departed(context, course, present, changes):
    """End the enrolments of those the LMS listed or launched before and no longer lists as active."""
    departed = LtiMembership.objects.filter(context=context).exclude(user__in=present).select_related("user")
    for membership in departed:
        account = membership.user.auth_user
        enrolment = Enrolment.objects.filter(user=account, course=course, active=True).first() if account else None
        if enrolment is not None:
            enrolment.end()
            changes.ended.append(account)
        if membership.is_active:
            membership.is_active = False
            membership.save(update_fields=["is_active"])


def sync_roster(context):
    """Read the roster of `context` (an LtiContext linked to a course) and enrol and end as it says; returns the
    Changes, or raises SyncError. What happened is kept on RosterSync."""
    record, _ = RosterSync.objects.get_or_create(context=context)
    course = context.seminar_link.course
    try:
        members = members_of(context)
        changes = Changes()
        with transaction.atomic():
            present = [admit(context, course, m, changes).pk for m in members if is_listed(m)]
            end_the_departed(context, course, present, changes)
    except SyncError as error:
        RosterSync.objects.filter(pk=record.pk).update(finished_at=timezone.now(), error=str(error)[:500])
        raise
    RosterSync.objects.filter(pk=record.pk).update(finished_at=timezone.now(), summary=str(changes), error="")
    return changes


@task()
def sync_roster_task(context_id):
    context = LtiContext.objects.filter(pk=context_id, seminar_link__isnull=False).first()
    if context is None:
        return
    with suppress(SyncError):  # kept on RosterSync, shown on the sync page
        sync_roster(context)


def sync_after_launch(context_id):
    """After a launch: a sync task, once the transaction commits, if the course's last one is older than
    LAUNCH_SYNC_AFTER (the launch itself stays fast). Many launches at once ask for one sync."""
    context = LtiContext.objects.filter(pk=context_id, seminar_link__isnull=False).exclude(memberships_url="").first()
    if context is None:
        return
    now = timezone.now()
    RosterSync.objects.get_or_create(context=context)
    due = RosterSync.objects.filter(context=context).exclude(requested_at__gt=now - LAUNCH_SYNC_AFTER)
    if due.update(requested_at=now):
        transaction.on_commit(lambda: sync_roster_task.enqueue(context.pk), robust=True)


def syncable_contexts(course):
    """The LMS contexts of `course` a roster can be read from."""
    return list(LtiContext.objects.filter(seminar_link__course=course).exclude(memberships_url=""))
