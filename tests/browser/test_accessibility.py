"""WCAG 2.1 AA on every kind of public page, at a desktop's width and a phone's: axe-core, in Chromium, finds
nothing to report. A failure names each violation: the page, the rule, the elements and where to read more."""

from pathlib import Path

import pytest

from tests.browser_helpers import DESKTOP, MOBILE
from tests.tour_helpers import TOUR_STOPS, tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `make checkers` (needs npm)")

    def check(page):
        page.add_script_tag(path=AXE)
        return page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_21_AA)

    return check


def described(where, violation):
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
    rule = f"{violation['id']} ({violation['impact']}) {violation['help']}"
    return f"{where}: {rule} — {targets} — {violation['helpUrl']}"


def test_every_public_page_passes_axe_on_desktop_and_phone(browser_context, tour_course, axe):
    violations, checked = [], []
    for width, viewport in (("desktop", DESKTOP), ("375 px", MOBILE)):
        with browser_context(viewport=viewport, bypass_csp=True) as page:
            for name, _html in tour(page, email=f"olga-{viewport['width']}@example.org"):
                checked.append(name)
                violations += [described(f"{name} ({width})", violation) for violation in axe(page)["violations"]]
    assert checked == TOUR_STOPS * 2
    assert not violations, "axe-core found WCAG 2.1 AA violations:\n" + "\n".join(violations)
