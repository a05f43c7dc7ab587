"""The instructors' comment moderation queue in the Wagtail admin (URL namespace `comment_moderation`).

Separate from Wagtail's page Workflows: these views list the public comments on student posts by moderation
state and call discussion.actions, which own the state changes and the notifications. Every view needs
django-comments' `can_moderate` (the Instructors group has it; superusers have every permission); Wagtail's
admin URL wrapper already sends anonymous visitors to the admin login.
"""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Left
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView
from django_comments_xtd.models import XtdComment
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from blog.models import StudentPostPage
from discussion import actions
from discussion.admin_forms import ACTION_CHOICES, ACTIONS, ALL, PENDING, BulkActionForm, QueueFilterForm, ReplyForm
from discussion.states import STATES, in_state, pending, post_comments, state_of, with_flag_counts

MODERATE = "django_comments.can_moderate"
PER_PAGE = 25
EXCERPT_CHARS = 200
OLDEST_FIRST = (PENDING, "held", "flagged")
ACTION_LABELS = dict(ACTION_CHOICES)
ROW_ACTIONS = {
    "held": ["approve", "remove", "spam"],
    "flagged": ["approve", "remove", "spam"],
    "approved": ["remove", "spam"],
    "removed": ["restore"],
    "spam": ["restore"],
}

moderator_required = permission_required(MODERATE)


# --- What the queue lists ---------------------------------------------------------------------------------


def comments_in(state, moderator):
    """The comments of one state (or pending, or all) on the posts `moderator` moderates."""
    comments = post_comments(moderator)
    if state == PENDING:
        return pending(comments)
    if state == ALL:
        return with_flag_counts(comments)
    return in_state(state, comments)


def oldest_pending(limit, moderator):
    return list(for_listing(pending(post_comments(moderator))).order_by("submit_date", "pk")[:limit])


def for_listing(comments):
    """What a row shows, in the comments' own query: the commenter's account, and a reply's parent excerpt and
    author (xtd's parent_id is no foreign key; a top-level comment is its own parent)."""
    parents = XtdComment.objects.filter(pk=OuterRef("parent_id")).exclude(pk=OuterRef("pk"))
    return comments.select_related("user").annotate(
        parent_excerpt=Subquery(parents.annotate(excerpt=Left("comment", EXCERPT_CHARS)).values("excerpt")[:1]),
        parent_author=Subquery(parents.values("user_name")[:1]),
    )


@dataclass
class Row:
    comment: XtdComment
    post: StudentPostPage | None
    post_url: str | None
    state: str

    @property
    def state_label(self):
        return STATES[self.state]

    @property
    def actions(self):
        """(action, label) of the buttons that make sense in this state; the bulk select offers all four."""
        return [(action, ACTION_LABELS[action]) for action in ROW_ACTIONS[self.state]]

    @property
    def can_reply(self):
        return not self.comment.is_removed


def rows(comments, request):
    """Queue rows for one page of comments, with their posts fetched in one query."""
    comments = list(comments)
    post_ids = {int(comment.object_pk) for comment in comments if comment.object_pk.isdigit()}
    posts = StudentPostPage.objects.defer_streamfields().in_bulk(post_ids) if post_ids else {}
    result = []
    for comment in comments:
        post = posts.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None
        post_url = post.get_url(request) if post is not None and post.live else None
        result.append(Row(comment=comment, post=post, post_url=post_url, state=state_of(comment)))
    return result


def back_to_queue(request):
    return redirect(get_valid_next_url_from_request(request) or reverse("comment_moderation:index"))


# --- Views ------------------------------------------------------------------------------------------------


class ModerationViewMixin(WagtailAdminTemplateMixin):
    header_icon = "comment"

    def queue_crumb(self):
        return {"url": reverse("comment_moderation:index"), "label": "Comments"}


class QueueView(ModerationViewMixin, TemplateView):
    template_name = "comments/admin/index.html"
    page_title = "Comments"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = QueueFilterForm(self.request.GET or None, moderator=self.request.user)
        state = filters.value("state")
        order = ("submit_date", "pk") if state in OLDEST_FIRST else ("-submit_date", "-pk")
        comments = for_listing(filters.filter(comments_in(state, self.request.user))).order_by(*order)
        paginator = WagtailPaginator(comments, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("p"))
        context.update(
            filters=filters,
            state=state,
            state_label=dict(filters.fields["state"].choices)[state],
            rows=rows(page.object_list, self.request),
            page_obj=page,
            paginator=paginator,
            elided_page_range=paginator.get_elided_page_range(page.number),
            action_choices=ACTION_CHOICES,
            here=self.request.get_full_path(),
        )
        return context


class ReplyView(ModerationViewMixin, FormView):
    template_name = "comments/admin/reply.html"
    form_class = ReplyForm
    page_title = "Reply as instructor"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        comments = for_listing(with_flag_counts(post_comments(request.user).filter(is_removed=False)))
        self.comment = get_object_or_404(comments, pk=kwargs["pk"])
        self.row = rows([self.comment], request)[0]

    def dispatch(self, request, *args, **kwargs):
        course = self.row.post.get_course() if self.row.post is not None else None
        if course is not None and course.is_archived:
            messages.error(request, f"“{course.title}” is archived: its discussion takes no new comments or replies.")
            return back_to_queue(request)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, self.queue_crumb(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(row=self.row, next=get_valid_next_url_from_request(self.request), **kwargs)

    def form_valid(self, form):
        reply = actions.reply_as_instructor(self.comment, self.request.user, form.cleaned_data["text"])
        buttons = []
        if self.row.post_url:
            buttons.append(messages.button(f"{self.row.post_url}#c{reply.pk}", "View on the post", new_window=True))
        messages.success(self.request, "Reply published", buttons=buttons)
        return back_to_queue(self.request)


def perform(request, action, comments):
    function, verb = ACTIONS[action]
    for comment in comments:
        function(comment, request.user)
    count = len(comments)
    messages.success(request, f"{count} comment{'' if count == 1 else 's'} {verb}")


@moderator_required
@require_POST
def comment_action(request, pk, action):
    if action not in ACTIONS:
        raise Http404("No such moderation action")
    perform(request, action, [get_object_or_404(post_comments(request.user), pk=pk)])
    return back_to_queue(request)


@moderator_required
@require_POST
def bulk_action(request):
    form = BulkActionForm(request.POST, moderator=request.user)
    if form.is_valid():
        perform(request, form.cleaned_data["action"], list(form.cleaned_data["comments"]))
    else:
        messages.error(request, "Select at least one comment and an action.")
    return back_to_queue(request)


app_name = "comment_moderation"
urlpatterns = [
    path("", moderator_required(QueueView.as_view()), name="index"),
    path("bulk/", bulk_action, name="bulk"),
    path("<int:pk>/reply/", moderator_required(ReplyView.as_view()), name="reply"),
    path("<int:pk>/<slug:action>/", comment_action, name="action"),
]
