from .authors import AuthorProfile, NameStyle, public_name
from .course_settings import CourseSettings
from .posts import StudentPostPage, StudentPostTag
from .units import CourseUnitPage
from .wordpress import WordPressImport, WordPressOrigin

__all__ = [
    "AuthorProfile",
    "CourseSettings",
    "CourseUnitPage",
    "NameStyle",
    "StudentPostPage",
    "StudentPostTag",
    "WordPressImport",
    "WordPressOrigin",
    "public_name",
]
