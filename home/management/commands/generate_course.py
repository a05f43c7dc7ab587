"""`manage.py generate_course --units 20 --posts 1000 --comments 20000`: a large course, for the benchmark."""

import time

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.course_generator import DISCUSSED_POST_COMMENTS, generate_course


def positive(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Build a new course of generated units, posts by generated students (no usable password), threaded "
        "comments three levels deep, likes, tags and images, as its own Site at --hostname:--port. Bulk writes, "
        "one transaction: a course of 1,000 posts and 20,000 comments takes well under a minute on PostgreSQL. "
        f"The newest post carries a discussion of {DISCUSSED_POST_COMMENTS} comments."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=positive, default=20)
        parser.add_argument("--posts", type=positive, default=1000)
        parser.add_argument("--comments", type=positive, default=20000)
        parser.add_argument("--hostname", default="generated.localhost", help="The new Site's host name")
        parser.add_argument("--port", type=int, default=80, help="The new Site's port (default 80)")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the random choices (same seed, same course)")

    def handle(self, *args, units, posts, comments, hostname, port, seed, **options):
        if posts and not units:
            raise CommandError("Posts need a unit: give --units 1 or more.")
        if Site.objects.filter(hostname=hostname, port=port).exists():
            raise CommandError(f"A site already answers at {hostname}:{port}; choose another --hostname or --port.")
        started = time.monotonic()
        result = generate_course(
            hostname, port, units, posts, comments, seed=seed, progress=lambda text: self.stdout.write(f"  {text}")
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.home.title} in {time.monotonic() - started:.0f} s: {result.units} units, "
                f"{result.posts} posts, {result.students} students, {result.comments} comments "
                f"({result.held} held for moderation), {result.likes} likes."
            )
        )
        self.stdout.write(f"Course: {result.home.get_full_url()}")
        if result.discussed_post:
            self.stdout.write(f"Discussed post: {result.discussed_post.get_full_url()}")
