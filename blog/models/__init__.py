from .authors import AuthorProfile, public_name
from .posts import StudentPostPage, StudentPostTag
from .units import CourseUnitPage

__all__ = ["AuthorProfile", "CourseUnitPage", "StudentPostPage", "StudentPostTag", "public_name"]
