"""Test-wide fixtures: where the shared real-application files are, and whether LibreOffice is.

Tests that need LibreOffice or ../shared/ skip with a reason where those are absent, except
under CI=true, where their absence fails the run (CI has both).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EHWB_SHARED", PROJECT_ROOT.parent / "shared"))
REAL_FILES = SHARED / "fixtures" / "real-files"
IN_CI = os.environ.get("CI", "").lower() == "true"


def _absent(reason: str):
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)", pytrace=False)
    pytest.skip(reason)


def libreoffice_missing_reason() -> str | None:
    """Why LibreOffice cannot be driven here; None when it can."""
    if not shutil.which("soffice"):
        return "LibreOffice (soffice) is not installed"
    try:
        subprocess.run(["/usr/bin/python3", "-c", "import uno"], check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "/usr/bin/python3 cannot import uno (install python3-uno)"
    return None


@pytest.fixture(scope="session")
def real_files() -> Path:
    """The folder of files saved by real Excel, LibreOffice, Google Sheets, Numbers and Word."""
    if not REAL_FILES.is_dir():
        _absent(f"real-application fixtures not found at {REAL_FILES}")
    return REAL_FILES


@pytest.fixture(scope="session")
def libreoffice_available() -> None:
    reason = libreoffice_missing_reason()
    if reason:
        _absent(reason)


def pytest_collection_modifyitems(config, items):
    for item in items:
        # a marker is enough to get the gate: the test need not name the fixture
        for marker, fixture in (("libreoffice", "libreoffice_available"), ("real_files", "real_files")):
            if marker in item.keywords and fixture not in item.fixturenames:
                item.fixturenames.insert(0, fixture)
