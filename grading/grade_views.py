"""Grading one post, at /admin/grading/posts/<post id>/grade/: reached from the "Grade" button in the post's editor
(and from the review list, through `grade_url`).

Who: the course's instructors and teaching assistants, and site administrators; its students and guests are refused
(Wagtail's permission_denied); anyone else gets a 404, so the page never says whether another course's post exists.

What it shows: the post and the text of its latest version (the one being graded), its lateness by the student's
own due date, the unit's rubric or points, the grade so far with its score, and what changed since a grade was given.

Saving: the grade is pinned to the version the grader was shown (its revision id travels in the form); if the
student saved a newer one meanwhile the save is refused (409) and the screen shows what changed. Saving again
re-grades: the one grade is updated, pinned to the latest version, its rubric scores replaced, all in one
transaction. A grade is saved as a draft, unless the unit's grades are already released: then it is released at
once, and its student emailed as a release does (grading/release.py), so a student graded late is not left out (the
screen says so).

A post submitted after the cut-off under "Not accepted after the cut-off date" is not graded here: the form gives way
to the notice, and a POST is refused (400) with it. An instructor who wants to accept it anyway changes the unit's
policy or grants an extension; a zero with feedback would be a grade the policy says the post does not get.
"""

from functools import partial

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.models import Page

from blog.models import StudentPostPage
from grading import diff, release, rules
from grading.access import course_role, may_grade
from grading.choices import GradeStatus
from grading.grade_forms import GradeForm, number
from grading.lateness import assess
from grading.models import AssignmentSettings, CriterionScore, Grade, NoteComment
from grading.signals import grades_released
from grading.unit_views import may_view_unit, settings_url

REFUSED = "Submitted after the cut-off date: not accepted"
STALE = "The student saved a newer version while you were grading: reload to grade it."
NOT_SET_UP = "This unit has no grading settings yet: set its points or rubric in its Grading settings first."


def grade_url(post):
    return reverse("grading:grade_post", args=[post.pk])


def post_buttons(page, user):
    """ "Grade" in a post's editor header, for the course's staff and site administrators (the staff's course paths
    are remembered for the request, as for the units' "Grading settings")."""
    if issubclass(page.specific_class or object, StudentPostPage) and may_view_unit(user, page):
        yield Button("Grade", grade_url(page), icon_name="check", priority=60)


def score_text(grade, out_of):
    """ "7 / 10, less 10% late penalty = 6.30"; "7 / 10" on time; "No score yet" before any."""
    raw = grade.raw_score if grade is not None else None
    if raw is None:
        return "No score yet"
    text = f"{number(raw)} / {number(out_of)}" if out_of is not None else number(raw)
    if grade.penalty_percent:
        text += f", less {number(grade.penalty_percent)}% late penalty = {grade.final_score}"
    return text


def member_name(user):
    return (user.get_full_name() or user.get_username()) if user else "—"


