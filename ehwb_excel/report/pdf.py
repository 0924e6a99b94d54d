"""The report as PDF, converted by LibreOffice where it is installed (tagged, so alt text and headings reach the PDF)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ehwb_excel.catalogue.report import LIBREOFFICE_MISSING, PDF_FAILED
from ehwb_excel.location import Location
from ehwb_excel.problems import Problem

# Tagged PDF carries the heading structure and the images' alt text (LibreOffice drops both otherwise);
# JSON filter options are understood from LibreOffice 7.4.
PDF_FILTER = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},' \
             '"ExportBookmarks":{"type":"boolean","value":"true"},' \
             '"DisplayPDFDocumentTitle":{"type":"boolean","value":"true"}}'
TIMEOUT_SECONDS = 180


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


def convert_to_pdf(docx_path: str | os.PathLike, pdf_path: str | os.PathLike | None = None, *,
                   timeout: float = TIMEOUT_SECONDS) -> tuple[Path | None, Problem | None]:
    """(the PDF written, None) or (None, the problem): never raises for a missing or failing LibreOffice."""
    docx_path = Path(docx_path)
    pdf_path = Path(pdf_path) if pdf_path else docx_path.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None:
        return None, LIBREOFFICE_MISSING(Location.of(docx_path))
    with tempfile.TemporaryDirectory(prefix="ehwb-pdf-") as work:
        work = Path(work)
        # a private profile: no clash with a LibreOffice the user has open, and no stale lock files
        profile = (work / "profile").as_uri()
        command = [soffice, "--headless", "--norestore", "--nologo", f"-env:UserInstallation={profile}",
                   "--convert-to", PDF_FILTER, "--outdir", str(work), str(docx_path.resolve())]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None, PDF_FAILED(Location.of(docx_path), why=f"it took longer than {int(timeout)} seconds")
        except OSError as error:
            return None, PDF_FAILED(Location.of(docx_path), why=str(error))
        made = work / f"{docx_path.stem}.pdf"
        if done.returncode != 0 or not made.is_file():
            detail = (done.stderr or done.stdout or "").strip().splitlines()
            return None, PDF_FAILED(Location.of(docx_path), why=detail[-1] if detail else f"exit status {done.returncode}")
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(made), pdf_path)
    return pdf_path, None
