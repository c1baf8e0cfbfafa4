"""axe-core on every main page, in English and in Chinese: no serious or critical violation.

axe runs its WCAG 2.x A/AA rules and best practices inside the real page at desktop width, then
the rules whose outcome depends on the layout again at phone width (a table that only scrolls
sideways on a phone, tap targets). The failure message lists each violation with the elements
it found and what to fix, so a person can act on it without rerunning anything.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import PHONE
from tests.browser.pages import BROWSER_LOCALES, LANGUAGES, MAIN_PAGES

pytestmark = pytest.mark.django_db(transaction=True)

BLOCKING_IMPACTS = {"serious", "critical"}
AXE = Axe()
PHONE_RULES = {
    "runOnly": ["scrollable-region-focusable", "target-size", "meta-viewport"],
    "resultTypes": ["violations"],
}


def blocking_violations(results) -> list[dict]:
    return [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def describe(violations: list[dict]) -> str:
    """One paragraph per violation: rule, impact, what it means, then each element and its fix."""
    lines = []
    for violation in violations:
        lines.append(f"\n[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
            lines.append(f"    {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", "\n      ")
            lines.append(f"      {summary}")
    return "\n".join(lines)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("main_page", MAIN_PAGES, ids=lambda main_page: main_page.name)
def test_main_page_has_no_serious_accessibility_violation(main_page, language, site, new_page):
    page = new_page(locale=BROWSER_LOCALES[language], user=main_page.user(site))
    page.goto(main_page.url(site, language))
    if main_page.prepare:
        main_page.prepare(page)

    violations = blocking_violations(AXE.run(page))
    page.set_viewport_size(PHONE)
    violations += blocking_violations(AXE.run(page, options=PHONE_RULES))

    assert not violations, f"{page.url}:{describe(violations)}"
