"""A backup made with `dumpdata` and restored with `loaddata` into an emptied database gives readers the same course:
the demo's home, units and posts with the same titles, bodies, threads and likes; revisions, students and their
groups; log-ins and new comments work afterwards, and restoring sends no email. Runs on SQLite and PostgreSQL.

What the backup leaves out (README, Backup and restore), and why:
- contenttypes, auth.permission: `migrate` creates them again, not always with the same ids; the dump names them
  by natural key (--natural-foreign), so nothing depends on their ids.
- sessions: log-ins, personal and short-lived; everyone logs in again.
- wagtailsearch: the search index is derived data, rebuilt by `update_index`. Its columns are text on SQLite
  and tsvector on PostgreSQL, so a SQLite dump's index does not load into PostgreSQL at all.
- django_tasks_database: the background tasks' queue and results; a restored queue would send its emails again.
- axes: failed log-ins and lockouts, personal and over within LOGIN_LOCKOUT_MINUTES.
- wagtailadmin.editingsession: who has an editor open right now.
Primary keys stay as they are (no --natural-primary): revisions and the reference index store page and user ids
as plain values, which must keep pointing at the same rows.
"""

import json
import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_comments.models import CommentFlag
from django_comments_xtd.models import XtdComment
from wagtail.models import Page, Revision

from blog.models import CourseUnitPage
from home.management.commands.load_demo import DEMO_PASSWORD
from tests.comment_helpers import POST_URL, form_data
from tests.factories import StudentPostPageFactory

pytestmark = pytest.mark.django_db

BACKUP_EXCLUDE = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "wagtailsearch",
    "django_tasks_database",
    "axes",
    "wagtailadmin.editingsession",
]


@pytest.fixture(autouse=True)
def fresh_content_types():
    """`flush` recreates the content types, under other ids, and the rollback brings the old ones back: each time,
    this process's cache of them is stale, as an app server's is after a restore (README: restart them)."""
    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def restore(path):
    """Into an emptied database, as a new process would see it."""
    check_constraints()  # PostgreSQL truncates no table with checks still pending
    call_command("flush", interactive=False, verbosity=0)
    assert not Page.objects.exists() and not get_user_model().objects.exists()  # really empty
    ContentType.objects.clear_cache()
    call_command("loaddata", str(path), verbosity=0)  # which checks every foreign key of what it loaded


def check_constraints():
    """The foreign keys a test's transaction has not checked yet (PostgreSQL checks them at the commit)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


MANY_TO_MANY = {
    model._meta.label_lower: {field.name for field in model._meta.many_to_many} for model in apps.get_models()
}
# dumpdata writes times to the millisecond, and a time on the whole second without its ".000".
WHOLE_SECOND = re.compile(r'(T\d\d:\d\d:\d\d)\.000(Z|[+-]\d\d:\d\d)"')


def dump(path):
    """The backup, as written; read back with times on the whole second spelled one way and many-to-many
    relations (a group's permissions, a user's groups) in one order."""
    call_command("dumpdata", natural_foreign=True, exclude=BACKUP_EXCLUDE, output=str(path), verbosity=0)
    objects = json.loads(WHOLE_SECOND.sub(r'\1\2"', path.read_text()))
    for row in objects:
        for name, value in row["fields"].items():
            if isinstance(value, list) and name in MANY_TO_MANY.get(row["model"], ()):
                row["fields"][name] = sorted(value, key=json.dumps)
    return objects


def thread(items):
    """A discussion as readers see it: each comment's name, text and likes, with its replies under it."""
    return [
        {
            "name": item.select_one(".comment-author").get_text(strip=True),
            "text": item.select_one(".comment-body").get_text(" ", strip=True),
            "likes": likes.get_text(strip=True) if (likes := item.select_one(":scope > article .likes")) else "",
            "replies": thread(item.select(":scope > ol.comment-children > li.comment")),
        }
        for item in items
    ]


def reader_view():
    """Every live page as an anonymous reader gets it: the HTML, and its title, text and discussion parsed."""
    client, view = Client(), {}
    for page in Page.objects.live().exclude(depth=1).order_by("path"):
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        soup = BeautifulSoup(response.content, "html.parser")
        view[page.url] = {
            "title": soup.title.get_text(strip=True),
            "heading": soup.h1.get_text(" ", strip=True),
            "text": " ".join(soup.main.get_text(" ", strip=True).split()),
            "discussion": thread(soup.select("ol.comment-list > li.comment")),
            "html": response.content.decode(),
        }
    view["search"] = client.get("/search/", {"q": "Khrushchev"}).content.decode()
    return view


def records():
    """What the site keeps beyond its pages: revisions, members and their groups, likes."""
    users = get_user_model().objects.order_by("username").prefetch_related("groups")
    return {
        "revisions": Revision.objects.count(),
        "revisions per page": sorted(Revision.objects.values_list("object_id", "content_type__model").distinct()),
        "members": [
            (user.username, user.email, user.get_full_name(), user.password, user.is_active, user.last_login)
            + tuple(sorted(group.name for group in user.groups.all()))
            for user in users
        ],
        "likes": sorted(CommentFlag.objects.values_list("comment_id", "user__username", "flag")),
    }


def test_dumpdata_and_loaddata_give_back_the_same_site(tmp_path):
    call_command("load_demo", force=True, stdout=StringIO())
    view, kept = reader_view(), records()  # the first views also make the post images' renditions
    assert {"Soviet History", "Khrushchev and the Thaw", "The Illusion of Khrushchev"} <= {
        page["heading"] for page in view.values() if isinstance(page, dict)
    }
    assert sum(len(page["discussion"]) for page in view.values() if isinstance(page, dict)) >= 2
    assert kept["likes"] and kept["revisions"] >= 6 and len(kept["members"]) == 7
    backup = dump(tmp_path / "backup.json")

    sent = len(mail.outbox)
    restore(tmp_path / "backup.json")
    call_command("update_index", stdout=StringIO())

    assert len(mail.outbox) == sent  # restoring notifies no one
    assert dump(tmp_path / "again.json") == backup
    assert records() == kept
    restored = reader_view()
    for url, page in view.items():
        assert restored[url] == page, url
    assert restored.keys() == view.keys()


def test_the_restored_site_takes_log_ins_and_new_content(tmp_path):
    call_command("load_demo", force=True, stdout=StringIO())
    newest_comment, newest_page = XtdComment.objects.latest("pk").pk, Page.objects.latest("pk").pk
    dump(tmp_path / "backup.json")
    restore(tmp_path / "backup.json")

    student = Client()
    assert student.post("/accounts/login/", {"username": "mhale", "password": DEMO_PASSWORD}).status_code == 302
    post = Page.objects.get(slug="the-illusion-of-khrushchev").specific
    assert student.post(POST_URL, form_data(post, comment="Still here after the restore.")).status_code == 302
    assert XtdComment.objects.get(comment="Still here after the restore.").pk > newest_comment  # sequences reset
    unit = CourseUnitPage.objects.get(slug="khrushchev-and-the-thaw")
    author = get_user_model().objects.get(username="dreyes")
    added = StudentPostPageFactory(parent=unit, title="Added after the restore", author=author)
    assert added.pk > newest_page and added.live
    assert "Still here after the restore." in Client().get(post.url).content.decode()
