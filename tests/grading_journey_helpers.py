"""What the grading journey in Chromium (tests/browser/test_browser_grading_journey.py) starts from, and its steps in
the rubric form: a course with a unit due on DUE, its instructor, two students who submitted a post each for review
through the course's real workflow (their submission times set as the review list and lateness read them), and the
nested inline panels of the Rubrics admin. Imported by the browser tests only: it needs Playwright."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, WorkflowState

from home.models import HomePage
from tests.admin_journey_helpers import PASSWORD
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member
from tests.grading_helpers import DUE
from tests.review_helpers import submit

UNIT = "Khrushchev and the Thaw"


def person(group, course, username, first_name, last_name):
    """A member of `course` in the role of `group`, who logs in with the demo password (as the journeys do)."""
    user = member(
        group, course, username=username, first_name=first_name, last_name=last_name, email=f"{username}@example.edu"
    )
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def submitted(unit, student, title, at):
    """`student`'s post in `unit`, submitted for review through the course's workflow, as if at `at`."""
    post = StudentPostPageFactory(parent=unit, author=student, title=title, publish=False)
    submit(post, student)
    WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page), object_id=str(post.pk)
    ).update(created_at=at)
    return post


def graded_course(students):
    """The migrated course with its unit due on DUE, its instructor (awhitaker), and for each of `students`
    ((username, first name, last name, post title, hours after DUE), a student who submitted that post then."""
    course = HomePage.objects.get()
    course.title, course.term = "Soviet History", "Spring 2027"
    course.save_revision().publish()
    unit = CourseUnitPageFactory(parent=course, title=UNIT, due_date=DUE)
    unit.save_revision().publish()
    person("Instructors", course, "awhitaker", "Anne", "Whitaker")
    for username, first_name, last_name, title, hours_late in students:
        student = person("Students", course, username, first_name, last_name)
        submitted(unit, student, title, DUE + timedelta(hours=hours_late))
    return course, unit


def fill_criterion(page, index, title, levels):
    """Fill the rubric form's criterion `index` (adding its panel, and its levels' panels, as a person does with
    "Add criterion" and "Add level") with `title` and `levels` [(title, points)]."""
    prefix = f"criteria-{index}"
    if not page.locator(f"[name='{prefix}-title']").count():
        page.locator("#id_criteria-ADD").click()
    page.locator(f"[name='{prefix}-title']").fill(title)
    for number, (level, points) in enumerate(levels):
        level_prefix = f"{prefix}-levels-{number}"
        if not page.locator(f"[name='{level_prefix}-title']").count():
            page.locator(f"#id_{prefix}-levels-ADD").click()
        page.locator(f"[name='{level_prefix}-title']").fill(level)
        page.locator(f"[name='{level_prefix}-points']").fill(points)
