"""The layout stays honest: the meeting core is pure, and the record reads only the log."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import podium

PACKAGE = Path(podium.__file__).parent

# The core may use the standard library's data types and gettext's markers, nothing more.
CORE_ALLOWED = {"podium.meeting", "podium.i18n"}
CLOCK_CALLS = {"now", "utcnow", "today", "time", "monotonic", "perf_counter"}


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _outside(module: str, allowed: set[str]) -> bool:
    top = module.split(".")[0]
    if top != "podium":
        return top not in sys.stdlib_module_names
    return not any(module == a or module.startswith(a + ".") for a in allowed)


def test_the_meeting_core_imports_nothing_from_the_web_the_store_or_elsewhere() -> None:
    wrong = [
        f"{path.name}:{line} imports {module}"
        for path in sorted((PACKAGE / "meeting").glob("*.py"))
        for line, module in _imports(path)
        if _outside(module, CORE_ALLOWED)
        or module.split(".")[0] in {"asyncio", "sqlite3", "socket", "threading", "os", "time"}
    ]
    assert wrong == []


def test_the_meeting_core_never_reads_the_clock() -> None:
    calls = [
        f"{path.name}:{node.lineno}"
        for path in sorted((PACKAGE / "meeting").glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in CLOCK_CALLS
    ]
    assert calls == []


def test_nothing_below_the_web_imports_the_web() -> None:
    wrong = [
        f"{path.relative_to(PACKAGE)}:{line} imports {module}"
        for folder in ("meeting", "conceptnote", "store", "live", "record", "reference", "")
        for path in sorted((PACKAGE / folder).glob("*.py"))
        if path.name != "__init__.py" or folder
        for line, module in _imports(path)
        if module.startswith(("podium.web", "podium.cli", "fastapi", "starlette", "uvicorn"))
    ]
    assert wrong == []
