"""The class roster import, into one course: one code path for `manage.py import_roster` and the admin's Roster page.

`parse_roster(bytes)` reads and checks the CSV file as a whole and raises RosterFileError when the file itself is
unusable (not UTF-8, no header, a required column missing, no rows): nothing is written then. `import_roster(roster,
course=…, …)` creates or updates one account per good row inside one transaction and enrols it in the course with
the row's role (the optional `role` column: student unless it says ta, instructor or guest), rejects bad rows with
their line number and reason, optionally ends the course's student and guest enrolments the file no longer lists
(never an account: the member keeps their other courses), and returns a RosterReport. A dry run does the same work
and rolls the transaction back. Invitations to new members are queued only once the transaction commits.

A roster never changes a staff account's details (superusers, `is_staff`, and the instructors and teaching
assistants of any course), nor the role of a course's instructors and teaching assistants in that course.
"""

import csv
import io
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import partial

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower

from blog.models import AuthorProfile
from courses.models import STAFF_ROLES, Enrolment
from courses.roles import INSTRUCTORS, STUDENTS, Role, enrol, is_staff_anywhere, role_in
from roster.invitations import send_invitation

REQUIRED_COLUMNS = ("email", "first_name", "last_name")
OPTIONAL_COLUMNS = ("section", "role")
# What the role column may say (any case); empty means a student.
ROLE_NAMES = {"student": Role.STUDENT, "ta": Role.TA, "instructor": Role.INSTRUCTOR, "guest": Role.GUEST}
# The enrolments --deactivate-missing ends: never the course's instructors' and teaching assistants'.
ENDED_ROLES = (Role.STUDENT, Role.GUEST)
MAX_FILE_BYTES = 2 * 1024 * 1024
LOOKUP_CHUNK = 500  # emails per query: SQLite caps the number of query parameters

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


class RosterFileError(Exception):
    """The file as a whole cannot be imported; the message says why in words an instructor can act on."""


# --- Reading the file -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RosterRow:
    line: int
    email: str  # as written, trimmed
    first_name: str
    last_name: str
    section: str | None  # None when the file has no section column: sections are then left as they are
    role: str = Role.STUDENT  # a courses.models.Role
    problems: tuple[str, ...] = ()  # problems found in the row itself; the import adds those needing the database

    @property
    def key(self):
        return self.email.lower()


@dataclass(frozen=True)
class Roster:
    rows: tuple[RosterRow, ...]
    ignored_columns: tuple[str, ...] = ()

    @property
    def listed_emails(self):
        """Every well-formed email the file names, rejected rows included: those students are still in the class."""
        return {row.key for row in self.rows if "@" in row.key}


def column_name(header_cell):
    return "_".join(header_cell.strip().lower().replace("-", " ").split())


def tidy(value):
    """Trim, and collapse runs of whitespace inside a name."""
    return " ".join(value.split())


def decode(data):
    if not data.strip():
        raise RosterFileError("The file is empty.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise RosterFileError(
            f"The file is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line} is not valid UTF-8). "
            'Save it as "CSV UTF-8" from your spreadsheet and try again.'
        ) from None


def read_header(header):
    columns = [column_name(cell) for cell in header]
    repeated = sorted(name for name, count in Counter(columns).items() if name and count > 1)
    if repeated:
        raise RosterFileError(f"The header row names {', '.join(repeated)} more than once.")
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        found = ", ".join(name for name in columns if name) or "nothing"
        hint = " Columns must be separated by commas." if any(";" in cell or "\t" in cell for cell in header) else ""
        raise RosterFileError(
            f"Missing required column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}. The first row must "
            "be a header naming email, first_name and last_name (section and role are optional); "
            f"this file's header names {found}.{hint}"
        )
    known = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    return columns, tuple(name for name in columns if name and name not in known)


def read_role(cell):
    """(role, problem or None) for the role column's cell."""
    name = cell.strip().lower()
    if not name:
        return Role.STUDENT, None
    if name in ROLE_NAMES:
        return ROLE_NAMES[name], None
    return Role.STUDENT, f"unknown role “{cell.strip()}” (the role column takes student, ta, instructor or guest)"


def row_problems(values, columns, email, first_name, last_name, section):
    problems = []
    if any(unicodedata.category(char) == "Cc" for value in values for char in value.strip()):
        problems.append("contains a line break or another control character")
    if len(values) > len(columns) and any(value.strip() for value in values[len(columns) :]):
        problems.append(f"has {len(values)} values but the header names {len(columns)} columns")
    if not email:
        problems.append("missing email")
    else:
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"invalid email address “{email}”")
        else:
            if len(email.lower()) > 150:  # the login is the lower-cased address, which can be longer ("İ" → "i̇")
                problems.append("email is longer than 150 characters, the longest login allowed")
    for label, value, limit in (("first name", first_name, 150), ("last name", last_name, 150)):
        if not value:
            problems.append(f"missing {label}")
        elif len(value) > limit:
            problems.append(f"{label} is longer than {limit} characters")
    if section and len(section) > 50:
        problems.append("section is longer than 50 characters")
    return problems


