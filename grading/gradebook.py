"""The gradebook of one course: its students (rows) by its graded units (columns), each cell what the course's
staff need to see at a glance, and each student's total. The screen and the CSV/XLSX downloads (gradebook_views)
read the same `Gradebook`, so their numbers cannot differ.

Which units: the course's units in tree order that have a due date, grading settings or a grade (a unit with none
of them is not an assignment). Which students: the course's active student enrolments (a student who left is
gone from the gradebook, as from the roster).

A cell, for one student and one unit:
- graded: the grade's final score (points or rubric levels, less the late penalty the grade was given), marked
  "draft" until released; its days late are those the grade records, since its penalty rests on them;
- submitted but not graded yet: "submitted", with the days late `lateness.assess` finds (or "not accepted" after
  the cut-off);
- nothing submitted (a draft never sent to review counts as nothing) and the student's due date, with any
  extension, has passed: "missing"; otherwise "—";
- "ext." on any of these when the student or their section has an extension for the unit.
A student with several posts in a unit: the most recently changed grade counts, else their earliest submission.

The total adds up the final scores, out of the most the units add up to where the student's work was scored or is
missing (a missing unit counts 0 of its points): "15.30 / 20". Draft scores count: the gradebook is for staff,
who see the "draft" marks beside them.

Built in a fixed number of queries, however many students: no query per row or cell.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from blog.models import CourseUnitPage, StudentPostPage
from courses.models import Enrolment, Role
from grading import rules
from grading.lateness import assess
from grading.models import AssignmentSettings, Extension, Grade

RELEASED = "released"
DRAFT = "draft"
UNSCORED = "not scored"
SUBMITTED = "submitted"
REFUSED = "not accepted"
MISSING = "missing"
NOT_DUE = "not due"
DASH = "—"
ORDERINGS = ("name", "-name", "section", "-section", "total", "-total")


def plain(number):
    """A number as people write it: "20" for 20.00, "12.50" for 12.5."""
    if number is None:
        return ""
    return f"{number:.0f}" if number == number.to_integral_value() else f"{number:.2f}"


@dataclass
class Column:
    unit: CourseUnitPage
    max_points: Decimal | None


@dataclass
class Cell:
    status: str
    score: Decimal | None = None
    late_days: int = 0
    extension: bool = False
    post: StudentPostPage | None = None

    @property
    def text(self):
        """What the cell says before its marks."""
        if self.status in (RELEASED, DRAFT):
            return f"{self.score:.2f}"
        if self.status == NOT_DUE:
            return DASH
        return self.status

    @property
    def marks(self):
        """The small labels after the text: "draft", "late (2 days)", "ext."."""
        found = []
        if self.status == DRAFT or (self.status == UNSCORED):
            found.append("draft")
        if self.late_days:
            found.append(f"late ({self.late_days} day{'' if self.late_days == 1 else 's'})")
        if self.extension:
            found.append("ext.")
        return found

    @property
    def counts(self):
        """Whether the total counts this unit: scored, or missing (0)."""
        return self.score is not None or self.status == MISSING

    @property
    def export_status(self):
        """The status column of a download: released, draft, not scored, submitted, not accepted, missing or not
        due, with "; extension" when the student has one."""
        return f"{self.status}; extension" if self.extension else self.status


@dataclass
class Row:
    enrolment: Enrolment
    cells: list = field(default_factory=list)

    @property
    def user(self):
        return self.enrolment.user

    @property
    def name(self):
        return self.user.get_full_name() or self.user.get_username()

    @property
    def section(self):
        return self.enrolment.section

    @property
    def total(self):
        """The final scores added up, a missing unit counting 0 (None when nothing is scored or missing yet)."""
        counted = [cell.score or Decimal("0") for cell in self.cells if cell.counts]
        return sum(counted, Decimal("0")).quantize(rules.HUNDREDTH) if counted else None

    def out_of(self, columns):
        """The most the units scored or missing for this student add up to (None when none has a maximum)."""
        counted = [
            column.max_points
            for column, cell in zip(columns, self.cells, strict=True)
            if column.max_points is not None and cell.counts
        ]
        return sum(counted, Decimal("0")) if counted else None


@dataclass
class Gradebook:
    course: object
    columns: list
    rows: list
    sections: list

    def order_by(self, ordering):
        """Rows by name (family name first), section or total; names break ties. Unknown orderings sort by name."""
        ordering = ordering if ordering in ORDERINGS else "name"
        key, descending = ordering.removeprefix("-"), ordering.startswith("-")
        self.rows.sort(key=name_key, reverse=descending and key == "name")
        if key == "section":
            self.rows.sort(key=lambda row: row.section, reverse=descending)  # stable: names stay A to Z
        elif key == "total":
            self.rows.sort(key=lambda row: (row.total is not None, row.total or 0), reverse=descending)
        return self

    def totals(self):
        """(row, total, out of) for each row."""
        return [(row, row.total, row.out_of(self.columns)) for row in self.rows]


def name_key(row):
    user = row.user
    return (user.last_name.lower(), user.first_name.lower(), user.get_username().lower(), user.pk)


def student_enrolments(course):
    return Enrolment.objects.active().filter(course=course, role=Role.STUDENT)


def course_sections(course):
    """The sections the course's students are in, sorted: the section filter's choices (one query)."""
    found = student_enrolments(course).exclude(section="").values_list("section", flat=True)
    return sorted(set(found))


def build(course, section=None, now=None, sections=None):
    """The gradebook of `course`, only `section`'s students when given (sorted by name); `sections` are the
    course's (`course_sections`) when the caller has them already."""
    now = now or timezone.now()
    chosen = student_enrolments(course).filter(section=section) if section else student_enrolments(course)
    students = chosen.values("user")  # a subquery: no list of ids in the SQL, however large the class
    enrolments = list(chosen.select_related("user"))
    grades = list(Grade.objects.with_scores().filter(post__path__startswith=course.path, post__author__in=students))
    units = graded_units(course)
    settings = unit_settings(units)
    extensions = list(Extension.objects.filter(unit__in=units))
    posts = student_posts(course, units, students)
    lateness = assess(posts)
    columns = [Column(unit, rules.max_points(settings.get(unit.pk))) for unit in units]
    work = Work(posts, grades, lateness, extensions)
    rows = [Row(each, [work.cell(unit, each, now) for unit in units]) for each in enrolments]
    sections = course_sections(course) if sections is None else sections
    return Gradebook(course, columns, rows, sections).order_by("name")


