"""docs/architecture.md is the map of the code: it cannot name a module that is gone, leave an
app out, or state an import direction the code does not keep."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAP = (ROOT / "docs" / "architecture.md").read_text()

# The layers of docs/architecture.md, left to right: an app imports only from layers before
# its own.
LAYERS = [["core"], ["accounts"], ["trainings", "knowledge"], ["cards", "mi", "assessments"]]
LAYERS.append(["workshops"])
LAYER = {app: n for n, apps in enumerate(LAYERS) for app in apps}
APPS = sorted(p.name for p in (ROOT / "journeys").iterdir() if (p / "apps.py").exists())


def test_every_module_the_map_names_exists():
    named = set(re.findall(r"`(journeys/[\w/.]+)`", MAP))
    assert len(named) > 30
    missing = sorted(path for path in named if not (ROOT / path).exists())
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_app_is_on_the_map_and_in_a_layer():
    for app in APPS:
        assert f"| `{app}` |" in MAP, f"the app {app} is not in docs/architecture.md's table"
        assert app in LAYER, f"the app {app} has no place in the import direction"
    drawn = "  <-  ".join(", ".join(layer) for layer in LAYERS)
    assert drawn in MAP, f"docs/architecture.md should draw the layers as: {drawn}"


def imports_of(path: Path) -> set[str]:
    return set(re.findall(r"^\s*(?:from|import) journeys\.(\w+)", path.read_text(), re.M))


def test_imports_flow_one_way():
    wrong = []
    for app in APPS:
        for path in (ROOT / "journeys" / app).rglob("*.py"):
            for other in imports_of(path) & set(APPS):
                if other != app and LAYER[other] >= LAYER[app]:
                    wrong.append(f"{path.relative_to(ROOT)} imports journeys.{other}")
    assert not wrong, "imports against docs/architecture.md's direction:\n" + "\n".join(wrong)


def test_the_readme_links_the_map():
    readme = (ROOT / "README.md").read_text()
    assert "(docs/architecture.md)" in readme
    assert "DESIGN.md" not in readme, "the README points at a design file outside the repository"