def parse_text(text):
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)
        if header is None:
            raise RosterFileError("The file is empty.")
        columns, ignored = read_header(header)
        rows, seen = [], {}
        end_of_last = reader.line_num
        for values in reader:
            line, end_of_last = end_of_last + 1, reader.line_num
            if not any(value.strip() for value in values):
                continue  # blank lines are not students
            cells = dict(zip(columns, values, strict=False))
            email = cells.get("email", "").strip()
            first_name, last_name = tidy(cells.get("first_name", "")), tidy(cells.get("last_name", ""))
            section = tidy(cells.get("section", "")) if "section" in columns else None
            problems = row_problems(values, columns, email, first_name, last_name, section)
            role, role_problem = read_role(cells.get("role", ""))
            if role_problem:
                problems.append(role_problem)
            if email and email.lower() in seen:
                problems.append(f"duplicate of line {seen[email.lower()]} (the first occurrence is the one used)")
            elif email:
                seen[email.lower()] = line
            rows.append(RosterRow(line, email, first_name, last_name, section, role, tuple(problems)))
    except csv.Error as error:
        raise RosterFileError(f"The file is not readable as CSV near line {reader.line_num}: {error}.") from None
    if not rows:
        raise RosterFileError("The file has a header row but no students.")
    return Roster(tuple(rows), ignored_columns=ignored)


