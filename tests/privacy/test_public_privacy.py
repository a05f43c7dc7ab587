"""No public response names a member's or commenter's email or the address a comment came from, nor shows a held
comment: a crawler (tests/crawler_helpers.py) follows every same-site link of the HTML, feeds, sitemap and
robots.txt from the home page, then fetches the endpoints no page links to (searches, comment form pages,
permalinks, unrouted APIs), and looks for each email and address in every body and header, also percent-, entity-
and JSON-escaped and as a Gravatar hash. Static files and media are not fetched: they are ours or uploaded images,
not data about people."""

import hashlib
import ipaddress
from io import StringIO
from urllib.parse import quote_plus

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from wagtail.models import Site

from blog.models import AuthorProfile, CourseSettings, NameStyle, StudentPostPage
from tests.comment_helpers import POST_URL, confirm_link, form_data
from tests.crawler_helpers import (
    NOT_FETCHED,
    assert_no_leaks,
    crawl,
    echo_free,
    leaks_in,
    same_site,
)
from tests.factories import CourseUnitPageFactory, member

pytestmark = pytest.mark.django_db

EMAILS = {n: f"leak-check-{n}@private.example" for n in range(1, 9)}
ADDRESSES = ["203.0.113.77", "198.51.100.23", "2001:db8::77", "192.0.2.55"]
HELD = ["held-marker", "Heldon Waiting"]  # a held comment's text and its stranger's name
CLASSMATE_EMAIL = "watcher@students.example.edu"
UNROUTED_APIS = ["/api/v2/pages/", "/api/v2/images/"]  # Wagtail's public API, were it routed


# --- The course: roster students, an instructor, strangers, threads, likes, held comments -----------------------


def roster_students(tmp_path):
    """Imported as instructors do (their username is their email); Priya never posts or comments."""
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "email,first_name,last_name,section\n"
        f"{EMAILS[1]},Maya,Hale,A\n{EMAILS[2]},Dana,Reyes,A\n{EMAILS[3]},Jordan,Cole,B\n{EMAILS[4]},Priya,Nair,B\n"
    )
    call_command("import_roster", str(roster), stdout=StringIO())
    return {n: member_client(EMAILS[n], ADDRESSES[3]) for n in (1, 2, 3)}


def member_client(username, address):
    client = Client(REMOTE_ADDR=address)
    client.force_login(get_user_model().objects.get(username=username))
    return client


def comment(client, post, text, reply_to=None):
    response = client.post(POST_URL, form_data(post, comment=text, reply_to=reply_to.pk if reply_to else 0))
    assert response.status_code in (200, 302), response.content
    return XtdComment.objects.get(comment=text)


def stranger(post, name, email, address, text, reply_to=None):
    """A stranger posts through the form and opens the link emailed to them."""
    client = Client(REMOTE_ADDR=address)
    fields = {"name": name, "email": email, "url": f"https://{name.split()[0].lower()}.example.org/"}
    client.post(POST_URL, form_data(post, comment=text, reply_to=reply_to.pk if reply_to else 0, **fields))
    client.get(confirm_link(mail.outbox[-1]))
    return client, XtdComment.objects.get(comment=text)


