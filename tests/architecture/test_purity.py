"""The core stays pure: the model, Excel's rules, the merge, the problems, the checks and the
report's words import no file-format library, directly or through another module of ours."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ehwb_excel"

# libraries that read or write a file format: they belong at the edges (readers, writers, cli)
FILE_FORMATS = {"openpyxl", "python_calamine", "docx", "xlwings", "lxml", "zipfile"}

PURE = ["audit", "excel", "merge", "problems", "returns/checks", "report/narrative.py", "report/findings.py"]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _path_of(module: str) -> Path | None:
    base = PACKAGE.parent.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def _imports(path: Path) -> frozenset[str]:
    """Every module `path` imports anywhere in its body (lazy imports inside functions too)."""
    found = set()
    package = _module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module_name(path)
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)  # `from pkg import module`
    return frozenset(found)


def file_formats_reached(path: Path) -> dict[str, list[str]]:
    """Forbidden library -> the chain of our modules through which `path` imports it."""
    reached: dict[str, list[str]] = {}
    seen: set[Path] = set()
    stack = [(path, [_module_name(path)])]
    while stack:
        current, chain = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name in _imports(current):
            top = name.split(".")[0]
            if top in FILE_FORMATS:
                reached.setdefault(top, chain)
            elif top == "ehwb_excel" and (target := _path_of(name)) is not None:
                stack.append((target, chain + [_module_name(target)]))
    return reached


def _pure_modules() -> list[Path]:
    modules = []
    for entry in PURE:
        target = PACKAGE / entry
        modules += [target] if target.is_file() else sorted(target.rglob("*.py"))
    return modules


@pytest.mark.parametrize("path", _pure_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_pure_module_reaches_no_file_format_library(path):
    reached = file_formats_reached(path)
    assert not reached, "; ".join(f"{lib} via {' -> '.join(chain)}" for lib, chain in reached.items())


def test_the_purity_test_can_fail(tmp_path, monkeypatch):
    """An edge module is seen as impure, directly and through a chain of our own modules."""
    assert "openpyxl" in file_formats_reached(PACKAGE / "master" / "writer.py")
    assert len(_pure_modules()) > 30
