"""Every kind of public page is valid HTML as the server sends it: the Nu HTML Checker (a current vnu-jar from
npm, on the machine's Java) reports no error. A failure names the page, the line and the checker's message."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.tour_helpers import TOUR_STOPS, tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VNU = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture
def vnu():
    if not VNU.exists():
        pytest.skip("needs vnu-jar from npm: run `make checkers` (needs npm)")
    if not shutil.which("java"):
        pytest.skip("needs Java 17 for the Nu HTML Checker: sudo apt-get install -y openjdk-17-jre-headless")

    def check(files):
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        return json.loads(run.stderr)["messages"]  # vnu writes its report to stderr

    return check


def test_every_public_page_is_valid_html(browser_page, tour_course, vnu, tmp_path):
    pages = []
    for name, html in tour(browser_page):
        pages.append(tmp_path / f"{name}.html")
        pages[-1].write_text(html)
    assert [page.stem for page in pages] == TOUR_STOPS

    errors = [
        f"{Path(message['url']).stem}:{message.get('lastLine', '?')}: {message['message']}" for message in vnu(pages)
    ]
    assert not errors, "The Nu HTML Checker found errors:\n" + "\n".join(errors)
