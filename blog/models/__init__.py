from .authors import AuthorProfile, NameStyle, public_name
from .course_settings import CourseSettings
from .images import SeminarImage, SeminarRendition
from .posts import StudentPostPage, StudentPostTag
from .units import CourseUnitPage

__all__ = [
    "AuthorProfile",
    "CourseSettings",
    "CourseUnitPage",
    "NameStyle",
    "SeminarImage",
    "SeminarRendition",
    "StudentPostPage",
    "StudentPostTag",
    "public_name",
]
