from .authors import AuthorProfile, NameStyle, public_name
from .course_settings import CourseSettings
from .images import SeminarImage, SeminarRendition
from .notes import Footnote
from .posts import StudentPostPage, StudentPostTag
from .sources import Source
from .units import CourseUnitPage

__all__ = [
    "AuthorProfile",
    "CourseSettings",
    "CourseUnitPage",
    "Footnote",
    "NameStyle",
    "SeminarImage",
    "SeminarRendition",
    "Source",
    "StudentPostPage",
    "StudentPostTag",
    "public_name",
]
