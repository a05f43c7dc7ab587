"""The gradebook (Gradebook in the admin menu): a course's instructor sees each student against each graded unit —
the final score (late penalty taken off), "draft" until released, "late (N days)", "ext." for an extension,
"missing" once the student's own due date has passed with nothing submitted, "—" when nothing is due yet — and each
student's total out of what those units are worth; can show one section; sorts by name, section or total; and
downloads the same figures as CSV and XLSX, which a spreadsheet cannot be tricked into running as formulas."""

import codecs
import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from courses.models import Enrolment, Role
from courses.roles import enrol
from grading.choices import GradeStatus, LatePolicy
from grading.models import CriterionScore, Extension
from tests.factories import CourseUnitPageFactory, UserFactory, member
from tests.grading_helpers import DUE, assignment, level_named, make_grade, make_rubric
from tests.review_helpers import submit

pytestmark = pytest.mark.django_db
GRADEBOOK = reverse("grading:gradebook")
NOW = DUE + timedelta(days=10)  # the Thaw (due DUE) and Stagnation (due DUE + 7 days) are past due
LINK = '=HYPERLINK("http://evil.example","x")'
UNITS = ["Khrushchev and the Thaw", "Stagnation", "Perestroika"]


@pytest.fixture(autouse=True)
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def student(course, username, first, last, section=""):
    user = UserFactory(username=username, first_name=first, last_name=last, email=f"{username}@example.edu")
    enrol(user, course, Role.STUDENT, section=section)
    return user


def submitted(make_post, author, when, parent):
    post = make_post(title=f"{author.username} on {parent.title}", author=author, parent=parent, publish=False)
    with time_machine.travel(when, tick=False):
        submit(post, author)
    return post


def unit_due(course, title, due):
    page = CourseUnitPageFactory(parent=course, title=title, due_date=due, live=False)
    page.save_revision().publish()
    return page


@pytest.fixture
def gradebook_class(course, unit, make_post):
    """Four students in sections 001 and 002 (and one without), three units with due dates (one not due yet), one
    unit without; a released, a late-penalised, a draft rubric grade, an ungraded submission, extensions."""
    unit.due_date = DUE
    unit.save_revision().publish()
    thaw = unit
    stagnation = unit_due(course, "Stagnation", DUE + timedelta(days=7))
    unit_due(course, "Perestroika", DUE + timedelta(days=30))
    unit_due(course, "Further reading", None)  # no due date, no grading: not a column
    rubric = make_rubric(course)
    assignment(thaw, points=10, late_policy=LatePolicy.PENALTY, penalty_percent_per_day=10, penalty_cap_percent=30)
    assignment(stagnation, rubric=rubric)

    instructor = member("Instructors", course=course, username="whitaker", first_name="Anne", last_name="Whitaker")
    ana = student(course, "ana", "Ana", "Petrova", "001")
    boris = student(course, "boris", "Boris", "Ivanov", "002")
    chen = student(course, "chen", "Li", "Chen", "001")
    dara = student(course, "dara", "Dara", "Okafor")
    student(course, "gone", "Gina", "Left", "001").enrolments.get().end()  # left the course: not listed
    enrol(UserFactory(username="tom", last_name="Assistant"), course, Role.TA)  # staff: not a row

    graded = make_grade(submitted(make_post, ana, DUE - timedelta(hours=1), thaw), instructor, points=8)
    graded.status = GradeStatus.RELEASED
    graded.save()
    draft = make_grade(
        submitted(make_post, ana, DUE + timedelta(days=8, minutes=1), stagnation), instructor, late_days=2
    )
    for criterion, level in (("Use of sources", "Excellent"), ("Argument", "Adequate")):
        chosen = level_named(rubric, criterion, level)
        CriterionScore.objects.create(grade=draft, criterion=chosen.criterion, level=chosen)
    make_grade(
        submitted(make_post, boris, DUE + timedelta(hours=23), thaw),
        instructor,
        points=9,
        late_days=1,
        penalty_percent=10,
        status=GradeStatus.RELEASED,
    )
    submitted(make_post, chen, DUE + timedelta(days=6), stagnation)  # on time, not graded yet
    Extension.objects.create(unit=thaw, student=chen, due_date=DUE + timedelta(days=2))
    Extension.objects.create(unit=stagnation, section="002", due_date=DUE + timedelta(days=12))
    make_post(title="Dara's unsent draft", author=dara, parent=thaw, publish=False)
    return instructor


