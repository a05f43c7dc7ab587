"""A parsed WordPress export into one course: posts with their authors, units, tags, images, footnotes and threaded
comments.

Each post is its own transaction, so a broken one is skipped with a message and the rest arrive; a dry run does all
the work and rolls it back. WordPress ids are kept (WordPressOrigin): the same export imported again, or a later
export of the same blog, adds only what is new, comments on posts imported before included. No notification is
sent: comments are stored directly, not posted through the discussion's views."""

import html
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django_comments_xtd.models import XtdComment
from wagtail.images import get_image_model

from blog.content_checks import check_body
from blog.images import DecodableImageField
from blog.models import CourseUnitPage, Footnote, StudentPostPage, public_name
from courses.roles import STUDENTS, Role, enrol
from discussion.threads import add_to_thread
from editorial.roles import course_collection
from wordpress_import.body import convert_body
from wordpress_import.models import WordPressOrigin

logger = logging.getLogger(__name__)
IMPORTED_UNIT = "Imported posts"
UNCATEGORIZED = "uncategorized"
SIZED_IMAGE = re.compile(r"-\d+x\d+(?=\.\w+$)")  # WordPress's resized copies: photo-300x200.jpg
EXCERPT_LIMIT = 600
NAME_LIMIT = 50  # django-comments' user_name


class Rollback(Exception):
    """Undoes a dry run, or a post that could not be imported."""


@dataclass
class ImportReport:
    dry_run: bool
    posts: Counter = field(default_factory=Counter)  # published, draft, scheduled, already imported
    skipped_items: Counter = field(default_factory=Counter)  # pages, menu items, ...: by WordPress type
    units: list = field(default_factory=list)  # created
    tags: set = field(default_factory=set)
    authors: Counter = field(default_factory=Counter)  # created, matched
    images: Counter = field(default_factory=Counter)  # imported, missing
    comments: Counter = field(default_factory=Counter)  # public, held, and skipped by reason
    problems: list = field(default_factory=list)  # what was skipped, and why
    notes: list = field(default_factory=list)  # what was imported differently from WordPress
    accessibility: list = field(default_factory=list)  # imported posts' findings (blog/content_checks.py)
    checked_posts: Counter = field(default_factory=Counter)  # posts with errors, with warnings only

    def lines(self):
        """The report as an instructor reads it, in the command's output and in the admin."""
        skipped = ", ".join(f"{count} {kind}" for kind, count in sorted(self.skipped_items.items())) or "none"
        comments_skipped = {key: n for key, n in self.comments.items() if key not in ("public", "held")}
        return [
            "Dry run: nothing was saved." if self.dry_run else "Import finished.",
            f"Posts: {self.posts['published']} published, {self.posts['scheduled']} scheduled, "
            f"{self.posts['draft']} drafts; {self.posts['already imported']} already imported; "
            f"{self.posts['skipped']} skipped.",
            f"Other WordPress items left out: {skipped}.",
            f"Units created: {', '.join(self.units) or 'none'}.",
            f"Tags: {len(self.tags)}.",
            f"Authors: {self.authors['created']} accounts created, {self.authors['matched']} matched.",
            f"Images: {self.images['imported']} imported, {self.images['missing']} not found (kept as links).",
            f"Comments: {self.comments['public']} public, {self.comments['held']} held for moderation; skipped: "
            + (", ".join(f"{n} {reason}" for reason, n in sorted(comments_skipped.items())) or "none")
            + ".",
            f"Accessibility: {self.checked_posts['errors']} posts with errors a student's post could not be "
            f"submitted with, {self.checked_posts['warnings']} with warnings only; imported as they are, listed "
            f"here to fix.",
            *(f"Skipped: {problem}" for problem in self.problems),
            *(f"Note: {note}" for note in self.notes),
            *(f"Accessibility: {finding}" for finding in self.accessibility),
        ]