@pytest.fixture
def site(course, unit, make_post, tmp_path):
    rules = CourseSettings.for_course(Site.objects.get(is_default_site=True).root_page.specific)
    rules.student_names = NameStyle.FULL  # the most a page may show of a name
    rules.save()
    students = roster_students(tmp_path)
    users = {n: get_user_model().objects.get(username=EMAILS[n]) for n in (1, 2, 3)}
    instructor = member("Instructors", username="awhitaker", first_name="Anne", last_name="Whitaker", email=EMAILS[5])
    teacher = Client(REMOTE_ADDR=ADDRESSES[3])
    teacher.force_login(instructor)

    posts = [make_post(title=f"Thaw essay {n}", author=users[1], tags=["thaw"]) for n in range(11)]
    discussed = make_post(title="The Illusion of Khrushchev", author=users[2], tags=["thaw", "secret speech"])
    stalin = CourseUnitPageFactory(parent=course, title="Stalin and Stalinism", live=False)
    stalin.save_revision().publish()
    class_only = make_post(title="Class only essay", author=users[2], parent=stalin)

    first = comment(students[3], discussed, "Jordan's first thought on the Thaw.")
    _, boris = stranger(discussed, "Boris Leakov", EMAILS[6], ADDRESSES[0], "Boris asks about the Secret Speech.")
    teacher.post(reverse("comment_moderation:action", args=[boris.pk, "approve"]), {"next": "/admin/comments/"})
    _, vera = stranger(discussed, "Vera Strangeworth", EMAILS[7], ADDRESSES[2], "Vera replies to Jordan.", first)
    teacher.post(reverse("comment_moderation:action", args=[vera.pk, "approve"]), {"next": "/admin/comments/"})
    stranger(discussed, "Boris Leakov", EMAILS[6], ADDRESSES[0], "Boris again, approved by his address.")
    reply = comment(teacher, discussed, "The instructor answers Boris.", reply_to=boris)
    comment(students[2], discussed, "The author answers the instructor.", reply_to=reply)
    comment(students[1], posts[0], "Maya comments on her own essay.")
    comment(students[3], class_only, "Jordan on the class-only essay.")
    class_only.class_only = True  # discussed in public first, then kept to the class
    class_only.save_revision().publish()
    held_by, _ = stranger(discussed, "Heldon Waiting", EMAILS[8], ADDRESSES[1], "held-marker by a stranger.")
    comment(students[3], discussed, "held-marker by links https://a.example/ https://b.example/ https://c.example/")
    for liker in (students[1], students[2]):
        liker.post(f"/comments/like/{first.pk}/")
    comments = XtdComment.objects.all()
    assert comments.count() == 10 and comments.filter(is_public=False).count() == 2
    assert all(c.ip_address and c.user_email in EMAILS.values() for c in comments)  # what there is to leak
    return {
        "course": course,
        "units": [unit, stalin],
        "posts": [*posts, discussed, class_only],
        "held_by": held_by,
        "students": students,
    }


# --- Looking for secrets ------------------------------------------------------------------------------------


def secrets():
    """What no public response may contain, lower-cased: each email, its parts, Gravatar's hashes of it, each
    address (also written out in full), the held comments."""
    found = {"private.example", "leak-check", *HELD}
    for email in EMAILS.values():
        found |= {email, hashlib.md5(email.encode()).hexdigest(), hashlib.sha256(email.encode()).hexdigest()}
    for address in ADDRESSES:
        found |= {address, ipaddress.ip_address(address).exploded}
    return {secret.lower() for secret in found}


def known_endpoints(site):
    """What no page needs to link to: each comment's form pages, permalink and feedback pages, the APIs Wagtail
    and xtd ship (not routed here), a page that does not exist."""
    course, (unit, stalin), posts = site["course"], site["units"], site["posts"]
    urls = ["/", "/robots.txt", "/sitemap.xml", f"{unit.url}?page=2", "/no-such-page/", "/comments/feed/"]
    for page in (course, unit, stalin):
        urls += [f"{page.url}feed/rss/", f"{page.url}feed/atom/"]
    for post in posts:
        urls += [post.url, f"{post.url}comments/feed/", f"/comments/on/{post.pk}/", f"/comments/form/{post.pk}/"]
    for comment in XtdComment.objects.all():
        urls += [comment.get_absolute_url(), f"/comments/reply/{comment.pk}/", f"/comments/like/{comment.pk}/"]
        urls.append(f"/comments/flag/{comment.pk}/")
    post_type = ContentType.objects.get_for_model(StudentPostPage)
    urls += [f"/comments/api/blog-studentpostpage/{posts[-2].pk}/", f"/comments/api/{post_type.pk}/{posts[-2].pk}/"]
    urls += [f"/comments/api/{post_type.pk}/{posts[-2].pk}/count/", "/comments/api/comment/"]
    urls += [*UNROUTED_APIS, "/comments/confirm/not-a-key/", "/comments/mute/not-a-key/", "/comments/sent/"]
    # The admin's own API, which the explorer and choosers read: log-in only.
    urls += [f"/admin/api/main/pages/?child_of={unit.pk}&for_explorer=1", f"/admin/api/main/pages/{posts[-2].pk}/"]
    names = ["Boris Leakov", "Vera", "Heldon Waiting", "Jordan Cole", "Maya Hale", "Anne Whitaker", "Priya Nair"]
    urls += [f"{course.url}search/?q={quote_plus(name)}" for name in names]
    return [same_site(url, "/") for url in urls]


