"""Posting, replying and confirming comments. Every refusal is a 4xx page that says why, and stores nothing."""

import math
from datetime import timedelta
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_comments.models import CommentFlag
from django_comments.signals import comment_will_be_posted
from django_comments.views.moderation import perform_flag
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import LIKEDIT_FLAG, MaxThreadLevelExceededException, XtdComment

from blog.models import StudentPostPage, public_name
from blog.visibility import readable_by
from discussion import held, limits, notifications
from discussion.forms import CommentForm
from discussion.moderation import comments_open
from discussion.threads import add_to_thread
from discussion.tree import public_comments
from site_project.client_ip import client_ip

POST_CONTENT_TYPE = "blog.studentpostpage"
DOUBLE_SUBMIT_WINDOW = timedelta(minutes=1)
ARCHIVED = "This course is archived: its discussion stays as it was, and takes no new comments or likes."


def page_for(request, template, post=None, status=200, **context):
    """A discussion page inside its course's header and navigation."""
    course = post.get_course(request) if post is not None else None
    return render(request, template, {"post": post, "course": course, **context}, status=status)


def reject(request, reason, post=None):
    return page_for(request, "comments/rejected.html", post, status=400, reason=reason)


def is_archived(request, post):
    course = post.get_course(request)
    return course is not None and course.is_archived


def refuse_if_archived(request, post):
    """An archived course (terms.archive) takes nothing new: a 403 that says so, or None while it is open."""
    if is_archived(request, post):
        return page_for(
            request, "comments/rejected.html", post, status=403, reason=ARCHIVED, heading="This course is archived"
        )
    return None


def too_many(request, post, form, parent, seconds):
    """The form again with what they wrote, a 429, and when they may post it."""
    minutes = math.ceil(seconds / 60)
    wait = "a minute" if minutes == 1 else f"{minutes} minutes"
    form.add_error(
        None,
        "You have posted several comments in a short time, and this site takes only a few from each sender to keep "
        f"spam out. Nothing was saved yet: post this comment again in {wait}.",
    )
    response = form_page(request, post, form, parent, status=429)
    response["Retry-After"] = str(seconds)
    return response


def as_id(value):
    """A database id from form input, or None: "²" is a digit int() refuses, and ids stop at 2**63 - 1."""
    digits = value.lstrip("0") if value.isascii() and value.isdigit() else ""
    return int(digits) if 0 < len(digits) <= 19 and int(digits) < 2**63 else None


def readable_posts(user):
    """Live posts this visitor may read: the public's, and class-only ones for the class."""
    return readable_by(StudentPostPage.objects.live(), user)


def form_page(request, post, form, parent=None, status=200):
    archived = is_archived(request, post)
    return page_for(
        request,
        "comments/form_page.html",
        post,
        status=status,
        form=form,
        parent=parent,
        open=comments_open(post) and not archived,
        closed_reason=ARCHIVED if archived else "",
    )


def reply_problem(post, parent):
    """Why a reply to `parent` on `post` cannot be taken, or None when it can."""
    if parent is None or not public_comments(post).filter(pk=parent.pk).exists():
        return "The comment you replied to is not part of this discussion."
    levels = settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        return f"Replies go at most {levels} levels deep. Reply higher up the thread."
    return None


def earlier_copy(comment):
    """The same author's same comment on the same post from the last minute: a double submit."""
    same_author = {"user_id": comment.user.pk} if comment.user else {"user_email__iexact": comment.user_email}
    return XtdComment.objects.filter(
        content_type=comment.content_type,
        object_pk=comment.object_pk,
        comment=comment.comment,
        submit_date__gte=comment.submit_date - DOUBLE_SUBMIT_WINDOW,
        **same_author,
    ).first()


def shown_after_posting(request, post, comment):
    if comment.is_public:
        return redirect(f"{post.url}#c{comment.pk}")
    response = page_for(request, "django_comments_xtd/moderated.html", post, comment=comment)
    return held.remember(request, response, comment)


def comments_are_posted(view):
    """Only a POST reaches `view`; anything else (someone who opened the form's address) is a 405 page in the site's
    look that says where comments are written, instead of an empty page."""

    @wraps(view)
    def posted_only(request, *args, **kwargs):
        if request.method != "POST":
            response = render(request, "comments/post_only.html", status=405)
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return posted_only


