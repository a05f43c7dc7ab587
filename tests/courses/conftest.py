"""The second course's fixtures now live in tests/conftest.py; re-exported for the modules that import them here."""

from tests.conftest import second_course, second_unit  # noqa: F401
