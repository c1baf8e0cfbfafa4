"""The project's shape, as rules on imports and sizes: each fails when a module imports across a
line, or grows past what a reader takes in at once.

Dependencies run one way: `networkdir` (configuration) -> apps -> `core`, and between the apps
`workspace` -> `profiles` -> `outreach` -> `platforms`. Models hold no template or HTTP
machinery, and APIs reach the HTML side through neither its views nor its forms. Imports are
read from the source with `ast`, so an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "platforms", "outreach", "profiles", "workspace")
# Which packages each app may import from the project: lower layers only.
MAY_IMPORT = {
    "core": set(),
    "platforms": {"core"},
    "outreach": {"core", "platforms"},
    "profiles": {"core", "platforms", "outreach"},
    "workspace": {"core", "platforms", "outreach", "profiles"},
}
TEMPLATE_OR_HTTP = ("django.template", "django.shortcuts", "django.http", "django.middleware")
HTML_SIDE = ("views", "forms", "candidate_views", "api_token_views")


def project_modules(app: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def imported_modules(path: Path) -> set[str]:
    """Every module `path` imports, absolute names only (the project uses no relative imports)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def top_package(module: str) -> str:
    return module.split(".", 1)[0]


ALL_MODULES = [path for app in APPS for path in project_modules(app)]


@pytest.mark.parametrize("path", ALL_MODULES, ids=module_name)
def test_apps_import_only_lower_layers_and_never_the_configuration(path):
    app = top_package(module_name(path))
    project = {*APPS, "networkdir", "bench", "tests"}
    crossings = {
        module
        for module in imported_modules(path)
        if top_package(module) in project
        and top_package(module) != app
        and top_package(module) not in MAY_IMPORT[app]
    }

    assert not crossings, f"{module_name(path)} imports {sorted(crossings)}"


MODEL_MODULES = [path for path in ALL_MODULES if path.name.endswith("models.py")]


@pytest.mark.parametrize("path", MODEL_MODULES, ids=module_name)
def test_models_import_no_template_or_http_machinery(path):
    machinery = {
        module for module in imported_modules(path) if module.startswith(TEMPLATE_OR_HTTP)
    } | {module for module in imported_modules(path) if module.endswith((".cache", ".views"))}

    assert not machinery, f"{module_name(path)} imports {sorted(machinery)}"


API_MODULES = [path for path in ALL_MODULES if path.name == "api.py" or path.parent.name == "api"]


@pytest.mark.parametrize("path", API_MODULES, ids=module_name)
def test_apis_import_no_html_views_or_forms(path):
    html = {
        module
        for module in imported_modules(path)
        if top_package(module) in APPS and set(module.split(".")[1:2]) & set(HTML_SIDE)
    }

    assert not html, f"{module_name(path)} imports {sorted(html)}"


# A module a reader takes in whole, and a function read at once: the sizes past which the code is
# split, with the longest of each today well inside them.
LONGEST_MODULE = 600
LONGEST_FUNCTION = 60


@pytest.mark.parametrize("path", ALL_MODULES, ids=module_name)
def test_no_module_is_longer_than_a_reader_takes_in(path):
    lines = len(path.read_text().splitlines())

    assert lines <= LONGEST_MODULE, f"{module_name(path)} has {lines} lines"


@pytest.mark.parametrize("path", ALL_MODULES, ids=module_name)
def test_no_function_is_longer_than_can_be_read_at_once(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    functions = (
        node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    )
    long = {
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in functions
        if node.end_lineno - node.lineno + 1 > LONGEST_FUNCTION
    }

    assert not long, f"{module_name(path)}: {sorted(long)}"


def test_the_rules_see_every_app():
    """Guards the tests above against passing because they read nothing."""
    assert {top_package(module_name(path)) for path in ALL_MODULES} == set(APPS)
    assert len(MODEL_MODULES) >= 2
    assert len(API_MODULES) >= 3


# What the recommender may take from `django.db`: the vocabularies' choice enums, no queries.
CHOICES = {"django.db.models", "django.db.models.TextChoices", "django.db.models.IntegerChoices"}


def project_closure(module: str) -> set[str]:
    """`module` and every project module it imports, directly or through others."""
    seen: set[str] = set()
    waiting = [module]
    while waiting:
        name = waiting.pop()
        path = ROOT / f"{name.replace('.', '/')}.py"
        if name in seen or not path.exists():
            continue
        seen.add(name)
        waiting.extend(
            imported for imported in imported_modules(path) if top_package(imported) in APPS
        )
    return seen


def test_the_recommender_reaches_no_database():
    """`outreach.recommender` is pure Python over its inputs: neither it nor anything it imports
    reads a model, a selector or the database, so 10,000 candidates score without a query."""
    closure = project_closure("outreach.recommender")
    touching = {
        name
        for name in closure
        if name.rsplit(".", 1)[-1] in {"models", "selectors", "services", "catalog"}
    }
    queries = {
        imported
        for name in closure
        for imported in imported_modules(ROOT / f"{name.replace('.', '/')}.py")
        if imported.startswith("django.db") and imported not in CHOICES
    }

    assert {"outreach.inputs", "outreach.rules"} <= closure
    assert not touching, f"the recommender imports {sorted(touching)}"
    assert not queries, f"the recommender imports {sorted(queries)}"
