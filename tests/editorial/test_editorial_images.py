"""Images: a student uploads into "Student uploads" and chooses among their own uploads and the instructors'
"Course images", never a classmate's upload (nor the unfiled library)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import SeminarImage as Image
from editorial.roles import STUDENT_UPLOADS, Kind, course_collection
from tests.editorial_helpers import *  # noqa: F403
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db
OWN, SHARED = "Map of the Virgin Lands", "Khrushchev at the Congress"  # A's upload, the instructors' pick
CLASSMATES, UNFILED = "Sputnik poster", "Loose scan"  # B's upload, an image outside both collections


@pytest.fixture
def images(course, student_a, student_b, instructor):
    course_images = course_collection(course, Kind.IMAGES)
    uploads = course_collection(course, Kind.UPLOADS)
    return {
        OWN: ImageFactory(title=OWN, collection=uploads, uploaded_by_user=student_a),
        SHARED: ImageFactory(title=SHARED, collection=course_images, uploaded_by_user=instructor),
        CLASSMATES: ImageFactory(title=CLASSMATES, collection=uploads, uploaded_by_user=student_b),
        UNFILED: ImageFactory(title=UNFILED, uploaded_by_user=instructor),
    }


def chooser_titles(client):
    html = client.get("/admin/images/chooser/").content.decode()
    return {title for title in (OWN, SHARED, CLASSMATES, UNFILED) if title in html}


def test_a_student_chooses_own_uploads_and_course_images_only(client, images, student_a):
    client.force_login(student_a)
    assert chooser_titles(client) == {OWN, SHARED}
    assert client.get(f"/admin/images/chooser/chosen/{images[OWN].pk}/").status_code == 200
    assert client.get(f"/admin/images/chooser/chosen/{images[SHARED].pk}/").status_code == 200
    for title in (CLASSMATES, UNFILED):
        response = client.get(f"/admin/images/chooser/chosen/{images[title].pk}/")
        assert response.status_code != 200 and title not in response.content.decode()


def test_the_image_library_shows_a_student_their_own_uploads(client, images, student_a):
    client.force_login(student_a)
    library = client.get("/admin/images/").content.decode()
    assert OWN in library
    assert not {SHARED, CLASSMATES, UNFILED} & {title for title in images if title in library}


def test_an_instructor_chooses_from_the_course_collections_only(client, images, instructor):
    """Her course's pictures and its students' uploads; not images filed outside the course."""
    client.force_login(instructor)
    assert chooser_titles(client) == {OWN, SHARED, CLASSMATES}


def test_a_student_uploads_into_student_uploads(client, student_a, media_root):
    client.force_login(student_a)
    photo = ImageFactory.build().file
    upload = SimpleUploadedFile("thaw.jpg", photo.read(), content_type="image/jpeg")
    response = client.post("/admin/images/add/", {"title": "Thaw-era street", "file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    image = Image.objects.get(title="Thaw-era street")
    assert image.collection.name == STUDENT_UPLOADS and image.uploaded_by_user == student_a
    assert "Thaw-era street" in client.get("/admin/images/chooser/").content.decode()
