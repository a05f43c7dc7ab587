"""Discussion emails. Each is a django-tasks task, so no request waits on SMTP: production runs
`manage.py db_worker`; tests and `make run` use the immediate backend. Every link is on the post's course's own
Site (the admin's moderation queue too: the admin is served on every host), never on WAGTAILADMIN_BASE_URL."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django_comments_xtd import signed
from django_comments_xtd.conf import settings as xtd_settings
from django_comments_xtd.models import XtdComment

from courses.outbox import mail_task
from courses.roles import staff_emails


def _send(template, recipient, **context):
    subject, _, body = render_to_string(template, context).strip().partition("\n\n")
    send_mail(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [recipient])


def _on_site(post, path):
    """`path` as an absolute URL on the Site the post is published on (a course's own, or its catalogue's)."""
    return post.get_site().root_url + path


def _public(comment_id):
    return XtdComment.objects.filter(pk=comment_id, is_public=True, is_removed=False).first()


@mail_task
def send_confirmation_request(key):
    """Ask an anonymous commenter to confirm: their comment exists only in this signed key until then."""
    pending = signed.loads(key, extra_key=xtd_settings.COMMENTS_XTD_SALT)
    post = pending.content_object
    link = _on_site(post, reverse("comments-xtd-confirm", args=[key]))
    _send("comments/email/confirm.txt", pending.user_email, comment=pending, post=post, link=link)


@mail_task
def send_new_comment_emails(comment_id):
    """The post's author (unless they turned it off) and everyone following the thread, once each."""
    comment = _public(comment_id)
    if comment is None:
        return
    post = comment.content_object
    sent = {comment.user_email.lower()}
    author = post.author
    profile = getattr(author, "author_profile", None) if author else None
    if author and author.email and author.pk != comment.user_id and (profile is None or profile.email_on_comments):
        _send("comments/email/new_on_your_post.txt", author.email, comment=comment, post=post)
        sent.add(author.email.lower())
    followers = XtdComment.objects.filter(
        content_type=comment.content_type, object_pk=comment.object_pk, is_public=True, is_removed=False, followup=True
    ).order_by("submit_date")
    for follower in followers:
        if follower.user_email.lower() in sent:
            continue
        sent.add(follower.user_email.lower())
        key = signed.dumps(follower, compress=True, extra_key=xtd_settings.COMMENTS_XTD_SALT).decode()
        mute = _on_site(post, reverse("comments-xtd-mute", args=[key]))
        _send(
            "comments/email/followup.txt", follower.user_email, comment=comment, post=post, follower=follower, mute=mute
        )


@mail_task
def send_approval_notice(comment_id):
    comment = _public(comment_id)
    if comment is not None:
        _send("comments/email/approved.txt", comment.user_email, comment=comment, post=comment.content_object)


@mail_task
def send_held_notice(comment_id):
    comment = XtdComment.objects.filter(pk=comment_id, is_public=False, is_removed=False).first()
    if comment is None:
        return
    post = comment.content_object
    queue = _on_site(post, reverse("comment_moderation:index") + "?state=held")
    for email in staff_emails(post.get_course()):
        _send("comments/email/held.txt", email, comment=comment, post=post, queue=queue)


def comment_published(comment_id):
    send_new_comment_emails.enqueue(comment_id)


def comment_held(comment_id):
    send_held_notice.enqueue(comment_id)


def comment_approved(comment_id):
    """xtd notifies only when a comment is posted; a comment approved later is news to its author and thread."""
    send_approval_notice.enqueue(comment_id)
    comment_published(comment_id)


def comment_created(comment):
    (comment_published if comment.is_public else comment_held)(comment.pk)
