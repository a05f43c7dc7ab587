"""Roll a course over to the next term: a new course, on a site of its own (--hostname) or under a course catalogue
(--under), with the source's intro, settings and units in their order (dates moved by the difference between the
terms' first days; live units live, drafts drafts) and its instructors and teaching assistants; nothing of its
students. Run again with the same arguments, it finds that course and changes nothing. Prints the new course's URL."""

from django.core.management.base import BaseCommand, CommandError

from home.course_option import COURSE_HELP, find_course
from terms.creation import CourseError, NewCourse, parse_date
from terms.rollover import roll_over


class Command(BaseCommand):
    help = " ".join(__doc__.split())

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help=f"The course to roll over. {COURSE_HELP}")
        parser.add_argument("--term", required=True, help='The new term\'s name, e.g. "Fall 2027".')
        parser.add_argument("--starts", help="The new term's first day (YYYY-MM-DD): due dates move with it.")
        parser.add_argument("--ends", help="The new term's last day (default: as long after --starts as the source's).")
        parser.add_argument("--hostname", default="", help="The new course's own site, e.g. hist-255.example.edu.")
        parser.add_argument("--port", type=int, default=80, help="With --hostname: the site's port (default 80).")
        parser.add_argument("--under", default="", help="A course catalogue: HOST, HOST/path/ or /path/.")
        parser.add_argument("--slug", default="", help="The new course's slug (default: title and term).")

    def handle(self, *args, **options):
        source = find_course(options["course"])
        try:
            request = NewCourse(
                title=source.title,
                term=options["term"].strip(),
                starts=parse_date(options["starts"], "--starts"),
                ends=parse_date(options["ends"], "--ends"),
                hostname=options["hostname"].strip().lower(),
                port=options["port"],
                under=options["under"].strip(),
                slug=options["slug"].strip(),
            )
            result = roll_over(source, request)
        except CourseError as error:
            raise CommandError(f"{error} Nothing was created.") from None
        course = result.course
        if not result.created:
            self.stdout.write(f"{course.get_full_url()} was rolled over from {source.slug} already: nothing changed.")
            return
        moved = f"dates moved by {result.shift.days} days" if result.shift is not None else "dates kept (no --starts)"
        self.stdout.write(
            f"Rolled over to {course.term}: {result.units} units ({moved}), {result.staff} instructors and TAs."
        )
        self.stdout.write(course.get_full_url())
