"""Each course has its own image collections: its staff and students see its pictures, never another course's, and
a student's upload stays theirs (and their instructors')."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import SeminarImage as Image
from courses.models import Role
from courses.roles import enrol
from editorial.roles import Kind, course_collection
from tests.factories import ImageFactory, UserFactory, member_client

pytestmark = pytest.mark.django_db
PICTURE, UPLOAD = "Stalin at Yalta", "My photo of the Kremlin"


@pytest.fixture
def first_course_images(course):
    student = UserFactory()
    enrol(student, course, Role.STUDENT)
    return {
        PICTURE: ImageFactory(title=PICTURE, collection=course_collection(course, Kind.IMAGES)),
        UPLOAD: ImageFactory(
            title=UPLOAD, collection=course_collection(course, Kind.UPLOADS), uploaded_by_user=student
        ),
    }


def chooser(client):
    html = client.get("/admin/images/chooser/").content.decode()
    return {title for title in (PICTURE, UPLOAD) if title in html}


def test_each_course_has_its_own_collections(course, second_course):
    assert course_collection(course, Kind.IMAGES) != course_collection(second_course, Kind.IMAGES)
    assert course_collection(second_course, Kind.COURSE).name == "Medieval Europe · Fall 2026"
    assert course_collection(second_course, Kind.UPLOADS).get_parent() == course_collection(second_course, Kind.COURSE)


def test_the_course_instructor_sees_both_and_another_course_sees_neither(first_course_images, course, second_course):
    assert chooser(member_client(course, Role.INSTRUCTOR)) == {PICTURE, UPLOAD}
    other = member_client(second_course, Role.INSTRUCTOR)
    assert chooser(other) == set()
    assert other.get(f"/admin/images/{first_course_images[PICTURE].pk}/").status_code in (302, 403)
    assert PICTURE not in other.get("/admin/images/").content.decode()


def test_students_choose_their_course_pictures_only(first_course_images, course, second_course):
    assert chooser(member_client(course, Role.STUDENT)) == {PICTURE}  # a classmate's upload stays private
    assert chooser(member_client(second_course, Role.STUDENT)) == set()


def test_a_student_uploads_into_their_own_course_uploads(course, second_course, media_root):
    client = member_client(second_course, Role.STUDENT)
    photo = ImageFactory.build().file
    response = client.post(
        "/admin/images/add/",
        {
            "title": "Chartres",
            "collection": course_collection(course, Kind.UPLOADS).pk,  # another course's: not theirs to choose
            "file": SimpleUploadedFile("chartres.jpg", photo.read(), content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302
    assert Image.objects.get(title="Chartres").collection == course_collection(second_course, Kind.UPLOADS)
