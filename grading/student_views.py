"""A student's own grade in the admin, once it is released: "Your grade" on their post's page, and the page it opens
(/admin/grading/posts/<post id>/my-grade/) with the score, the rubric with the levels chosen, the feedback, the late
penalty and the version graded.

Only the post's author sees it, and only once the grade is released. Everyone else, and the author while the grade
is a draft, gets a 404, so nothing says whether a grade (or a draft of one) exists. That includes the course's
staff: they read and change grades on the grading screen, and this page is the student's view of theirs.
"""

from django.http import Http404
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from blog.models import StudentPostPage
from grading.access import sees_own_grade
from grading.models import AssignmentSettings, Criterion, Grade
from grading.release import ScoreLine, my_grade_url


def post_buttons(page, user):
    """ "Your grade" on the author's own post, once its grade is released (one query, for the author alone)."""
    if not isinstance(page, StudentPostPage) or not user.is_authenticated or page.author_id != user.pk:
        return []
    if not Grade.objects.released().filter(post_id=page.pk).exists():
        return []
    return [Button("Your grade", my_grade_url(page.pk), icon_name="table", priority=60)]


def rubric_rows(grade):
    """The rubric the grade was given with, criterion by criterion, each level with whether it was chosen; empty for
    a grade in points. The rubric is the one the chosen levels belong to, even if the unit has changed rubric since."""
    scores = list(grade.scores.select_related("criterion"))
    if not scores:
        return []
    chosen = {score.criterion_id: score.level_id for score in scores}
    criteria = Criterion.objects.filter(rubric_id=scores[0].criterion.rubric_id).prefetch_related("levels")
    return [
        {
            "criterion": criterion,
            "levels": [(level, chosen.get(criterion.pk) == level.pk) for level in criterion.levels.all()],
        }
        for criterion in criteria
    ]


def out_of(grade, rows):
    """What the grade is out of: the rubric's maximum, else the unit's points (None without settings)."""
    if rows:
        return sum((row["criterion"].max_points for row in rows), start=0)
    unit_path = grade.post.path[: -StudentPostPage.steplen]
    return AssignmentSettings.objects.filter(unit__path=unit_path).values_list("points", flat=True).first()


class MyGradeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "grading/my_grade.html"
    page_title = "Your grade"
    header_icon = "table"

    def dispatch(self, request, post_id):
        grade = Grade.objects.select_related("post", "revision").filter(post_id=post_id).first()
        if grade is None or not sees_own_grade(request.user, grade.post, grade):
            raise Http404("No such grade")
        self.grade = grade
        return super().dispatch(request, post_id)

    def get_page_subtitle(self):
        return self.grade.post.title

    def get_breadcrumbs_items(self):
        post = self.grade.post
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[post.pk]), "label": post.title},
            {"url": "", "label": "Your grade"},
        ]

    def get_context_data(self, **kwargs):
        grade = self.grade
        rows = rubric_rows(grade)
        score = ScoreLine(grade.raw_score, out_of(grade, rows), grade.penalty_percent)
        return super().get_context_data(
            grade=grade,
            post=grade.post,
            score=score,
            rubric=rows,
            note_comments=list(grade.note_comments.all()),
            **kwargs,
        )


urlpatterns = [path("posts/<int:post_id>/my-grade/", MyGradeView.as_view(), name="my_grade")]
