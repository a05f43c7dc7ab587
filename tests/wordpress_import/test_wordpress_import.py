"""`manage.py import_wordpress`: a WordPress course blog arrives whole (posts in their states and dates, units from
categories, tags, authors, images from the uploads folder, every comment threaded under its parent), once however
often it runs, and a broken file writes nothing. tests/fixtures/wordpress/README.md lists what each export holds."""

import re
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from PIL import Image as PILImage
from wagtail.models import Page, Site

from blog.models import CourseUnitPage, StudentPostPage
from blog.models import SeminarImage as Image
from home.models import HomePage
from tests.factories import CourseUnitPageFactory, member
from wordpress_import.models import WordPressOrigin

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent.parent / "fixtures" / "wordpress"
UPLOADS = "2017/03"


def run(name, *options):
    out, err = StringIO(), StringIO()
    call_command("import_wordpress", str(FIXTURES / name), *options, stdout=out, stderr=err)
    return out.getvalue()


def post(wordpress_id):
    origin = WordPressOrigin.objects.get(kind="post", wordpress_id=wordpress_id)
    return StudentPostPage.objects.get(pk=origin.object_id)


def comment(wordpress_id):
    origin = WordPressOrigin.objects.get(kind="comment", wordpress_id=wordpress_id)
    return XtdComment.objects.get(pk=origin.object_id)


def snapshot():
    return (
        StudentPostPage.objects.count(),
        CourseUnitPage.objects.count(),
        XtdComment.objects.count(),
        get_user_model().objects.count(),
        Image.objects.count(),
        WordPressOrigin.objects.count(),
    )


@pytest.fixture
def uploads(tmp_path):
    """A copy of wp-content/uploads holding the two photos the posts show (not the unused PDF)."""
    folder = tmp_path / "uploads"
    (folder / UPLOADS).mkdir(parents=True)
    for name in ("stalin-funeral.jpg", "twentieth-congress.jpg"):
        PILImage.new("RGB", (64, 48), "gray").save(folder / UPLOADS / name)
    return folder


def test_posts_arrive_in_their_states_with_their_dates(course):
    report = run("course_1.2.xml")
    assert "Posts: 5 published, 0 scheduled, 4 drafts; 0 already imported; 0 skipped." in report
    assert "Other WordPress items left out: 1 nav_menu_item, 1 page, 1 wp_block." in report
    funeral = post(21)
    assert funeral.live and funeral.title == "Stalin’s Funeral and the Struggle for Power"
    assert funeral.first_published_at == datetime(2017, 3, 28, 18, 5, tzinfo=UTC)
    for draft in (23, 24, 25):  # draft, pending, private
        assert not post(draft).live
    went_live = post(26)  # scheduled in WordPress for a date that has passed since
    assert went_live.live and went_live.first_published_at == datetime(2017, 4, 20, 13, 0, tzinfo=UTC)
    protected = post(27)
    assert not protected.live
    assert "password-protected in WordPress; imported as a draft" in report


def test_a_post_scheduled_for_later_keeps_its_go_live_date(course, tmp_path):
    export = tmp_path / "scheduled.xml"
    text = (FIXTURES / "course_1.2.xml").read_text()
    export.write_text(
        text.replace("2017-04-20 09:00:00", "2031-04-20 09:00:00").replace("2017-04-20 13:00:00", "2031-04-20 13:00:00")
    )
    out = StringIO()
    call_command("import_wordpress", str(export), stdout=out, stderr=StringIO())
    assert "Posts: 4 published, 1 scheduled, 4 drafts" in out.getvalue()
    scheduled = post(26)
    assert not scheduled.live and scheduled.go_live_at == datetime(2031, 4, 20, 13, 0, tzinfo=UTC)
    assert scheduled.get_latest_revision().approved_go_live_at == scheduled.go_live_at


def test_units_come_from_the_first_category_and_tags_from_tags(course):
    report = run("course_1.2.xml")
    assert "Units created: Khrushchev and the Thaw, Stalin and Stalinism, Imported posts." in report
    assert post(21).get_parent().title == "Khrushchev and the Thaw"  # its first of two categories
    assert post(28).get_parent().title == "Imported posts"  # Uncategorized
    assert post(29).get_parent().title == "Imported posts"  # no category
    assert set(post(22).tags.names()) == {"Cult of personality", "De-Stalinization", "Secret Speech"}
    assert all(unit.get_parent().pk == course.pk for unit in CourseUnitPage.objects.all())