class Importer:
    def __init__(self, export, course, *, unit=None, media_dir=None, dry_run=False, progress=None):
        self.export, self.course, self.unit = export, course, unit
        self.media_dir = Path(media_dir) if media_dir else None
        self.blog = export.base_blog_url or export.link
        self.report = ImportReport(dry_run=dry_run)
        self.progress = progress or (lambda text: None)
        self.attachments = export.attachments()
        self.users = {}  # WordPress login → user
        self.users_by_wp_id = {}
        self.created_users = []
        self.created_units = []
        self.new_files = []  # stored image files, deleted again when their transaction is undone
        self.collection = course_collection(course)  # the course's own "Course images"

    # --- The run -------------------------------------------------------------------------------------------

    def run(self):
        self.report.skipped_items.update(self.export.skipped_counts())
        self.report.notes.extend(self.export.problems)
        try:
            with transaction.atomic():
                for author in self.export.authors:  # comments name accounts by id, posts by login
                    self.user_for_login(author.login)
                self.import_posts()
                self.note_draft_units()
                if self.report.dry_run:
                    raise Rollback
        except Rollback:
            self.delete_new_files()
        return self.report

    def import_posts(self):
        posts = self.export.posts()
        for number, item in enumerate(posts, 1):
            files_before = len(self.new_files)
            try:
                with transaction.atomic():
                    self.import_post(item)
            except Exception as error:  # whatever a broken post's data raises: that post alone is left out
                if not isinstance(error, Rollback):
                    logger.exception("WordPress import: %s", describe(item))
                self.report.posts["skipped"] += 1
                self.report.problems.append(f"{describe(item)}: {error}")
                self.delete_new_files(since=files_before)
            if number % 25 == 0 or number == len(posts):
                self.progress(f"{number} of {len(posts)} posts")

    def import_post(self, item):
        if item.problems:
            raise Rollback("; ".join(item.problems))
        origin = self.origin(WordPressOrigin.Kind.POST, item.wp_id)
        if origin is not None:
            self.report.posts["already imported"] += 1
            post = StudentPostPage.objects.filter(pk=origin.object_id).first()
            if post is not None:
                self.import_comments(post, item)
            return
        post = self.create_post(item)
        self.remember(WordPressOrigin.Kind.POST, item.wp_id, post)
        self.import_comments(post, item)

    # --- Posts ---------------------------------------------------------------------------------------------

    def create_post(self, item):
        author = self.author_of(item)
        if author is None:
            self.report.notes.append(f"{describe(item)}: no author in the export; imported without one.")
        unit = self.unit_for(item)
        converted = convert_body(item.content, self.resolve_image, item.meta.get("footnotes", ""))
        self.report.notes.extend(f"{describe(item)}: {note}" for note in converted.notes)
        post = StudentPostPage(
            title=html.unescape(item.title) or f"Untitled WordPress post {item.wp_id}",
            slug=self.free_slug(unit, item),
            excerpt=plain_text(item.excerpt, EXCERPT_LIMIT),
            body=converted.blocks,
            author=author,
            owner=author,
            allow_comments=item.comment_status != "closed",
            live=False,
        )
        post.footnotes = footnotes(converted)
        unit.add_child(instance=post)
        names = [html.unescape(name) for _slug, name in item.tags]
        post.tags.add(*names)
        self.report.tags.update(names)
        state = self.publication_state(item)
        if state == "scheduled":
            post.go_live_at = item.date
        revision = post.save_revision(user=author, log_action=False)
        if state in ("published", "scheduled"):
            revision.publish(log_action=False)  # as the import, not as the student: no review task
            self.open_unit(unit, go_live_at=post.go_live_at if state == "scheduled" else None)
        if state == "published" and item.date:
            StudentPostPage.objects.filter(pk=post.pk).update(first_published_at=item.date, last_published_at=item.date)
            post.first_published_at = post.last_published_at = item.date
        self.report.posts[state] += 1
        self.check_accessibility(item, post)
        return post

    def check_accessibility(self, item, post):
        """The post's accessibility findings in the report: imported as it is, but the instructor hears of them."""
        findings = check_body(post.body)
        if findings:
            self.report.checked_posts["errors" if any(f.is_error for f in findings) else "warnings"] += 1
        self.report.accessibility += [
            f"{describe(item)}: {'Fix' if f.is_error else 'Check'}: {f.place}: {f.message}" for f in findings
        ]

    def publication_state(self, item):
        if item.password:
            self.report.notes.append(f"{describe(item)}: password-protected in WordPress; imported as a draft.")
            return "draft"
        if item.status == "publish":
            return "published"
        if item.status == "future" and item.date:
            if item.date > timezone.now():
                return "scheduled"
            self.report.notes.append(f"{describe(item)}: its scheduled date has passed; published with that date.")
            return "published"
        if item.status == "private":
            self.report.notes.append(f"{describe(item)}: private in WordPress; imported as a draft.")
        return "draft"

    def free_slug(self, unit, item):
        base = slugify(unquote(item.slug)) or slugify(html.unescape(item.title)) or f"post-{item.wp_id}"
        taken = set(unit.get_children().values_list("slug", flat=True))
        slug, n = base[:240], 2
        while slug in taken:
            slug, n = f"{base[:240]}-{n}", n + 1
        return slug

    def unit_for(self, item):
        """The post's first category in document order; none, or Uncategorized, is the "Imported posts" unit. A new
        unit is a draft until it holds a live post (`open_unit`): readers never meet an empty one."""
        if self.unit is not None:
            return self.unit
        categories = [(slug, name) for slug, name in item.categories if slug != UNCATEGORIZED]
        nicename, title = categories[0] if categories else (IMPORTED_UNIT, IMPORTED_UNIT)
        title = html.unescape(title).strip() or IMPORTED_UNIT
        slug = unit_slug(nicename, title)
        units = CourseUnitPage.objects.child_of(self.course)
        unit = units.filter(slug=slug).first() or units.filter(title=title).first()
        if unit is None:
            unit = CourseUnitPage(title=title, slug=self.free_unit_slug(slug), live=False)
            self.course.add_child(instance=unit)
            unit.save_revision(log_action=False)
            self.report.units.append(title)
            self.created_units.append(unit)
        return unit.specific

    def free_unit_slug(self, slug):
        """`slug`, or with a number after it when another page of the course (not a unit) already has it."""
        taken = set(self.course.get_children().values_list("slug", flat=True))
        free, n = slug, 2
        while free in taken:
            free, n = f"{slug}-{n}", n + 1
        return free

    def open_unit(self, unit, go_live_at=None):
        """A unit that has never been live goes live with its first live post, or is scheduled with its first
        scheduled one (whichever comes first); the unit named with --unit, and one an instructor has taken offline,
        stay as they are."""
        if self.unit is not None or unit.live or unit.first_published_at is not None:
            return
        scheduled = unit.scheduled_revision
        if go_live_at is not None and scheduled is not None and scheduled.approved_go_live_at <= go_live_at:
            return
        unit.go_live_at = go_live_at
        unit.save_revision(log_action=False).publish(log_action=False)

    def note_draft_units(self):
        """Name the new units left as drafts (their posts are all drafts), so the instructor knows where to look."""
        units = CourseUnitPage.objects.filter(pk__in=[unit.pk for unit in self.created_units], live=False)
        for unit in units.order_by("path"):
            if unit.scheduled_revision is None:
                self.report.notes.append(
                    f"Unit “{unit.title}” holds no published post; it stays a draft, hidden from readers."
                )

    # --- Authors -------------------------------------------------------------------------------------------

    def author_of(self, item):
        return self.user_for_login(item.creator.strip())

    def user_for_login(self, login):
        """The account for a WordPress login: from the export's author list, or from dc:creator alone."""
        if not login:
            return None
        if login not in self.users:
            author = self.export.author(login)
            self.users[login] = self.find_or_create_user(
                login=login,
                email=author.email if author else "",
                first_name=author.first_name if author else "",
                last_name=author.last_name if author else "",
                display_name=author.display_name if author else login,
            )
            if author and author.wp_id:
                self.users_by_wp_id[author.wp_id] = self.users[login]
        return self.users[login]

    def find_or_create_user(self, *, login, email, first_name, last_name, display_name):
        """An account of this site with the author's email or login, else a new student who has no password yet
        (the password-reset page, or the roster's invitation, lets them choose one)."""
        accounts = get_user_model().objects
        email = email.strip().lower()
        user = (accounts.filter(email__iexact=email).first() if email else None) or accounts.filter(
            username__iexact=login
        ).first()
        if user is not None:
            self.report.authors["matched"] += 1
            return user
        if not (first_name or last_name):
            first_name, _, last_name = (display_name or login).strip().partition(" ")
        user = accounts.create(
            username=(email or login)[:150], email=email, first_name=first_name[:150], last_name=last_name[:150]
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=STUDENTS))
        enrol(user, self.course, Role.STUDENT)
        self.report.authors["created"] += 1
        self.created_users.append(user)
        return user

    # --- Comments ------------------------------------------------------------------------------------------

    def import_comments(self, post, item):
        """Parents before replies; a reply to a comment left out goes under its nearest imported ancestor, and one
        deeper than the site allows under the deepest comment that can take it."""
        by_id = {comment.wp_id: comment for comment in item.comments if comment.wp_id is not None}
        stored = {
            origin.wordpress_id: origin.object_id
            for origin in WordPressOrigin.objects.filter(
                blog=self.blog, kind=WordPressOrigin.Kind.COMMENT, wordpress_id__in=list(by_id)
            )
        }
        placed = {wp_id: XtdComment.objects.filter(pk=pk).first() for wp_id, pk in stored.items()}
        for comment in sorted(item.comments, key=lambda c: (c.date is None, c.date, c.wp_id or 0)):
            if comment.wp_id in stored:
                self.report.comments["already imported"] += 1
                continue
            reason = skip_reason(comment)
            if reason:
                self.report.comments[reason] += 1
                continue
            self.place(post, item, comment, by_id, placed)

    def place(self, post, item, comment, by_id, placed):
        if comment.wp_id in placed:
            return placed[comment.wp_id]
        placed[comment.wp_id] = None  # a parent loop in a broken export ends here
        parent = None
        if comment.parent_wp_id:
            ancestor = by_id.get(comment.parent_wp_id)
            if ancestor is not None and not skip_reason(ancestor):
                parent = self.place(post, item, ancestor, by_id, placed)
            if parent is None:
                self.report.notes.append(
                    f"{describe(item)}: comment {comment.wp_id} answered a comment that was not imported; "
                    "it starts its own thread."
                )
        parent = self.deepest_allowed(parent, item, comment)
        user = self.comment_user(post, comment)
        text = plain_text(comment.content)
        stored = add_to_thread(
            XtdComment(
                content_type=ContentType.objects.get_for_model(StudentPostPage),
                object_pk=str(post.pk),
                site_id=settings.SITE_ID,
                user=user,
                user_name=(public_name(user) if user else html.unescape(comment.author_name) or "Anonymous")[
                    :NAME_LIMIT
                ],
                user_email=(user.email if user else comment.author_email)[:254],
                user_url=comment.author_url[:200] if comment.author_url.startswith(("http://", "https://")) else "",
                comment=text or "(empty comment)",
                submit_date=comment.date or post.first_published_at or item.date,
                is_public=comment.approved == "1",
                parent_id=parent.pk if parent else 0,
            )
        )
        self.remember(WordPressOrigin.Kind.COMMENT, comment.wp_id, stored)
        self.report.comments["public" if stored.is_public else "held"] += 1
        placed[comment.wp_id] = stored
        return stored

    def deepest_allowed(self, parent, item, comment):
        if parent is None or parent.level < settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            return parent
        while parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
            parent = XtdComment.objects.get(pk=parent.parent_id)
        self.report.notes.append(
            f"{describe(item)}: comment {comment.wp_id} was deeper than replies go here "
            f"({settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1} levels); it is placed at the deepest level."
        )
        return parent

    def comment_user(self, post, comment):
        """The account behind a comment: the WordPress account it names, or a site account with its email."""
        if comment.user_id in self.users_by_wp_id:
            return self.users_by_wp_id[comment.user_id]
        email = comment.author_email.strip()
        if email:
            return get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        return None

    # --- Images --------------------------------------------------------------------------------------------

    def resolve_image(self, ref):
        """A Wagtail image for a picture the post shows: imported once from the media folder, else None."""
        attachment = self.attachments.get(ref.attachment_id) if ref.attachment_id else None
        if attachment is not None and (origin := self.origin(WordPressOrigin.Kind.ATTACHMENT, attachment.wp_id)):
            return get_image_model().objects.filter(pk=origin.object_id).first()
        path = self.media_file(attachment.attachment_url if attachment else ref.url) or self.media_file(ref.url)
        if path is None:
            self.report.images["missing"] += 1
            return None
        try:
            with path.open("rb") as handle:
                checked = DecodableImageField().clean(File(handle, name=path.name))
                image = get_image_model()(
                    title=html.unescape(attachment.title if attachment and attachment.title else path.stem)[:255],
                    description=(ref.alt or ref.caption)[:255],
                    collection=self.collection,
                )
                image.file.save(path.name, checked, save=False)
                self.new_files.append(image.file.name)
                image.save()
        except ValidationError as error:
            self.report.notes.append(f"{path.name}: {' '.join(error.messages)} Kept as a link.")
            self.report.images["missing"] += 1
            return None
        if attachment is not None:
            self.remember(WordPressOrigin.Kind.ATTACHMENT, attachment.wp_id, image)
        self.report.images["imported"] += 1
        return image

    def media_file(self, url):
        """The file in the media folder (a copy of wp-content/uploads) for an upload's URL; the full-size file
        when the post shows a resized copy."""
        if self.media_dir is None or not url:
            return None
        path = unquote(urlsplit(url).path)
        relative = path.split("/wp-content/uploads/", 1)[1] if "/wp-content/uploads/" in path else None
        if not relative:
            return None
        root = self.media_dir.resolve()
        for candidate in (relative, SIZED_IMAGE.sub("", relative)):
            file = (root / candidate).resolve()
            if file.is_relative_to(root) and file.is_file():
                return file
        return None

    def delete_new_files(self, since=0):
        for name in self.new_files[since:]:
            default_storage.delete(name)
        del self.new_files[since:]

    # --- WordPress ids -------------------------------------------------------------------------------------

    def origin(self, kind, wp_id):
        return WordPressOrigin.objects.filter(blog=self.blog, kind=kind, wordpress_id=wp_id).first()

    def remember(self, kind, wp_id, target):
        WordPressOrigin.objects.create(
            blog=self.blog,
            kind=kind,
            wordpress_id=wp_id,
            content_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
            object_id=target.pk,
        )


