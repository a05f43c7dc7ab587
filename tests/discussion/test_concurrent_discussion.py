"""A class discussing one post at once, against gunicorn (threaded workers) on PostgreSQL and Redis: 8 logged-in
students post 100 comments and replies each, some to the same parent, while readers keep loading the post. Nothing
may fail, every accepted comment is stored once under the parent it answered, and the page a reader gets afterwards
(from the page cache) shows the same threads, in the same order, as the database.

`make loadtest` runs this file alone; LOAD_TEST_COMMENTS (default 100 per student) sizes it."""

import os
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from tests.comment_helpers import approved_comment, held_comment
from tests.factories import member
from tests.server_helpers import Student, app_server, logged_in, with_server_password

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

STUDENTS = 8
COMMENTS_EACH = int(os.environ.get("LOAD_TEST_COMMENTS", "100"))
READERS = 2
DEADLINE_SECONDS = 600
MAX_LEVEL = settings.COMMENTS_XTD_MAX_THREAD_LEVEL


@pytest.fixture
def discussion(migrated_database, make_post):
    author = member("Students", first_name="Dana", last_name="Reyes")
    post = make_post(title="The Illusion of Khrushchev", author=author)
    opener = approved_comment(post, text="Opening question: was the Thaw real?", user=author)
    students = [member("Students", first_name=f"Student{n}", last_name="Loadtest") for n in range(STUDENTS)]
    return post, opener, with_server_password(students)


def write(student, number, shared, lock, rng, stop):
    """One student's comments: a quarter new threads, a quarter replies to the shared opener, the rest replies
    to any comment the class has posted so far that can still take a reply; stops early when the test gives up."""
    posted, statuses = [], []
    for n in range(COMMENTS_EACH):
        if stop.is_set():
            break
        with lock:
            choices = [(pk, level) for pk, level in shared if level < MAX_LEVEL]
        kind = n % 4
        parent, level = (0, -1) if kind == 0 else shared[0] if kind == 1 else rng.choice(choices)
        text = f"Student {number}, comment {n}: a thought on the Thaw"
        status, pk = student.post(text, parent)
        statuses.append(status)
        if pk is not None:
            posted.append((pk, text, parent, level + 1))
            with lock:
                shared.append((pk, level + 1))
    return posted, statuses


def read(base, post_url, stop):
    statuses = []
    with requests.Session() as http:
        while not stop.is_set():
            statuses.append(http.get(f"{base}{post_url}", timeout=60).status_code)
    return statuses


def page_threads(html):
    """(comment id, parent id or 0) for every comment on the page, in document order."""
    threads = []
    for item in BeautifulSoup(html, "html.parser").select("#comments li.comment"):
        parent = item.find_parent("li", class_="comment")
        threads.append((int(item["id"][1:]), int(parent["id"][1:]) if parent else 0))
    return threads


def test_a_class_posting_at_once_loses_nothing_and_the_page_matches_the_database(discussion):
    post, opener, students = discussion
    rng = random.Random(7)
    shared, lock, stop = [(opener.pk, 0)], threading.Lock(), threading.Event()
    env = {"COMMENT_RATE_PER_EMAIL": "100000/h", "COMMENT_RATE_PER_IP": "100000/h"}
    started = time.monotonic()
    with app_server("--workers", "2", "--threads", "4", **env) as server:
        base = server.url
        sessions = [Student(base, student.username, post) for student in students]
        with ThreadPoolExecutor(STUDENTS + READERS) as pool:
            readers = [pool.submit(read, base, post.url, stop) for _ in range(READERS)]
            try:
                writers = [
                    pool.submit(write, session, n, shared, lock, random.Random(rng.random()), stop)
                    for n, session in enumerate(sessions)
                ]
                deadline = started + DEADLINE_SECONDS
                results = [writer.result(timeout=max(deadline - time.monotonic(), 1)) for writer in writers]
            finally:
                stop.set()  # a writer that failed or ran out of time must not leave the readers (and the run) going
            read_statuses = [status for reader in readers for status in reader.result(timeout=60)]
        final_page = requests.get(f"{base}{post.url}", timeout=60)
    elapsed = time.monotonic() - started

    posted = [comment for comments, _ in results for comment in comments]
    write_statuses = [status for _, statuses in results for status in statuses]
    assert write_statuses == [302] * STUDENTS * COMMENTS_EACH, "every comment was accepted"
    assert read_statuses and set(read_statuses) == {200}, "readers were always served"
    assert elapsed < DEADLINE_SECONDS

    stored = {comment.pk: comment for comment in XtdComment.objects.filter(object_pk=str(post.pk))}
    assert len(stored) == len(posted) + 1, "each accepted comment stored exactly once"
    texts = [comment.comment for comment in stored.values()]
    assert len(set(texts)) == len(texts)
    for pk, text, parent, level in posted:
        assert stored[pk].comment == text
        assert stored[pk].parent_id == (parent or pk), f"comment {pk} is under the comment it replied to"
        assert stored[pk].level == level
        assert stored[pk].thread_id == (stored[parent].thread_id if parent else pk)

    in_database_order = sorted(stored.values(), key=lambda comment: (comment.thread_id, comment.order))
    orders = [(comment.thread_id, comment.order) for comment in in_database_order]
    assert len(set(orders)) == len(orders), "no two comments share a place in a thread"
    assert final_page.status_code == 200
    on_page = page_threads(final_page.text)
    expected = [(c.pk, 0 if c.parent_id == c.pk else c.parent_id) for c in in_database_order]
    assert on_page == expected, "the page shows the database's threads in the database's order"
    children = {}
    for pk, parent in on_page:
        children.setdefault(parent, []).append(pk)
    assert all(replies == sorted(replies) for replies in children.values()), "replies in the order they came"
    heading = BeautifulSoup(final_page.text, "html.parser").select_one("#discussion-heading").text
    assert heading.startswith(f"{len(stored)} thoughts on")


def test_two_instructors_approving_the_same_comments_at_once_approve_each_once_and_email_once(
    migrated_database, make_post
):
    post = make_post(title="The Thaw")
    held = [held_comment(post, text=f"Held {n}", email=f"reader{n}@example.org") for n in range(10)]
    instructors = with_server_password([member("Instructors", first_name=name) for name in ("Anne", "Boris")])
    with app_server("--workers", "2", "--threads", "2") as server:
        sessions = [logged_in(server.url, instructor.username) for instructor in instructors]
        start = threading.Barrier(len(sessions))

        def approve_all(http):
            statuses = []
            for comment in held:
                start.wait(timeout=60)
                url = f"{server.url}{reverse('comment_moderation:action', args=[comment.pk, 'approve'])}"
                response = http.post(
                    url, headers={"X-CSRFToken": http.cookies["csrftoken"]}, allow_redirects=False, timeout=60
                )
                statuses.append(response.status_code)
            return statuses

        with ThreadPoolExecutor(len(sessions)) as pool:
            statuses = [status for result in pool.map(approve_all, sessions) for status in result]
        emails = server.log.read_text().count('Subject: Your comment on "The Thaw" is published')

    assert set(statuses) == {302}
    assert XtdComment.objects.filter(pk__in=[comment.pk for comment in held], is_public=True).count() == len(held)
    assert emails == len(held), "one email per approved comment, not one per instructor"
