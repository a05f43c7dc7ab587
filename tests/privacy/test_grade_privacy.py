"""A grade and its feedback are seen by the post's student and the course's staff alone: no public page, feed,
search result, sitemap, comment count, page-cache entry or CDN purge shows one; no email carries a score or
feedback, and a release email goes to the grade's own student; a classmate, and the student while their grade is a
draft, see nothing of it. The crawler (tests/crawler_helpers.py) follows every same-site link from the home page
(and, logged in, from the member's home and the admin) and looks for distinctive feedback words in every body and
header, as a reader's software may decode them.

The course: "Khrushchev and the Thaw" graded by a rubric, its grades released through the release page (so the
release emails are sent), and "Stalin and Stalinism" graded by points, whose one grade is still a draft. Maya (A)
and Dana (B) each have a graded public post there, Dana a graded class-only post too; Jordan (C) has no grade.
A rubric is course material, not a secret: the feedback and the draft's score are."""

import gzip
import pickle
import re
from decimal import Decimal
from urllib.parse import quote_plus

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Page

from blog.models import Footnote
from grading.diff import revision_notes
from grading.models import Grade, GradeStatus, NoteComment
from grading.models.grades import FEEDBACK_FEATURES
from tests.comment_helpers import approved_comment
from tests.crawler_helpers import NOT_FETCHED, assert_no_leaks, crawl, same_site
from tests.factories import CourseUnitPageFactory, member
from tests.grading_helpers import assignment, level_named, make_rubric
from tests.page_cache_helpers import paths

pytestmark = pytest.mark.django_db

OCHRE, UMBER, RUSSET = "feedback-marker-ochre", "feedback-marker-umber", "feedback-marker-russet"  # released
SIENNA, DRAFT_SCORE = "draft-marker-sienna", "13.75"  # Maya's draft grade: its feedback and its score
MARKERS = {OCHRE, UMBER, RUSSET, SIENNA, DRAFT_SCORE}
NAMES = ["Maya Hale", "Dana Reyes", "Jordan Cole"]
SCORE = re.compile(r"\d\s*/\s*\d|out of \d|\d+ points?\b")  # "9 / 10", "out of 10", "6 points"


MAYA_NOTE = "00000000-0000-4000-8000-000000001956"


def grade_url(post):
    return f"/admin/grading/posts/{post.pk}/grade/"


def my_grade_url(post):
    return f"/admin/grading/posts/{post.pk}/my-grade/"


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


def student(course, name):
    first, last = name.split()
    email = f"{first.lower()}@students.example.edu"
    return member("Students", course=course, username=first.lower(), first_name=first, last_name=last, email=email)