@comments_are_posted
def post_comment(request):
    data = request.POST.copy()
    object_pk = as_id(data.get("object_pk", ""))
    post = readable_posts(request.user).filter(pk=object_pk).first() if object_pk else None
    if post is None or data.get("content_type") != POST_CONTENT_TYPE:
        return reject(request, "There is no post here to comment on.")
    if refused := refuse_if_archived(request, post):
        return refused
    if request.user.is_authenticated:
        data["name"] = public_name(request.user)[: XtdComment._meta.get_field("user_name").max_length]
        data["email"] = request.user.email or f"user-{request.user.pk}@accounts.invalid"
    form = CommentForm(post, data=data)
    if form.errors.get("honeypot"):
        return reject(request, "Your comment looked automated and was not saved.", post)
    if form.security_errors() or form.errors.keys() & {"reply_to", "content_type", "object_pk"}:
        return reject(request, "This comment form has expired or was altered. Reload the page and try again.", post)
    if not comments_open(post):
        return reject(request, "Comments are closed on this post.", post)
    parent_id = form.cleaned_data.get("reply_to") if form.is_valid() else None
    if parent_id is None:
        parent_id = as_id(data.get("reply_to", ""))  # keep the reply's parent when the rest of the form has errors
    parent = XtdComment.objects.filter(pk=parent_id).first() if parent_id else None
    if parent_id and (problem := reply_problem(post, parent)):
        return reject(request, problem, post)
    if not form.is_valid():
        return form_page(request, post, form, parent, status=400)

    comment = form.get_comment_object(site_id=settings.SITE_ID)
    comment.ip_address = client_ip(request)
    comment.user = request.user if request.user.is_authenticated else None
    if existing := earlier_copy(comment):
        return shown_after_posting(request, post, existing)
    if wait := limits.seconds_to_wait(request, comment):
        return too_many(request, post, form, parent, wait)
    responses = comment_will_be_posted.send(sender=comment.__class__, comment=comment, request=request)
    if any(response is False for _receiver, response in responses):
        return reject(request, "Comments are closed on this post.", post)
    if comment.user is None:
        # A stranger's comment exists only inside the signed link until they confirm their address.
        key = signed.dumps(comment, compress=True, extra_key=xtd_settings.COMMENTS_XTD_SALT).decode()
        notifications.send_confirmation_request.enqueue(key)
        return page_for(request, "comments/confirmation_sent.html", post, email=comment.user_email)
    return publish(request, post, comment)


def publish(request, post, pending):
    """Store a comment that passed every check (the moderator has set is_public) and tell who should know."""
    try:
        comment = add_to_thread(XtdComment(**pending))
    except MaxThreadLevelExceededException:
        return reject(request, reply_problem(post, XtdComment.objects.get(pk=pending.parent_id)), post)
    notifications.comment_created(comment)
    return shown_after_posting(request, post, comment)


@never_cache
@require_GET
def comment_page(request, post_id):
    """The full form on its own uncached page: how readers without JavaScript join the discussion."""
    post = get_object_or_404(readable_posts(request.user), pk=post_id)
    return form_page(request, post, CommentForm(post))


@never_cache
@require_GET
def reply_page(request, comment_id):
    parent = get_object_or_404(XtdComment, pk=comment_id, is_public=True, is_removed=False)
    post = readable_posts(request.user).filter(pk=parent.object_pk).first()
    if post is None or parent.content_type.model_class() is not StudentPostPage:
        raise Http404("No such discussion")
    if problem := reply_problem(post, parent):
        return reject(request, problem, post)
    return form_page(request, post, CommentForm(post, comment=parent), parent)


@never_cache
@require_GET
def form_fragment(request, post_id):
    """The comment form for one visitor (CSRF token, fresh timestamp and hash; a member's name), fetched by the
    script of a post page that a shared cache serves to everyone and that therefore carries no form."""
    post = get_object_or_404(readable_posts(request.user), pk=post_id)
    if refused := refuse_if_archived(request, post):
        return refused
    return render(request, "comments/form.html", {"form": CommentForm(post), "next_url": post.url})


