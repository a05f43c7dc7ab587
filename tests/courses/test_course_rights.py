"""Rights are the course's: the table of who may do what, in each of two courses, through the real admin and public
URLs. Course 1 is "Soviet History" (the default Site), course 2 "Medieval Europe" (a Site of its own); each has a
unit, a class-only post, a student's post in review and a held comment. Each cell is what that person would get:
True when they got what they asked for, False when Wagtail refused (the dashboard with its message, the log-in
page, a 404) or nothing happened."""

import io
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from blog.models import CourseSettings, StudentPostPage
from courses.models import Enrolment, Role
from courses.roles import SITE_ADMINISTRATORS, enrol
from grading.choices import GradeStatus
from grading.models import AssignmentSettings, Grade
from home.models import HomePage
from tests.comment_helpers import POST_URL, form_data, held_comment
from tests.editorial_helpers import edit_form
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory, site_administrator
from tests.review_helpers import submit
from wordpress_import.models import WordPressImport

pytestmark = pytest.mark.django_db
WORDPRESS_EXPORT = Path(__file__).parent.parent / "fixtures" / "wordpress" / "course_1.2.xml"

PEOPLE = [
    "anonymous",
    "student_1",
    "student_2",
    "ta_1",
    "instructor_1",
    "instructor_2",
    "guest_1",
    "site_admin",
]
ROLES = {
    "student_1": (1, Role.STUDENT),
    "student_2": (2, Role.STUDENT),
    "ta_1": (1, Role.TA),
    "instructor_1": (1, Role.INSTRUCTOR),
    "instructor_2": (2, Role.INSTRUCTOR),
    "guest_1": (1, Role.GUEST),
}
MEMBERS = {"student", "ta", "instructor", "guest"}
WRITERS = {"student", "instructor"}
STAFF = {"ta", "instructor"}
INSTRUCTORS = {"instructor"}
# action → the roles that may, in their own course (site administrators may everywhere; nobody else anywhere), in
# the order one person tries them all: what only reads comes before what changes the course.
ALLOWED = {
    "read_class_only": MEMBERS,
    "add_post": WRITERS,
    "read_classmates_draft": STAFF,
    "read_moderation_queue": STAFF,
    "participation_report": STAFF,
    "export_report": STAFF,
    "receive_emails": STAFF,
    "submit": WRITERS,
    "approve": STAFF,
    "request_changes": STAFF,
    "moderate_comment": STAFF,
    "read_grades": STAFF,
    "read_gradebook": STAFF,
    "export_gradebook": STAFF,
    "read_a_classmates_grade": set(),  # the post's author alone reads it there (the staff: on the grading screen)
    "grade": STAFF,
    "release_grades": INSTRUCTORS,
    "import_roster": INSTRUCTORS,
    "change_course_settings": INSTRUCTORS,
    "import_from_wordpress": INSTRUCTORS,
    "roll_over": INSTRUCTORS,
}


GRADING = {"read_grades", "read_gradebook", "export_gradebook", "read_a_classmates_grade", "grade", "release_grades"}


def expected(person, action, number):
    if person == "site_admin":  # news goes to the course's own staff, not to IT; a grade's page is its student's
        return action not in ("receive_emails", "read_a_classmates_grade")
    if person not in ROLES:
        return False
    course_number, role = ROLES[person]
    return course_number == number and role.split("_")[0] in ALLOWED[action]


@pytest.fixture
def world(course, second_course, catalogue):
    courses = {1: course, 2: second_course}
    people = {}
    for name, (number, role) in ROLES.items():
        people[name] = UserFactory(username=name, email=f"{name}@example.edu")
        enrol(people[name], courses[number], role)
    people["site_admin"] = site_administrator(username="site_admin", email="it@example.edu")
    places = {}
    for number, home in courses.items():
        unit = CourseUnitPageFactory(parent=home, title=f"Unit of course {number}", live=False)
        unit.save_revision().publish()
        author = UserFactory(username=f"author_{number}", email=f"author_{number}@example.edu")
        enrol(author, home, Role.STUDENT)
        class_only = StudentPostPageFactory(parent=unit, author=author, title="For the class", class_only=True)
        class_only.save_revision().publish()
        draft = StudentPostPageFactory(parent=unit, author=author, title=f"In review {number}", publish=False)
        submit(draft, author)
        to_revise = StudentPostPageFactory(parent=unit, author=author, title=f"To revise {number}", publish=False)
        submit(to_revise, author)
        places[number] = {
            "course": home,
            "unit": unit,
            "author": author,
            "class_only": class_only,
            "draft": draft,
            "to_revise": to_revise,
            "held": held_comment(class_only, f"Held in course {number}"),
            "graded": graded_post(unit, author, number),
        }
    mail.outbox.clear()
    return {"people": people, "courses": places}