def assert_search_for_an_email_finds_nothing_of_it(client, course, forbidden):
    """Searching for an email shows the reader's own words and nothing else: the page is the one a search for an
    email nobody has gets, and once the echo is set aside no secret is left in it."""
    for email in EMAILS.values():
        stranger_email = email.replace("leak-check", "nobody-here").replace("private.example", "elsewhere.example")
        pages = {query: client.get(f"{course.url}search/", {"q": query}) for query in (email, stranger_email)}
        found, control = (echo_free(pages[query].content.decode(), query) for query in (email, stranger_email))
        assert found == control, f"a search for {email} differs from one for an unknown email"
        assert leaks_in(pages[email], forbidden, text=found) == [], f"search for {email}"


# --- The tests -------------------------------------------------------------------------------------------------


def test_no_public_response_shows_an_email_an_address_or_a_held_comment(settings, site):
    settings.SEMINAR_PAGE_CACHE_SECONDS = 600  # as readers get them: a held commenter's visit must not be kept
    course, (unit, stalin), posts = site["course"], site["units"], site["posts"]
    for visitor in (site["held_by"], site["students"][3]):
        for post in posts:
            visitor.get(post.url)
    reader, forbidden = Client(), secrets()

    seen = crawl(reader, ["/"], forbidden)
    linked = set(seen)
    public_posts = [post for post in posts if not post.class_only]
    profiles = AuthorProfile.objects.filter(user__student_posts__isnull=False).distinct()
    expected = {
        "/",
        unit.url,
        f"{unit.url}?page=2",
        stalin.url,
        *(post.url for post in public_posts),
        *(f"{course.url}authors/{profile.slug}/" for profile in profiles),
        f"{course.url}tags/thaw/",
        f"{course.url}tags/secret-speech/",
        f"{course.url}feed/rss/",
        f"{course.url}feed/atom/",
        f"/comments/on/{posts[-2].pk}/",
        f"/comments/reply/{XtdComment.objects.filter(is_public=True).first().pk}/",
        f"/comments/like/{XtdComment.objects.filter(is_public=True).first().pk}/",
    }
    assert expected <= linked, f"the crawl missed {sorted(expected - linked)}"
    assert {"Boris Leakov", "Vera Strangeworth", "Jordan Cole", "Anne Whitaker"} <= names_on(reader, posts[-2])

    crawl(reader, known_endpoints(site), forbidden, seen)
    assert_no_leaks(seen)
    assert len(seen) > 100
    assert seen[posts[-1].url][0] == 302  # class-only: to the log-in page
    unrouted = [url for url in seen if url.startswith(("/api/", "/comments/api/"))]
    assert len(unrouted) == 6 and all(seen[url][0] == 404 for url in unrouted)  # not Wagtail's, not xtd's API
    assert all(seen[url][0] == 302 for url in seen if url.startswith("/admin/api/"))  # to the admin's log-in
    assert_search_for_an_email_finds_nothing_of_it(reader, course, forbidden)


def test_a_logged_in_classmate_sees_no_other_members_email_in_the_site_or_the_admin(site):
    classmate = member("Students", username="swalsh", first_name="Sam", last_name="Walsh", email=CLASSMATE_EMAIL)
    reader = Client(REMOTE_ADDR="192.0.2.200")
    reader.force_login(classmate)
    # The admin's menu is drawn by script, so its areas are named here; the member's home links to the rest.
    seen = crawl(
        reader, ["/", "/me/", "/admin/", "/admin/images/", *known_endpoints(site)], secrets(), skip=NOT_FETCHED
    )
    assert_no_leaks(seen)
    for area in ("/me/", "/admin/pages/", "/admin/images/", "/admin/account/"):  # home, explorer, images, account
        assert any(url.startswith(area) and status == 200 for url, (status, _found) in seen.items()), area
    class_only = site["posts"][-1]
    assert seen[class_only.url][0] == 200 and "Jordan on the class-only essay." in reader.get(class_only.url).text


def names_on(client, post):
    soup = BeautifulSoup(client.get(post.url).content, "html.parser")
    return {heading.get_text(strip=True) for heading in soup.select(".comment-author")}
