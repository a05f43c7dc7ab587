"""The pages campus sign-in, LTI and grading added pass axe-core in Chromium and the Nu HTML Checker: the log-in pages
with "Sign in with <university>" (the password form shown, and folded away), the refused, failed, cancelled and
unavailable sign-in pages; the LMS's refused launch, the deep-linking picker and its answer; a student's released
grade, the gradebook, the grading screen, a unit's grading settings and the release's confirmation; Reports → Emails
not sent; the course catalogue, a course under it and an archived course. A failure names the page, the rule or
line, and what is wrong.

axe-core's rules: WCAG 2.2 AA and best practices everywhere; 7:1 text contrast too on every page in the site's own
colours and on the pages students see. Staff's screens in Wagtail's admin keep Wagtail's colours (its buttons and
help text are under 7:1): WCAG 2.2 AA and best practices there."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from courses.models import OutboxEmail, Role
from courses.roles import enrol
from grading.models import GradeStatus
from home.models import HomePage
from terms.archive import archive_course
from tests.browser.test_accessibility import AXE, WAGTAIL_ADMIN, described, run_axe
from tests.browser.test_html_validity import vnu  # noqa: F401 (the Nu HTML Checker fixture)
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, UserFactory, site_administrator
from tests.grading_helpers import DUE, assignment, make_grade
from tests.lti_platform import FakePlatform

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Wagtail 8.0.1's own markup on admin pages, not ours: the header's "Actions" dropdown (ButtonWithDropdown, from
# wagtail.admin.views.generic.base) is a <div type="button">; a Draftail rich-text field (the grade's feedback) is a
# hidden input carrying aria-describedby, labelled for the editor that replaces it.
WAGTAILS_OWN = {
    "Attribute “type” not allowed on element “div” at this point.",
    "An “input” element with a “type” attribute whose value is “hidden” must not have any “aria-*” attributes.",
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}
POST_GARBAGE_TOKEN = """() => {
    const form = Object.assign(document.createElement("form"), {method: "post", action: "/lti/launch/"});
    form.innerHTML = '<input name="id_token" value="not-a-token"><input name="state" value="nothing">';
    document.body.append(form);
    form.submit();
}"""


@pytest.fixture
def checked(tmp_path, vnu):  # noqa: F811 (vnu is the fixture imported above)
    """check(page, name, html, admin=False, staff=False): axe on the page the tab shows (Wagtail's colours on a staff
    screen), the HTML saved for the Nu HTML Checker (which forgives an admin page Wagtail's own errors);
    check.report() is every problem found."""
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `make checkers` (needs npm)")
    found, files = [], []

    def check(page, name, html, admin=False, staff=False):
        ruleset = {"ruleset": WAGTAIL_ADMIN} if staff else {}
        found.extend(described(name, violation) for violation in run_axe(page, **ruleset)["violations"])
        files.append(tmp_path / f"{name}{'.admin' if admin else ''}.html")
        files[-1].write_text(html)

    def report():
        messages = [(m["url"].rsplit("/", 1)[-1], m) for m in vnu(files)]
        return found + [
            f"{file}:{m.get('lastLine', '?')}: {m['message']}"
            for file, m in messages
            if not (file.endswith(".admin.html") and m["message"] in WAGTAILS_OWN)
        ]

    check.report = report
    return check


def assert_clean(problems):
    assert not problems, "axe-core or the Nu HTML Checker found:\n" + "\n".join(problems)


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, f"{url} answered {response.status}"
    return response.text()


def submitted(page, action, *args, status=200):
    """The HTML of the page `action(*args)` navigates to (a form sent)."""
    with page.expect_navigation() as navigation:
        action(*args)
    assert navigation.value.status == status, f"{navigation.value.url} answered {navigation.value.status}"
    return navigation.value.text()


def logged_in(page, live_server, client):
    """The tab shares the test client's session (a force_login or an LTI launch), as its browser would."""
    cookie = client.cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])