def graded_post(unit, author, number):
    """A published post of the author's with a released grade (feedback naming the course) and one to grade, in a
    unit graded out of 10 points."""
    AssignmentSettings.objects.create(unit=unit, points=10)
    graded = StudentPostPageFactory(parent=unit, author=author, title=f"Graded {number}")
    graded.save_revision().publish()
    Grade.objects.create(
        post=graded,
        revision=graded.latest_revision,
        points=8,
        feedback=f"<p>Feedback in course {number}</p>",
        status=GradeStatus.RELEASED,
    )
    to_grade = StudentPostPageFactory(parent=unit, author=author, title=f"To grade {number}")
    to_grade.save_revision().publish()
    to_grade.refresh_from_db()
    return {"graded": graded, "to_grade": to_grade}


def grading_attempt(client, place, action, number):
    """The grading cells: True when `person` got what they asked for."""
    graded, to_grade = place["graded"]["graded"], place["graded"]["to_grade"]
    course_query = {"course": place["course"].pk}
    feedback = f"Feedback in course {number}"
    if action == "read_grades":
        response = client.get(reverse("grading:grade_post", args=[graded.pk]))
        return response.status_code == 200 and feedback in response.content.decode()
    if action == "read_gradebook":
        response = client.get(reverse("grading:gradebook"), course_query)
        html = response.content.decode()
        return response.status_code == 200 and place["author"].email in html and place["unit"].title in html
    if action == "export_gradebook":
        response = client.get(reverse("grading:gradebook"), {**course_query, "export": "csv"})
        return response.status_code == 200 and place["author"].email in b"".join(response).decode()
    if action == "read_a_classmates_grade":
        response = client.get(reverse("grading:my_grade", args=[graded.pk]))
        return response.status_code == 200 and feedback in response.content.decode()
    if action == "grade":
        client.post(
            reverse("grading:grade_post", args=[to_grade.pk]), {"revision": to_grade.latest_revision_id, "points": "6"}
        )
        return Grade.objects.filter(post=to_grade, points=6).exists()
    assert action == "release_grades"
    Grade.objects.update_or_create(post=to_grade, defaults={"revision": to_grade.latest_revision, "points": 5})
    client.post(reverse("grading:release_unit", args=[place["unit"].pk]))
    return Grade.objects.get(post=to_grade).is_released


def client_for(world, person):
    client = Client()
    if person != "anonymous":
        client.force_login(world["people"][person])
    return client


def workflow_action(client, draft, action, **data):
    draft.refresh_from_db()
    task_state = draft.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, action, task_state.pk])
    client.post(url, data)
    task_state.refresh_from_db()
    return task_state.status