def footnotes(converted):
    """The post's notes (Gutenberg's footnotes), numbered as its text refers to them: saved with the post, so its
    first revision, published or not, has them."""
    return [
        Footnote(sort_order=order, uuid=note["uuid"], text=note["text"])
        for order, note in enumerate(converted.footnotes)
    ]


def skip_reason(comment):
    if comment.problems:
        return "broken"
    if not comment.is_comment:
        return comment.comment_type  # pingback, trackback
    if comment.approved in ("spam", "trash"):
        return comment.approved
    return None


def plain_text(markup, limit=None):
    """WordPress HTML as the plain text Seminar stores: paragraphs and line breaks kept, scripts and tags gone."""
    soup = BeautifulSoup(markup or "", "html.parser")
    for element in soup(["script", "style", "iframe", "object", "embed", "form"]):
        element.decompose()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for paragraph in soup.find_all("p"):
        paragraph.insert_after("\n\n")
    text = re.sub(r"\n{3,}", "\n\n", html.unescape(soup.get_text())).strip()
    return Truncator(text).chars(limit) if limit else text


def unit_slug(nicename, title):
    """A valid slug for a category's unit, whatever its nicename holds: WordPress percent-encodes non-ASCII and
    real exports carry bidi and control characters (U+202E, U+0007), raw or encoded, which slugify drops."""
    return slugify(unquote(nicename)) or slugify(title) or "unit"


def describe(item):
    return f"post {item.wp_id} “{html.unescape(item.title) or 'untitled'}”"
