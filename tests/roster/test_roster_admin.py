"""An instructor uploads the roster on the admin's Roster page: a preview first, then the import, each with the
report; an unusable or oversized file is a form error and changes nothing."""

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "roster"
INDEX = reverse("roster:index")


def upload(client, name, data=None, **options):
    data = (FIXTURES / name).read_bytes() if data is None else data
    return client.post(INDEX, {"file": SimpleUploadedFile(name, data, "text/csv"), **options})


def students():
    return get_user_model().objects.filter(groups__name="Students")


def counts(response):
    html = BeautifulSoup(response.content, "html.parser")
    return {cell["data-count"]: int(cell.text) for cell in html.select("td[data-count]")}


def test_upload_form_is_a_csrf_protected_multipart_form(instructor_client):
    html = BeautifulSoup(instructor_client.get(INDEX).content, "html.parser")
    form = html.select_one("main form[enctype='multipart/form-data']")
    assert form.select_one("input[name=csrfmiddlewaretoken]")
    assert form.select_one("input[type=file][name=file]")
    assert form.select_one("input[type=checkbox][name=dry_run]").has_attr("checked")


def test_preview_then_import(instructor_client, course, django_capture_on_commit_callbacks):
    preview = upload(instructor_client, "bad_rows.csv", dry_run="on")
    html = preview.content.decode()
    assert counts(preview) == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 4}
    assert "Preview: nothing has been changed" in html
    rejected = BeautifulSoup(html, "html.parser").select(".roster-rejected tbody tr")
    assert [row.find("td").text for row in rejected] == ["3", "4", "5", "7"]
    assert "missing last name" in rejected[3].text
    assert not students().exists()
    token = BeautifulSoup(html, "html.parser").select_one("input[name=preview]")["value"]
    with django_capture_on_commit_callbacks(execute=True):
        result = instructor_client.post(reverse("roster:confirm"), {"preview": token})
    assert counts(result) == {"created": 2, "updated": 0, "unchanged": 0, "rejected": 4}
    assert "Roster imported" in result.content.decode()
    assert students().count() == 2
    assert len(mail.outbox) == 2
    assert "http://testserver/accounts/reset/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "Your account on Soviet History"
    stale = instructor_client.post(reverse("roster:confirm"), {"preview": token}, follow=True)
    assert "That preview is no longer available" in stale.content.decode()
    assert students().count() == 2


def test_import_directly_uses_the_request_host(instructor_client, django_capture_on_commit_callbacks):
    roster = SimpleUploadedFile("good.csv", (FIXTURES / "good.csv").read_bytes(), "text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = instructor_client.post(
            INDEX, {"file": roster, "deactivate_missing": "on"}, HTTP_HOST="course.example.edu"
        )
    assert counts(response) == {"created": 3, "updated": 0, "unchanged": 0, "rejected": 0, "ended": 0}
    assert all("http://course.example.edu/accounts/reset/" in message.body for message in mail.outbox)


def test_missing_column_and_oversized_files_are_form_errors(instructor_client, settings):
    response = upload(instructor_client, "missing_column.csv")
    assert "Missing required column: last_name." in response.content.decode()
    big = b"email,first_name,last_name\n" + b"x@example.edu,Ana,Petrova\n" * 90_000
    response = upload(instructor_client, "big.csv", big)
    assert "the limit is 2 MB" in response.content.decode()
    assert not students().exists()
