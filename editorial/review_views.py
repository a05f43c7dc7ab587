"""Instructors' list of posts awaiting review, filterable by unit, student and timeliness against each student's due
date. Wagtail's dashboard "Awaiting your review" panel lists the same posts without those filters.

Apps above this one add to the list through two hooks, so editorial never imports them:
- `review_due_date`: a function returning the expression of each post's due date (grading: the unit's, moved by the
  student's or their section's extension); without it, the unit's due date. It may use the fields `unit_path`,
  `unit_due_date` and `author_id` of the posts in review.
- `register_review_list_columns`: a function (request) returning more Columns for the list (grading: the grade). A
  column with a `decorate(posts)` method is given the page's posts first, to fetch what it shows in one query.
"""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Case, CharField, F, OuterRef, Subquery, When
from django.db.models.functions import Cast, Length, Substr
from django.urls import reverse
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import WorkflowState

from blog.models import CourseUnitPage, StudentPostPage, public_name
from courses.instructors import InstructorRequiredMixin
from courses.models import Enrolment, Role
from courses.roles import is_site_admin, within_staffed_courses
from courses.spreadsheets import local_times

TIMELINESS = [("late", "Late"), ("on_time", "On time")]


class ReviewFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(
        label="Unit", queryset=CourseUnitPage.objects.order_by("path"), method="filter_unit"
    )
    author = django_filters.ModelChoiceFilter(
        label="Student",
        queryset=get_user_model()
        .objects.filter(enrolments__role=Role.STUDENT)
        .distinct()
        .order_by("last_name", "first_name", "pk"),
    )
    timeliness = django_filters.ChoiceFilter(label="Submitted", choices=TIMELINESS, method="filter_timeliness")

    class Meta:
        model = StudentPostPage
        fields = ["unit", "author", "timeliness"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None and not is_site_admin(user):  # the units and students of the reviewer's courses only
            unit_field, author_field = self.filters["unit"].field, self.filters["author"].field
            unit_field.queryset = unit_field.queryset.filter(within_staffed_courses(user))
            staffed = Enrolment.objects.active().staff().filter(user=user).values("course")
            author_field.queryset = author_field.queryset.filter(
                pk__in=Enrolment.objects.filter(role=Role.STUDENT, course__in=staffed).values("user")
            )

    def filter_unit(self, queryset, name, unit):
        return queryset.filter(unit_path=unit.path)

    def filter_timeliness(self, queryset, name, value):
        return queryset.filter(is_late=(value == "late"))


def due_date_expression():
    """Each post's due date: from the `review_due_date` hook when an app registers one, else its unit's."""
    for due_date in hooks.get_hooks("review_due_date"):
        return due_date()
    return F("unit_due_date")


def in_review():
    """Posts with a review in progress, each with when it was submitted, by whom, and whether it was late."""
    current = WorkflowState.objects.filter(
        base_content_type__model="page",
        object_id=Cast(OuterRef("pk"), CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    unit_due = CourseUnitPage.objects.filter(path=OuterRef("unit_path")).values("due_date")[:1]
    return (
        StudentPostPage.objects.annotate(
            submitted_at=Subquery(current.values("created_at")[:1]),
            unit_path=Substr("path", 1, Length("path") - StudentPostPage.steplen),
            unit_due_date=Subquery(unit_due),
        )
        .filter(submitted_at__isnull=False)
        .annotate(due_date=due_date_expression())
        .annotate(
            is_late=Case(
                When(due_date__isnull=False, submitted_at__gt=F("due_date"), then=True),
                default=False,
                output_field=BooleanField(),
            )
        )
        .select_related("author")
        .order_by("submitted_at")
    )


class ReviewListView(InstructorRequiredMixin, ReportView):
    teaching_assistants_too = True
    page_title = "Posts awaiting review"
    header_icon = "tasks"
    index_url_name = "review_list"
    index_results_url_name = "review_list_results"
    filterset_class = ReviewFilterSet
    own_export = ["title", "student", "unit_title", "submitted_at", "due_date", "due_note", "timeliness"]
    own_headings = {
        "title": "Post",
        "student": "Student",
        "unit_title": "Unit",
        "submitted_at": "Submitted at",
        "due_date": "Due",
        "due_note": "Extension",
        "timeliness": "Late or on time",
    }
    own_columns = [
        TitleColumn("title", label="Post", get_url=lambda post: reverse("wagtailadmin_pages:edit", args=[post.pk])),
        Column("student", label="Student"),
        Column("unit_title", label="Unit"),
        DateColumn("submitted_at", label="Submitted"),
        DateColumn("due_date", label="Due"),
        Column("due_note", label="Extension"),
        Column("timeliness", label="Late or on time"),
    ]

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        times = local_times(self)
        self.custom_field_preprocess = {**self.custom_field_preprocess, "submitted_at": times, "due_date": times}

    @cached_property
    def list_export(self):
        """The list's own fields, then the hooked columns' (the grade)."""
        return [*self.own_export, *(column.name for column in self.columns[len(self.own_columns) :])]

    @cached_property
    def export_headings(self):
        return {**self.own_headings, **{column.name: column.label for column in self.columns[len(self.own_columns) :]}}

    @cached_property
    def columns(self):
        """The list's own columns, then those the `register_review_list_columns` hooks add (the grade)."""
        hooked = hooks.get_hooks("register_review_list_columns")
        return [*self.own_columns, *(column for register in hooked for column in register(self.request))]

    def get_base_queryset(self):
        """The posts in review in the courses this user reviews (superusers: all)."""
        posts = in_review()
        user = self.request.user
        return posts if user.is_superuser else posts.filter(within_staffed_courses(user))

    def decorate_paginated_queryset(self, posts):
        units = {unit.path: unit for unit in CourseUnitPage.objects.filter(path__in={post.unit_path for post in posts})}
        for post in posts:
            author = post.author
            post.student = (author.get_full_name() or public_name(author)) if author else "—"
            post.unit_title = units[post.unit_path].title if post.unit_path in units else ""
            post.timeliness = "Late" if post.is_late else "On time"
            post.due_note = "Extended" if post.due_date != post.unit_due_date else ""
        for column in self.columns:
            if hasattr(column, "decorate"):
                column.decorate(posts)
        return posts
