"""Forms of the comment moderation queue: its filters, its bulk action, the instructor's reply, and the
author's email preference on the admin Account page."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import CharField
from django.db.models.functions import Cast
from django_comments_xtd.models import XtdComment

from blog.models import AuthorProfile, CourseUnitPage, StudentPostPage
from courses.roles import within_staffed_courses
from discussion import actions
from discussion.states import STATES, post_comments

PENDING = "pending"
ALL = "all"
STATE_CHOICES = [
    (PENDING, "Pending (awaiting moderation or flagged)"),
    *STATES.items(),
    (ALL, "All comments"),
]

# name: (function, verb for the success message)
ACTIONS = {
    "approve": (actions.approve, "approved"),
    "remove": (actions.remove, "removed"),
    "spam": (actions.mark_spam, "marked as spam"),
    "restore": (actions.restore, "restored"),
}
ACTION_CHOICES = [("approve", "Approve"), ("remove", "Remove"), ("spam", "Mark as spam"), ("restore", "Restore")]


class PageChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.title


class QueueFilterForm(forms.Form):
    """Always valid: an unknown value falls back to the default, so a stale link still shows the queue."""

    state = forms.ChoiceField(choices=STATE_CHOICES, required=False, initial=PENDING)
    unit = PageChoiceField(queryset=CourseUnitPage.objects.none(), required=False, empty_label="All units")
    post = PageChoiceField(queryset=StudentPostPage.objects.none(), required=False, empty_label="All posts")

    def __init__(self, data=None, *, moderator):
        super().__init__(data)
        commented = post_comments(moderator).values("object_pk")
        posts = StudentPostPage.objects.annotate(pk_text=Cast("pk", CharField())).filter(pk_text__in=commented)
        self.fields["post"].queryset = posts.order_by("title", "pk")
        units = CourseUnitPage.objects.order_by("path")
        self.fields["unit"].queryset = (
            units if moderator.is_superuser else units.filter(within_staffed_courses(moderator))
        )

    def value(self, name):
        """The cleaned choice, or the default when the field was left empty or its value is unknown."""
        if self.is_bound:
            self.is_valid()
            return self.cleaned_data.get(name) or self.fields[name].initial
        return self.fields[name].initial

    def filter(self, comments):
        """`comments` restricted to the chosen unit and post."""
        if unit := self.value("unit"):
            posts = StudentPostPage.objects.child_of(unit).annotate(pk_text=Cast("pk", CharField()))
            comments = comments.filter(object_pk__in=posts.values("pk_text"))
        if post := self.value("post"):
            comments = comments.filter(object_pk=str(post.pk))
        return comments


class BulkActionForm(forms.Form):
    action = forms.ChoiceField(choices=ACTION_CHOICES)
    comments = forms.ModelMultipleChoiceField(queryset=XtdComment.objects.none())

    def __init__(self, data=None, *, moderator):
        super().__init__(data)
        self.fields["comments"].queryset = post_comments(moderator)


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=settings.COMMENT_MAX_LENGTH,
        help_text="Published at once under the comment, with the Instructor badge. "
        "Replying approves the comment if it is still held.",
    )


class CommentEmailPreferenceForm(forms.ModelForm):
    """Bound to the user's AuthorProfile; a user without one gets it on the first change of the setting."""

    class Meta:
        model = AuthorProfile
        fields = ["email_on_comments"]

    def save(self, commit=True):
        if self.instance.pk is None:
            if not self.has_changed():
                return self.instance  # the default, unchanged: no profile needed yet
            wanted = self.cleaned_data["email_on_comments"]
            # A fresh user: the unsaved profile sits in this user's reverse cache, where for_user would find it.
            self.instance = AuthorProfile.for_user(get_user_model().objects.get(pk=self.instance.user_id))
            self.instance.email_on_comments = wanted
        if commit:
            self.instance.save(update_fields=["email_on_comments"])
        return self.instance
