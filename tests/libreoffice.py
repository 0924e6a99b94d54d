"""A private headless LibreOffice for tests, always shut down, driven over UNO by tests/uno_driver.py.

Usage in a test module (one soffice per module keeps the shared machine light):

    from tests.libreoffice import libreoffice  # noqa: F401  (module-scoped fixture)

    @pytest.mark.libreoffice
    def test_something(libreoffice):
        results = libreoffice.run([op("open", path=str(xlsx)), op("validations", sheet="Case A", range="A1:H60")])
        cells = results[1]["cells"]

`uno` is importable only from /usr/bin/python3, not from the interpreter running pytest, so
each `run` sends its operations as one JSON job to uno_driver.py under that interpreter; see
its docstring for the operations. The office runs with its own profile (so no stale lock or
user setting interferes) and its own pipe name, and is killed even when a test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("uno_driver.py")
UNO_PYTHON = "/usr/bin/python3"
JOB_SECONDS = 300


def op(name: str, **arguments) -> dict:
    """One driver operation: op("set_value", sheet="Case A", cell="C6", value="Good")."""
    return {"op": name, **arguments}


class LibreOfficeError(RuntimeError):
    pass


class LibreOffice:
    """A headless soffice listening on a private pipe; a context manager."""

    def __init__(self, soffice: str | None = None):
        self.soffice = soffice or shutil.which("soffice") or "soffice"
        self.pipe = f"ehwb-lo-{uuid.uuid4().hex[:12]}"
        self.profile: Path | None = None
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "LibreOffice":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        self.profile = Path(tempfile.mkdtemp(prefix="ehwb-lo-profile-"))
        command = [
            self.soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            f"-env:UserInstallation={self.profile.as_uri()}",
            f"--accept=pipe,name={self.pipe};urp;",
        ]
        # its own process group, so stop() reaches soffice.bin started by the oosplash wrapper
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    def stop(self) -> None:
        """Terminate, then kill, this office (and only it), and remove its profile."""
        process, self.process = self.process, None
        if process is not None:
            for sig, wait in ((signal.SIGTERM, 15), (signal.SIGKILL, 15)):
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    break
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        if self.profile is not None:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None

    def run(self, operations: list[dict], timeout: float = JOB_SECONDS) -> list[dict]:
        """The driver's result for each operation, in order (a failed one carries "error")."""
        if self.process is None or self.process.poll() is not None:
            raise LibreOfficeError("LibreOffice is not running")
        job = json.dumps({"pipe": self.pipe, "operations": operations})
        done = subprocess.run([UNO_PYTHON, str(DRIVER)], input=job, capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            raise LibreOfficeError(f"uno_driver failed ({done.returncode}): {done.stderr.strip()[-2000:]}")
        return json.loads(done.stdout)["results"]

    def run_ok(self, operations: list[dict], timeout: float = JOB_SECONDS) -> list[dict]:
        """Like `run`, but raises when any operation failed."""
        results = self.run(operations, timeout)
        failed = [r for r in results if "error" in r]
        if failed:
            raise LibreOfficeError("; ".join(f"{r['op']}: {r['error']}" for r in failed))
        return results


@pytest.fixture(scope="module")
def libreoffice(libreoffice_available):
    """One private LibreOffice for the whole test module, stopped however the tests end."""
    office = LibreOffice()
    office.start()
    try:
        yield office
    finally:
        office.stop()
