"""Two courses on one install: the demo's "Soviet History" (its own default Site) and "Medieval Europe" (a Site of
its own), each with a unit."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from tests.factories import CourseUnitPageFactory


@pytest.fixture
def second_course(db):
    home = HomePage(title="Medieval Europe", slug="medieval-europe", term="Fall 2026")
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.create(hostname="medieval.example.edu", port=80, root_page=home, site_name="Medieval Europe")
    return home


@pytest.fixture
def second_unit(second_course):
    page = CourseUnitPageFactory(parent=second_course, title="The Crusades", live=False)
    page.save_revision().publish()
    return page