def attempt(world, person, action, number):
    """True when `person` got what they asked for in course `number`."""
    client, place = client_for(world, person), world["courses"][number]
    course, unit, draft = place["course"], place["unit"], place["draft"]
    add_url = reverse("wagtailadmin_pages:add", args=["blog", "studentpostpage", unit.pk])
    with_course = {"course": course.pk}
    if action == "read_class_only":
        address = urlsplit(place["class_only"].full_url)
        return client.get(address.path, HTTP_HOST=address.hostname).status_code == 200
    if action == "add_post":
        return client.get(add_url).status_code == 200
    if action == "submit":
        client.post(add_url, edit_form(StudentPostPage(title="My post", slug="my-post"), "action-submit"))
        post = StudentPostPage.objects.child_of(unit).filter(slug="my-post").first()
        return post is not None and post.workflow_in_progress
    if action == "read_classmates_draft":
        response = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk]))
        return response.status_code == 200 and draft.title in response.content.decode()
    if action == "approve":
        return workflow_action(client, draft, "approve") == "approved"
    if action == "request_changes":
        return workflow_action(client, place["to_revise"], "reject", comment="Cite the source.") == "rejected"
    if action == "moderate_comment":
        client.post(reverse("comment_moderation:action", args=[place["held"].pk, "approve"]))
        return XtdComment.objects.get(pk=place["held"].pk).is_public
    if action == "read_moderation_queue":
        return f"Held in course {number}" in client.get(reverse("comment_moderation:index")).content.decode()
    if action == "receive_emails":
        email = world["people"][person].email if person != "anonymous" else None
        submit(StudentPostPageFactory(parent=unit, author=place["author"], publish=False), place["author"])
        commenter = Client()
        commenter.force_login(place["author"])
        links = "https://a.example https://b.example https://c.example"
        commenter.post(POST_URL, form_data(place["class_only"], comment=f"Three links: {links}"))
        subjects = {message.subject.split(":")[0] for message in mail.outbox if email in message.to}
        return any("awaits moderation" in subject for subject in subjects) and len(subjects) >= 2
    if action in GRADING:
        return grading_attempt(client, place, action, number)
    if action == "participation_report":
        response = client.get(reverse("participation_report"), with_course)
        return response.status_code == 200 and place["author"].email in response.content.decode()
    if action == "export_report":
        response = client.get(reverse("participation_report"), {**with_course, "export": "csv"})
        return response.status_code == 200 and place["author"].email in b"".join(response).decode()
    if action == "import_roster":
        roster = io.BytesIO(b"email,first_name,last_name\nnew.student@example.edu,New,Student\n")
        upload = SimpleUploadedFile("roster.csv", roster.read(), "text/csv")
        client.post(f"{reverse('roster:index')}?course={course.pk}", {"file": upload, **with_course})
        return Enrolment.objects.filter(course=course, user__email="new.student@example.edu").exists()
    if action == "change_course_settings":
        settings_url = reverse("course_settings:edit", args=[CourseSettings.for_course(course).pk])
        client.post(settings_url, {"student_names": "full", "max_links": 7, "blocklist": "", "close_after_days": ""})
        return CourseSettings.objects.get(course=course).max_links == 7
    if action == "import_from_wordpress":
        upload = SimpleUploadedFile("course.xml", WORDPRESS_EXPORT.read_bytes(), "text/xml")
        client.post(reverse("wordpress_import:index"), {"file": upload, **with_course})
        return WordPressImport.objects.filter(course=course).exists()
    assert action == "roll_over"
    client.post(reverse("terms:rollover", args=[course.pk]), {"term": "Fall 2027", "under": "seminar.example.edu/"})
    return HomePage.objects.filter(rolled_over_from=course).exists()


@pytest.mark.parametrize("number", [1, 2])
@pytest.mark.parametrize("person", PEOPLE)
def test_who_may_do_what_in_each_course(world, person, number):
    """One row of the table: everything `person` tries in course `number`, each cell named in a failure."""
    done = {action: attempt(world, person, action, number) for action in ALLOWED}
    assert done == {action: expected(person, action, number) for action in ALLOWED}


def test_the_class_only_post_is_restricted_to_its_course_and_the_site_administrators(world, course):
    groups = PageViewRestriction.objects.get(page=world["courses"][1]["class_only"]).groups.all()
    assert {group.course_role.course_id for group in groups if hasattr(group, "course_role")} == {course.pk}
    assert {group.name for group in groups if not hasattr(group, "course_role")} == {SITE_ADMINISTRATORS}


def test_a_student_reads_their_own_released_grade_and_no_one_else_s(world):
    own, classmate = world["courses"][1]["graded"]["graded"], world["courses"][2]["graded"]["graded"]
    author = Client()
    author.force_login(world["courses"][1]["author"])
    mine = author.get(reverse("grading:my_grade", args=[own.pk]))
    assert mine.status_code == 200 and "Feedback in course 1" in mine.content.decode()
    assert author.get(reverse("grading:my_grade", args=[classmate.pk])).status_code == 404
    Grade.objects.filter(post=own).update(status=GradeStatus.DRAFT)  # a draft is not there for them at all
    assert author.get(reverse("grading:my_grade", args=[own.pk])).status_code == 404


def test_an_ended_enrolment_ends_the_rights(world):
    world["people"]["student_1"].enrolments.get().end()
    assert not attempt(world, "student_1", "add_post", 1)
    assert not attempt(world, "student_1", "read_class_only", 1)
