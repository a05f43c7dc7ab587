"""A course with something on every part of the instructor's desk, and reading the desk off the dashboard."""

from datetime import timedelta

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from django_comments.models import CommentFlag

from tests.comment_helpers import approved_comment, held_comment
from tests.factories import CourseUnitPageFactory, StudentPostPageFactory, member
from tests.review_helpers import request_changes, submit

DASHBOARD = reverse("wagtailadmin_home")


def dated_unit(course, title, due_in):
    """A published unit of `course` due `due_in` (a timedelta, negative when past) from now."""
    unit = CourseUnitPageFactory(parent=course, title=title, due_date=timezone.now() + due_in, live=False)
    unit.save_revision().publish()
    unit.refresh_from_db()
    return unit


def post(unit, author, title, publish=False):
    return StudentPostPageFactory(parent=unit, author=author, title=title, publish=publish)


def resubmit(draft, user):
    """The editor's "Resubmit" after "Request changes": a new revision, then the workflow resumes."""
    draft.refresh_from_db()
    draft.save_revision(user=user)
    draft.current_workflow_state.resume(user)


def flag(comment, by):
    CommentFlag.objects.create(comment=comment, user=by, flag=CommentFlag.SUGGEST_REMOVAL)


def build_course(course, prefix, instructor=None):
    """Everything the desk shows, in `course`, every title and name starting with `prefix`:

    - students {prefix}Dana (submitted on time, then resubmitted after changes), {prefix}Marcus (submitted late),
      {prefix}Olga (a draft only), {prefix}Pavel (published a post directly);
    - units "{prefix}Thaw" due in three days and "{prefix}Purges" due two days ago;
    - comments: two held and one reported by a reader.
    """
    instructor = instructor or member("Instructors", course=course, username=f"{prefix.lower()}instructor")
    people = {
        name: member("Students", course=course, username=f"{prefix.lower()}{name.lower()}", first_name=name)
        for name in ("Dana", "Marcus", "Olga", "Pavel")
    }
    for person in people.values():
        person.last_name = f"{prefix}{person.first_name}son"
        person.save()
    thaw = dated_unit(course, f"{prefix}Thaw", timedelta(days=3))
    purges = dated_unit(course, f"{prefix}Purges", timedelta(days=-2))
    on_time = post(thaw, people["Dana"], f"{prefix}On time post")
    submit(on_time, people["Dana"])
    request_changes(on_time, instructor, "Cite your sources.")
    resubmit(on_time, people["Dana"])
    late = post(purges, people["Marcus"], f"{prefix}Late post")
    submit(late, people["Marcus"])
    post(thaw, people["Olga"], f"{prefix}Draft post")
    published = post(thaw, people["Pavel"], f"{prefix}Published post", publish=True)
    held_comment(published, text=f"{prefix}held one", submit_date=timezone.now() - timedelta(hours=2))
    held_comment(published, text=f"{prefix}held two", submit_date=timezone.now() - timedelta(hours=1))
    approved_comment(published, text=f"{prefix}approved comment")
    flag(approved_comment(published, text=f"{prefix}reported comment"), by=people["Olga"])
    return {"instructor": instructor, "people": people, "thaw": thaw, "purges": purges, "on_time": on_time}


def dashboard(client):
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def desk_of(soup, course):
    """The desk's section for `course`, or None."""
    return soup.find(id=f"desk-{course.pk}-section")


def text(element):
    return " ".join(element.get_text(" ").split())
