"""The public site as readers see it, photographed in Chromium for the README: `make screenshots` writes the
pictures to docs/screenshots/ (SEMINAR_SCREENSHOTS names the folder); in `make test` they go to a temporary folder
and are checked to be whole pages at the reader's width, with every image on them loaded."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

from blog.models import CourseUnitPage, StudentPostPage
from tests.browser_helpers import DESKTOP, MOBILE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNIT = "Khrushchev and the Thaw"
POST = "The Man of Steel Falls and The Union is Reborn"


@pytest.fixture
def folder(tmp_path):
    named = os.environ.get("SEMINAR_SCREENSHOTS")
    folder = Path(named) if named else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def photograph(page, url, path):
    """The whole page once every lazy image has loaded and the discussion's form has arrived."""
    page.goto(url)
    page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(image => { image.loading = 'eager'; })")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # the discussion's form loads when near
    page.wait_for_function("() => [...document.images].every(image => image.complete && image.naturalWidth > 0)")
    if page.locator(".leave-reply[data-form-url]").count():
        page.locator("form.comment-form").wait_for()
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=path, full_page=True, animations="disabled")


def test_screenshots_of_home_unit_post_and_mobile_post(browser_context, folder):
    call_command("load_demo", force=True, verbosity=0)
    unit = CourseUnitPage.objects.get(title=UNIT)
    post = StudentPostPage.objects.get(title=POST)
    shots = {"home": ("/", DESKTOP), "unit": (unit.url, DESKTOP), "post": (post.url, DESKTOP)}
    shots["post-mobile"] = (post.url, MOBILE)

    for name, (url, viewport) in shots.items():
        with browser_context(viewport=viewport, reduced_motion="reduce") as page:
            photograph(page, url, folder / f"{name}.png")
            height = page.evaluate("document.documentElement.scrollHeight")
        with Image.open(folder / f"{name}.png") as picture:
            assert picture.size == (viewport["width"], height), f"{name}.png is not the whole page"
