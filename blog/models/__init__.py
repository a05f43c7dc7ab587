from .authors import AuthorProfile, public_name
from .discussion import DiscussionSettings
from .posts import StudentPostPage, StudentPostTag
from .units import CourseUnitPage

__all__ = [
    "AuthorProfile",
    "DiscussionSettings",
    "CourseUnitPage",
    "StudentPostPage",
    "StudentPostTag",
    "public_name",
]