def parse_roster(data):
    """The roster in `data` (the file's bytes), or RosterFileError saying why the file cannot be used at all."""
    if len(data) > MAX_FILE_BYTES:
        raise RosterFileError(f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is 2 MB.")
    return parse_text(decode(data))


# --- The report -------------------------------------------------------------------------------------------


@dataclass
class RowOutcome:
    line: int
    email: str
    name: str
    status: str
    details: list[str] = field(default_factory=list)  # what changed, or why the row was rejected


@dataclass
class RosterReport:
    dry_run: bool
    outcomes: list[RowOutcome] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    ended: list[str] | None = None  # whose enrolment ended; None unless --deactivate-missing was asked for

    def with_status(self, status):
        return [outcome for outcome in self.outcomes if outcome.status == status]

    @property
    def counts(self):
        counts = dict.fromkeys((CREATED, UPDATED, UNCHANGED, REJECTED), 0)
        counts.update(Counter(outcome.status for outcome in self.outcomes))
        return counts

    @property
    def rejected(self):
        return self.with_status(REJECTED)

    @property
    def changed(self):
        return [outcome for outcome in self.outcomes if outcome.status in (CREATED, UPDATED)]


# --- Writing the students ---------------------------------------------------------------------------------


def existing_accounts(emails):
    """Accounts whose username or email is one of `emails` (lower-cased), with their groups and profile."""
    users = get_user_model().objects.annotate(lower_username=Lower("username"), lower_email=Lower("email"))
    found = {}
    emails = sorted(emails)
    for start in range(0, len(emails), LOOKUP_CHUNK):
        chunk = emails[start : start + LOOKUP_CHUNK]
        matching = users.filter(Q(lower_username__in=chunk) | Q(lower_email__in=chunk))
        for user in matching.select_related("author_profile").prefetch_related("groups"):
            found[user.pk] = user
    by_username, by_email = {}, {}
    for user in found.values():
        by_username[user.lower_username] = user
        by_email.setdefault(user.lower_email, []).append(user)
    return by_username, by_email


def group_names(user):
    return {group.name for group in user.groups.all()}


def is_staff_account(user):
    """Accounts whose details a roster never changes: administrators, and the staff of any course."""
    return user.is_superuser or user.is_staff or INSTRUCTORS in group_names(user) or is_staff_anywhere(user)


class Importer:
    def __init__(self, roster, invite_base_url, site_name, dry_run, course):
        self.roster = roster
        self.course = course  # everyone the file lists is enrolled in it, with their role and section
        self.invite_base_url = invite_base_url.rstrip("/")
        self.site_name = site_name
        self.dry_run = dry_run
        self.students = Group.objects.get_or_create(name=STUDENTS)[0]
        good = [row.key for row in roster.rows if not row.problems]
        self.by_username, self.by_email = existing_accounts(good)
        self.matched = {}  # user pk → line, so two rows never update one account

    def account_for(self, row):
        """(user or None, reason to reject or None)."""
        user = self.by_username.get(row.key)
        if user is None:
            by_email = self.by_email.get(row.key, [])
            if len(by_email) > 1:
                return None, "several accounts use this email address; fix them in the admin first"
            user = by_email[0] if by_email else None
        if user is None:
            return None, None
        if user.pk in self.matched:
            return None, f"matches the same account as line {self.matched[user.pk]}"
        self.matched[user.pk] = row.line
        return user, None

    def refusal(self, user, row):
        """Why the row may not touch this existing account, or None."""
        current = role_in(user, self.course)
        if current in STAFF_ROLES and current != row.role:
            return (
                "this is an instructor's or teaching assistant's enrolment in this course, which a roster never "
                "changes (change it under Settings → Enrolments)"
            )
        if user.is_superuser or user.is_staff:
            return "this is an administrator's account, which a roster never changes"
        return None

    def run(self, row):
        outcome = RowOutcome(row.line, row.email, f"{row.first_name} {row.last_name}".strip(), REJECTED)
        if row.problems:
            outcome.details = list(row.problems)
            return outcome
        user, reason = self.account_for(row)
        reason = reason or (user and self.refusal(user, row))
        if reason:
            outcome.details = [reason]
        elif user is None:
            self.create(row)
            outcome.status = CREATED
            invited = "would be invited" if self.dry_run else "invitation queued"
            outcome.details = [invited] if row.role == Role.STUDENT else [f"as {Role(row.role).label}", invited]
        else:
            outcome.details = self.enrol_only(user, row) if is_staff_account(user) else self.update(user, row)
            outcome.status = UPDATED if outcome.details else UNCHANGED
        return outcome

    def create(self, row):
        user = get_user_model()(
            username=row.key, email=row.key, first_name=row.first_name, last_name=row.last_name, is_active=True
        )
        user.set_unusable_password()
        user.save()
        if row.role == Role.STUDENT:
            user.groups.add(self.students)
        profile = AuthorProfile.for_user(user)
        if row.section:
            profile.section = row.section
            profile.save(update_fields=["section"])
        enrol(user, self.course, row.role, section=row.section)
        if not self.dry_run:
            invite = partial(send_invitation.enqueue, user.pk, self.invite_base_url, self.site_name)
            transaction.on_commit(invite, robust=True)  # one failed enqueue must not stop the others

    def enrol(self, user, row):
        """Enrol `user` in the course with the row's role and section; what changed, in words."""
        before = Enrolment.objects.filter(user=user, course=self.course).first()
        after = enrol(user, self.course, row.role, section=row.section)
        role = Role(row.role).label
        if before is None or not before.active:
            where = f"enrolled in {self.course.title}"
            return [where if row.role == Role.STUDENT else f"{where} as {role}"]
        changes = []
        if before.role != after.role:
            changes.append(f"role {Role(before.role).label} → {role}")
        if before.section != after.section:
            changes.append(f"section {after.section}" if after.section else "section cleared")
        return changes

    def enrol_only(self, user, row):
        """A staff account: enrolled as the row says, its name, email and state left as they are."""
        changes = self.enrol(user, row)
        if changes and (user.email.lower(), user.first_name, user.last_name) != (
            row.key,
            row.first_name,
            row.last_name,
        ):
            changes.append("name and email left as they are (a staff account)")
        return changes

    def update(self, user, row):
        changes, fields = [], []
        if user.email.lower() != row.key:
            user.email = row.key
            changes.append("email")
            fields.append("email")
        for name, label in (("first_name", "first name"), ("last_name", "last name")):
            if getattr(user, name) != getattr(row, name):
                setattr(user, name, getattr(row, name))
                changes.append(label)
                fields.append(name)
        if not user.is_active:
            user.is_active = True
            changes.append("reactivated")
            fields.append("is_active")
        if fields:
            user.save(update_fields=fields)
        if row.role == Role.STUDENT and STUDENTS not in group_names(user):
            user.groups.add(self.students)
            changes.append("added to Students")
        try:
            profile = user.author_profile
        except AuthorProfile.DoesNotExist:
            profile = AuthorProfile.for_user(user)
            changes.append("author profile")
        if row.section is not None and profile.section != row.section:
            profile.section = row.section
            profile.save(update_fields=["section"])
        return changes + self.enrol(user, row)


def enrolments_to_end(course, listed):
    """The course's active student and guest enrolments whose member the file does not list."""
    enrolments = (
        Enrolment.objects.filter(course=course, role__in=ENDED_ROLES, active=True)
        .select_related("user")
        .order_by("user__username")
    )
    return [
        enrolment
        for enrolment in enrolments
        if enrolment.user.username.lower() not in listed and enrolment.user.email.lower() not in listed
    ]


def import_roster(roster, *, course, invite_base_url, site_name, dry_run=False, deactivate_missing=False):
    """Apply `roster` (from parse_roster) to `course` and report what happened, or, in a dry run, what would have.
    `deactivate_missing` ends the course's student and guest enrolments the file does not list; it never closes an
    account, so a member keeps their other courses and can still log in."""
    report = RosterReport(dry_run=dry_run, ignored_columns=roster.ignored_columns)
    with transaction.atomic():
        importer = Importer(roster, invite_base_url, site_name, dry_run, course)
        report.outcomes = [importer.run(row) for row in roster.rows]
        if deactivate_missing:
            missing = enrolments_to_end(course, roster.listed_emails)
            for enrolment in missing:
                enrolment.end()
            report.ended = [enrolment.user.email or enrolment.user.get_username() for enrolment in missing]
        if dry_run:
            transaction.set_rollback(True)
    return report
