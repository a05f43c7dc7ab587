"""Archive a course (never done automatically): it stays public at the same URLs, with its feeds and sitemap, under
an "Archived course" notice, but takes no new post, submission, comment or like, and its students' and guests'
enrolments end. --undo reopens it and restores exactly the enrolments archiving ended."""

from django.core.management.base import BaseCommand

from home.course_option import COURSE_HELP, find_course
from terms.archive import archive_course, reopen_course


class Command(BaseCommand):
    help = " ".join(__doc__.split())

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help=COURSE_HELP)
        parser.add_argument("--undo", action="store_true", help="Reopen the course.")

    def handle(self, *args, **options):
        course = find_course(options["course"])
        name = f"{course.title} ({course.term})" if course.term else course.title
        if options["undo"]:
            restored = reopen_course(course)
            done = f"Reopened {name}: {restored} enrolments restored." if restored is not None else None
            self.stdout.write(done or f"{name} is not archived: nothing changed.")
        else:
            ended = archive_course(course)
            done = f"Archived {name}: {ended} student and guest enrolments ended." if ended is not None else None
            self.stdout.write(done or f"{name} is archived already: nothing changed.")
