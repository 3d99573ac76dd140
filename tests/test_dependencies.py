"""The declared dependencies are the imported ones: nothing declared that the code never imports, nothing
imported that only arrives through another project's dependencies.

Every ``import`` in sitegen/ (found in the syntax tree, so imports inside functions and ``try`` count) is
mapped to the distributions that provide it through ``importlib.metadata.packages_distributions``, and
compared with pyproject.toml's dependencies and extras; tests/ likewise with the ``test`` extra added.
"""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from functools import cache
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
# Declared on purpose although no module of ours imports them:
NOT_IMPORTED = {
    "tzdata": "zoneinfo's time zone database where the system has none (Windows, slim containers)",
    "lxml-html-clean": "imported by trafilatura's justext as lxml.html.clean, which lxml no longer ships",
}


def normalise(name: str) -> str:
    """A distribution name as the package index compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert match, requirement
    return normalise(match.group(1))


def declared(*extras: str) -> set[str]:
    """The base dependencies plus the named extras' (every extra but ``test`` when none is named)."""
    groups = PROJECT.get("optional-dependencies", {})
    names = extras or tuple(name for name in groups if name != "test")
    return {requirement_name(r) for r in [*PROJECT["dependencies"], *(r for name in names for r in groups[name])]}


def imported_top_level(folder: Path) -> dict[str, str]:
    """Every third-party top-level module imported under ``folder`` -> the first file:line importing it."""
    found: dict[str, str] = {}
    own = {"sitegen", "__future__"} | {path.stem for path in folder.rglob("*.py")}  # tests import each other
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in own:
                    found.setdefault(top, f"{path.relative_to(REPO)}:{node.lineno}")
    return found


@cache
def distributions_of() -> dict[str, set[str]]:
    return {module: {normalise(dist) for dist in dists} for module, dists in packages_distributions().items()}


def providers(module: str) -> set[str]:
    """The distributions providing ``module``; an optional one not installed here goes by its own name."""
    return distributions_of().get(module) or {normalise(module)}


def undeclared(imports: dict[str, str], allowed: set[str]) -> list[str]:
    return sorted(f"{where}: imports {module} (from {', '.join(sorted(providers(module)))}), not declared"
                  for module, where in imports.items() if not providers(module) & allowed)


def unused(imports: dict[str, str], names: set[str]) -> list[str]:
    used = {dist for module in imports for dist in providers(module)}
    return sorted(names - used - set(NOT_IMPORTED))


def test_the_scan_finds_imports_inside_functions_and_try_blocks() -> None:
    imports = imported_top_level(REPO / "sitegen")
    assert {"jinja2", "yaml", "markdown_it", "slugify"} <= imports.keys()
    assert "charset_normalizer" in imports  # imported inside a function
    assert "markdown_it_pyrs" in imports  # inside try/except ImportError
    assert "os" not in imports and "sitegen" not in imports
    assert providers("yaml") == {"pyyaml"} and providers("slugify") >= {"python-slugify"}


def test_every_import_of_sitegen_is_declared() -> None:
    assert undeclared(imported_top_level(REPO / "sitegen"), declared()) == []


def test_every_declared_dependency_is_imported_by_sitegen() -> None:
    assert unused(imported_top_level(REPO / "sitegen"), declared()) == []
    assert set(NOT_IMPORTED) <= declared(), "a reason kept for a dependency no longer declared"


def test_every_import_of_the_tests_is_declared_and_every_test_dependency_used() -> None:
    imports = imported_top_level(REPO / "tests")
    assert undeclared(imports, declared() | declared("test")) == []
    test_extra = {requirement_name(r) for r in PROJECT["optional-dependencies"]["test"]}
    assert unused(imports, test_extra) == []


def test_livereload_is_gone_and_the_accelerator_is_an_extra() -> None:
    assert "livereload" not in declared()
    assert "markdown-it-pyrs" not in {requirement_name(r) for r in PROJECT["dependencies"]}
    assert "markdown-it-pyrs" in declared("fast")
