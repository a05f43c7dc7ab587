"""The course home page at a desktop's width (issue 17, rough edge 9): a unit without a picture starts its text
where the row starts, with no empty picture column, and "Recent comments" follows "Latest posts" in the sidebar
instead of starting below the whole main column."""

import pytest

from home.models import HomePage
from tests.comment_helpers import approved_comment
from tests.factories import CourseUnitPageFactory, ImageFactory, StudentPostPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GEOMETRY = """() => {
    const box = target => (target.nodeType ? target : document.querySelector(target)).getBoundingClientRect();
    const indent = item => box(item.querySelector(".unit-item-text")).left - box(item).left;
    const [pictured, plain] = document.querySelectorAll(".unit-item");
    return {
        picturedText: indent(pictured),
        plainText: indent(plain),
        gapAboveRecent: box(".recent-comments").top - box(".latest-posts").bottom,
        mainHeight: box(".home-main").height,
    };
}"""


def test_no_empty_picture_column_and_no_gap_above_recent_comments(browser_page):
    course = HomePage.objects.get()
    CourseUnitPageFactory(parent=course, title="Stalin and Stalinism", image=ImageFactory())
    unit = CourseUnitPageFactory(parent=course, title="Khrushchev and the Thaw", summary="De-Stalinization. " * 20)
    for number in range(3):
        CourseUnitPageFactory(parent=course, title=f"Unit {number + 3}", summary="The long Brezhnev years. " * 20)
    approved_comment(StudentPostPageFactory(parent=unit, title="The Secret Speech"), text="A first reply")

    browser_page.goto(course.url)
    layout = browser_page.evaluate(GEOMETRY)
    assert layout["picturedText"] > 150  # beside its picture
    assert layout["plainText"] == 0  # no picture, no column kept for one
    assert layout["mainHeight"] > 1000  # the main column is far taller than "Latest posts"…
    assert 0 <= layout["gapAboveRecent"] < 60  # …and "Recent comments" still follows it closely
