"""Each folder imports only what its `__init__` docstring says it may ("May import: audit, excel.")."""

from __future__ import annotations

import ast
import re

import pytest

from tests.architecture.imports import PACKAGE, imports_of

FOLDERS = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
EVERY_FOLDER = "every folder"


def declared_imports(folder: str) -> set[str] | None:
    """The folders `folder`'s docstring allows; None when it allows every folder (the command line)."""
    docstring = ast.get_docstring(ast.parse((PACKAGE / folder / "__init__.py").read_text(encoding="utf-8"))) or ""
    line = re.search(r"^May import: (.+?)\.?$", docstring, re.MULTILINE)
    assert line, f"ehwb_excel/{folder}/__init__.py: its docstring has no 'May import:' line"
    allowed = line.group(1)
    if allowed.startswith(EVERY_FOLDER):
        return None
    if allowed == "nothing of ours":
        return set()
    names = {re.sub(r"\s*\(.*?\)", "", name).strip() for name in re.split(r",(?![^()]*\))", allowed)}  # "(why)" notes left out
    assert names <= set(FOLDERS), f"ehwb_excel/{folder}: 'May import' names no folder {sorted(names - set(FOLDERS))}"
    return names


def folders_imported(folder: str) -> dict[str, str]:
    """Our other folders that modules in `folder` import -> one module that does."""
    found: dict[str, str] = {}
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in imports_of(path):
            parts = name.split(".")
            if parts[0] == "ehwb_excel" and len(parts) > 1 and parts[1] in FOLDERS and parts[1] != folder:
                found.setdefault(parts[1], str(path.relative_to(PACKAGE)))
    return found


@pytest.mark.parametrize("folder", FOLDERS)
def test_a_folder_imports_only_what_its_docstring_allows(folder):
    allowed = declared_imports(folder)
    if allowed is None:
        return
    extra = {other: module for other, module in folders_imported(folder).items() if other not in allowed}
    assert not extra, "; ".join(f"{module} imports ehwb_excel.{other}" for other, module in extra.items())


def test_the_bottom_folders_import_none_of_ours():
    """The rules every other folder builds on stand alone; and the layering test sees real imports."""
    for folder in ("excel", "problems"):
        assert declared_imports(folder) == set() and not folders_imported(folder)
    assert "excel" in folders_imported("audit") and "merge" in folders_imported("master")