def test_every_post_into_one_unit(course):
    unit = CourseUnitPageFactory(parent=course, title="Spring 2017 archive", slug="archive")
    run("course_1.2.xml", "--unit", "archive")
    assert {p.get_parent().pk for p in StudentPostPage.objects.all()} == {unit.pk}
    with pytest.raises(CommandError, match="has no unit with the slug “nowhere”"):
        run("course_1.2.xml", "--unit", "nowhere")


def test_comments_keep_their_threads_states_and_authors(course):
    report = run("course_1.2.xml")
    assert "Comments: 8 public, 1 held for moderation; skipped: 1 pingback, 1 spam, 1 trackback, 1 trash." in report
    assert not mail.outbox, "an import notifies no one"
    first, reply, reply_to_reply = comment(101), comment(102), comment(103)
    assert (reply.parent_id, reply_to_reply.parent_id) == (first.pk, reply.pk)
    # Levels 4 and 5 of the WordPress thread go under the deepest comment that can take a reply, in order.
    assert comment(104).parent_id == reply.pk and comment(105).parent_id == reply.pk
    assert comment(104).level == comment(105).level == 2
    assert "comment 104 was deeper than replies go here" in report
    assert comment(106).is_public is False  # held in WordPress: in the moderation queue here
    assert comment(106).submit_date == datetime(2017, 3, 29, 12, 30, tzinfo=UTC)
    assert comment(102).user == post(21).author  # written from the author's WordPress account
    assert comment(104).user.email == "awhitaker@courseblog.example.edu"  # the instructor's WordPress account
    assert comment(101).user is None and comment(101).user_email
    assert comment(203).user_name.startswith("נועה כהן")


def test_comment_text_is_plain_and_nothing_active_survives(course):
    run("course_1.2.xml")
    hostile = comment(301)
    assert "<script" not in hostile.comment and "onclick" not in hostile.comment
    assert hostile.user_url == ""  # a javascript: website
    assert "<script" not in str(post(28).body.raw_data) and "javascript:" not in str(post(28).body.raw_data)


def test_authors_become_students_without_a_password_and_existing_accounts_are_matched(course):
    existing = member("Instructors", first_name="Anne", last_name="Whitaker")
    author = next(
        a
        for a in __import__("wordpress_import.wxr", fromlist=["x"]).parse_wxr(FIXTURES / "course_1.2.xml").authors
        if a.login == "awhitaker"
    )
    existing.email = author.email
    existing.save()
    report = run("course_1.2.xml")
    assert "Authors: 2 accounts created, 1 matched." in report
    assert post(25).author == existing
    sara = post(22).author
    assert sara.first_name + " " + sara.last_name == "سارا احمدی" and not sara.has_usable_password()
    assert sara.groups.filter(name="Students").exists()
    assert list(sara.enrolments.values_list("course", "role")) == [(course.pk, "student")]
    assert post(21).author.get_full_name().startswith("Morgan")


def test_posts_without_author_blocks_take_their_creator(course):
    report = run("missing_author.xml")
    assert post(71).author.username == "mhale"
    assert post(73).author.username == "dreyes"
    assert post(72).author is None and "post 72" in report and "no author in the export" in report


def test_images_come_from_the_uploads_folder_and_a_missing_one_stays_a_link(course, uploads):
    report = run("course_1.2.xml", "--media-dir", str(uploads))
    assert "Images: 2 imported" in report
    assert Image.objects.count() == 2
    blocks = [block for block in post(21).body if block.block_type == "image_block"]
    assert blocks and blocks[0].value["image"].title
    assert blocks[0].value["caption"]
    hostile = str(post(28).body.raw_data)
    assert "missing.jpg" in hostile and "not found: kept as a link" in report


def test_running_twice_creates_nothing_new_and_a_later_export_adds_only_what_is_new(course, uploads):
    run("course_1.2.xml", "--media-dir", str(uploads))
    before = snapshot()
    again = run("course_1.2.xml", "--media-dir", str(uploads))
    assert snapshot() == before
    assert "Posts: 0 published, 0 scheduled, 0 drafts; 9 already imported" in again
    later = run("later_export.xml", "--media-dir", str(uploads))
    assert "Posts: 1 published" in later and "9 already imported" in later
    assert StudentPostPage.objects.count() == before[0] + 1
    assert XtdComment.objects.count() == before[2] + 2
    assert comment(109).parent_id == comment(109).pk  # a new top-level comment on an old post
    assert Image.objects.count() == before[4]


