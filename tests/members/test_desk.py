"""The instructor's desk on the admin dashboard: what waits on a course's staff, one section per course."""

import pytest
from django.test import Client
from django.urls import reverse

from blog.models import StudentPostPage
from courses.models import Role
from courses.roles import enrol
from tests.desk_helpers import build_course, dashboard, desk_of, text
from tests.factories import UserFactory
from tests.review_helpers import request_changes, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def built(course):
    return build_course(course, "")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def review_rows(section):
    """{post title: row text} of the desk's "Awaiting review" table."""
    return {row.select_one("td.title").get_text(strip=True): text(row) for row in section.select("tbody tr")}


def test_the_instructor_sees_each_post_in_review_with_student_unit_date_and_timeliness(course, built):
    section = desk_of(dashboard(logged_in(built["instructor"])), course)
    assert section.find("h2").get_text(strip=True) == "Soviet History · Spring 2017"
    assert "Awaiting review (2)" in text(section)
    rows = review_rows(section)
    assert set(rows) == {"On time post", "Late post"}  # neither the draft nor the published post
    assert "Dana Danason" in rows["On time post"] and "Thaw" in rows["On time post"]
    assert "On time" in rows["On time post"] and "Late" not in rows["On time post"]
    assert "Marcus Marcusson" in rows["Late post"] and "Purges" in rows["Late post"] and "Late" in rows["Late post"]
    link = section.find("a", string="On time post")
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[built["on_time"].pk])
    assert section.find("a", string="Open the review list")["href"] == reverse("review_list")


def test_a_post_resubmitted_after_changes_is_marked_and_a_first_submission_is_not(course, built):
    rows = review_rows(desk_of(dashboard(logged_in(built["instructor"])), course))
    assert "Resubmitted" in rows["On time post"]
    assert "Resubmitted" not in rows["Late post"]


def test_a_post_withdrawn_and_submitted_again_after_changes_is_resubmitted_too(course, built):
    """As the review emails count it: changes were requested on the post in an earlier workflow."""
    late = StudentPostPage.objects.get(title="Late post")
    marcus = built["people"]["Marcus"]
    request_changes(late, built["instructor"], "Add a bibliography.")
    late.refresh_from_db()
    late.current_workflow_state.cancel(user=marcus)
    submit(late, marcus)
    assert "Resubmitted" in review_rows(desk_of(dashboard(logged_in(built["instructor"])), course))["Late post"]


def test_held_and_reported_comments_with_counts_newest_first_and_links_to_the_queue(course, built):
    section = desk_of(dashboard(logged_in(built["instructor"])), course)
    queue = reverse("comment_moderation:index")
    held = section.find("a", href=f"{queue}?state=held")
    assert held.get_text(strip=True) == "Awaiting moderation (2)"
    assert section.find("a", href=f"{queue}?state=flagged").get_text(strip=True) == "Reported by readers (1)"
    comments = [a.get_text(strip=True) for a in section.select(".seminar-desk__comments li a")]
    assert comments == ["held two", "held one", "reported comment"]
    assert "approved comment" not in text(section)
    link = section.find("a", string="reported comment")["href"]
    assert link.startswith(f"{queue}?state=flagged&post=") and "#comment-" in link


def test_units_due_this_week_name_the_students_who_handed_nothing_in(course, built):
    due = {
        item.find("strong").get_text(strip=True): text(item)
        for item in desk_of(dashboard(logged_in(built["instructor"])), course).select("h3 + ul > li")
    }
    # Thaw, due in three days: Dana submitted, Pavel published; Olga has a draft only, Marcus nothing.
    assert "nothing handed in yet from 2 students: Marcus Marcusson, Olga Olgason" in due["Thaw"]
    # Purges, due two days ago: only Marcus submitted (late).
    assert "was due" in due["Purges"]
    assert "3 students: Dana Danason, Olga Olgason, Pavel Pavelson" in due["Purges"]


def test_the_participation_line_counts_this_course(course, built):
    section = desk_of(dashboard(logged_in(built["instructor"])), course)
    line = text(section.select_one(".seminar-desk__summary"))
    # Four students; Pavel's post is the one published; two approved comments (the held ones wait).
    assert line.startswith("4 students · 1 post published · 2 comments")
    report = section.find("a", string="Participation report")["href"]
    assert report == f"{reverse('participation_report')}?course={course.pk}"


def test_a_teaching_assistant_has_the_desk_too(course, built):
    ta = UserFactory(username="ta", first_name="Tomas")
    enrol(ta, course, Role.TA)
    section = desk_of(dashboard(logged_in(ta)), course)
    assert set(review_rows(section)) == {"On time post", "Late post"}
    assert "Awaiting moderation (2)" in text(section)
