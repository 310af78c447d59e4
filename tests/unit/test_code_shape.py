"""The code's shape: short functions, and an engine that never imports the site layer.

Both are read from the source's syntax tree, so they hold for every module in
src/creative_health, including ones added later.

- No function or method is longer than MAX_LINES (from its ``def`` line, decorators
  excluded, to its last line): a longer one does several jobs, and each job gets a
  named helper.
- Only ``creative_health.site`` itself and ``creative_health.commands`` import
  ``creative_health.site``: the engine (loading, validation, the model, open data, the
  issue form, the change review) is used by the site, never the other way, so the
  commands read the site's settings and pass in what the engine needs.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "creative_health"
MAX_LINES = 80
MAY_IMPORT_SITE = ("creative_health.site", "creative_health.commands")


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[int, str, int]]:
    """(line, name, length) of each function or method longer than ``limit`` lines."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if length > limit:
                found.append((node.lineno, node.name, length))
    return sorted(found)


def module_name(path: Path) -> str:
    """'creative_health.site.urls' for src/creative_health/site/urls.py; a package's
    __init__.py is the package itself."""
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(source: str, module: str, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, absolute name) of everything ``module`` imports: modules, and for
    ``from X import y`` both X and X.y (y may be a submodule). Relative imports are
    resolved against the module's package."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    names: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                origin = ".".join(base + ([node.module] if node.module else []))
            else:
                origin = node.module or ""
            names.append((node.lineno, origin))
            names += [(node.lineno, f"{origin}.{alias.name}") for alias in node.names]
    return names


def site_imports(path: Path) -> list[str]:
    module = module_name(path)
    if module.startswith(MAY_IMPORT_SITE):
        return []
    found = imported(path.read_text("utf-8"), module, path.name == "__init__.py")
    by_line = {
        line: name
        for line, name in reversed(found)
        if name.split(".")[:2] == ["creative_health", "site"]
    }
    return [f"{_shown(path)}:{line}: imports {name}" for line, name in sorted(by_line.items())]


def test_no_function_is_longer_than_80_lines() -> None:
    offenders = [
        f"{_shown(path)}:{line}: {name} is {length} lines long"
        for path in _modules()
        for line, name, length in long_functions(path.read_text("utf-8"))
    ]
    assert not offenders, (
        f"Functions longer than {MAX_LINES} lines (split each into named helpers):\n"
        + "\n".join(offenders)
    )


def test_the_engine_never_imports_the_site_layer() -> None:
    offenders = [message for path in _modules() for message in site_imports(path)]
    assert not offenders, (
        "Only creative_health/site/ and creative_health/commands/ may import the site "
        "layer; pass what the engine needs in from the command instead:\n" + "\n".join(offenders)
    )


def test_the_checks_see_what_they_look_for() -> None:
    """The walkers themselves: a long function and every form of a site import are found."""

    def body(lines: int, indent: str) -> str:
        return "\n".join(f"{indent}x{i} = {i}" for i in range(lines))

    too_long = f"def short():\n    pass\n\n\nclass A:\n    def long(self):\n{body(MAX_LINES, '        ')}\n"
    assert long_functions(too_long) == [(6, "long", MAX_LINES + 1)]
    assert long_functions(f"def fits():\n{body(MAX_LINES - 1, '    ')}\n") == []
    source = (
        "import creative_health.site.urls\n"
        "from creative_health import site\n"
        "from ..site.settings import settings_from_mkdocs\n"
        "from .. import site as s\n"
        "from ..opendata.urls import url_of\n"
        "from . import convert\n"
    )
    names = [name for _, name in imported(source, "creative_health.issue_form.writer")]
    assert "creative_health.site.urls" in names
    assert "creative_health.site" in names
    assert "creative_health.site.settings" in names
    assert names.count("creative_health.site") == 2
    assert "creative_health.opendata.urls" in names
    assert "creative_health.issue_form.convert" in names
    # A package's own __init__ resolves relative imports against itself.
    assert (1, "creative_health.issue_form.definition") in imported(
        "from .definition import FORM\n", "creative_health.issue_form", is_package=True
    )
    assert module_name(PACKAGE / "site" / "urls.py") == "creative_health.site.urls"
    assert module_name(PACKAGE / "issue_form" / "__init__.py") == "creative_health.issue_form"