def test_a_dry_run_reports_and_writes_nothing(course, uploads, media_root):
    before = snapshot()
    report = run("course_1.2.xml", "--dry-run", "--media-dir", str(uploads))
    assert report.startswith("Dry run: nothing was saved.")
    assert "Posts: 5 published, 0 scheduled, 4 drafts" in report and "Images: 2 imported" in report
    assert snapshot() == before
    assert not [path for path in media_root.rglob("*") if path.is_file()], "no image file left behind"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("malformed.xml", "line 28, column 35: mismatched tag"),
        ("truncated.xml", "ends before the export is complete (line 377)"),
        ("wrong_root.xml", "is not a WordPress export"),
        ("unknown_version.xml", "WXR version 2.0 is not supported"),
        ("entity_bomb.xml", "declares a DTD or entities (line 2)"),
        ("external_entity.xml", "declares a DTD or entities (line 2)"),
    ],
)
def test_an_unusable_file_is_refused_by_line_and_writes_nothing(course, name, message):
    before = snapshot()
    with pytest.raises(CommandError, match=message.replace("(", r"\(").replace(")", r"\)")) as refused:
        run(name)
    assert "Nothing was imported." in str(refused.value)
    assert snapshot() == before


def test_a_broken_post_is_skipped_and_the_rest_arrive(course, tmp_path):
    text = (FIXTURES / "course_1.2.xml").read_text()
    broken = text.replace("<wp:post_id>29</wp:post_id>", "<wp:post_id>twenty-nine</wp:post_id>", 1)
    assert broken != text
    export = tmp_path / "broken.xml"
    export.write_text(broken)
    out = StringIO()
    call_command("import_wordpress", str(export), stdout=out, stderr=StringIO())
    assert "Posts: 4 published, 0 scheduled, 4 drafts; 0 already imported; 1 skipped." in out.getvalue()
    assert "Skipped: post None “Questions for Thursday’s discussion”" in out.getvalue()
    assert StudentPostPage.objects.count() == 8


def test_several_courses_need_the_course_named(course):
    other = HomePage(title="Modern Japan", slug="modern-japan")
    Page.get_first_root_node().add_child(instance=other)
    Site.objects.create(hostname="japan.example.edu", port=80, root_page=other)
    with pytest.raises(CommandError, match="Several courses: choose one with --course"):
        run("course_1.1_http.xml")
    run("course_1.1_http.xml", "--course", "japan.example.edu")
    assert post(51).get_ancestors().filter(pk=other.pk).exists()


def test_invite_emails_the_new_accounts_a_link_to_choose_a_password(course, django_capture_on_commit_callbacks):
    member("Students", first_name="Morgan", last_name="Hale", email="mhale@students.example.edu")
    with django_capture_on_commit_callbacks(execute=True):
        run("course_1.2.xml", "--invite")
    invited = sorted(address for message in mail.outbox for address in message.to)
    assert invited == ["awhitaker@courseblog.example.edu", "sara.ahmadi@students.example.edu"]
    link = reverse("password_reset_confirm", kwargs={"uidb64": "UID", "token": "TOKEN"}).split("UID")[0]
    assert all(link in message.body for message in mail.outbox)


def test_without_invite_nobody_is_emailed(course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("course_1.2.xml")
    assert not mail.outbox


def test_an_imported_author_chooses_a_password_on_the_reset_page(client, course):
    run("course_1.2.xml")
    client.post(reverse("password_reset"), {"email": "sara.ahmadi@students.example.edu"})
    [message] = mail.outbox
    assert message.to == ["sara.ahmadi@students.example.edu"]


def test_posts_failing_the_accessibility_checks_are_imported_and_reported(course, tmp_path):
    """Issue 23: the importer does not refuse a post a student could not submit; it lists what to fix."""
    text = (FIXTURES / "course_1.2.xml").read_text()
    link = '<p>The transcript is <a href="https://example.org/transcript">here</a>.</p>'
    changed = re.sub(r"(<content:encoded>\s*<!\[CDATA\[)", lambda found: found.group(1) + link, text)  # every item
    assert changed.count(link) > 9
    export = tmp_path / "inaccessible.xml"
    export.write_text(changed)
    out = StringIO()
    call_command("import_wordpress", str(export), stdout=out, stderr=StringIO())
    report = out.getvalue()
    assert "Accessibility: 9 posts with errors a student's post could not be submitted with" in report
    findings = [line for line in report.splitlines() if "“here” does not say where the link goes" in line]
    assert len(findings) == 9
    assert all(line.startswith("Accessibility: post ") for line in findings)
    assert all(": Fix: block 1 (paragraph): The link text" in line for line in findings)
    assert StudentPostPage.objects.count() == 9, "imported all the same"
