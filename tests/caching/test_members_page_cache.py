"""The class of a course with class-only posts reads its pages from the cache too: one copy for the class, kept
apart from the anonymous copy, never served to a stranger, a member of another course or the course's staff, and
holding nothing of the member it was rendered for. Both shapes of a course (its own Site; under a catalogue)."""

from urllib.parse import urlsplit

import pytest
from django.contrib.messages.storage.session import SessionStorage
from django.test import Client
from wagtail.models import PageViewRestriction

from courses.models import Enrolment
from courses.roles import Role, enrol
from lms.framing import SESSION_KEY as LMS_FRAME_KEY
from tests.factories import StudentPostPageFactory, UserFactory, site_administrator
from tests.page_cache_helpers import HIT, RENDERED

pytestmark = pytest.mark.django_db

NOTES = "Notes for the seminar"


def local(page):
    return urlsplit(page.full_url).path


@pytest.fixture
def classes(page_cache, shape):
    """Each of the two courses with a class-only post, its students Ana and Ben (Olga in the neighbour course),
    and a client for each person, on the courses' host."""
    course, neighbour, host, _prefix = shape
    people = {}
    for name, place, role in [
        ("ana", course, Role.STUDENT),
        ("ben", course, Role.STUDENT),
        ("olga", neighbour, Role.STUDENT),
        ("instructor", course, Role.INSTRUCTOR),
        ("ta", course, Role.TA),
    ]:
        people[name] = UserFactory(
            username=f"member-{name}",
            email=f"{name}@example.edu",
            first_name=name.title(),
            last_name=f"{name.title()}sdottir",
        )
        enrol(people[name], place["course"], role)
    people["it"] = site_administrator(username="it", first_name="Ida", last_name="Admin")
    people["nobody"] = UserFactory(username="nobody", first_name="Noor", last_name="Nobody")
    for place in (course, neighbour):
        place["notes"] = StudentPostPageFactory(
            parent=place["unit"], author=place["author"], title=f"{NOTES} of {place['course'].title}", class_only=True
        )
        place["notes"].save_revision().publish()
    clients = {"anonymous": Client(HTTP_HOST=host)}
    for name, user in people.items():
        clients[name] = Client(HTTP_HOST=host)
        clients[name].force_login(user)
    return {"course": course, "neighbour": neighbour, "people": people, "clients": clients}


def urls(place):
    return {"home": local(place["course"]), "unit": local(place["unit"]), "notes": local(place["notes"])}


def test_the_class_shares_one_copy_with_its_class_only_posts(classes, django_assert_num_queries):
    course, clients = classes["course"], classes["clients"]
    clients["ben"].get("/robots.txt")  # who Ben is: read once from the database, then kept in the cache
    for name, url in urls(course).items():
        first = clients["ana"].get(url)
        assert first["X-Page-Cache"] == RENDERED and NOTES in first.text, name
        with django_assert_num_queries(0):
            second = clients["ben"].get(url)
        assert second["X-Page-Cache"] == HIT and second.content == first.content, name
        assert "private" in second["Cache-Control"], "kept to the member's own browser"
        for trace in ("Anasdottir", "member-ana", "ana@example.edu"):  # nothing of the member it was rendered for
            assert trace not in second.text, (name, trace)


def test_the_class_copy_never_reaches_a_stranger_or_another_course(classes):
    course, clients = classes["course"], classes["clients"]
    for url in urls(course).values():
        clients["ana"].get(url)
        assert clients["ben"].get(url)["X-Page-Cache"] == HIT
    for name in ("anonymous", "olga", "nobody"):
        home = clients[name].get(urls(course)["home"])
        assert home.status_code == 200 and NOTES not in home.text, name
        assert clients[name].get(urls(course)["notes"]).status_code == 302, name  # to the log-in page


def test_a_member_of_another_course_reads_the_anonymous_copy(classes):
    course, clients = classes["course"], classes["clients"]
    anonymous = clients["anonymous"].get(urls(course)["home"])
    assert anonymous["X-Page-Cache"] == RENDERED
    for name in ("olga", "nobody"):
        shared = clients[name].get(urls(course)["home"])
        assert shared["X-Page-Cache"] == HIT and shared.content == anonymous.content, name


