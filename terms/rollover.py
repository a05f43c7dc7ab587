"""Rolling a course over to the next term: a new course (placed and checked as create_course places and checks one)
with the source's intro, settings and units in their order, its instructors and teaching assistants enrolled in
the same roles, and nothing of its students: no post, comment, like, student or guest enrolment, upload.

Units keep their state (live units are published, scheduled ones scheduled, drafts stay drafts) and their view
restrictions (class-only units are class-only for the new course's members); every date on them moves by the
difference between the terms' first days. Links between the course's pages in rich text lead to the new copies.
The new course remembers its source (`HomePage.rolled_over_from`): asked again for the same place, rollover finds
it and changes nothing.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction
from django.utils import timezone
from wagtail.fields import StreamField
from wagtail.models import PageViewRestriction, Site

from blog.models import CourseSettings, CourseUnitPage
from courses.models import CourseGroup, Enrolment
from courses.roles import enrol
from home.models import HomePage
from terms.creation import (
    CourseError,
    NewCourse,
    check_term,
    course_slug,
    find_catalogue,
    place,
    placement,
    refuse_taken_slug,
)
from terms.signals import course_rolled_over

# Page fields copied besides the page type's own (title and slug are set apart).
PAGE_FIELDS = ("title", "seo_title", "search_description", "show_in_menus", "expire_at")
# The new course's own: its term and state.
NOT_COPIED = {"term", "term_starts", "term_ends", "archived_at", "rolled_over_from"}
PAGE_LINK = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*>')
LINK_ID = re.compile(r'\bid="(\d+)"')


@dataclass
class Rollover:
    course: HomePage
    created: bool
    units: int = 0
    staff: int = 0
    shift: timedelta | None = None


def roll_over(source, request, user=None):
    """Roll `source` (a HomePage) over as `request` (a NewCourse; its title is ignored) describes, acting as `user`
    (None for a command). Returns a Rollover; nothing is written on refusal (a CourseError)."""
    request = NewCourse(**{**vars(request), "title": source.title})
    request.ends = request.ends or same_length(source, request.starts)
    check_term(request)
    slug = course_slug(request)
    existing = already_there(request, slug)
    if existing is not None:
        return earlier_rollover(source, request, existing)
    shift = request.starts - source.term_starts if request.starts and source.term_starts else None
    with transaction.atomic():
        parent, site = placement(request)
        refuse_taken_slug(parent, slug)
        course = HomePage(
            **copied_fields(latest(source), HomePage, shift),
            slug=slug,
            term=request.term,
            term_starts=request.starts,
            term_ends=request.ends,
            rolled_over_from=source,
            owner=user,
        )
        place(course, parent, site)
        in_order = CourseUnitPage.objects.child_of(source).order_by("path")
        units = [(unit, add_unit(unit, course, shift, user)) for unit in in_order]
        copies = {source.pk: course.pk, **{unit.pk: copy.pk for unit, (copy, _) in units}}
        relink(course, copies)
        # Who may roll over was asked already (terms.access); the new course gives no one rights before its staff
        # are enrolled, last.
        course.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        copy_restrictions(source, course, source, course)
        for unit, (copy, publish) in units:
            relink(copy, copies)
            revision = copy.save_revision(user=user)
            if publish:
                revision.publish(user=user, skip_permission_checks=True)  # a go_live_at to come schedules it
            copy_restrictions(unit, copy, source, course)
        copy_course_settings(source, course)
        staff = enrol_staff(source, course)
        pairs = [(unit, copy) for unit, (copy, _) in units]
        course_rolled_over.send(sender=HomePage, source=source, course=course, units=pairs, shift=shift)
    return Rollover(course, created=True, units=len(units), staff=staff, shift=shift)


def same_length(source, starts):
    """The new term's last day when none is given: as long after its first day as the source's was."""
    if starts and source.term_starts and source.term_ends:
        return starts + (source.term_ends - source.term_starts)
    return None


def already_there(request, slug):
    """The page at the place the request names, if there is one (placement() refuses a wrong request)."""
    if request.hostname and not request.under:
        site = Site.objects.filter(hostname=request.hostname, port=request.port).select_related("root_page").first()
        return site.root_page.specific if site else None
    if request.under and not request.hostname:
        page = find_catalogue(request.under).get_children().filter(slug=slug).first()
        return page.specific if page else None
    return None


def earlier_rollover(source, request, existing):
    """The course an earlier run made, unchanged; anything else there is refused."""
    where = existing.get_full_url() or existing.url_path
    if not isinstance(existing, HomePage) or existing.rolled_over_from_id != source.pk:
        raise CourseError(
            f"{where} is already there and was not rolled over from “{source.title}” ({source.slug}): "
            "choose another --slug, --hostname or catalogue."
        )
    if existing.term != request.term:
        raise CourseError(
            f"{where} was rolled over from “{source.title}” for {existing.term}, not {request.term}: "
            "choose another --slug, --hostname or catalogue."
        )
    return Rollover(existing, created=False)


def latest(page):
    """What the readers see of a live page; the latest draft of one that is not live."""
    return page if page.live else page.get_latest_revision_as_object()


def copied_fields(page, model, shift):
    """The page type's own fields (StreamFields as raw data, dates moved by `shift`) and those in PAGE_FIELDS."""
    fields = {name: getattr(page, name) for name in PAGE_FIELDS}
    fields["expire_at"] = shifted(fields["expire_at"], shift)
    for field in model._meta.concrete_fields:
        if field.model is not model or field.primary_key or field.name in NOT_COPIED:
            continue
        value = getattr(page, field.attname)
        if isinstance(field, StreamField):
            value = field.get_prep_value(value)
        elif isinstance(field, models.DateField):  # a DateTimeField is one too
            value = shifted(value, shift)
        fields[field.attname] = value
    return fields