def confirm(request, key):
    """The link emailed to a stranger: the comment is stored now, once, however often the link is opened."""
    try:
        pending = signed.loads(str(key), extra_key=xtd_settings.COMMENTS_XTD_SALT)
    except (ValueError, signed.BadSignature):
        return reject(request, "This confirmation link is not valid. Copy the whole link from the email.")
    post = readable_posts(request.user).filter(pk=pending.object_pk).first()
    if post is None:
        return reject(request, "The post this comment was for is no longer published.")
    if refused := refuse_if_archived(request, post):
        return refused
    if existing := earlier_copy(pending):
        return shown_after_posting(request, post, existing)
    if not comments_open(post):
        return reject(request, "Comments are closed on this post.", post)
    if pending.parent_id and (problem := reply_problem(post, XtdComment.objects.filter(pk=pending.parent_id).first())):
        return reject(request, problem, post)
    return publish(request, post, pending)


def readable_comment(request, comment_id):
    """A public comment on a post this visitor can read, and that post."""
    comment = get_object_or_404(XtdComment, pk=comment_id, is_public=True, is_removed=False)
    post = readable_posts(request.user).filter(pk=comment.object_pk).first()
    if post is None or comment.content_type.model_class() is not StudentPostPage:
        raise Http404("No such comment")
    return comment, post


@require_GET
def permalink(request, content_type_id, object_id):
    """Where django-comments' comment links lead (Comment.get_absolute_url, the admin's "View on site"): the post,
    on its own course's address; nothing for any other kind of object, or a post this visitor cannot read."""
    post_type = ContentType.objects.get_for_model(StudentPostPage)
    post_id = as_id(object_id)
    if content_type_id != post_type.pk or post_id is None:
        raise Http404("No such post")
    return redirect(get_object_or_404(readable_posts(request.user), pk=post_id).get_url(request))


LIKE, UNLIKE, REPORT = "like", "unlike", "report"
FEEDBACK = "comments/feedback.html"
QUESTIONS = {
    (LIKE, False): "Like this comment?",
    (LIKE, True): "Unlike this comment?",
    (REPORT, False): "Report this comment to the instructors?",
    (REPORT, True): "You reported this comment",
}


def login_url(next_url):
    return f"{resolve_url(settings.LOGIN_URL)}?{urlencode({'next': next_url})}"


def feedback_view(perform, action, done, closed_when_archived=False):
    """Like or report a comment: a confirmation page on GET (the cached post page carries no token), the change
    on POST, then back to the comment. Both need an account (a like counts a person once; a report counts towards
    hiding the comment, so it must not be something a stranger can repeat): a stranger's GET says so and links to
    the log-in page, which comes back here. `done(request, comment)` says whether this member already did it.
    An archived course takes no new likes; a comment there can still be reported."""

    @never_cache
    @require_http_methods(["GET", "POST"])
    def view(request, comment_id):
        comment, post = readable_comment(request, comment_id)
        if closed_when_archived and (refused := refuse_if_archived(request, post)):
            return refused
        context = {"comment": comment, "action": action}
        if not request.user.is_authenticated:
            if request.method == "POST":
                return redirect_to_login(request.get_full_path())
            back = login_url(request.get_full_path())
            return page_for(request, FEEDBACK, post, question=f"Log in to {action}", login_url=back, **context)
        if request.method == "POST":
            perform(request, comment)
            return redirect(f"{post.url}#c{comment.pk}")
        already = done(request, comment)
        return page_for(request, FEEDBACK, post, question=QUESTIONS[action, already], already=already, **context)

    return view


def liked(request, comment):
    return CommentFlag.objects.filter(comment=comment, user=request.user, flag=LIKEDIT_FLAG).exists()


def reported(request, comment):
    return CommentFlag.objects.filter(comment=comment, user=request.user, flag=CommentFlag.SUGGEST_REMOVAL).exists()


def like_or_unlike(request, comment):
    """xtd's own like view toggles; here the form says which it means, so confirming twice changes nothing."""
    if request.POST.get("action") == UNLIKE:
        CommentFlag.objects.filter(comment=comment, user=request.user, flag=LIKEDIT_FLAG).delete()
    else:
        CommentFlag.objects.get_or_create(comment=comment, user=request.user, flag=LIKEDIT_FLAG)


like = feedback_view(like_or_unlike, LIKE, liked, closed_when_archived=True)
flag = feedback_view(perform_flag, REPORT, reported)
