"""The core stays pure: the model, Excel's rules, the merge, the problems, the checks and the
report's words import no file-format library, directly or through another module of ours."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.architecture.imports import PACKAGE, imports_of, module_name, path_of

# libraries that read or write a file format: they belong at the edges (readers, writers, cli)
FILE_FORMATS = {"openpyxl", "python_calamine", "docx", "xlwings", "lxml", "zipfile"}

PURE = ["audit", "excel", "merge", "problems", "returns/checks", "report/narrative.py", "report/findings.py"]


def file_formats_reached(path: Path) -> dict[str, list[str]]:
    """Forbidden library -> the chain of our modules through which `path` imports it."""
    reached: dict[str, list[str]] = {}
    seen: set[Path] = set()
    stack = [(path, [module_name(path)])]
    while stack:
        current, chain = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        for name in imports_of(current):
            top = name.split(".")[0]
            if top in FILE_FORMATS:
                reached.setdefault(top, chain)
            elif top == "ehwb_excel" and (target := path_of(name)) is not None:
                stack.append((target, chain + [module_name(target)]))
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
