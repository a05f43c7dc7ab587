"""`manage.py import_roster roster.csv [--course HOSTNAME|SLUG] [--dry-run] [--deactivate-missing]`: the admin's
Roster page, from a shell."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.course_option import COURSE_HELP, find_course
from roster.importer import RosterFileError, import_roster, parse_roster
from roster.report import report_lines


class Command(BaseCommand):
    help = (
        "Enrol the members listed in a class roster CSV in a course, creating or updating their accounts (UTF-8, "
        "header row email,first_name,last_name and optionally section and role: student (the default), ta, "
        "instructor or guest). Rows that cannot be imported are reported with their line number; the command "
        "fails (exit status 1, nothing written) only when the file itself is unusable. New members are emailed an "
        "invitation whose password link starts with settings.WAGTAILADMIN_BASE_URL (environment variable of the "
        "same name), so set it to the site's public address, e.g. https://seminar.example.edu."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The roster CSV file.")
        parser.add_argument("--course", help=COURSE_HELP + " Everyone the file lists is enrolled in it.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing and send no email."
        )
        parser.add_argument(
            "--deactivate-missing",
            action="store_true",
            help=(
                "End the enrolment in the course of its students and guests the file does not list (never its "
                "instructors' or teaching assistants'); their accounts stay open, with their other courses."
            ),
        )

    def handle(self, *args, path, course, dry_run, deactivate_missing, **options):
        course = find_course(course)
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror or error}") from None
        try:
            roster = parse_roster(data)
        except RosterFileError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from None
        base_url = settings.WAGTAILADMIN_BASE_URL
        report = import_roster(
            roster,
            course=course,
            invite_base_url=base_url,
            site_name=course.title,
            dry_run=dry_run,
            deactivate_missing=deactivate_missing,
        )
        for line in report_lines(report, verbose=options["verbosity"] > 1):
            self.stdout.write(line)
        if report.counts["created"] and not dry_run and ("127.0.0.1" in base_url or "localhost" in base_url):
            self.stderr.write(
                f"Warning: the invitation links start with {base_url}; set WAGTAILADMIN_BASE_URL to the site's "
                "public address."
            )
