"""The README's set-up command, run as written with Debian's own /usr/bin/python3 (externally managed, PEP 668)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI

PROJECT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = Path("/usr/bin/python3")
# a fresh virtual environment and every dependency from PyPI: minutes, so only in CI or when asked
pytestmark = pytest.mark.skipif(not IN_CI and os.environ.get("EHWB_SLOW") != "1",
                                reason="installs the project into a fresh virtual environment (minutes): runs under CI=true or EHWB_SLOW=1")
TIME_ALLOWED = 20 * 60


def readme_command(heading: str = "## Two commands") -> str:
    """The first `sh` block under `heading` in the README: the set-up command as a user copies it."""
    text = (PROJECT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)\n```", text[text.index(heading):], re.S)
    assert block, f"no sh block under {heading!r}"
    return block.group(1).strip()


def _clone(to: Path) -> Path:
    """The checkout's files as a fresh clone has them (tracked and new, nothing ignored, no .venv)."""
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=PROJECT, capture_output=True,
                           check=True).stdout.decode().split("\0")
    for name in filter(None, names):
        if (PROJECT / name).is_file():
            (to / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT / name, to / name)
    return to


def test_the_readme_set_up_works_with_the_system_python(tmp_path):
    if not SYSTEM_PYTHON.exists():
        pytest.fail("no /usr/bin/python3 here: this test stands for a stock Debian or Ubuntu machine")
    stdlib = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    assert (Path(stdlib) / "EXTERNALLY-MANAGED").exists(), "the system Python here is not externally managed: not a stock Debian"
    clone = _clone(tmp_path / "clone")
    command = readme_command()
    assert command.startswith("python3 -m venv .venv && ")
    # as on a stock machine: `python3` is the system's, nothing of this test's own environment leaks in
    env = {"PATH": "/usr/bin:/bin", "HOME": os.environ.get("HOME", str(tmp_path)), "LANG": "C.UTF-8"}
    done = subprocess.run(command, shell=True, cwd=clone, env=env, capture_output=True, text=True, timeout=TIME_ALLOWED)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert (clone / "output" / "demo" / "report.docx").is_file() and (clone / "output" / "demo" / "report.pdf").is_file()
    assert "done: open " in done.stdout
    helped = subprocess.run([str(clone / ".venv" / "bin" / "ehwb"), "--help"], env=env, capture_output=True, text=True, timeout=60)
    assert helped.returncode == 0 and "exit codes:" in helped.stdout


def test_plain_pip_into_the_system_python_is_what_the_venv_avoids(tmp_path):
    has_pip = subprocess.run([str(SYSTEM_PYTHON), "-m", "pip", "--version"], capture_output=True).returncode == 0
    if not has_pip:
        pytest.skip("the system Python has no pip here (python3-pip is not installed), so it cannot even try")
    done = subprocess.run([str(SYSTEM_PYTHON), "-m", "pip", "install", "--dry-run", "--no-deps", str(PROJECT)],
                          capture_output=True, text=True, timeout=300, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert done.returncode != 0 and "externally-managed-environment" in done.stderr

