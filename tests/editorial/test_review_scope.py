"""Only students' posts go through review. The course's staff publish its units and its home page directly: their
editor offers no "Submit to Instructor review", while a post's editor still does."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from blog.models import CourseUnitPage
from tests.factories import StudentPostPageFactory, member

pytestmark = pytest.mark.django_db


def footer_actions(client, url):
    """The labels of the editor's action menu (the footer's buttons), as the user reads them."""
    response = client.get(url)
    assert response.status_code == 200
    footer = BeautifulSoup(response.content, "html.parser").find("nav", attrs={"aria-label": "Actions (footer)"})
    return [" ".join(button.get_text().split()) for button in footer.find_all("button") if button.get_text().strip()]


def offers_review(actions):
    return any(label.startswith(("Submit to", "Resubmit to", "Restart workflow")) for label in actions)


@pytest.fixture
def student(db):
    return member("Students", username="dreyes", first_name="Dana", last_name="Reyes")


def test_the_unit_editor_offers_publishing_and_no_review(instructor_client, unit):
    actions = footer_actions(instructor_client, f"/admin/pages/{unit.pk}/edit/")
    assert "Publish" in actions
    assert not offers_review(actions)


def test_a_new_unit_is_published_not_submitted(instructor_client, course):
    actions = footer_actions(instructor_client, f"/admin/pages/add/blog/courseunitpage/{course.pk}/")
    assert "Publish" in actions
    assert not offers_review(actions)


def test_the_course_home_page_editor_offers_no_review(instructor_client, course):
    assert not offers_review(footer_actions(instructor_client, f"/admin/pages/{course.pk}/edit/"))


def test_a_posts_editor_still_offers_review(client, unit, student):
    client.force_login(student)
    post = StudentPostPageFactory(parent=unit, author=student, publish=False)
    assert "Submit to Instructor review" in footer_actions(client, f"/admin/pages/{post.pk}/edit/")
    new_post = footer_actions(client, f"/admin/pages/add/blog/studentpostpage/{unit.pk}/")
    assert "Submit to Instructor review" in new_post


def test_a_unit_sent_for_review_anyway_is_only_saved(instructor_client, unit):
    """A form posted with "action-submit" (an old tab, a script) saves the draft and starts no review."""
    form = nested_form_data(
        {
            "title": "Khrushchev and the Thaw, revised",
            "slug": unit.slug,
            "period": unit.period,
            "summary": unit.summary,
            "body": streamfield([]),
            "comments": inline_formset([]),
            "sources": inline_formset([]),
            "footnotes": inline_formset([]),
        }
    )
    form["action-submit"] = "action-submit"
    response = instructor_client.post(f"/admin/pages/{unit.pk}/edit/", form)
    assert response.status_code == 302
    unit = CourseUnitPage.objects.get(pk=unit.pk)
    assert unit.draft_title == "Khrushchev and the Thaw, revised"
    assert not WorkflowState.objects.filter(object_id=str(unit.pk)).exists()
