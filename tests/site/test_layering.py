"""Dependencies run one way, bottom to top (README, Architecture):

    site_project (settings, infrastructure) → courses → home, blog → discussion, editorial
    → roster, reports, wordpress_import, terms, members, grading → caching, privacy
    → site_project.urls, site_project.wsgi

Every project module's imports are read with `ast`, at module level and inside functions. A module may import its
own layer and the layers below; apps never import one another in a circle, nor do modules; and project code is
imported at module level only, except inside an `AppConfig.ready()`, where Django wants signal receivers and
registrations connected. Each failure names the file, the line and the import.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

LAYERS = [
    ["site_project"],
    ["courses"],
    ["home", "blog"],
    ["discussion", "editorial"],
    ["roster", "reports", "wordpress_import", "terms", "members", "grading", "signin", "lms"],
    ["caching", "privacy"],
    ["site_project.urls", "site_project.wsgi"],
]
PACKAGES = sorted({name.split(".")[0] for layer in LAYERS for name in layer})


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules():
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                modules[module_name(path)] = path
    return modules


MODULES = project_modules()


def layer_of(module):
    """The layer of the longest name in LAYERS that `module` is or is inside."""
    best = None
    for index, layer in enumerate(LAYERS):
        for name in layer:
            if (module == name or module.startswith(name + ".")) and (best is None or len(name) > len(best[1])):
                best = (index, name)
    return best[0]


def app_of(module):
    return module.split(".")[0]


class Import:
    def __init__(self, source, target, line, in_function, in_ready):
        self.source, self.target, self.line = source, target, line
        self.in_function, self.in_ready = in_function, in_ready

    def __str__(self):
        return f"{MODULES[self.source].relative_to(ROOT)}:{self.line} imports {self.target}"


def resolve(module, node):
    """The project modules an import statement names (a submodule named in `from package import name` counts as
    itself, anything else as the package)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".")
            if MODULES[module].name != "__init__.py":
                package = package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names]
    return [name for name in names if app_of(name) in PACKAGES and name in MODULES]


def imports_of(module):
    tree = ast.parse(MODULES[module].read_text(), filename=str(MODULES[module]))
    found = []

    def visit(node, in_function, in_ready):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in resolve(module, child):
                    found.append(Import(module, target, child.lineno, in_function, in_ready))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                is_ready = getattr(child, "name", "") == "ready" and module.endswith(".apps")
                visit(child, True, in_ready or is_ready)
            else:
                visit(child, in_function, in_ready)

    visit(tree, False, False)
    return found


IMPORTS = [found for module in MODULES for found in imports_of(module)]


def find_cycle(edges):
    """A cycle in a graph given as {node: {neighbour: example}}, as the list of its nodes, or None."""
    state, stack = {}, []

    def walk(node):
        state[node] = "open"
        stack.append(node)
        for neighbour in sorted(edges.get(node, {})):
            if state.get(neighbour) == "open":
                return stack[stack.index(neighbour) :] + [neighbour]
            if neighbour not in state and (cycle := walk(neighbour)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(edges):
        if node not in state and (cycle := walk(node)):
            return cycle
    return None


def describe(cycle, edges):
    return "\n".join(str(edges[a][b]) for a, b in zip(cycle, cycle[1:], strict=False))


def test_the_project_is_read():
    """The checks below mean something only if they see the project's modules and their imports."""
    assert {"blog.models.posts", "home.models", "discussion.tree", "caching.invalidation"} <= set(MODULES)
    assert any(found.source == "home.models" and found.target.startswith("blog.models") for found in IMPORTS)


def test_no_module_imports_a_layer_above_it():
    upward = [found for found in IMPORTS if layer_of(found.target) > layer_of(found.source)]
    assert not upward, "Imports from a higher layer:\n" + "\n".join(map(str, upward))


def test_no_project_import_inside_a_function_but_app_ready():
    hidden = [found for found in IMPORTS if found.in_function and not found.in_ready]
    assert not hidden, "Import project code at module level (or in AppConfig.ready()):\n" + "\n".join(map(str, hidden))


def test_apps_depend_on_one_another_one_way():
    edges = {}
    for found in IMPORTS:
        source, target = app_of(found.source), app_of(found.target)
        if source != target and layer_of(found.source) < len(LAYERS) - 1:
            edges.setdefault(source, {}).setdefault(target, found)
    cycle = find_cycle(edges)
    assert cycle is None, "Apps import one another in a circle:\n" + describe(cycle, edges)


def test_no_import_cycle_between_modules():
    edges = {}
    for found in IMPORTS:
        if found.source != found.target:
            edges.setdefault(found.source, {}).setdefault(found.target, found)
    cycle = find_cycle(edges)
    assert cycle is None, "Modules import one another in a circle:\n" + describe(cycle, edges)


@pytest.mark.parametrize(
    ("source", "code", "expected"),
    [
        ("blog.models.posts", "from discussion import tree", "upward"),
        ("blog.models.posts", "def f():\n    from blog.visibility import readable_by", "hidden"),
        ("courses.apps", "class C:\n    def ready(self):\n        from courses import roles", None),
        ("home.models", "from blog.models import StudentPostPage", None),
    ],
)
def test_the_checks_catch_what_they_should(source, code, expected):
    """The rules above applied to made-up statements: an upward import and a function-level one are caught, an
    import in ready() and a downward one are not."""
    tree = ast.parse(code)
    statements = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    in_function = any(isinstance(node, ast.FunctionDef) for node in ast.walk(tree))
    in_ready = any(isinstance(node, ast.FunctionDef) and node.name == "ready" for node in ast.walk(tree))
    targets = [target for statement in statements for target in resolve(source, statement)]
    assert targets
    found = [Import(source, target, 1, in_function, in_ready) for target in targets]
    verdict = None
    if any(layer_of(item.target) > layer_of(item.source) for item in found):
        verdict = "upward"
    elif any(item.in_function and not item.in_ready for item in found):
        verdict = "hidden"
    assert verdict == expected
