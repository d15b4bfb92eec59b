"""axe-core, run inside the page, on every page state the browser tests reach.

The pinned axe-core comes from the npm registry (tests/browser/axe/package.json, installed
by `npm ci --prefix tests/browser/axe`, which `make test` does when npm is there). It is
injected with `page.evaluate`, which the site's strict Content-Security-Policy does not
block, so the policy stays on. Any WCAG 2.1 A or AA violation fails the test, with the
rule, its impact, the elements and the page's address."""

from pathlib import Path
from typing import Any

AXE_SOURCE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """async (tags) => {
  const results = await window.axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    rule: violation.id,
    impact: violation.impact,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(" ")),
  }));
}"""

_source: str | None = None


def axe_source() -> str:
    global _source  # read once per test run: half a megabyte
    if _source is None:
        _source = AXE_SOURCE.read_text(encoding="utf-8")
    return _source


def accessibility_violations(page: Any) -> list[str]:
    """One readable line per violated rule on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source())
    found = page.evaluate(RUN_AXE, WCAG_21_AA)
    return [
        f"{item['rule']} ({item['impact']}): {item['help']}: {', '.join(item['targets'])}"
        for item in found
    ]


def check_accessibility(page: Any) -> None:
    """Fails when axe-core finds a WCAG 2.1 A/AA violation on the page as it is now."""
    page.wait_for_load_state()
    violations = accessibility_violations(page)
    assert not violations, f"axe-core on {page.url}:\n  " + "\n  ".join(violations)
