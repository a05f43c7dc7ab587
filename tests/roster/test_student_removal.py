"""An instructor removes a student who asks: the account is closed, name and email erased, and readers see "Former
student" on every page that showed them, at once (the page cache too); the posts stay or come down, as chosen."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from courses.roles import Role, enrol
from tests.admin_helpers import assert_permission_denied
from tests.comment_helpers import approved_comment
from tests.factories import member
from tests.page_cache_helpers import HIT, course_pages

pytestmark = pytest.mark.django_db
REMOVE = reverse("roster:remove")


@pytest.fixture
def dana(cached_course):
    """The course's author, who also commented under a classmate's comment."""
    author = cached_course["author"]
    author.email = "dana.reyes@students.example.edu"
    author.groups.add(Group.objects.get(name="Students"))
    author.save()
    enrol(author, cached_course["course"], Role.STUDENT)
    post = cached_course["post"]
    question = XtdComment.objects.get(object_pk=str(post.pk))
    approved_comment(post, text="Reyes here: the delegates were stunned.", parent=question, user=author)
    return author


def remove(client, student, posts="keep", confirm="on"):
    return client.post(REMOVE, {"student": student.pk, "posts": posts, "confirm": confirm})


def public_text(reader, urls):
    return {name: reader.get(url).content.decode() for name, url in urls.items()}


def test_removal_erases_the_name_everywhere_readers_look_and_keeps_the_posts(
    instructor_client, reader, cached_course, dana, committed
):
    course, unit, post = cached_course["course"], cached_course["unit"], cached_course["post"]
    pages = course_pages(course, unit, post)
    reader.warm(pages.values())
    assert "Dana R." in reader.get(post.url).content.decode()

    with committed():
        response = remove(instructor_client, dana)
    assert response.status_code == 302
    message = instructor_client.get(response["Location"]).content.decode()
    assert "Dana R. was removed" in message and "1 post(s) kept" in message

    pages["author archive"] = f"{course.url}authors/former-student/"
    for name, html in public_text(reader, pages).items():
        assert "Dana" not in html and "Reyes" not in html.replace("Reyes here", ""), name
        assert "dana.reyes" not in html, name
    post_page = BeautifulSoup(reader.get(post.url).content, "html.parser")
    assert "Former student" in post_page.select_one("article header, .byline, main").text
    reply = post_page.find(string=lambda text: text and "the delegates were stunned" in text).find_parent("li")
    assert reply.select_one(".comment-author").text == "Former student"
    assert reader.get(f"{course.url}authors/dana-r/").status_code == 404
    assert reader.get(pages["author archive"]).status_code == 200


def log_in(username):
    client = Client()
    client.post("/accounts/login/", {"username": username, "password": "correct horse battery staple"})
    return client


def test_a_removed_student_cannot_log_in_and_nothing_left_names_them(instructor_client, dana, committed):
    old_username = dana.username
    open_session = log_in(old_username)
    assert open_session.get("/admin/").status_code == 200
    with committed():
        remove(instructor_client, dana)
    assert open_session.get("/admin/").status_code == 302, "their open session ended"
    assert "_auth_user_id" not in log_in(old_username).session
    dana.refresh_from_db()
    assert (dana.first_name, dana.last_name, dana.email, dana.is_active) == ("", "", "", False)
    assert not dana.has_usable_password()
    assert not get_user_model().objects.filter(email__icontains="reyes").exists()
    comment = XtdComment.objects.get(user=dana)
    assert (comment.user_name, comment.user_email, comment.user_url) == ("Former student", "", "")


def test_the_instructor_may_unpublish_the_posts_instead_and_every_revision_stays(
    instructor_client, reader, cached_course, dana, committed
):
    post = cached_course["post"]
    revisions = post.revisions.count()
    with committed():
        response = remove(instructor_client, dana, posts="unpublish")
    assert "1 post(s) unpublished" in instructor_client.get(response["Location"]).content.decode()
    post.refresh_from_db()
    assert not post.live and post.revisions.count() == revisions
    assert reader.get(post.url).status_code == 404
    assert post.title not in reader.get(cached_course["unit"].url).content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"confirm": ""}, "Tick the box to confirm: the removal cannot be undone."),
        ({"student": "999999"}, "Select a valid choice."),
        ({"student": "not a number"}, "Select a valid choice."),
        ({"posts": "delete"}, "Select a valid choice."),
    ],
)
def test_a_form_that_is_not_complete_changes_nothing(instructor_client, dana, change, message):
    data = {"student": dana.pk, "posts": "keep", "confirm": "on", **change}
    response = instructor_client.post(REMOVE, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    dana.refresh_from_db()
    assert dana.is_active and dana.first_name == "Dana"


def test_only_students_can_be_removed_and_only_by_instructors(instructor_client, dana):
    colleague = member("Instructors", first_name="Boris", last_name="Ivanov")
    assert remove(instructor_client, colleague).status_code == 400
    choices = BeautifulSoup(instructor_client.get(REMOVE).content, "html.parser").select("select[name=student] option")
    assert [option.text for option in choices][1:] == ["Reyes, Dana (dana.reyes@students.example.edu)"]

    student = Client()
    student.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    assert_permission_denied(student, remove(student, dana))
    dana.refresh_from_db()
    assert dana.is_active


def test_the_roster_page_leads_to_the_removal_in_its_course(instructor_client, course):
    html = BeautifulSoup(instructor_client.get(reverse("roster:index")).content, "html.parser")
    assert html.find("a", string="Remove a student on request")["href"] == f"{REMOVE}?course={course.pk}"


def test_the_cache_served_the_old_name_until_the_removal(reader, cached_course, dana):
    """The warm cache in the first test is real: without a change the cached page still names Dana."""
    post = cached_course["post"]
    reader.warm([post.url])
    response = reader.get(post.url)
    assert response.get("X-Page-Cache") == HIT and "Dana R." in response.content.decode()
