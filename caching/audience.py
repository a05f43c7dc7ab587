"""Whom a page is rendered for, worked out from the cache alone: the page cache (caching/page_cache.py) keeps one
copy of a course's page per audience and must tell a reader's audience without a query.

A course's pages differ from reader to reader only in what the view restrictions let them read (blog.visibility:
class-only posts, pages for logged-in readers); everything personal (the members' bar, the comment form, one's own
likes) comes from uncached endpoints. So a logged-in reader's audience on a course is the set of that course's
restrictions they pass: none (a member of another course, a course without private pages) is the anonymous
audience, and shares the anonymous copy; the class of a course with class-only posts passes their restriction
and shares the members' copy.

Rendered afresh, never from the cache: the course's staff and site administrators (their pages are their working
view of the course), a session with a message waiting, a password-protected page passed, an LMS launch (its
framing headers), a session the cache cannot vouch for (no user, a changed password, a closed account).

The session comes through the session engine (cached_db: from the cache, in the same round trip as the rest once
this process has seen it). Who the user is comes from a record kept
in the cache (`seminar:member:<id>`: active, superuser or site administrator, group ids, the courses they staff,
the hash their sessions must carry), and which restrictions there are from a list kept under the install's access
token. Each record carries the tokens read before it was built (its user's and the install's); a change drops them
once committed (caching/invalidation.py), so a record built from data older than a change is never trusted.
"""

import uuid
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import DEFAULT_CACHE_ALIAS, cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from wagtail.models import PageViewRestriction

from courses.models import Enrolment
from courses.roles import is_site_admin
from lms.framing import SESSION_KEY as LMS_FRAME_KEY

PREFIX = "seminar:access"
ACCESS_TOKEN = f"{PREFIX}:token:*"
ANONYMOUS = ""
# What a session may hold that makes its pages its own.
PERSONAL_SESSION_KEYS = (
    SessionStorage.session_key,
    PageViewRestriction.passed_view_restrictions_session_key,
    LMS_FRAME_KEY,
)


@dataclass(frozen=True)
class Member:
    user_id: int
    session_hash: str
    active: bool
    site_admin: bool
    group_ids: frozenset
    staffed_paths: tuple

    def audience(self, course_path, restrictions):
        """The restrictions on or above the course, or inside it, that this member passes, as a name for the
        cached copy ("" when none: the anonymous copy); None when the member is the course's staff."""
        if self.site_admin or any(course_path.startswith(path) for path in self.staffed_paths):
            return None
        passed = sorted(
            pk
            for pk, path, kind, group in restrictions
            if (path.startswith(course_path) or course_path.startswith(path)) and self.passes(kind, group)
        )
        return "members:" + ",".join(map(str, dict.fromkeys(passed))) if passed else ANONYMOUS

    def passes(self, kind, group):
        if kind == PageViewRestriction.LOGIN:
            return True
        return kind == PageViewRestriction.GROUPS and group in self.group_ids


def user_token_key(user_id):
    return f"{PREFIX}:token:user:{user_id}"


def record_key(user_id):
    return f"{PREFIX}:member:{user_id}"


def tokens(keys, found):
    """The current value of each token key (made where missing): never None, so an entry made with a token
    that vanished in between can never match."""
    values = []
    for key in keys:
        value = found.get(key)
        if value is None:
            value = uuid.uuid4().hex
            if not cache.add(key, value, timeout=None):
                value = cache.get(key) or uuid.uuid4().hex  # gone again: a token no record will match
        values.append(value)
    return values


# Session key → the user it was made for, in this process: a session's key is never handed to another user (a log-in
# makes a new one), so with it the session, the member's record and the page's tokens come in one round trip.
session_users = {}
SESSIONS = 10_000


def member_of(request, extra_keys=()):
    """The logged-in member the session names, from the cache (built once from the database when missing or
    stale), with the install's access token and the values of `extra_keys` fetched alongside; None when the
    session is not one the cache may answer for."""
    store = import_module(settings.SESSION_ENGINE).SessionStore(request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    if store.session_key is None:
        return None
    shared = settings.SESSION_CACHE_ALIAS == DEFAULT_CACHE_ALIAS
    session_key = getattr(store, "cache_key", None) if shared else None  # cached_db's entry, read with the rest
    user_id = session_users.get(store.session_key)
    keys = [user_token_key(user_id), ACCESS_TOKEN] if user_id else []
    found = cache.get_many([*filter(None, [session_key, user_id and record_key(user_id)]), *keys, *extra_keys])
    session = found.get(session_key) if session_key else None
    if session is None:
        session = store.load()
    user_id = str(session.get(SESSION_KEY, ""))
    if not user_id.isdigit() or any(key in session for key in PERSONAL_SESSION_KEYS):
        return None
    if session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return None
    keys = [user_token_key(user_id), ACCESS_TOKEN]
    if session_users.get(store.session_key) != user_id:
        if len(session_users) >= SESSIONS:
            session_users.clear()
        session_users[store.session_key] = user_id
        found.update(cache.get_many([record_key(user_id), *keys]))
    record = found.get(record_key(user_id))
    if record is None or record[0] != [found.get(key) for key in keys]:
        record = (tokens(keys, found), build(int(user_id)))
        cache.set(record_key(user_id), record, timeout=settings.SESSION_COOKIE_AGE)
    (_, access_token), member = record
    if member is None or not member.active:
        return None
    if not constant_time_compare(session.get(HASH_SESSION_KEY, ""), member.session_hash):
        return None
    return member, access_token, found


def build(user_id):
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    staffed = Enrolment.objects.active().staff().filter(user=user).values_list("course__path", flat=True)
    return Member(
        user_id=user.pk,
        session_hash=user.get_session_auth_hash(),
        active=user.is_active,
        site_admin=is_site_admin(user),
        group_ids=frozenset(user.groups.values_list("pk", flat=True)),
        staffed_paths=tuple(staffed),
    )


# The install's restrictions, in this process, under the access token they were read with.
_restrictions = {}


def restrictions(token):
    """Every view restriction as (id, path, type, group id or None), as of the access token `token` (read before
    them, so that rows older than a change are kept under a token that change dropped)."""
    rows = _restrictions.get(token)
    if rows is None:
        rows = list(PageViewRestriction.objects.values_list("pk", "page__path", "restriction_type", "groups"))
        _restrictions.clear()
        _restrictions[token] = rows
    return rows


def forget_user(user_id):
    """That user's record is rebuilt at their next page (their account, groups or enrolments changed)."""
    transaction.on_commit(lambda: cache.delete(user_token_key(user_id)))


def forget_everyone():
    """Every record and the restrictions are read again (a restriction or a whole group changed)."""
    transaction.on_commit(lambda: cache.delete(ACCESS_TOKEN))