class GradePostView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "grading/grade_post.html"
    header_icon = "check"
    page_title = "Grade"

    def dispatch(self, request, post_id):
        self.post_page = get_object_or_404(StudentPostPage.objects.select_related("author"), pk=post_id)
        self.course = self.post_page.get_course()
        role = course_role(request.user, self.course)
        if role is None:
            raise Http404("No such post")
        if not may_grade(role):
            return permission_denied(request)
        self.load()
        return super().dispatch(request, post_id)

    def load(self):
        """The unit, its settings with the rubric's criteria and levels, the grade with its scores, the latest
        version and the lateness: the same queries however many criteria the rubric has."""
        self.unit = self.post_page.get_unit()
        self.settings = (
            AssignmentSettings.objects.filter(unit=self.unit)
            .select_related("rubric")
            .prefetch_related("rubric__criteria__levels")
            .first()
        )
        self.grade = (
            Grade.objects.filter(post=self.post_page)
            .select_related("revision", "grader")
            .prefetch_related("scores__level", "note_comments")
            .first()
        )
        if self.grade is not None:
            self.grade.post = self.post_page  # its "changed since graded" reads the post's latest revision
        self.latest = self.post_page.latest_revision
        self.lateness = assess([self.post_page]).get(self.post_page.pk)

    # --- What the screen shows ---------------------------------------------------------------------------

    @property
    def gradable(self):
        return self.settings is not None and (self.settings.points is not None or self.settings.rubric_id is not None)

    @property
    def refused(self):
        return self.lateness is not None and self.lateness.refused

    def get_page_subtitle(self):
        return self.post_page.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_explore", args=[self.course.pk]), "label": self.course.title},
            {"url": reverse("wagtailadmin_explore", args=[self.unit.pk]), "label": self.unit.title},
            {"url": reverse("wagtailadmin_pages:edit", args=[self.post_page.pk]), "label": self.post_page.title},
            {"url": "", "label": "Grade"},
        ]

    def make_form(self, data=None):
        if not self.gradable or self.refused:
            return None
        initial = GradeForm.initial_for(self.grade, self.post_page.latest_revision_id)
        notes = diff.revision_notes(self.latest.content) if self.latest is not None else []
        return GradeForm(data, initial=initial, settings=self.settings, notes=notes)

    def lateness_rows(self):
        lateness = self.lateness
        if lateness is None:
            return None
        extension = lateness.due is not None and lateness.due != self.unit.due_date
        return {"lateness": lateness, "extension": extension, "penalty": number(lateness.penalty_percent)}

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.make_form()
        out_of = rules.max_points(self.settings) if self.gradable else None
        context = super().get_context_data(
            post=self.post_page,
            author=member_name(self.post_page.author),
            unit=self.unit,
            settings=self.settings,
            gradable=self.gradable,
            settings_url=settings_url(self.unit),
            refused=REFUSED if self.refused else "",
            late=self.lateness_rows(),
            grade=self.grade,
            grader=member_name(self.grade.grader) if self.grade else "",
            score=score_text(self.grade, out_of),
            out_of=number(out_of) if out_of is not None else "",
            released=self.settings is not None and self.settings.grades_released,
            changed_since=diff.changed_since_html(self.grade, self.latest) if self.grade else "",
            paragraphs=diff.revision_paragraphs(self.latest),
            preview_url=self.preview_url(),
            form=form,
            media=form.media if form is not None else None,
            **kwargs,
        )
        return context

    def preview_url(self):
        if self.latest is None:
            return ""
        return reverse("wagtailadmin_pages:revisions_view", args=[self.post_page.pk, self.latest.pk])

    # --- Saving ------------------------------------------------------------------------------------------

    def refuse(self, message, status, **context):
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(**context), status=status)

    def post(self, request, post_id):
        if not self.gradable:
            return self.refuse(NOT_SET_UP, 400)
        if self.refused:
            return self.refuse(REFUSED, 400)
        form = self.make_form(request.POST)
        if not form.is_valid():
            return self.refuse("The grade could not be saved: see the errors below.", 400, form=form)
        with transaction.atomic():
            latest_id = (
                Page.objects.select_for_update()
                .filter(pk=self.post_page.pk)
                .values_list("latest_revision_id", flat=True)[0]
            )
            if form.cleaned_data["revision"] != latest_id:
                return self.stale(form, form.cleaned_data["revision"], latest_id)
            grade = self.save(form, latest_id)
        out_of = rules.max_points(self.settings)
        state = "released to the student" if grade.is_released else "saved as a draft"
        messages.success(request, f"Grade {state}: {score_text(grade, out_of)}.")
        return redirect(grade_url(self.post_page))

    def stale(self, form, shown_id, latest_id):
        """The newer version is shown, with what changed since the one the grader read; their entries stay in the
        form, which now carries the newer version (saving again grades what is now on the screen)."""
        data = form.data.copy()
        data["revision"] = str(latest_id)
        shown = self.post_page.revisions.filter(pk=shown_id).first()
        changes = diff.diff_html(diff.revision_paragraphs(shown), diff.revision_paragraphs(self.latest))
        return self.refuse(STALE, 409, form=self.make_form(data), newer_changes=changes)

    def save(self, form, revision_id):
        post, lateness = self.post_page, self.lateness
        grade = Grade.objects.filter(post=post).first() or Grade(post=post)
        was_released = grade.is_released
        grade.revision_id = revision_id
        grade.grader = self.request.user
        grade.feedback = form.cleaned_data["feedback"]
        grade.points = form.cleaned_data.get("points") if not form.criteria else None
        grade.status = GradeStatus.RELEASED if self.settings.grades_released else GradeStatus.DRAFT
        if lateness is not None:
            grade.submitted_at, grade.late_days = lateness.submitted_at, lateness.late_days
            grade.penalty_percent = lateness.penalty_percent
        grade.save()
        CriterionScore.objects.filter(grade=grade).delete()
        CriterionScore.objects.bulk_create(
            CriterionScore(grade=grade, criterion=criterion, level=level)
            for criterion, level in form.chosen_levels().items()
        )
        NoteComment.objects.filter(grade=grade).delete()
        NoteComment.objects.bulk_create(
            NoteComment(grade=grade, note=note.uuid, number=note.number, note_text=note.text, comment=comment)
            for note, comment in form.note_comments()
        )
        grade.post = post
        if grade.is_released and not was_released:
            release.notify_released([grade])  # emailed once the transaction commits, as a unit's release does
        elif grade.is_released:  # re-graded after release: no second email, but the LMS's gradebook follows
            transaction.on_commit(partial(grades_released.send, sender=Grade, grades=[grade]), robust=True)
        return grade


urlpatterns = [
    path("posts/<int:post_id>/grade/", GradePostView.as_view(), name="grade_post"),
]
