"""The admin package's shape: modules small enough to read, dependencies running one way."""

import ast
from pathlib import Path

import claims.admin

PACKAGE = Path(claims.admin.__file__).parent


def _admin_imports(path: Path) -> set[str]:
    """Return the `claims.admin` modules one module imports, at any depth in its body."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("claims.admin"):
            if node.module == "claims.admin":
                found.update(f"claims.admin.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def test_admin_modules_import_each_other_without_a_cycle():
    """No module of the admin package imports, directly or through others, one that imports it back."""
    graph = {f"claims.admin.{p.stem}": _admin_imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    done, path = set(), []

    def visit(module):
        assert module not in path, f"import cycle: {' → '.join([*path[path.index(module):], module])}"
        if module in done:
            return
        path.append(module)
        for imported in graph.get(module, ()):
            visit(imported)
        path.pop()
        done.add(module)

    for module in graph:
        visit(module)


def test_admin_modules_stay_under_800_lines():
    """Each module of the admin package has one job, which fits in about 800 lines."""
    sizes = {p.name: len(p.read_text().splitlines()) for p in PACKAGE.glob("*.py")}
    assert {name: n for name, n in sizes.items() if n > 800} == {}
