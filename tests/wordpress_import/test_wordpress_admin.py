"""An instructor imports a WordPress blog from the admin: the upload shows the dry run's report and changes nothing;
Import runs in the background, once, and its report appears on the same page. Bad files are form errors."""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from blog.models import StudentPostPage
from courses.models import Role
from courses.roles import enrol
from home.models import HomePage
from tests.admin_helpers import assert_permission_denied
from tests.factories import CourseUnitPageFactory, member, member_client
from wordpress_import.models import WordPressImport

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "wordpress"
INDEX = reverse("wordpress_import:index")


def upload(client, course, name="course_1.2.xml", data=None, **fields):
    data = (FIXTURES / name).read_bytes() if data is None else data
    return client.post(INDEX, {"file": SimpleUploadedFile(name, data, "text/xml"), "course": course.pk, **fields})


def report(response):
    return [item.text for item in BeautifulSoup(response.content, "html.parser").select(".import-report li")]


def test_upload_previews_and_changes_nothing(instructor_client, course):
    response = upload(instructor_client, course)
    assert response.status_code == 302
    page = instructor_client.get(response["Location"])
    lines = report(page)
    assert lines[0] == "Dry run: nothing was saved."
    assert "Posts: 5 published, 0 scheduled, 4 drafts; 0 already imported; 0 skipped." in lines
    assert not StudentPostPage.objects.exists() and not XtdComment.objects.exists()
    assert BeautifulSoup(page.content, "html.parser").find("button", string="Import")


def test_import_runs_once_in_the_background_and_reports(instructor_client, course, django_capture_on_commit_callbacks):
    detail = upload(instructor_client, course)["Location"]
    job = WordPressImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(reverse("wordpress_import:confirm", args=[job.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(reverse("wordpress_import:confirm", args=[job.pk]))  # pressed twice
    page = instructor_client.get(detail)
    lines = report(page)
    assert lines[0] == "Import finished."
    assert "Comments: 8 public, 1 held for moderation; skipped: 1 pingback, 1 spam, 1 trackback, 1 trash." in lines
    assert "Images: 0 imported, 3 not found (kept as links)." in lines
    assert "Imported" in page.content.decode()
    assert StudentPostPage.objects.count() == 9 and XtdComment.objects.count() == 9
    finished = BeautifulSoup(page.content, "html.parser").find("p", string=re.compile("^Finished")).text
    assert finished.endswith(("m.", "noon.", "midnight.")) and not finished.endswith("..")  # "2:26 p.m.", not "p.m.."


def test_the_preview_of_an_imported_blog_says_what_is_new(
    instructor_client, course, django_capture_on_commit_callbacks
):
    upload(instructor_client, course)
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(reverse("wordpress_import:confirm", args=[WordPressImport.objects.get().pk]))
    later = instructor_client.get(upload(instructor_client, course, "later_export.xml")["Location"])
    assert "Posts: 1 published, 0 scheduled, 0 drafts; 9 already imported; 0 skipped." in report(later)


def test_every_post_into_one_unit_of_the_course(instructor_client, course, django_capture_on_commit_callbacks):
    unit = CourseUnitPageFactory(parent=course, title="Archive")
    upload(instructor_client, course, unit=unit.pk)
    with django_capture_on_commit_callbacks(execute=True):
        instructor_client.post(reverse("wordpress_import:confirm", args=[WordPressImport.objects.get().pk]))
    assert {post.get_parent().pk for post in StudentPostPage.objects.all()} == {unit.pk}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", "line 28, column 35: mismatched tag"),
        ("entity_bomb.xml", "declares a DTD or entities (line 2)"),
        ("wrong_root.xml", "is not a WordPress export"),
    ],
)
def test_an_unusable_file_is_a_form_error(instructor_client, course, name, message):
    response = upload(instructor_client, course, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not WordPressImport.objects.exists() and not StudentPostPage.objects.exists()


def test_a_unit_of_another_course_is_refused(instructor_client, instructor, course):
    other = HomePage(title="Modern Japan", slug="modern-japan")
    Page.get_first_root_node().add_child(instance=other)
    enrol(instructor, other, Role.INSTRUCTOR)  # she teaches both: the unit is hers, in the wrong course
    foreign = CourseUnitPageFactory(parent=other, title="Meiji")
    response = upload(instructor_client, course, unit=foreign.pk)
    assert response.status_code == 400
    assert "“Meiji” is not a unit of Soviet History." in response.content.decode()


def test_only_instructors(course):
    student = Client()
    student.force_login(member("Students", first_name="Jordan", last_name="Cole"))
    assert_permission_denied(student, student.get(INDEX))
    assert_permission_denied(student, upload(student, course))
    assert not WordPressImport.objects.exists()


def test_the_settings_menu_leads_there(instructor_client):
    assert INDEX in instructor_client.get("/admin/").content.decode()


def test_an_instructor_imports_into_her_own_courses_only(course, second_course, second_unit):
    """Medieval Europe's instructor is offered her course alone, and may neither import into Soviet History nor
    read or start its imports."""
    other = member_client(second_course, Role.INSTRUCTOR)
    options = BeautifulSoup(other.get(INDEX).content, "html.parser").select("#id_course option")
    assert [option.text for option in options] == ["Medieval Europe"]
    response = upload(other, course)
    assert response.status_code == 400 and "Select a valid choice" in response.content.decode()
    response = upload(other, second_course, unit=CourseUnitPageFactory(parent=course, title="Stalin").pk)
    assert response.status_code == 400
    assert not WordPressImport.objects.exists()

    upload(member_client(course, Role.INSTRUCTOR), course)
    job = WordPressImport.objects.get()
    assert other.get(reverse("wordpress_import:detail", args=[job.pk])).status_code == 404
    assert other.post(reverse("wordpress_import:confirm", args=[job.pk])).status_code == 404
    assert "course_1.2.xml" not in other.get(INDEX).content.decode()
    assert WordPressImport.objects.get().status == WordPressImport.Status.PREVIEWED
