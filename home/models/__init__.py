from blog.models.base import course_for

from .catalogue import CataloguePage
from .course import HomePage

__all__ = ["CataloguePage", "HomePage", "course_for"]
