from grading.choices import GradeStatus, LatePolicy

from .assignments import AssignmentSettings
from .extensions import Extension
from .grades import CriterionScore, Grade, NoteComment
from .rubrics import Criterion, Level, Rubric

__all__ = [
    "AssignmentSettings",
    "Criterion",
    "CriterionScore",
    "Extension",
    "Grade",
    "GradeStatus",
    "LatePolicy",
    "Level",
    "NoteComment",
    "Rubric",
]
