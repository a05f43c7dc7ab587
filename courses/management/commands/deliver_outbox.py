"""Queue a delivery for every email waiting in the outbox that is due: run it when the task worker starts (a worker
killed mid-send leaves its email waiting, with no task left to send it) and from cron every few minutes. It also
marks failed the delivery tasks a killed worker left "running" (courses.outbox.close_lost_tasks)."""

from django.core.management.base import BaseCommand

from courses.outbox import close_lost_tasks, queue_due_emails


class Command(BaseCommand):
    help = "Queue the delivery of every waiting email that is due (after a killed worker or a lost enqueue)."

    def handle(self, *args, **options):
        self.stdout.write(f"{queue_due_emails()} emails queued for delivery.")
        lost = close_lost_tasks()
        if lost:
            self.stdout.write(f"{lost} delivery tasks marked failed: their worker stopped before they finished.")