def graded_units(course):
    """The course's units, in tree order, with a due date, grading settings or a grade (whichever section is shown:
    the columns stay the same)."""
    graded = Grade.objects.filter(post__path__startswith=OuterRef("path"))
    wanted = Q(due_date__isnull=False) | Q(assignment__isnull=False) | Q(Exists(graded))
    return list(CourseUnitPage.objects.child_of(course).filter(wanted).defer_streamfields().order_by("path"))


def unit_settings(units):
    """{unit id: AssignmentSettings}, each with its rubric's criteria and levels (for its maximum)."""
    found = (
        AssignmentSettings.objects.filter(unit__in=units)
        .select_related("unit", "rubric")
        .prefetch_related("rubric__criteria__levels")
    )
    return {each.unit_id: each for each in found}


def student_posts(course, units, students):
    """The posts of `students` (users, as a subquery) in `units`: drafts and posts in review too."""
    unit_paths = {unit.path for unit in units}
    posts = StudentPostPage.objects.filter(
        path__startswith=course.path, depth=course.depth + 2, author__in=students
    ).defer_streamfields()
    return [post for post in posts if post.path[: -StudentPostPage.steplen] in unit_paths]


class Work:
    """Every student's posts, grades, lateness and extensions, indexed to answer `cell` without a query."""

    def __init__(self, posts, grades, lateness, extensions):
        self.posts = {}
        for post in posts:
            self.posts.setdefault((post.path[: -StudentPostPage.steplen], post.author_id), []).append(post)
        self.grades = {}
        for grade in sorted(grades, key=lambda grade: grade.updated_at):
            self.grades[(grade.post.path[: -StudentPostPage.steplen], grade.post.author_id)] = grade  # latest wins
        self.lateness = lateness
        self.extensions = extensions
        self.extended = {(each.unit_id, each.student_id) for each in extensions if each.student_id} | {
            (each.unit_id, each.section) for each in extensions if each.section
        }

    def has_extension(self, unit, enrolment):
        return (unit.pk, enrolment.user_id) in self.extended or (
            bool(enrolment.section) and (unit.pk, enrolment.section) in self.extended
        )

    def cell(self, unit, enrolment, now):
        extension = self.has_extension(unit, enrolment)
        grade = self.grades.get((unit.path, enrolment.user_id))
        if grade is not None:
            score = grade.final_score
            status = (RELEASED if grade.is_released else DRAFT) if score is not None else UNSCORED
            return Cell(status, score, grade.late_days, extension, grade.post)
        submitted = [
            (found.submitted_at, post, found)
            for post in self.posts.get((unit.path, enrolment.user_id), [])
            if (found := self.lateness.get(post.pk)) is not None and found.submitted_at is not None
        ]
        if submitted:
            _, post, found = min(submitted, key=lambda each: (each[0], each[1].pk))
            return Cell(REFUSED if found.refused else SUBMITTED, None, found.late_days, extension, post)
        due = rules.due_for(unit, _Student(enrolment.user_id), enrolment.section, extensions=self.extensions)
        return Cell(MISSING if due is not None and due < now else NOT_DUE, extension=extension)


@dataclass(frozen=True)
class _Student:
    """Just the id rules.due_for compares extensions with."""

    pk: int
