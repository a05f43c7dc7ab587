"""Create a course for a term: its home page, either on a site of its own (--hostname) or under a course catalogue
on a shared site (--under seminar.example.edu/ or --under HOST/catalogue-path/), set up for review, with its
instructors enrolled (new accounts are emailed an invitation). Prints the course's URL."""

from django.core.management.base import BaseCommand, CommandError

from terms.creation import CourseError, NewCourse, create_course, parse_date


class Command(BaseCommand):
    help = " ".join(__doc__.split())  # the module's docstring, as `manage.py help create_course` shows it

    def add_arguments(self, parser):
        parser.add_argument("title", help='The course\'s title, e.g. "Soviet History".')
        parser.add_argument("--term", required=True, help='The term\'s name, e.g. "Fall 2026".')
        parser.add_argument("--starts", help="The term's first day (YYYY-MM-DD).")
        parser.add_argument("--ends", help="The term's last day (YYYY-MM-DD).")
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--hostname", help="The course's own site, e.g. hist-255.example.edu.")
        where.add_argument("--under", help="A course catalogue: HOST, HOST/path/ or /path/ on the default site.")
        parser.add_argument("--port", type=int, default=80, help="With --hostname: the site's port (default 80).")
        parser.add_argument(
            "--slug", default="", help="The course's address under the catalogue (default: title and term)."
        )
        parser.add_argument("--instructor", action="append", default=[], help="An instructor's email (repeatable).")

    def handle(self, *args, **options):
        try:
            request = NewCourse(
                title=options["title"].strip(),
                term=options["term"].strip(),
                starts=parse_date(options["starts"], "--starts"),
                ends=parse_date(options["ends"], "--ends"),
                hostname=(options["hostname"] or "").strip().lower(),
                port=options["port"],
                under=(options["under"] or "").strip(),
                slug=options["slug"].strip(),
                instructors=[email.strip() for email in options["instructor"] if email.strip()],
            )
            course = create_course(request)
        except CourseError as error:
            raise CommandError(f"{error} No course was created.") from None
        self.stdout.write(course.get_full_url())
