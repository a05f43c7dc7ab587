"""Clear the IP addresses stored with comments, and delete django-axes' records of failed log-ins, older than
SEMINAR_IP_RETENTION_DAYS (environment variable IP_RETENTION_DAYS, default 90) or --days. The comments themselves
stay; failed log-ins that still hold a lockout stay until it ends. Run it daily."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from privacy.retention import purge_ip_addresses, retention_days


class Command(BaseCommand):
    help = " ".join(__doc__.split())  # the module's docstring, as `manage.py help purge_ip_addresses` shows it

    def add_arguments(self, parser):
        parser.add_argument("--days", help="Keep addresses this many days (overrides SEMINAR_IP_RETENTION_DAYS).")
        parser.add_argument("--dry-run", action="store_true", help="Report what would be cleared; change nothing.")

    def handle(self, *args, days, dry_run, **options):
        try:
            days = retention_days(days)
        except ValueError as error:
            where = "--days" if days is not None else "SEMINAR_IP_RETENTION_DAYS"
            raise CommandError(f"{where}: {error}") from None
        purge = purge_ip_addresses(days, dry_run=dry_run)
        cutoff = timezone.localtime(purge.cutoff).strftime("%Y-%m-%d %H:%M %Z")
        clear, delete = ("to clear", "to delete") if dry_run else ("cleared", "deleted")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
        self.stdout.write(f"Addresses older than {days} days (before {cutoff}):")
        self.stdout.write(f"  comment addresses {clear} (the comments stay): {purge.comments}")
        self.stdout.write(f"  failed log-in attempts {delete}: {purge.attempts}")
        self.stdout.write(f"  access failure log entries {delete}: {purge.failure_logs}")
        self.stdout.write(f"  access log entries {delete}: {purge.access_logs}")
