"""Windows high contrast and 200% zoom (issue 23): in Chromium with `forced-colors: active`, at 640 CSS pixels wide
(a 1280-pixel window zoomed to 200%), every kind of public page and the members' pages keep every control visible
(inside the window, a field or button with its border where the forced colours take backgrounds away) and usable
from the keyboard: each Tab stop shows a focus outline and is not hidden, behind the members' bar or anything else.
Nothing scrolls sideways. A failure names the page and the control."""

import pytest

from tests.tour_helpers import TOUR_STOPS, tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZOOMED = {"width": 640, "height": 450}  # 1280 × 900 at 200%
TABS_PER_PAGE = 30

# Every control on the page that is shown, and what is wrong with it: outside the window (but for a strip that
# scrolls sideways), or a field or button drawn by its background alone (forced colours take backgrounds away: only
# its text would be left).
CONTROLS = """() => {
    const shown = element => element.getClientRects().length && getComputedStyle(element).visibility !== "hidden"
        && !element.closest("[hidden], [aria-hidden=true], .skip-link, .sr-only, .visually-hidden");
    const bordered = style => ["Top", "Right", "Bottom", "Left"].some(
        side => style[`border${side}Style`] !== "none" && parseFloat(style[`border${side}Width`]) > 0);
    const scrolled = element => {  // inside a strip that scrolls sideways (the units' list): reached by scrolling it
        for (let parent = element.parentElement; parent; parent = parent.parentElement)
            if (["auto", "scroll"].includes(getComputedStyle(parent).overflowX)) return true;
        return false;
    };
    const name = element => `${element.tagName.toLowerCase()} "${(element.innerText || element.value
        || element.getAttribute("aria-label") || element.name || "").trim().slice(0, 40)}"`;
    const problems = [];
    const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary";
    for (const element of [...document.querySelectorAll(selector)].filter(shown)) {
        const box = element.getBoundingClientRect();
        if (box.width < 1 || box.height < 1) problems.push(`${name(element)} has no size`);
        if ((box.left < -1 || box.right > document.documentElement.clientWidth + 1) && !scrolled(element))
            problems.push(`${name(element)} goes past the window's edge`);
        const field = element.matches("input:not([type=checkbox]):not([type=radio]), select, textarea");
        const button = element.matches("button, input[type=submit]") && !element.matches(".link-button");
        if ((field || button) && !bordered(getComputedStyle(element)))
            problems.push(`${name(element)} has no border: only its background marks it`);
    }
    return {sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth, problems};
}"""

# The focused element after a Tab: its name, whether it shows an outline, and whether the point at its centre is
# the element itself (or inside it) rather than something drawn over it, the members' bar say. Headless Chromium
# does not always scroll a tabbed-to element into view as a windowed one does: the check does it first.
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    let box = element.getBoundingClientRect();
    if (box.bottom <= 0 || box.top >= innerHeight) {
        element.scrollIntoView({block: "nearest"});
        box = element.getBoundingClientRect();
    }
    const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(box.top + Math.min(box.height, 20) / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return {
        name: `${element.tagName.toLowerCase()} "${(element.innerText || element.value
            || element.getAttribute("aria-label") || element.name || "").trim().slice(0, 40)}"`,
        outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        covered: !!top && top !== element && !element.contains(top) && !top.contains(element),
        over: top ? top.outerHTML.slice(0, 80) : "",
    };
}"""


def tab_through(page):
    """What is wrong with each of the page's first Tab stops, on the way down and back up (Shift+Tab: where a bar
    stuck to the top of the window would hide the element focus moves to)."""
    problems = []
    for key in ["Tab"] * TABS_PER_PAGE + ["Shift+Tab"] * (TABS_PER_PAGE - 1):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        if not focused["outlined"]:
            problems.append(f"{focused['name']} shows no focus outline")
        if focused["covered"]:
            problems.append(f"{focused['name']} has focus under {focused['over']}")
    return problems


def test_forced_colours_at_200_percent_keep_every_control_visible_and_usable(browser_context, tour_course):
    found, checked = [], []
    with browser_context(viewport=ZOOMED, forced_colors="active", bypass_csp=True) as page:
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        for name, _html in tour(page, email="hana@example.org"):
            checked.append(name)
            controls = page.evaluate(CONTROLS)
            if controls["sideways"] > 0:
                found.append(f"{name}: scrolls sideways by {controls['sideways']} px")
            found += [f"{name}: {problem}" for problem in controls["problems"] + tab_through(page)]
    assert checked == TOUR_STOPS
    assert not found, "In forced colours at 200%:\n" + "\n".join(dict.fromkeys(found))
