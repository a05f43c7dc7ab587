"""`manage.py import_wordpress EXPORT.xml`: a WordPress course blog's posts, authors, units, tags, images and
threaded comments into a course (wordpress_import/importer.py)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from blog.models import CourseUnitPage
from home.course_option import COURSE_HELP, find_course
from roster.invitations import send_invitation
from wordpress_import.importer import Importer
from wordpress_import.wxr import WxrError, parse_wxr


class Command(BaseCommand):
    help = (
        "Import a WordPress export (Tools → Export → All content; WXR 1.0–1.2) into a course. Running it again, or "
        "with a later export of the same blog, adds only what is new. Nothing is downloaded: images come from "
        "--media-dir, a copy of the blog's wp-content/uploads."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The export file (.xml).")
        parser.add_argument("--course", help=COURSE_HELP)
        where = parser.add_mutually_exclusive_group()
        where.add_argument(
            "--unit-from",
            choices=["categories"],
            default="categories",
            help="Each post goes to the unit of its first category (the default).",
        )
        where.add_argument("--unit", help="Put every post into this existing unit (its slug).")
        parser.add_argument("--media-dir", help="A copy of the blog's wp-content/uploads folder.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be imported; save nothing.")
        parser.add_argument(
            "--invite",
            action="store_true",
            help="Email the accounts created for authors the roster's invitation to choose a password.",
        )

    def handle(self, *args, path, course, unit, media_dir, dry_run, invite, **options):
        try:
            export = parse_wxr(path)
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        except WxrError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        home = find_course(course)
        target = None
        if unit:
            target = CourseUnitPage.objects.child_of(home).filter(slug=unit).first()
            if target is None:
                raise CommandError(f"The course “{home.title}” has no unit with the slug “{unit}”.")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        importer = Importer(export, home, unit=target, media_dir=media_dir, dry_run=dry_run, progress=self.stderr.write)
        with transaction.atomic():
            report = importer.run()
            if invite and not dry_run:
                base_url = settings.WAGTAILADMIN_BASE_URL
                for user in importer.created_users:
                    if user.email:
                        transaction.on_commit(lambda pk=user.pk: send_invitation.enqueue(pk, base_url, home.title))
        for line in report.lines():
            self.stdout.write(line)