def grade_on_screen(client, post, marker, levels=None, points=None):
    """The instructor grades `post` on the grading screen, as in a browser: levels by criterion title, or points."""
    data = {
        "revision": post.latest_revision_id,
        "feedback": ContentstateConverter(FEEDBACK_FEATURES).from_database_format(f"<p>Note: {marker}.</p>"),
    }
    if points is not None:
        data["points"] = points
    for note in revision_notes(Page.objects.get(pk=post.pk).get_latest_revision().content):  # issue 22
        data[f"note_{note.uuid}"] = f"On note {note.number}: {marker}-note."
    for criterion_title, level_title in (levels or {}).items():
        level = level_named(assignment_rubric(post), criterion_title, level_title)
        data[f"criterion_{level.criterion_id}"] = level.pk
    response = client.post(grade_url(post), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def assignment_rubric(post):
    return post.get_unit().assignment.rubric


def posts_of(people, unit, stalin, make_post):
    """Maya's and Dana's posts on the Thaw (Dana's second one class-only), Maya's on Stalin; Jordan comments."""
    maya, dana, jordan = people.values()
    posts = {
        "maya": make_post(
            title="The Secret Speech",
            author=maya,
            body=[("paragraph_block", f'<p>It leaked.<footnote id="{MAYA_NOTE}">[1]</footnote></p>')],
        ),
        "dana": make_post(title="The Virgin Lands", author=dana),
        "dana class-only": make_post(title="Letters to Pravda", author=dana),
        "maya draft-graded": make_post(title="The Show Trials", author=maya, parent=stalin),
    }
    Footnote.objects.create(page=posts["maya"], uuid=MAYA_NOTE, text="<p>Through Warsaw.</p>")
    posts["maya"].save_revision().publish()  # the graded version has the note, the grader comments on it
    posts["dana class-only"].class_only = True
    posts["dana class-only"].save_revision().publish()
    approved_comment(posts["maya"], text="Jordan asks about the delegates.", user=jordan)
    return posts


def grade_and_release(teacher, posts, unit, committed):
    """The instructor grades every post on the grading screen, then releases the Thaw's grades: Stalin's one grade
    stays a draft. Each step's transaction commits, so what waits for it (emails, purges) happens."""
    with committed():
        grade_on_screen(teacher, posts["maya"], OCHRE, {"Use of sources": "Good", "Argument": "Excellent"})
        grade_on_screen(teacher, posts["dana"], UMBER, {"Use of sources": "Weak", "Argument": "Adequate"})
        grade_on_screen(
            teacher, posts["dana class-only"], RUSSET, {"Use of sources": "Excellent", "Argument": "Missing"}
        )
        grade_on_screen(teacher, posts["maya draft-graded"], SIENNA, points=DRAFT_SCORE)
    with committed():
        assert teacher.post(f"/admin/grading/units/{unit.pk}/release/").status_code == 302
    statuses = dict(Grade.objects.values_list("post__title", "status"))
    assert statuses == {
        "The Secret Speech": GradeStatus.RELEASED,
        "The Virgin Lands": GradeStatus.RELEASED,
        "Letters to Pravda": GradeStatus.RELEASED,
        "The Show Trials": GradeStatus.DRAFT,
    }
    assert Grade.objects.get(post=posts["maya draft-graded"]).points == Decimal(DRAFT_SCORE)


def anonymous_view(posts, unit):
    """The graded post and its unit's listing as an anonymous reader sees them."""
    reader = Client()
    return {"post": reader.get(posts["maya"].url).content.decode(), "unit": reader.get(unit.url).content.decode()}


@pytest.fixture
def local_cache(settings):
    """The page cache in local memory, whose entries the tests read, even where REDIS_URL sets Redis."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "grades"}}
    caches["default"].clear()


@pytest.fixture
def graded(local_cache, page_cache, purge_endpoint, committed, course, unit, make_post, instructor):
    """The course above, graded and the Thaw's grades released by its instructor, with a CDN that records purges;
    Maya and Dana then read every page while logged in (the page cache is on)."""
    stalin = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism", live=False)
    stalin.save_revision().publish()
    assignment(unit, rubric=make_rubric(course))
    assignment(stalin, points=20)
    people = {name: student(course, name) for name in NAMES}
    posts = posts_of(people, unit, stalin, make_post)
    before = anonymous_view(posts, unit)

    purged_before = len(purge_endpoint)
    grade_and_release(client_of(instructor), posts, unit, committed)
    grading_purges = purge_endpoint[purged_before:]

    for visitor in (client_of(people["Maya Hale"]), client_of(people["Dana Reyes"])):
        for page in (course, unit, stalin, *posts.values()):
            assert visitor.get(page.url).status_code == 200
    return {
        "course": course,
        "units": [unit, stalin],
        "posts": posts,
        "people": people,
        "before": before,
        "grading_purges": grading_purges,
        "purge_endpoint": purge_endpoint,
    }


def known_endpoints(graded):
    """What no page needs to link to: each post's comment pages and feed, the feeds, searches for each marker and
    each student's name, and the grading pages themselves (log-in only)."""
    course, units, posts = graded["course"], graded["units"], graded["posts"].values()
    urls = ["/", "/robots.txt", "/sitemap.xml", "/comments/feed/", f"{course.url}comments/feed/"]
    for page in (course, *units):
        urls += [f"{page.url}feed/rss/", f"{page.url}feed/atom/"]
    for post in posts:
        urls += [post.url, f"{post.url}comments/feed/", f"/comments/on/{post.pk}/", f"/comments/form/{post.pk}/"]
        urls += [grade_url(post), my_grade_url(post)]
    urls += [f"{course.url}search/?q={quote_plus(word)}" for word in [*MARKERS, *NAMES, "feedback", "grade"]]
    urls += ["/admin/grading/gradebook/", f"/admin/grading/gradebook/?course={course.pk}"]
    return [same_site(url, "/") for url in urls]


def cached_entries():
    """Every page-cache entry, as (headers, content) text."""
    cache = caches["default"]
    entries = []
    for raw in list(cache._cache.values()):
        entry = pickle.loads(raw)
        if isinstance(entry, dict) and "content" in entry:
            content = entry["content"]
            content = gzip.decompress(content) if content[:2] == b"\x1f\x8b" else content
            entries.append((str(entry["headers"]), content.decode("utf-8", errors="replace")))
    return entries


# --- The tests -------------------------------------------------------------------------------------------------


def test_no_public_page_feed_search_or_cached_page_shows_a_grade(graded):
    reader = Client()

    seen = crawl(reader, ["/"], MARKERS)
    posts = graded["posts"]
    public = {posts[key].url for key in ("maya", "dana", "maya draft-graded")}
    assert public <= set(seen), "the crawl did not reach the graded posts"
    crawl(reader, known_endpoints(graded), MARKERS, seen)

    assert_no_leaks(seen)
    assert seen[posts["dana class-only"].url][0] == 302  # class-only: to the log-in page
    grading_pages = [url for url in seen if url.startswith("/admin/grading/")]
    assert len(grading_pages) == 10 and all(seen[url][0] == 302 for url in grading_pages)  # to the admin's log-in
    entries = cached_entries()
    assert any("The Secret Speech" in content for _headers, content in entries), "no graded post in the cache"
    assert [marker for marker in MARKERS for entry in entries if marker in "".join(entry).lower()] == []


def test_a_student_reads_their_own_feedback_and_nobody_else_s(graded):
    maya = graded["people"]["Maya Hale"]
    posts, course = graded["posts"], graded["course"]
    client = client_of(maya)
    start = ["/", "/me/", "/admin/", my_grade_url(posts["maya"]), f"/admin/pages/{posts['maya'].pk}/edit/"]

    seen = crawl(client, [*start, *known_endpoints(graded)], MARKERS, skip=NOT_FETCHED)

    assert seen["/me/"][0] == 200 and my_grade_url(posts["maya"]) in client.get("/me/").content.decode()
    found = {url: leaks for url, (_status, leaks) in seen.items() if leaks}
    assert found == {my_grade_url(posts["maya"]): [OCHRE]}  # her own released feedback, on her grade page alone
    # The grader's comment on her footnote (issue 22) is there too, and is kept under the same watch (its words
    # hold the feedback's marker).
    assert NoteComment.objects.filter(grade__post=posts["maya"]).count() == 1
    assert f"On note 1: {OCHRE}-note." in client.get(my_grade_url(posts["maya"])).content.decode()
    assert all(status < 500 for status, _leaks in seen.values())
    for other in ("dana", "dana class-only", "maya draft-graded"):  # a classmate's grade; her own draft
        assert client.get(my_grade_url(posts[other])).status_code == 404
    assert client.get(grade_url(posts["maya"])).status_code == 302  # the grading screen: permission denied
    refused = client.get(f"/admin/grading/gradebook/?course={course.pk}", follow=True)
    assert "Sorry, you do not have permission to access this area." in refused.content.decode()


def test_a_classmate_without_a_grade_sees_no_grade(graded):
    jordan = graded["people"]["Jordan Cole"]
    client = client_of(jordan)

    seen = crawl(client, ["/", "/me/", "/admin/", *known_endpoints(graded)], MARKERS, skip=NOT_FETCHED)

    assert_no_leaks(seen)
    class_only = graded["posts"]["dana class-only"]
    assert seen[class_only.url][0] == 200  # he reads Dana's class-only post, not its grade
    assert any(url.startswith("/admin/pages/") and status == 200 for url, (status, _leaks) in seen.items())


def test_release_emails_go_to_each_student_alone_with_no_score_and_no_feedback(graded):
    people, posts = graded["people"], graded["posts"]

    assert sorted(message.to for message in mail.outbox) == [
        ["dana@students.example.edu"],
        ["maya@students.example.edu"],
    ]
    for message in mail.outbox:
        text = "\n".join([message.subject, message.body, *(body for body, _type in message.alternatives)])
        assert [marker for marker in MARKERS if marker in text.lower()] == []
        assert not SCORE.search(text), SCORE.search(text)
        assert message.subject == 'Your grade for "Khrushchev and the Thaw" is released'
    by_student = {message.to[0]: message.body for message in mail.outbox}
    maya, dana = by_student[people["Maya Hale"].email], by_student[people["Dana Reyes"].email]
    assert (
        posts["maya"].title in maya and posts["dana"].title not in maya and posts["maya draft-graded"].title not in maya
    )
    assert posts["dana"].title in dana and posts["dana class-only"].title in dana and posts["maya"].title not in dana


def test_grading_and_releasing_purge_nothing_from_the_cdn(graded, committed):
    assert graded["grading_purges"] == []  # nothing of a grade shows on a cached page: nothing to purge

    post = graded["posts"]["maya"]
    with committed():
        post.save_revision().publish()  # the recording CDN does hear a change that shows
    assert post.url in paths(graded["purge_endpoint"])
    assert not [path for path in paths(graded["purge_endpoint"]) if "grading" in path or "grade" in path]


def test_grading_leaves_the_comment_count_as_it_was(graded):
    caches["default"].clear()  # a fresh render, not the entry kept before the grading

    after = anonymous_view(graded["posts"], graded["units"][0])

    thoughts = "1 thought on “The Secret Speech”"
    assert thoughts in graded["before"]["post"] and thoughts in after["post"]
    card = re.compile(r'#comments">(\d+) comments?</a>')
    assert card.findall(graded["before"]["unit"]) == card.findall(after["unit"]) == ["1"]
