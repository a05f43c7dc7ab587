"""The course roles and the review workflow, by name, and what every course page gets.

Migration blog/0007 creates them; `set_up_course` gives a course created later (in the admin or in code, such as
load_demo) the same: the "Instructor review" workflow and the Students' right to add posts below it.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from courses.roles import STUDENTS

REVIEW_WORKFLOW = "Instructor review"
REVIEW_TASK = "Instructor approval"
COURSE_IMAGES = "Course images"
STUDENT_UPLOADS = "Student uploads"
# Instructors (and superusers) may change a post's author; the author field is hidden from everyone else.
CHANGE_POST_AUTHOR = "blog.change_post_author"


def review_workflow():
    return Workflow.objects.filter(name=REVIEW_WORKFLOW, active=True).first()


def set_up_course(course):
    """Assign the review workflow to a course home page (unless it has one) and let students add posts below it."""
    workflow = review_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=course, defaults={"workflow": workflow})
    students = Group.objects.filter(name=STUDENTS).first()
    if students is not None:
        add_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="add_page")
        GroupPagePermission.objects.get_or_create(group=students, page=course, permission=add_page)