@pytest.mark.parametrize("name", ["instructor", "ta", "it"])
def test_the_courses_staff_always_get_a_page_rendered_for_them(classes, name):
    course, clients = classes["course"], classes["clients"]
    for url in urls(course).values():
        clients["ana"].get(url)
        for _ in range(2):
            response = clients[name].get(url)
            assert response.status_code == 200 and NOTES in response.text
            assert "X-Page-Cache" not in response, (name, url)
    assert clients["ben"].get(urls(course)["home"])["X-Page-Cache"] == HIT


def test_each_courses_class_has_its_own_copy(classes):
    course, neighbour, clients = classes["course"], classes["neighbour"], classes["clients"]
    clients["ana"].get(urls(course)["home"])
    olga = clients["olga"].get(urls(neighbour)["home"], HTTP_HOST=urlsplit(neighbour["course"].full_url).hostname)
    assert olga["X-Page-Cache"] == RENDERED
    assert neighbour["notes"].title in olga.text and course["notes"].title not in olga.text


def test_a_student_who_leaves_reads_as_the_public_at_once(classes, committed):
    course, clients = classes["course"], classes["clients"]
    for url in urls(course).values():
        clients["ana"].get(url)
        assert clients["ben"].get(url)["X-Page-Cache"] == HIT
    with committed():
        Enrolment.objects.get(user=classes["people"]["ben"], course=course["course"]).end()
    assert NOTES not in clients["ben"].get(urls(course)["home"]).text
    assert clients["ben"].get(urls(course)["notes"]).status_code == 302


def test_a_student_who_joins_reads_the_class_copy_at_once(classes, committed):
    course, clients = classes["course"], classes["clients"]
    clients["ana"].get(urls(course)["home"])
    assert NOTES not in clients["nobody"].get(urls(course)["home"]).text
    with committed():
        enrol(classes["people"]["nobody"], course["course"], Role.STUDENT)
    joined = clients["nobody"].get(urls(course)["home"])
    assert joined["X-Page-Cache"] == HIT and NOTES in joined.text


def test_a_restriction_opened_to_everyone_logged_in_is_read_by_them(classes, committed):
    course, clients = classes["course"], classes["clients"]
    clients["ana"].get(urls(course)["notes"])
    assert clients["olga"].get(urls(course)["notes"]).status_code == 302
    restriction = PageViewRestriction.objects.get(page=course["notes"])
    with committed():
        restriction.restriction_type = PageViewRestriction.LOGIN
        restriction.save()
    assert NOTES in clients["olga"].get(urls(course)["notes"]).text
    assert clients["anonymous"].get(urls(course)["notes"]).status_code == 302


def test_a_changed_password_ends_the_session_on_cached_pages_too(classes, committed):
    course, clients, ben = classes["course"], classes["clients"], classes["people"]["ben"]
    clients["ana"].get(urls(course)["home"])
    assert clients["ben"].get(urls(course)["home"])["X-Page-Cache"] == HIT
    ben.set_password("a new passphrase for Ben")
    with committed():
        ben.save()
    after = clients["ben"].get(urls(course)["home"])
    assert NOTES not in after.text, "logged out: the public's page"
    assert clients["ben"].get(urls(course)["notes"]).status_code == 302


def test_a_closed_account_reads_as_the_public(classes, committed):
    course, clients, ben = classes["course"], classes["clients"], classes["people"]["ben"]
    clients["ana"].get(urls(course)["home"])
    ben.is_active = False
    with committed():
        ben.save()
    assert NOTES not in clients["ben"].get(urls(course)["home"]).text


@pytest.mark.parametrize(
    "key", [SessionStorage.session_key, PageViewRestriction.passed_view_restrictions_session_key, LMS_FRAME_KEY]
)
def test_a_session_with_its_own_state_gets_its_own_render(classes, key):
    """A message waiting, a password-protected page passed, a page framed by an LMS."""
    course, clients = classes["course"], classes["clients"]
    clients["ana"].get(urls(course)["home"])
    session = clients["ben"].session
    session[key] = ["https://lms.example.edu"] if key == LMS_FRAME_KEY else []
    session.save()
    response = clients["ben"].get(urls(course)["home"])
    assert "X-Page-Cache" not in response and NOTES in response.text


def test_a_session_the_site_does_not_know_is_rendered_as_the_public(classes):
    course, clients = classes["course"], classes["clients"]
    clients["ana"].get(urls(course)["home"])
    forged = Client(HTTP_HOST=clients["ana"].defaults["HTTP_HOST"])
    forged.cookies["sessionid"] = "x" * 32
    response = forged.get(urls(course)["home"])
    assert "X-Page-Cache" not in response and NOTES not in response.text
