"""Rubrics in the admin: an instructor builds a rubric once (its criteria and their levels, in one form with nested
inline panels) and grades a unit's posts with it. Instructors of the rubric's course (and site administrators) add,
change and delete; teaching assistants see the list of their courses' rubrics; students and guests see nothing.
Another course's rubric is a 404.

A rubric that grades have used keeps its criteria and levels (the scores point at them, RESTRICT): the form refuses
to remove a used criterion or level, and the delete view refuses to delete a used rubric, each saying why."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from courses.choice import courses_for
from courses.models import STAFF_ROLES, Role
from courses.roles import is_instructor, is_staff_anywhere

from .models import Criterion, CriterionScore, Level, Rubric

EDITING = {"add", "change", "delete"}
INSTRUCTING = (Role.INSTRUCTOR,)


class RubricPermissionPolicy(BasePermissionPolicy):
    """Instructors edit their own courses' rubrics (site administrators, every course's); teaching assistants only
    view theirs."""

    def user_has_permission(self, user, action):
        if action in EDITING:
            return is_instructor(user)
        return action == "view" and is_staff_anywhere(user)

    def users_with_any_permission(self, actions):
        raise NotImplementedError  # nothing asks who may edit the rubrics of every course

    def instances_user_has_any_permission_for(self, user, actions):
        roles = INSTRUCTING if EDITING.intersection(actions) else STAFF_ROLES if "view" in actions else ()
        if not roles:
            return Rubric.objects.none()
        return Rubric.objects.filter(course__in=courses_for(user, roles))

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_any_permission_for(user, [action]).filter(pk=instance.pk).exists()

    def users_with_any_permission_for_instance(self, actions, instance):
        raise NotImplementedError


def used_by_grades(queryset, field):
    """The pks of `queryset`'s criteria or levels (`field` is "criterion" or "level") that some grade scored."""
    return set(CriterionScore.objects.filter(**{f"{field}__in": queryset}).values_list(f"{field}_id", flat=True))


class RubricForm(WagtailAdminModelForm):
    """The rubric, its criteria and their levels; the course is one the user instructs."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["course"].queryset = courses_for(for_user, INSTRUCTING)
        self.fields["course"].empty_label = None

    def clean_course(self):
        """A rubric that a unit grades with stays in that unit's course (copy it to use it in another)."""
        course = self.cleaned_data["course"]
        moving = self.instance.pk is not None and course.pk != self.instance.course_id
        if moving and self.instance.assignments.exists():
            raise ValidationError("Units of its course grade with this rubric: copy it to use it in another course.")
        return course

    def is_valid(self):
        """Valid, and removes no criterion or level that a grade has scored."""
        valid = super().is_valid()
        if self.instance.pk is None:
            return valid
        removed = self.removed_in_use()
        for title in removed:
            self.add_error(
                None,
                f"“{title}” cannot be removed: posts have been graded with it. Change its title or points instead, "
                "or make a new rubric.",
            )
        return valid and not removed

    def removed_in_use(self):
        """The titles of the criteria and levels this form deletes although grades have scored them."""
        criteria = self.formsets["criteria"]
        used_criteria = used_by_grades(Criterion.objects.filter(rubric=self.instance), "criterion")
        used_levels = used_by_grades(Level.objects.filter(criterion__rubric=self.instance), "level")
        titles = []
        for criterion_form in criteria.forms:
            deleting = criteria.can_delete and criteria._should_delete_form(criterion_form)
            if deleting and criterion_form.instance.pk in used_criteria:
                titles.append(criterion_form.instance.title)
                continue
            levels = criterion_form.formsets["levels"]
            for level_form in levels.forms:
                if level_form.instance.pk in used_levels and (deleting or levels._should_delete_form(level_form)):
                    titles.append(f"{criterion_form.instance.title}: {level_form.instance.title}")
        return titles


RUBRIC_PANELS = ObjectList(
    [
        # A list of the courses the user instructs (RubricForm narrows it), the first chosen: not a page chooser
        # browsing the whole tree, where any page but those courses would be refused.
        FieldPanel("course", widget=forms.Select),
        FieldPanel("title"),
        FieldPanel("description"),
        InlinePanel(
            "criteria",
            heading="Criteria",
            label="Criterion",
            min_num=1,
            panels=[
                FieldPanel("title"),
                FieldPanel("description"),
                InlinePanel(
                    "levels",
                    heading="Levels",
                    label="Level",
                    min_num=1,
                    panels=[FieldPanel("title"), FieldPanel("points"), FieldPanel("description")],
                ),
            ],
        ),
    ],
    base_form_class=RubricForm,
)


class RubricIndexView(generic.IndexView):
    def get_base_queryset(self):
        """The rubrics of the user's courses, with their course, criteria and levels (constant queries)."""
        mine = self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view"])
        return mine.select_related("course").with_levels()

    @cached_property
    def instructed_course_ids(self):
        return set(courses_for(self.request.user, INSTRUCTING).values_list("pk", flat=True))

    def get_edit_url(self, instance):
        """Edit and delete links on the rubrics of the courses the user instructs, not those they assist in."""
        if instance.course_id in self.instructed_course_ids:
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if instance.course_id in self.instructed_course_ids:
            return super().get_delete_url(instance)


class ScopedObjectMixin:
    """Another course's rubric is a 404, never a 403: the page does not say whether it exists."""

    def get_object(self, queryset=None):
        if getattr(self, "object", None):
            return self.object
        mine = self.permission_policy.instances_user_has_any_permission_for(self.request.user, [self.scope_action])
        return super().get_object(mine.select_related("course"))


class RubricEditView(ScopedObjectMixin, generic.EditView):
    scope_action = "change"


class RubricDeleteView(ScopedObjectMixin, generic.DeleteView):
    scope_action = "delete"

    def dispatch(self, request, *args, **kwargs):
        """A rubric that grades have used stays, and the instructor is told why (its scores point at it)."""
        graded = CriterionScore.objects.filter(criterion__rubric=self.object).values("grade").distinct().count()
        if graded and self.user_has_permission_for_instance("delete", self.object):
            use = "grade uses" if graded == 1 else "grades use"
            messages.error(
                request,
                f"“{self.object}” cannot be deleted: {graded} {use} it. Leave it as it is, or make a new rubric for "
                "the units still to grade.",
            )
            return redirect(self.edit_url_name, self.object.pk)
        return super().dispatch(request, *args, **kwargs)


class RubricViewSet(ModelViewSet):
    """Its own menu item, beside Reports: an instructor looks for "Rubrics" when setting up a unit's grading, not
    among the site-wide settings that teaching assistants never see."""

    model = Rubric
    icon = "table"
    menu_label = "Rubrics"
    menu_order = 850
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = RubricIndexView
    edit_view_class = RubricEditView
    delete_view_class = RubricDeleteView
    edit_handler = RUBRIC_PANELS
    list_display = [
        "title",
        Column("course", label="Course"),
        Column("max_points", label="Out of (points)"),
    ]
    list_filter = []
    ordering = ["course__title", "title", "pk"]
