"""The report as PDF through LibreOffice where it is installed: tagged, with an outline, and a page-numbered contents list.

`soffice --convert-to pdf` prints the contents field's last result, which has no page numbers
(only Word or an explicit index update computes them). So LibreOffice is driven over UNO by
lo_export.py, which updates the contents first. `uno` is importable only by LibreOffice's own
Python (the system /usr/bin/python3 on Debian and Ubuntu, the bundled one on Windows and macOS),
not by the project's, so the script runs as a separate process under that interpreter.
Where no Python has `uno`, the plain conversion still gives a PDF, with a warning.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from ehwb_excel.files.atomic import OWNER_ONLY
from ehwb_excel.problems.catalogue.report import CONTENTS_NOT_NUMBERED, LIBREOFFICE_MISSING, PDF_FAILED
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

EXPORT_SCRIPT = Path(__file__).with_name("lo_export.py")
SYSTEM_PYTHON = "/usr/bin/python3"
# Tagged PDF carries the heading structure and the images' alt text (LibreOffice drops both otherwise);
# JSON filter options are understood from LibreOffice 7.4. Only for the plain conversion (no `uno`).
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},' \
             '"ExportBookmarks":{"type":"boolean","value":"true"},' \
             '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}'
TIMEOUT_SECONDS = 180
CHECK_SECONDS = 30  # for "can this Python import uno?"
QUIT_SECONDS = 10  # for LibreOffice to quit by itself before it is stopped
TIMED_OUT = "timed out"


def find_soffice() -> str | None:
    """The LibreOffice program on PATH (or the usual Windows and macOS places); None when absent."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for candidate in (r"C:\Program Files\LibreOffice\program\soffice.exe",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if Path(candidate).is_file():
            return candidate
    return None


def uno_python_candidates(soffice: str) -> list[Path]:
    """Where a Python with LibreOffice's `uno` lives: bundled beside soffice (Windows, macOS), else the system one."""
    program = Path(soffice).resolve().parent
    return [program / "python.exe", program / "python", program.parent / "Resources" / "python", Path(SYSTEM_PYTHON)]


def find_uno_python(soffice: str) -> str | None:
    """The first candidate Python that can import `uno`; None when none can."""
    for python in uno_python_candidates(soffice):
        if python.is_file() and _imports_uno(python):
            return str(python)
    return None


def _imports_uno(python: Path) -> bool:
    try:
        return subprocess.run([str(python), "-c", "import uno"], capture_output=True, timeout=CHECK_SECONDS).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def convert_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike | None = None, *,
                   timeout: float = TIMEOUT_SECONDS) -> tuple[Path | None, Problem | None]:
    """(the PDF written, None), (the PDF written, a warning) or (None, the problem).

    Never raises for a missing or failing LibreOffice. The warning (CONTENTS_NOT_NUMBERED) means
    the PDF came from the plain conversion: complete, but its contents list has no page numbers.
    """
    docx_path = Path(docx_path)
    pdf_path = Path(pdf_path) if pdf_path else docx_path.with_suffix(".pdf")
    where = Location.of(docx_path)
    soffice = find_soffice()
    if soffice is None:
        return None, LIBREOFFICE_MISSING(where)
    deadline = time.monotonic() + timeout
    python = find_uno_python(soffice)
    if python is None:
        why = "no Python here can import uno, LibreOffice's Python bridge: install the python3-uno package"
    else:
        made, why = _export_over_uno(soffice, python, docx_path, pdf_path, deadline)
        if made:
            return made, None
        if why == TIMED_OUT:  # a second try would overrun the time allowed too
            return None, PDF_FAILED(where, why=f"it took longer than {int(timeout)} seconds")
        why = f"updating the contents in LibreOffice failed: {why}"
    made, failure = _convert_plainly(soffice, docx_path, pdf_path, deadline)
    if made:
        return made, CONTENTS_NOT_NUMBERED(where, why=why)
    if failure == TIMED_OUT:
        failure = f"it took longer than {int(timeout)} seconds"
    return None, PDF_FAILED(where, why=failure)


def _export_over_uno(soffice: str, python: str, docx_path: Path, pdf_path: Path, deadline: float) -> tuple[Path | None, str]:
    """(the PDF, "") or (None, why not): a private LibreOffice on its own pipe, driven by lo_export.py, always stopped."""
    with tempfile.TemporaryDirectory(prefix="ehwb-pdf-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        pipe = f"ehwb-pdf-{uuid.uuid4().hex}"
        made = work / "report.pdf"
        # a private profile: no clash with a LibreOffice the user has open, and no stale lock files
        command = [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}", f"--accept=pipe,name={pipe};urp;"]
        try:
            # its own process group, so that stopping it reaches soffice.bin behind the oosplash wrapper
            office = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, start_new_session=True)
        except OSError as error:
            return None, str(error)
        try:
            done = subprocess.run([python, str(EXPORT_SCRIPT), pipe, str(docx_path.resolve()), str(made)],
                                  capture_output=True, text=True, timeout=_left(deadline))
        except subprocess.TimeoutExpired:
            return None, TIMED_OUT
        except OSError as error:
            return None, str(error)
        finally:
            _stop(office)
        if done.returncode != 0 or not made.is_file():
            return None, _last_line(done, "the export script")
        return _move(made, pdf_path), ""


def _convert_plainly(soffice: str, docx_path: Path, pdf_path: Path, deadline: float) -> tuple[Path | None, str]:
    """(the PDF, "") or (None, why not) from `soffice --convert-to`: the contents list keeps its last result."""
    with tempfile.TemporaryDirectory(prefix="ehwb-pdf-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        profile = (work / "profile").as_uri()
        command = [soffice, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile}",
                   "--convert-to", PDF_FILTER, "--outdir", str(work), str(docx_path.resolve())]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=_left(deadline))
        except subprocess.TimeoutExpired:
            return None, TIMED_OUT
        except OSError as error:
            return None, str(error)
        made = work / f"{docx_path.stem}.pdf"
        if done.returncode != 0 or not made.is_file():
            return None, _last_line(done, "LibreOffice")
        return _move(made, pdf_path), ""


def _stop(office: subprocess.Popen) -> None:
    """Wait for LibreOffice to quit (lo_export.py asks it to), else terminate, then kill, it and only it."""
    try:
        office.wait(timeout=QUIT_SECONDS)
        return
    except subprocess.TimeoutExpired:
        pass
    for sig in (signal.SIGTERM, getattr(signal, "SIGKILL", signal.SIGTERM)):
        try:
            if hasattr(os, "killpg"):
                os.killpg(office.pid, sig)
            else:  # Windows: no process groups; the launcher passes termination on
                office.terminate() if sig == signal.SIGTERM else office.kill()
        except (ProcessLookupError, PermissionError):
            return
        try:
            office.wait(timeout=QUIT_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


def _move(made: Path, pdf_path: Path) -> Path:
    """The PDF LibreOffice made, moved into place owner-only, as every file we write is (LibreOffice follows the umask)."""
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(made, OWNER_ONLY)
    shutil.move(str(made), pdf_path)
    return pdf_path


def _left(deadline: float) -> float:
    return max(deadline - time.monotonic(), 1.0)


def _last_line(done: subprocess.CompletedProcess, who: str) -> str:
    lines = (done.stderr or done.stdout or "").strip().splitlines()
    return lines[-1] if lines else f"{who} ended with exit status {done.returncode}"
