"""`manage.py rollover_course`: the next term's course gets the source's intro, settings and units in their order
(dates shifted, live and draft kept, class-only kept for its own members, links to the new pages), its
instructors and TAs; nothing of its students. A second run changes nothing; a wrong request is refused whole."""

import uuid
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django_comments.models import CommentFlag
from django_comments_xtd.models import LIKEDIT_FLAG, XtdComment
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Revision, Site

from blog.models import CourseSettings, CourseUnitPage, Footnote, Source, StudentPostPage
from courses.models import Enrolment, Role
from courses.roles import enrol
from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import CourseUnitPageFactory, ImageFactory, StudentPostPageFactory, UserFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
PROMPT_NOTE = uuid.UUID("00000000-0000-4000-8000-000000000017")
TERM = ("--term", "Fall 2027", "--starts", "2027-09-01")


def roll(*args):
    out = StringIO()
    call_command("rollover_course", "--course", "home", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def source(course, unit):
    """Spring 2017 (Jan 17 – May 12) with three units: live and class-only with a due date and a link to the
    next unit; a draft with a due date (its latest draft differs from its first save); live. Staff, students,
    a guest, a post with a comment and a like, a student's upload, settings of its own."""
    course.term_starts, course.term_ends = date(2017, 1, 17), date(2017, 5, 12)
    course.intro = [("paragraph_block", "<p>Soviet history from 1917 to 1991.</p>")]
    course.save_revision().publish()
    draft = CourseUnitPageFactory(parent=course, title="Brezhnev", slug="brezhnev", live=False)
    draft.due_date = datetime(2017, 3, 10, 17, 0, tzinfo=CHICAGO)
    draft.summary = "Stagnation."
    draft.save_revision()
    last = CourseUnitPageFactory(parent=course, title="Gorbachev", slug="gorbachev", live=False)
    last.save_revision().publish()
    unit.due_date = datetime(2017, 2, 3, 17, 0, tzinfo=CHICAGO)
    unit.body = [
        (
            "paragraph_block",
            f'<p>Read on in <a linktype="page" id="{draft.pk}">the next unit</a>.<footnote id="{PROMPT_NOTE}">[1]'
            "</footnote></p>",
        )
    ]
    unit.sources = [Source(key="taubman2003", title="Khrushchev: The Man and His Era", authors="Taubman, William")]
    unit.footnotes = [Footnote(uuid=PROMPT_NOTE, source="taubman2003", pages="270", text="<p>Its context.</p>")]
    unit.save_revision().publish()
    class_only = PageViewRestriction.objects.create(page=unit, restriction_type=PageViewRestriction.GROUPS)
    class_only.groups.set(Group.objects.filter(course_role__course=course))
    people = {role: UserFactory(username=f"the-{role}") for role in Role}
    for role, user in people.items():
        enrol(user, course, role, section="001")
    dropped = UserFactory(username="dropped")
    enrol(dropped, course, Role.TA)
    Enrolment.objects.filter(user=dropped).update(active=False)
    post = StudentPostPageFactory(parent=unit, title="The Secret Speech", author=people[Role.STUDENT])
    comment = approved_comment(post, user=people[Role.GUEST])
    CommentFlag.objects.create(comment=comment, user=people[Role.STUDENT], flag=LIKEDIT_FLAG)
    ImageFactory(title="A student's upload", uploaded_by_user=people[Role.STUDENT])
    CourseSettings.objects.filter(pk=CourseSettings.for_course(course).pk).update(max_links=5, blocklist="casino")
    return {"course": course, "units": [unit, draft, last], "people": people}


def counts():
    return {
        "pages": Page.objects.count(),
        "sites": Site.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "revisions": Revision.objects.count(),
        "comments": XtdComment.objects.count(),
        "flags": CommentFlag.objects.count(),
        "images": get_image_model().objects.count(),
        "restrictions": PageViewRestriction.objects.count(),
    }


def test_the_next_term_gets_units_settings_and_staff_but_nothing_of_students(source, settings):
    settings.TIME_ZONE = "America/Chicago"
    before = counts()
    output = roll(*TERM, "--hostname", "hist-255.example.edu")
    assert "dates moved by 3879 days" in output and output.strip().endswith("http://hist-255.example.edu/")

    new = HomePage.objects.get(rolled_over_from=source["course"])
    assert (new.title, new.term, new.term_starts) == ("Soviet History", "Fall 2027", date(2027, 9, 1))
    assert new.term_ends == date(2027, 12, 25)  # as long as the source's term
    assert new.live and new.intro.raw_data[0]["value"] == "<p>Soviet history from 1917 to 1991.</p>"
    assert Site.objects.get(hostname="hist-255.example.edu").root_page_id == new.pk

    units = list(CourseUnitPage.objects.child_of(new).order_by("path"))
    assert [(u.title, u.slug, u.live) for u in units] == [
        ("Khrushchev and the Thaw", source["units"][0].slug, True),
        ("Brezhnev", "brezhnev", False),
        ("Gorbachev", "gorbachev", True),
    ]
    thaw, brezhnev = units[0], units[1].get_latest_revision_as_object()
    # 3,879 days later, at the same local time (summer time has begun in between for the first).
    assert thaw.due_date.astimezone(CHICAGO) == datetime(2027, 9, 18, 17, 0, tzinfo=CHICAGO)
    assert brezhnev.due_date.astimezone(CHICAGO) == datetime(2027, 10, 23, 17, 0, tzinfo=CHICAGO)
    assert brezhnev.summary == "Stagnation."  # the latest draft, not the first save
    assert f'<a linktype="page" id="{units[1].pk}">' in thaw.body.raw_data[0]["value"]
    # The prompt's footnote and the source it cites come across (issue 22): the new term's readers see the note.
    assert [(note.uuid, note.source, note.pages) for note in thaw.footnotes.all()] == [
        (PROMPT_NOTE, "taubman2003", "270")
    ]
    assert [source.key for source in thaw.sources.all()] == ["taubman2003"]
    assert source["units"][0].footnotes.count() == 1, "the old term keeps its own"
    assert [b.block_type for b in units[2].body] == [b.block_type for b in source["units"][2].body]

    restriction = PageViewRestriction.objects.get(page=thaw)
    assert set(restriction.groups.all()) == set(Group.objects.filter(course_role__course=new))
    assert not StudentPostPage.objects.descendant_of(new).exists()
    assert {(e.user.username, e.role, e.section) for e in Enrolment.objects.filter(course=new)} == {
        ("the-instructor", Role.INSTRUCTOR, "001"),
        ("the-ta", Role.TA, "001"),
    }
    rules = CourseSettings.for_course(HomePage.objects.get(pk=new.pk))
    assert (rules.max_links, rules.blocklist) == (5, "casino")

    after = counts()
    for kind in ("comments", "flags", "images", "sites"):
        assert after[kind] == before[kind] + (kind == "sites"), kind
    assert after["pages"] == before["pages"] + 4 and after["enrolments"] == before["enrolments"] + 2
    # One revision a page, none of the source's history, and no owner but whoever rolled it over (no one here).
    assert {page.revisions.count() for page in [new, *units]} == {1}
    assert not Page.objects.descendant_of(new, inclusive=True).exclude(owner=None).exists()
    assert "Brezhnev" not in Client().get("/", HTTP_HOST="hist-255.example.edu").text  # a draft stays unpublished


def test_a_second_run_changes_nothing_and_says_so(source):
    roll(*TERM, "--hostname", "hist-255.example.edu")
    before = counts()
    assert "nothing changed" in roll(*TERM, "--hostname", "hist-255.example.edu")
    assert counts() == before


def test_under_a_catalogue_and_again(source, catalogue):
    output = roll(*TERM, "--under", "seminar.example.edu", "--slug", "hist-255-f27")
    assert output.strip().endswith("http://seminar.example.edu/hist-255-f27/")
    before = counts()
    assert "nothing changed" in roll(*TERM, "--under", "seminar.example.edu", "--slug", "hist-255-f27")
    assert counts() == before
    page = Client(HTTP_HOST="seminar.example.edu").get("/hist-255-f27/")
    assert page.status_code == 200 and "Gorbachev" in page.text


def test_without_a_start_date_the_dates_are_kept(source, catalogue):
    assert "dates kept" in roll("--term", "Fall 2027", "--under", "seminar.example.edu")
    new = HomePage.objects.get(rolled_over_from=source["course"])
    assert (new.slug, new.term_starts, new.term_ends) == ("soviet-history-fall-2027", None, None)
    assert CourseUnitPage.objects.child_of(new).first().due_date == source["units"][0].due_date


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--course", "nowhere", *TERM, "--under", "seminar.example.edu"), "No course is called “nowhere”"),
        (("--course", "home", "--term", "F", "--starts", "2027-13-01", "--hostname", "x.org"), "write a date as"),
        (("--course", "home", *TERM, "--ends", "2027-08-01", "--hostname", "x.org"), "cannot end before"),
        (("--course", "home", *TERM, "--hostname", "x.org", "--under", "seminar.example.edu"), "not both"),
        (("--course", "home", *TERM), "Give either --hostname"),
        (("--course", "home", *TERM, "--under", "seminar.example.edu", "--slug", "taken"), "not rolled over from"),
        (("--course", "home", *TERM, "--hostname", "localhost"), "not rolled over from"),
        (("--course", "home", "--term", "Spring 2028", "--hostname", "hist-255.example.edu"), "for Fall 2027, not"),
    ],
)
def test_a_wrong_request_is_refused_and_writes_nothing(source, catalogue, args, message):
    call_command("create_course", "Taken", "--term", "Fall 2026", "--under", "seminar.example.edu", "--slug", "taken")
    roll(*TERM, "--hostname", "hist-255.example.edu")
    before = counts()
    with pytest.raises(CommandError, match=message):
        call_command("rollover_course", *args, stdout=StringIO())
    assert counts() == before
