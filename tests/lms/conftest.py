"""The fake LMS of tests/lti_platform.py, registered in Seminar, its new courses going to the `catalogue`."""

import pytest

from tests.lti_platform import FakePlatform


@pytest.fixture
def lti_platform(catalogue):
    platform = FakePlatform.start()
    platform.register(new_courses_under="seminar.example.edu", web_origins="https://school.lms.example.test")
    yield platform
    platform.stop()
