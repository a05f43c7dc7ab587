from .authors import AuthorProfile, NameStyle, public_name
from .course_settings import CourseSettings
from .posts import StudentPostPage, StudentPostTag
from .units import CourseUnitPage

__all__ = [
    "AuthorProfile",
    "CourseSettings",
    "CourseUnitPage",
    "NameStyle",
    "StudentPostPage",
    "StudentPostTag",
    "public_name",
]