def copied_rows(rows):
    """New rows with the fields of a page's `rows` (its sources or footnotes, issue 22): the prompt's notes and
    citations come across with it."""
    return [
        type(row)(
            **{
                field.attname: getattr(row, field.attname)
                for field in row._meta.concrete_fields
                if not (field.primary_key or field.name == "page")
            }
        )
        for row in rows
    ]


def shifted(value, shift):
    """A date or time moved by `shift`, at the same local time of day (across a change of summer time)."""
    if value is None or shift is None:
        return value
    if isinstance(value, datetime):
        return timezone.localtime(value) + shift
    return value + shift


def add_unit(unit, course, shift, user):
    """(the unit's copy, added as the last child of `course`, whether to publish it): of its live version when it
    is live, of its scheduled version when it is scheduled (go_live_at shifted), else of its latest draft. The
    caller saves its revision."""
    scheduled = None if unit.live else unit.get_scheduled_revision_as_object()
    content = scheduled or latest(unit)
    fields = copied_fields(content, CourseUnitPage, shift)
    go_live_at = None if unit.live else shifted(content.go_live_at, shift)
    copy = CourseUnitPage(**fields, slug=unit.slug, go_live_at=go_live_at, live=False, owner=user)
    copy.sources, copy.footnotes = copied_rows(content.sources.all()), copied_rows(content.footnotes.all())
    course.add_child(instance=copy)
    return copy, unit.live or scheduled is not None


def copy_restrictions(page, copy, source, course):
    """The page's view restrictions on its copy; one for the source course's groups (class-only) names the new
    course's groups of the same roles."""
    groups = dict(CourseGroup.objects.filter(course=course).values_list("role", "group"))
    roles = dict(CourseGroup.objects.filter(course=source).values_list("group", "role"))
    for restriction in PageViewRestriction.objects.filter(page=page).prefetch_related("groups"):
        new = PageViewRestriction.objects.create(
            page=copy, restriction_type=restriction.restriction_type, password=restriction.password
        )
        new.groups.set([groups[roles[g.pk]] if g.pk in roles else g.pk for g in restriction.groups.all()])


def copy_course_settings(source, course):
    """The source's discussion rules and name style, on the new course."""
    old, new = CourseSettings.for_course(source), CourseSettings.for_course(course)
    for field in CourseSettings._meta.concrete_fields:
        if not field.primary_key and field.name != "course":
            setattr(new, field.attname, getattr(old, field.attname))
    new.save()


def relink(page, copies):
    """Rich text links to the source course's pages lead to their copies (in `page`, before its revision)."""
    changed = []
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            raw = field.get_prep_value(getattr(page, field.attname))
            new = relinked(raw, copies)
            if new != raw:
                setattr(page, field.attname, new)
                changed.append(field.attname)
    if changed:
        page.save(update_fields=changed, clean=False)


def relinked(value, copies):
    """`value` (a stream's raw data) with every rich text page link to a copied page moved to its copy."""
    if isinstance(value, str):
        return PAGE_LINK.sub(lambda tag: LINK_ID.sub(lambda m: f'id="{copies.get(int(m[1]), m[1])}"', tag[0]), value)
    if isinstance(value, list):
        return [relinked(item, copies) for item in value]
    if isinstance(value, dict):
        return {key: relinked(item, copies) for key, item in value.items()}
    return value


def enrol_staff(source, course):
    """The source's active instructors and TAs, in the same roles and sections."""
    staff = Enrolment.objects.active().staff().filter(course=source).select_related("user")
    for enrolment in staff:
        enrol(enrolment.user, course, enrolment.role, section=enrolment.section)
    return len(staff)