def table(response):
    """{student name: [section, cell texts…, total]} and the column headings, as the page shows them."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [" ".join(th.get_text(" ").split()) for th in soup.select("table.gradebook thead th")]
    rows = {}
    for tr in soup.select("table.gradebook tbody tr"):
        name = tr.th.contents[0].strip()
        rows[name] = [" ".join(td.get_text(" ").split()) for td in tr.find_all("td")]
    return headings, rows


def open_gradebook(client, user, **params):
    client.force_login(user)
    return client.get(GRADEBOOK, params)


EXPECTED = {
    "Li Chen": ["001", "missing ext.", "submitted", "—", "0.00 / 10"],
    "Boris Ivanov": ["002", "8.10 late (1 day)", "— ext.", "—", "8.10 / 10"],
    "Dara Okafor": ["—", "missing", "missing", "—", "0.00 / 20"],
    "Ana Petrova": ["001", "8.00", "7.00 draft late (2 days)", "—", "15.00 / 20"],
}


def test_the_instructor_sees_students_by_units_with_scores_and_marks(client, course, gradebook_class):
    headings, rows = table(open_gradebook(client, gradebook_class))

    assert [heading.split(" out of")[0].split(" due")[0] for heading in headings[2:-1]] == UNITS
    assert headings[2] == "Khrushchev and the Thaw out of 10 · due 1 Mar"
    assert headings[4] == "Perestroika due 31 Mar"  # no grading settings: no maximum
    assert rows == EXPECTED
    assert list(rows) == ["Li Chen", "Boris Ivanov", "Dara Okafor", "Ana Petrova"]  # by family name


def test_a_score_links_to_the_post_where_it_is_graded(client, gradebook_class):
    response = open_gradebook(client, gradebook_class)

    links = BeautifulSoup(response.content, "html.parser").select("td.gradebook-cell a")
    assert [link.get_text() for link in links] == ["submitted", "8.10", "8.00", "7.00"]
    assert all(link["href"].startswith("/admin/pages/") and link["href"].endswith("/edit/") for link in links)


def test_one_section(client, gradebook_class):
    response = open_gradebook(client, gradebook_class, section="001")

    assert table(response)[1] == {name: EXPECTED[name] for name in ("Li Chen", "Ana Petrova")}
    options = BeautifulSoup(response.content, "html.parser").select("select[name=section] option")
    assert [option.get_text() for option in options] == ["All sections", "001", "002"]


def test_an_unknown_section_is_a_clear_400(client, gradebook_class):
    response = open_gradebook(client, gradebook_class, section="999")

    assert response.status_code == 400
    assert "This course has no section “999”." in response.content.decode()


@pytest.mark.parametrize(
    ("ordering", "names"),
    [
        ("-name", ["Ana Petrova", "Dara Okafor", "Boris Ivanov", "Li Chen"]),
        ("section", ["Dara Okafor", "Li Chen", "Ana Petrova", "Boris Ivanov"]),
        ("-total", ["Ana Petrova", "Boris Ivanov", "Li Chen", "Dara Okafor"]),
    ],
)
def test_sorting(client, gradebook_class, ordering, names):
    assert list(table(open_gradebook(client, gradebook_class, ordering=ordering))[1]) == names


def test_a_course_without_students_or_graded_units_says_so(client, course):
    instructor = member("Instructors", course=course)
    html = open_gradebook(client, instructor).content.decode()

    assert "No unit of this course has a due date, grading settings or a grade yet" in html
    assert "This course has no students yet" in html


# --- Downloads ---------------------------------------------------------------------------------------------


def download(client, user, export, **params):
    response = open_gradebook(client, user, export=export, **params)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def csv_rows(client, user, **params):
    response, body = download(client, user, "csv", **params)
    assert body.startswith(codecs.BOM_UTF8)
    return response, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


HEADINGS = [
    "Student",
    "Username",
    "Email",
    "Section",
    *(f"{unit}{suffix}" for unit in UNITS for suffix in ("", " (days late)", " (status)")),
    "Total",
    "Out of",
]


def test_the_csv_has_the_screens_figures(client, course, gradebook_class):
    response, rows = csv_rows(client, gradebook_class)

    assert f'filename="gradebook-{course.slug}.csv"' in response["Content-Disposition"]
    assert rows[0] == HEADINGS
    assert rows[1:] == [
        ["Li Chen", "chen", "chen@example.edu", "001"]
        + ["", "0", "missing; extension", "", "0", "submitted", "", "0", "not due", "0.00", "10.00"],
        ["Boris Ivanov", "boris", "boris@example.edu", "002"]
        + ["8.10", "1", "released", "", "0", "not due; extension", "", "0", "not due", "8.10", "10.00"],
        ["Dara Okafor", "dara", "dara@example.edu", ""]
        + ["", "0", "missing", "", "0", "missing", "", "0", "not due", "0.00", "20.00"],
        ["Ana Petrova", "ana", "ana@example.edu", "001"]
        + ["8.00", "0", "released", "7.00", "2", "draft", "", "0", "not due", "15.00", "20.00"],
    ]


def test_the_csv_keeps_the_section_and_the_order(client, gradebook_class):
    _, rows = csv_rows(client, gradebook_class, section="001", ordering="-total")
    assert [row[0] for row in rows[1:]] == ["Ana Petrova", "Li Chen"]


def test_the_xlsx_has_the_same_numbers_as_numbers(client, gradebook_class):
    response, body = download(client, gradebook_class, "xlsx")

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))
    assert list(rows[0]) == HEADINGS
    ana = rows[-1]
    assert ana[:4] == ("Ana Petrova", "ana", "ana@example.edu", "001")
    assert [Decimal(str(ana[index])) for index in (4, 7, 13, 14)] == [8, 7, 15, 20]
    assert (ana[5], ana[6], ana[8], ana[9], ana[10]) == (0, "released", 2, "draft", None)
    boris = rows[2]
    assert (Decimal(str(boris[4])), boris[5], Decimal(str(boris[13]))) == (Decimal("8.10"), 1, Decimal("8.10"))


@pytest.fixture
def hostile(course, gradebook_class):
    """A student whose name, and another whose section, a spreadsheet would run; a unit titled like a formula."""
    mallory = student(course, "mallory", LINK, "Doe", "+1")
    student(course, "sumner", "@SUM(A1)", "Smith", "-2")
    unit_due(course, "=1+1 sources", DUE + timedelta(days=40))
    return mallory


def test_the_csv_is_formula_safe(client, gradebook_class, hostile):
    _, rows = csv_rows(client, gradebook_class)

    assert "'=1+1 sources" in rows[0]
    by_username = {row[1]: row for row in rows[1:]}
    assert by_username["mallory"][0] == f"'{LINK} Doe" and by_username["mallory"][3] == "'+1"
    assert by_username["sumner"][0] == "'@SUM(A1) Smith" and by_username["sumner"][3] == "'-2"


def test_the_xlsx_is_formula_safe(client, gradebook_class, hostile):
    _, body = download(client, gradebook_class, "xlsx")

    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows())
    heading = next(cell for cell in rows[0] if cell.value == "=1+1 sources")
    assert heading.data_type == "s"
    by_username = {row[1].value: row for row in rows[1:]}
    assert (by_username["mallory"][0].value, by_username["mallory"][3].value) == (f"{LINK} Doe", "+1")
    assert {by_username[name][column].data_type for name in ("mallory", "sumner") for column in (0, 3)} == {"s"}


def test_the_screen_escapes_what_students_chose(client, gradebook_class, hostile):
    html = open_gradebook(client, gradebook_class).content.decode()
    assert "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;) Doe" in html


def test_the_download_links_name_the_course(client, course, gradebook_class):
    html = open_gradebook(client, gradebook_class, section="001").content.decode()
    assert f"{GRADEBOOK}?section=001&amp;course={course.pk}&amp;export=csv" in html


def test_an_ended_enrolment_is_not_a_row(client, course, gradebook_class):
    Enrolment.objects.filter(user__username="dara").update(active=False)
    assert "Dara Okafor" not in table(open_gradebook(client, gradebook_class))[1]


def test_a_unit_without_a_due_date_is_a_column_once_graded_whatever_the_section(
    client, course, make_post, gradebook_class
):
    reading = course.get_children().get(title="Further reading").specific
    boris = Enrolment.objects.get(user__username="boris").user
    make_grade(make_post(title="Notes", author=boris, parent=reading), points=3)

    for params in ({}, {"section": "001"}):
        assert table(open_gradebook(client, gradebook_class, **params))[0][-2] == "Further reading"
    assert table(open_gradebook(client, gradebook_class))[1]["Boris Ivanov"][4] == "3.00 draft"
