"""With every page of a course warm in the cache, each change reaches every page that shows it on the next
request: publishing, unpublishing, moving or deleting a post or a unit, approving, removing or liking a comment,
changing the course settings. Another course's pages stay cached. Each case holds for both audiences: anonymous
readers, and the class of a course with class-only posts (their own copy of every page)."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.rich_text import RichText

from blog.models import CourseSettings
from courses.roles import Role, enrol
from discussion import actions
from home.models import HomePage
from tests.comment_helpers import approved_comment, held_comment
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory, member
from tests.page_cache_helpers import HIT, Reader, course_pages

pytestmark = pytest.mark.django_db

LISTINGS = ["home", "unit", "author archive", "tag archive", "site feed", "unit feed"]


CLASS_NOTES = "Notes for the class"


@pytest.fixture(params=["anonymous", "class member"])
def reader(request, cached_course):
    """An anonymous reader, or a student of the course, which has a class-only post only its class reads."""
    reader = Reader()
    if request.param == "class member":
        classmate, student = UserFactory(), UserFactory()
        for each in (classmate, student):
            enrol(each, cached_course["course"], Role.STUDENT)
        notes = StudentPostPageFactory(
            parent=cached_course["unit"],
            author=classmate,
            title=CLASS_NOTES,
            class_only=True,
            body=[("paragraph_block", RichText("<p>Bring the reading to Thursday's seminar.</p>"))],
        )
        notes.save_revision().publish()
        reader.force_login(student)
    reader.is_member = request.param == "class member"
    return reader


@pytest.fixture
def warm_course(reader, cached_course):
    pages = course_pages(cached_course["course"], cached_course["unit"], cached_course["post"])
    reader.warm(pages.values())
    assert (CLASS_NOTES in reader.get(pages["home"]).text) == reader.is_member, "the members' own copy"
    return {**cached_course, "pages": pages}


def rendered(reader, url):
    response = reader.get(url)
    assert response.get("X-Page-Cache") != HIT, f"{url} was served from the cache after the change"
    return response


def test_a_newly_published_post_appears_on_every_listing(reader, warm_course, make_post, committed):
    with committed():
        post = make_post(title="Ehrenburg's Thaw", author=warm_course["author"], tags=["thaw"])
    for name in LISTINGS:
        assert "Ehrenburg" in rendered(reader, warm_course["pages"][name]).text, name
    assert post.url in rendered(reader, "/sitemap.xml").text


def test_a_republished_title_changes_everywhere(reader, warm_course, committed):
    post = warm_course["post"]
    post.title = "The Secret Speech, revised"
    with committed():
        post.save_revision().publish()
    for name in [*LISTINGS, "post"]:
        assert "The Secret Speech, revised" in rendered(reader, warm_course["pages"][name]).text, name


def test_an_unpublished_post_is_gone_from_every_page(reader, warm_course, committed):
    post, pages = warm_course["post"], warm_course["pages"]
    with committed():
        post.unpublish()
    assert rendered(reader, pages["post"]).status_code == 404
    for name in ("home", "unit", "site feed", "unit feed", "sitemap"):
        assert post.url not in rendered(reader, pages[name]).text, name
    assert rendered(reader, pages["author archive"]).status_code == 404  # nothing left to show there


def test_a_deleted_post_is_gone_from_every_page(reader, warm_course, committed):
    post, pages = warm_course["post"], warm_course["pages"]
    with committed():
        post.delete()
    assert rendered(reader, pages["post"]).status_code == 404
    for name in ("home", "unit", "site feed", "course comment feed", "sitemap"):
        assert "The Secret Speech" not in rendered(reader, pages[name]).text, name


def test_a_post_moved_to_another_unit_is_listed_there_and_not_here(reader, warm_course, committed):
    post, pages = warm_course["post"], warm_course["pages"]
    other = CourseUnitPageFactory(parent=warm_course["course"], title="Stalin and Stalinism")
    with committed():
        other.save_revision().publish()
    reader.warm([other.url, pages["unit"]])
    old_url = post.url
    with committed():
        post.move(other, pos="last-child")
    post.refresh_from_db()
    assert "The Secret Speech" in rendered(reader, other.url).text
    assert "The Secret Speech" not in rendered(reader, pages["unit"]).text
    moved = rendered(reader, old_url)  # Wagtail's redirects app keeps the old address working
    assert (moved.status_code, moved["Location"]) == (301, post.url)
    assert "Stalin and Stalinism" in rendered(reader, post.url).text


def test_an_unpublished_unit_takes_its_posts_with_it(reader, warm_course, committed):
    unit, pages = warm_course["unit"], warm_course["pages"]
    with committed():
        unit.unpublish()
    assert rendered(reader, pages["post"]).status_code == 404
    assert rendered(reader, pages["unit"]).status_code == 404
    for name in ("home", "site feed", "sitemap"):
        assert "The Secret Speech" not in rendered(reader, pages[name]).text, name


def test_reordered_units_show_in_their_new_order_on_the_home_page(reader, warm_course, committed):
    course, unit = warm_course["course"], warm_course["unit"]
    stalin = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism")
    with committed():
        stalin.save_revision().publish()
    home = rendered(reader, course.url).text
    assert home.index("Khrushchev and the Thaw") < home.index("Stalin and Stalinism")
    reader.warm([course.url])
    with committed():
        stalin.move(unit, pos="left")
    home = rendered(reader, course.url).text
    assert home.index("Stalin and Stalinism") < home.index("Khrushchev and the Thaw")


def test_an_approved_comment_appears_in_the_thread_counts_and_feeds(reader, warm_course, committed):
    post, pages = warm_course["post"], warm_course["pages"]
    comment = held_comment(post, text="Was the speech really secret?")
    with committed():
        actions.approve(comment, member("Instructors"))
    thread = rendered(reader, pages["post"]).text
    assert "Was the speech really secret?" in thread and "2 thoughts" in thread
    for name in ("post comment feed", "course comment feed"):
        assert "Was the speech really secret?" in rendered(reader, pages[name]).text, name
    assert f"#c{comment.pk}" in rendered(reader, pages["home"]).text  # the home page's recent comments
    assert "2 comments" in rendered(reader, pages["unit"]).text


@pytest.mark.parametrize("action", [actions.remove, actions.mark_spam])
def test_a_removed_comment_is_gone_from_the_thread_and_feeds(reader, warm_course, committed, action):
    post, pages = warm_course["post"], warm_course["pages"]
    comment = held_comment(post, text="Buy cheap watches")
    with committed():
        actions.approve(comment, member("Instructors"))
    reader.warm(pages.values())
    with committed():
        action(comment, member("Instructors"))
    for name in ("post", "post comment feed", "course comment feed"):
        assert "cheap watches" not in rendered(reader, pages[name]).text, name
    assert f"#c{comment.pk}" not in rendered(reader, pages["home"]).text


def test_a_like_shows_under_the_comment(reader, warm_course, committed):
    post = warm_course["post"]
    liker = Client()
    liker.force_login(member("Students"))
    comment_id = post_comment_id(post)
    with committed():
        liker.post(reverse("comments-xtd-like", args=[comment_id]))
    assert "Liked by 1 person" in rendered(reader, post.url).text


def post_comment_id(post):
    from discussion.tree import public_comments

    return public_comments(post).get().pk


def test_three_reports_hide_a_comment(reader, warm_course, committed):
    post = warm_course["post"]
    comment_id = post_comment_id(post)
    for _ in range(3):
        reporter = Client()
        reporter.force_login(member("Students"))
        with committed():
            reporter.post(reverse("comments-flag", args=[comment_id]))
    assert "What did the delegates make of it?" not in rendered(reader, post.url).text


def test_the_course_settings_names_students_in_full_everywhere(reader, warm_course, committed):
    settings = CourseSettings.for_course(warm_course["course"])
    settings.student_names = "full"
    with committed():
        settings.save()
    for name in ("post", "home", "unit", "author archive", "site feed"):
        assert "Dana Reyes" in rendered(reader, warm_course["pages"][name]).text, name


def test_a_renamed_author_is_renamed_on_every_page(reader, warm_course, committed):
    author = warm_course["author"]
    author.first_name = "Daniela"
    with committed():
        author.save()
    for name in ("post", "home", "unit", "author archive"):
        assert "Daniela R." in rendered(reader, warm_course["pages"][name]).text, name


def test_a_class_only_post_leaves_the_public_cache(reader, warm_course, committed):
    post = warm_course["post"]
    post.class_only = True
    with committed():
        post.save_revision().publish()
    if reader.is_member:  # still theirs to read, now on the class's copy of every page
        assert "The Secret Speech" in rendered(reader, post.url).text
        assert "The Secret Speech" in rendered(reader, warm_course["pages"]["home"]).text
        assert "The Secret Speech" not in Client().get(warm_course["pages"]["home"]).text
    else:
        assert rendered(reader, post.url).status_code == 302  # to the log-in page
        assert "The Secret Speech" not in rendered(reader, warm_course["pages"]["home"]).text


def test_a_change_in_one_course_leaves_another_courses_pages_cached(reader, warm_course, committed):
    other = (
        Site.objects.get(is_default_site=True)
        .root_page.get_parent()
        .add_child(instance=HomePage(title="Modern Japan", slug="modern-japan"))
    )
    Site.objects.create(hostname="japan.example.edu", port=80, root_page=other)
    Client().get("/", HTTP_HOST="japan.example.edu")  # for a member of another course too: the anonymous copy
    assert reader.get("/", HTTP_HOST="japan.example.edu")["X-Page-Cache"] == HIT
    with committed():
        held = held_comment(warm_course["post"])
        actions.approve(held, UserFactory())
    assert rendered(reader, warm_course["pages"]["post"]).status_code == 200
    assert reader.get("/", HTTP_HOST="japan.example.edu")["X-Page-Cache"] == HIT


def test_nothing_changes_before_the_change_is_committed(reader, warm_course, django_capture_on_commit_callbacks):
    """A reader between the change and its commit would store the old page under the new token."""
    post = warm_course["post"]
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        actions.approve(held_comment(post, text="Not yet"), member("Instructors"))
        assert reader.get(post.url)["X-Page-Cache"] == HIT
    assert waiting, "the invalidation waits for the commit"


def test_a_commenter_who_becomes_an_instructor_gets_the_badge(reader, warm_course, committed):
    post = warm_course["post"]
    commenter = UserFactory(first_name="Anne", last_name="Whitaker")
    with committed():
        approved_comment(post, text="Look at the Gulag returnees.", user=commenter)
    reader.warm([post.url])
    with committed():
        enrol(commenter, post.get_course(), Role.INSTRUCTOR)
    assert '<span class="badge">Instructor</span>' in rendered(reader, post.url).text
