"""Which course a command or an admin page acts on: `--course HOSTNAME|SLUG` for commands, the request's own course
for admin pages. An unknown or ambiguous name is refused with the list of courses."""

from django.core.management.base import CommandError

from home.models import HomePage

COURSE_HELP = "The course: its site's hostname or its home page's slug (needed when there are several)."


def find_course(name):
    """The course `name` names, or the only course when `name` is empty; a CommandError listing them otherwise."""
    courses = HomePage.objects.all()
    if name:
        matches = list(courses.filter(sites_rooted_here__hostname=name).distinct()) or list(courses.filter(slug=name))
        if len(matches) == 1:
            return matches[0]
        problem = "Several courses are" if matches else "No course is"
        raise CommandError(f"{problem} called “{name}”. {choices(matches or courses)}")
    if courses.count() != 1:
        raise CommandError(f"Several courses: choose one with --course. {choices(courses)}")
    return courses.get()


def choices(courses):
    return "Courses: " + ", ".join(
        f"{course.slug} ({', '.join(site.hostname for site in course.sites_rooted_here.all()) or 'no site'})"
        for course in courses
    )
