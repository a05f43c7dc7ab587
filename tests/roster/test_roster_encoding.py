"""A file saved in a legacy encoding would import garbled names: it is rejected, with the line and what to do."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import member

pytestmark = pytest.mark.django_db
LATIN1 = Path(__file__).parent.parent / "fixtures" / "roster" / "latin1.csv"


def test_command_rejects_non_utf8_with_a_clear_message():
    with pytest.raises(CommandError) as error:
        call_command("import_roster", str(LATIN1))
    message = str(error.value)
    assert "The file is not UTF-8 text (byte 0xe9 on line 3 is not valid UTF-8)." in message
    assert 'Save it as "CSV UTF-8"' in message
    assert "Nothing was imported." in message
    assert get_user_model().objects.count() == 0


def test_admin_upload_shows_the_same_error_and_writes_nothing(client):
    client.force_login(member("Instructors"))
    upload = SimpleUploadedFile("roster.csv", LATIN1.read_bytes(), content_type="text/csv")
    response = client.post(reverse("roster:index"), {"file": upload})
    assert response.status_code == 200
    assert "The file is not UTF-8 text" in response.content.decode()
    assert not get_user_model().objects.filter(groups__name="Students").exists()
