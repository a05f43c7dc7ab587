"""The member's home (/me/), where everyone lands after logging in, and the members' bar's endpoint.

Both are personal and never cached. Public pages stay the same for every reader: the bar is drawn by a script
(static/js/members.js) that seminar.js loads only for browsers holding the member cookie (members.cookie).
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from courses.models import STAFF_ROLES
from courses.roles import is_site_admin
from members import bar as bar_state
from members import cookie
from members.home import courses_with_units, held_comments, replies_to


@never_cache
@login_required
@require_GET
def home(request):
    courses = courses_with_units(request.user, timezone.now())
    return render(
        request,
        "members/home.html",
        {
            "courses": [row for row in courses if row.current],
            "past_courses": [row for row in courses if not row.current],
            "replies": replies_to(request.user),
            "held": held_comments(request.user),
            "is_staff": any(row.current and row.role in STAFF_ROLES for row in courses) or is_site_admin(request.user),
        },
    )


@never_cache
@require_GET
def bar(request):
    """What the public page cannot say about this reader. A stranger: where to log in (and the member cookie goes,
    if a stale one brought them here). A member: their name and links, staff's counts, on a post their likes and
    reports; `?page=ID` names the page they are reading."""
    if not request.user.is_authenticated:
        response = JsonResponse({"member": False, "login": resolve_url("login")})
        return cookie.forget(response) if cookie.NAME in request.COOKIES else response
    response = JsonResponse(bar_state.for_member(request, request.GET.get("page", "")))
    return response if cookie.NAME in request.COOKIES else cookie.remember(response)