@pytest.fixture
def campus(monkeypatch):
    """Campus sign-in configured as an operator would (tests/signin/test_sign_in_pages.py's university)."""
    monkeypatch.setenv("SSO_OIDC_ISSUER", "https://login.westfield.example")
    monkeypatch.setenv("SSO_OIDC_CLIENT_ID", "seminar")
    monkeypatch.setenv("SSO_OIDC_NAME", "Westfield University")


def test_campus_sign_in_pages(browser_context, campus, checked, monkeypatch, unused_port):
    with browser_context(bypass_csp=True) as page:
        html = visit(page, "/accounts/login/")
        assert "Sign in with Westfield University" in html and 'name="password"' in html
        checked(page, "log-in-with-campus", html)
        html = visit(page, "/admin/login/")
        assert "Sign in with Westfield University" in html
        checked(page, "admin-log-in-with-campus", html, admin=True, staff=True)
        monkeypatch.setenv("SSO_PASSWORD_LOGIN", "off")
        html = visit(page, "/accounts/login/")
        page.get_by_text("Guest? Log in with a password").click()  # the folded form, opened
        page.get_by_label("Password").wait_for()
        checked(page, "log-in-password-folded", html)
        # The IdP's answer without a sign-in started in this browser: the failed page.
        html = visit(page, "/accounts/oidc/campus/login/callback/?code=x&state=y", 400)
        assert "Your university's answer could not be accepted" in html
        checked(page, "sign-in-failed", html)
        html = visit(page, "/accounts/3rdparty/signup/", 403)  # allauth's signup: refused, Seminar opens no account
        assert "could not open an account" in html
        checked(page, "sign-in-refused", html)
        checked(page, "sign-in-cancelled", visit(page, "/accounts/3rdparty/login/cancelled/"))
        checked(page, "sign-in-bookmarked", visit(page, "/accounts/oidc/campus/login/"))
        monkeypatch.setenv("SSO_OIDC_ISSUER", f"http://127.0.0.1:{unused_port}")  # the university not answering
        button = page.get_by_role("button", name="Continue to Westfield University")
        checked(page, "sign-in-unavailable", submitted(page, button.click, status=503))
    assert_clean(checked.report())


def test_lms_pages(browser_context, live_server, checked, request):
    request.getfixturevalue("catalogue")  # where the LMS course's new Seminar course goes (after the migrated db)
    platform = FakePlatform.start()
    try:
        platform.register(new_courses_under="seminar.example.edu")
        client = Client()  # the instructor's deep-linking launch, as tests/lms/test_deep_linking.py makes it
        launch = platform.launch(client, sub="teacher-1", roles=["Instructor"], **platform.deep_linking())
    finally:
        platform.stop()
    assert launch.status_code == 302, launch.content
    with browser_context(bypass_csp=True) as page:
        page.goto("/no-such-page/")  # the LMS's form posts a garbage id token to the launch URL
        checked(page, "lti-refused", submitted(page, page.evaluate, POST_GARBAGE_TOKEN, status=403))
        assert page.get_by_role("heading", name="Seminar could not open").is_visible()
        logged_in(page, live_server, client)  # the browser the LMS launched: the instructor's session
        html = visit(page, launch["Location"])
        assert "The whole course: Soviet History (LMS)" in html
        checked(page, "lti-deep-link-picker", html)
        continue_button = page.get_by_role("button", name="Continue")
        checked(page, "lti-deep-link-none-chosen", submitted(page, continue_button.click, status=400))
        page.get_by_label("The whole course: Soviet History (LMS)").check()
        html = submitted(page, page.get_by_role("button", name="Continue").click)
        assert "Add to the LMS" in html
        checked(page, "lti-deep-link-response", html)
    assert_clean(checked.report())


