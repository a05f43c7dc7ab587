"""WCAG 2.2 AA, text contrast of 7:1 (WCAG AAA's enhanced contrast) and axe-core's best practices on every kind of
public page and the members' pages, at a desktop's width and a phone's, and in the dark colour scheme: axe-core, in
Chromium, finds nothing to report. A failure names each violation: the page, the rule, the elements and where to
read more."""

from pathlib import Path

import pytest

from tests.browser_helpers import DESKTOP, MOBILE
from tests.tour_helpers import TOUR_STOPS, tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WCAG_22_AA = [*WCAG_21_AA, "wcag22a", "wcag22aa"]
# Every page the project renders is held to this: WCAG 2.2 AA, axe's best practices, and 7:1 text contrast (the one
# AAA rule taken: course sites are read for hours, by students with low vision on cheap screens).
EXTENDED = {"tags": [*WCAG_22_AA, "best-practice"], "rules": ["color-contrast-enhanced"]}
# Staff's screens in Wagtail's admin, in Wagtail's own colours (its buttons and help text are under 7:1).
WAGTAIL_ADMIN = {"tags": [*WCAG_22_AA, "best-practice"], "rules": []}
AXE_RUN = """({tags, rules}) => axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    rules: Object.fromEntries(rules.map(rule => [rule, {enabled: true}])),
})"""


def run_axe(page, ruleset=EXTENDED):
    """axe-core's findings on the page the tab shows, under `ruleset` (the extended one unless told)."""
    page.add_script_tag(path=AXE)
    return page.evaluate(AXE_RUN, ruleset)


@pytest.fixture
def axe():
    if not AXE.exists():
        pytest.skip("needs axe-core from npm: run `make checkers` (needs npm)")

    return run_axe


def described(where, violation):
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
    rule = f"{violation['id']} ({violation['impact']}) {violation['help']}"
    return f"{where}: {rule} — {targets} — {violation['helpUrl']}"


def test_every_public_page_passes_axe_on_desktop_and_phone(browser_context, tour_course, axe):
    violations, checked = [], []
    runs = (("desktop", DESKTOP, "light"), ("375 px", MOBILE, "light"), ("desktop, dark", DESKTOP, "dark"))
    for width, viewport, scheme in runs:
        with browser_context(viewport=viewport, color_scheme=scheme, bypass_csp=True) as page:
            for name, _html in tour(page, email=f"olga-{viewport['width']}-{scheme}@example.org"):
                checked.append(name)
                violations += [described(f"{name} ({width})", violation) for violation in axe(page)["violations"]]
    assert checked == TOUR_STOPS * len(runs)
    assert not violations, "axe-core found violations:\n" + "\n".join(violations)
