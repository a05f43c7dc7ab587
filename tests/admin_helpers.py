"""What a refused admin page looks like to the person refused (courses.instructors: Wagtail's own answer)."""

from django.urls import reverse

DENIED = "Sorry, you do not have permission to access this area."


def assert_permission_denied(client, response):
    """A redirect to the dashboard, which then says why: what every admin area gives someone without the right."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == reverse("wagtailadmin_home")
    assert DENIED in client.get(response["Location"]).content.decode()