def test_grade_pages(browser_context, live_server, checked):
    course = HomePage.objects.get()
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw", due_date=DUE)
    assignment(unit, points=10)
    instructor = UserFactory(username="awhitaker", first_name="Anne", last_name="Whitaker")
    enrol(instructor, course, Role.INSTRUCTOR)
    student, other = (UserFactory(first_name=first, last_name="Reyes") for first in ("Dana", "Luis"))
    for each in (student, other):
        enrol(each, course, Role.STUDENT)
    post = StudentPostPageFactory(parent=unit, title="The Illusion of Khrushchev", author=student)
    make_grade(post, instructor, points=8, status=GradeStatus.RELEASED, submitted_at=DUE - timedelta(hours=1))
    draft = StudentPostPageFactory(parent=unit, title="Corn and Cosmonauts", author=other)
    make_grade(draft, instructor, points=7, submitted_at=DUE - timedelta(hours=2))  # a draft, to release
    pages = {
        student: [(f"/admin/grading/posts/{post.pk}/my-grade/", "my-grade", "Grade: 8 / 10")],
        instructor: [
            ("/admin/grading/gradebook/", "gradebook", "Dana Reyes"),
            (f"/admin/grading/posts/{draft.pk}/grade/", "grade-post", "Corn and Cosmonauts"),
            (f"/admin/grading/units/{unit.pk}/", "unit-settings", "Khrushchev and the Thaw"),
            (f"/admin/grading/units/{unit.pk}/release/", "release-confirm", "Release 1 grade of"),
        ],
    }
    for user, visits in pages.items():
        client = Client()
        client.force_login(user)
        with browser_context(bypass_csp=True) as page:
            logged_in(page, live_server, client)
            for url, name, shown in visits:
                html = visit(page, url)
                assert shown in html, f"{name} does not show {shown}"
                checked(page, name, html, admin=True, staff=user == instructor)
    assert_clean(checked.report())


def test_emails_not_sent_report(browser_context, live_server, checked):
    """Reports → Emails not sent (issue 21), empty and with a failed email listed."""
    client = Client()
    client.force_login(site_administrator())
    with browser_context(bypass_csp=True) as page:
        logged_in(page, live_server, client)
        html = visit(page, "/admin/reports/emails-not-sent/")
        assert "Every email was sent" in html
        checked(page, "emails-not-sent-empty", html, admin=True, staff=True)
        OutboxEmail.objects.create(
            message_id="<grade-1@seminar>",
            from_email="seminar@localhost",
            recipients="dana@students.example.edu",
            subject="Your grade for “The Illusion of Khrushchev”",
            raw=b"Subject: x\r\n\r\nBody\r\n",
            status=OutboxEmail.Status.FAILED,
            attempts=6,
            next_attempt_at=timezone.now(),
            last_error="SMTPSenderRefused: (451, b'Try again later')",
        )
        html = visit(page, "/admin/reports/emails-not-sent/")
        assert "1 email could not be sent." in html and "dana@students.example.edu" in html
        checked(page, "emails-not-sent", html, admin=True, staff=True)
    assert_clean(checked.report())


def test_catalogue_and_archived_course(browser_context, checked, request):
    """The course catalogue (the default site here), a course under it, and an archived one with its notice."""
    catalogue = request.getfixturevalue("catalogue")  # after the migrated database (browser_context) is in place
    for site in Site.objects.order_by("root_page_id"):  # the catalogue's site answers at the live server's host
        site.is_default_site = site.root_page_id == catalogue.pk
        site.hostname = "localhost" if site.is_default_site else f"elsewhere-{site.pk}.example.edu"
        site.save()
    for title, term in (("Medieval Europe", "Fall 2026"), ("Soviet History", "Spring 2026")):
        course = HomePage(title=title, slug=title.lower().replace(" ", "-"), term=term)
        catalogue.add_child(instance=course)
        course.save_revision().publish()
        unit = CourseUnitPageFactory(parent=course, title=f"{title}: the first unit")
        StudentPostPageFactory(parent=unit, title=f"A post in {title}")
    archive_course(HomePage.objects.get(title="Soviet History"))
    with browser_context(bypass_csp=True) as page:
        html = visit(page, "/")
        assert "Medieval Europe" in html and "Soviet History" in html
        checked(page, "catalogue", html)
        checked(page, "course-under-catalogue", visit(page, "/medieval-europe/"))
        html = visit(page, "/soviet-history/")
        assert "Archived course" in html
        checked(page, "archived-course", html)
    assert_clean(checked.report())
