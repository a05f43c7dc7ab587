"""Load the demo course: "Soviet History", its units, the two seed posts with their discussions, demo logins.

Idempotent: what exists is left alone, what is missing is added.
"""

import json
from datetime import date, datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from blog.models import CourseUnitPage, Footnote, Source, StudentPostPage, public_name
from courses.roles import GROUP_ROLES, enrol
from home.models import HomePage
from home.signals import demo_loaded

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "soviet_history.json"
# A published demo password: load_demo refuses to run without DEBUG unless told to (--force).
DEMO_PASSWORD = "seminar-demo"


def local_datetime(value):
    return timezone.make_aware(datetime.fromisoformat(value))


def paragraphs(texts, notes=()):
    """Paragraph blocks of `texts`; each of `notes` marks its place after its `after` words (issue 22)."""
    html = [f"<p>{escape(text)}</p>" for text in texts]
    for number, note in enumerate(notes, start=1):
        words = escape(note["after"])
        [index] = [index for index, paragraph in enumerate(html) if words in paragraph]
        html[index] = html[index].replace(words, f'{words}<footnote id="{note["id"]}">[{number}]</footnote>', 1)
    return [("paragraph_block", RichText(paragraph)) for paragraph in html]


def placeholder_png(title):
    """A plain placeholder picture: the demo ships no copyrighted images."""
    picture = PILImage.new("RGB", (1200, 800), (236, 230, 218))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((24, 24, 1175, 775), outline=(160, 32, 32), width=18)
    draw.text((600, 340), "TIME", fill=(160, 32, 32), font=ImageFont.load_default(size=150), anchor="mm")
    draw.text((600, 520), title, fill=(40, 40, 40), font=ImageFont.load_default(size=40), anchor="mm")
    buffer = BytesIO()
    picture.save(buffer, format="PNG")
    return buffer


class Command(BaseCommand):
    help = "Create (or complete) the demo course, its units, the seed posts and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--hostname", default="127.0.0.1", help="Host name of the demo Site (default 127.0.0.1)")
        parser.add_argument("--port", type=int, default=8000, help="Port of the demo Site (default 8000)")
        parser.add_argument("--force", action="store_true", help="Run even when DEBUG is off")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("load_demo creates accounts with a published password; use --force to run it anyway.")
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            users = {account["username"]: self.account(account) for account in data["accounts"]}
            course = self.course(data["course"], options["hostname"], options["port"])
            self.images = course.collections.get(kind="images").collection  # the course's "Course images"
            for account in data["accounts"]:
                enrol(users[account["username"]], course, GROUP_ROLES[account["role"]])
            units = {unit["slug"]: self.unit(course, unit) for unit in data["units"]}
            for post_data in data["posts"]:
                post = self.post(units[post_data["unit"]], post_data, users[post_data["author"]])
                self.thread(post, post_data["comments"], users)
            demo_loaded.send(sender=self.__class__, course=course, units=units)
        self.stdout.write(self.style.SUCCESS(f"Demo course ready at {course.get_full_url()}"))
        self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
        for account in data["accounts"]:
            self.stdout.write(f"  {account['username']:<12} {account['role']}")

    def account(self, account):
        user, created = get_user_model().objects.get_or_create(
            username=account["username"],
            defaults={key: account[key] for key in ("first_name", "last_name", "email")},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(Group.objects.get(name=account["role"]))
        return user

    def course(self, data, hostname, port):
        """The default Site's course home page, filled in; a fresh install's migration created it."""
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        course = site.root_page.specific if site else None
        if not isinstance(course, HomePage):
            course = HomePage.objects.filter(slug=data["slug"], depth=2).first()
        if course is None:
            course = Page.get_first_root_node().add_child(instance=HomePage(title=data["title"], slug=data["slug"]))
        if course.title != data["title"]:
            course.title = data["title"]
            course.term = data["term"]
            course.term_starts = date.fromisoformat(data["term_starts"])
            course.term_ends = date.fromisoformat(data["term_ends"])
            course.instructor_names = data["instructor_names"]
            course.intro = paragraphs(data["intro"])
            course.save_revision().publish()
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": hostname, "port": port, "root_page": course, "site_name": data["title"]},
        )
        return course

    def unit(self, course, data):
        unit = CourseUnitPage.objects.child_of(course).filter(slug=data["slug"]).first()
        if unit:
            return unit
        body = paragraphs(data["prompt"])
        if "source" in data:
            body.append(("primary_source_block", data["source"]))
        body.append(("bibliography_block", data["readings"]))
        unit = course.add_child(
            instance=CourseUnitPage(
                title=data["title"],
                slug=data["slug"],
                period=data["period"],
                summary=data["summary"],
                due_date=local_datetime(data["due_date"]),
                body=body,
            )
        )
        unit.save_revision().publish()
        return unit

    def post(self, unit, data, author):
        existing = StudentPostPage.objects.child_of(unit).filter(slug=data["slug"]).first()
        if existing:
            return existing
        body = paragraphs(data["paragraphs"], data.get("footnotes", ()))
        if "image" in data:
            body.append(("image_block", self.image_value(data["image"])))
        for source in data.get("primary_sources", []):  # cited from the post's sources (issue 22)
            body.append(("primary_source_block", {"publication": "", "date": "", "url": "", **source}))
        post = StudentPostPage(
            title=data["title"], slug=data["slug"], body=body, owner=author, author=author, live=False
        )
        post.sources = [Source(sort_order=order, **source) for order, source in enumerate(data.get("sources", []))]
        post.footnotes = [
            Footnote(
                sort_order=order,
                uuid=note["id"],
                text=f"<p>{escape(note.get('text', ''))}</p>" if note.get("text") else "",
                source=note.get("source", ""),
                pages=note.get("pages", ""),
            )
            for order, note in enumerate(data.get("footnotes", []))
        ]
        post = unit.add_child(instance=post)
        post.tags.add(*data["tags"])
        post.save_revision(user=author).publish()
        published = local_datetime(data["published"])
        StudentPostPage.objects.filter(pk=post.pk).update(first_published_at=published, last_published_at=published)
        return post

    def thread(self, post, comments, users, parent=None):
        """The seed discussion, approved, with its original dates, nesting and likes."""
        content_type = ContentType.objects.get_for_model(StudentPostPage)
        for data in comments:
            user = users[data["by"]]
            comment = XtdComment.objects.filter(
                content_type=content_type, object_pk=str(post.pk), user=user, comment=data["text"]
            ).first()
            if comment is None:
                comment = XtdComment.objects.create(
                    content_type=content_type,
                    object_pk=str(post.pk),
                    site_id=settings.SITE_ID,
                    user=user,
                    user_name=public_name(user),
                    user_email=user.email,
                    comment=data["text"],
                    submit_date=local_datetime(data["at"]),
                    parent_id=parent.pk if parent else 0,
                    is_public=True,
                )
            for liker in data.get("liked_by", []):
                CommentFlag.objects.get_or_create(comment=comment, user=users[liker], flag=LIKEDIT_FLAG)
            self.thread(post, data.get("replies", []), users, parent=comment)

    def image_value(self, data):
        Image = get_image_model()
        image = Image.objects.filter(title=data["title"]).first()
        if image is None:
            image = Image.objects.create(
                title=data["title"],
                collection=self.images,
                file=ImageFile(placeholder_png(data["title"]), name="demo-placeholder.png"),
            )
        return {
            "image": image,
            "alt_text": data["alt"],
            "caption": data["caption"],
            "credit": data["credit"],
            "source_url": data.get("source_url", ""),
            "source": data.get("source", ""),
        }
