"""`course` for templates rendered outside a course page (log in, password reset): the request Site's course."""

from django.utils.functional import SimpleLazyObject

from home.views import course_for_request


def course(request):
    return {"course": SimpleLazyObject(lambda: course_for_request(request))}
