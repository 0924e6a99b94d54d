"""After a merge from Excel: the button offers to write the report beside the master, as `ehwb report` does.

The report is read from the saved master (the merge has just saved it), written as
'<master> report.docx' beside it, and as a PDF too where LibreOffice can make one. Every
failure becomes one line of the button's message: the merge itself has already succeeded.
"""

from __future__ import annotations

from pathlib import Path

from ehwb_excel.addin.port import WorkbookPort
from ehwb_excel.problems.problem import EhwbError

DECLINED = "No report was written; click the button again after the next merge, or run 'ehwb report' on the master."


def report_path(master: Path) -> Path:
    """Where the report goes: beside the master, named by what it is (as `ehwb report` names it)."""
    return master.with_name(f"{master.stem} report.docx")


def offer_report(port: WorkbookPort, master: Path) -> str:
    """Ask whether to write the report now; what was written (or why not), for the button's message."""
    docx = report_path(master)
    replacing = " It replaces the report already there." if docx.exists() else ""
    question = (f"Write the report beside '{master.name}' now?\n\n"
                f"It is saved as '{docx.name}' (Word), and as a PDF where LibreOffice is installed.{replacing}")
    if not port.ask_yes_no(question):
        return DECLINED
    try:
        return write_report(master, docx)
    except EhwbError as error:
        return "The report was not written: " + " ".join(str(error.problems[0] if error.problems else error).split())
    except (ImportError, OSError) as error:  # python-docx missing in Excel's Python; a locked or read-only folder
        return f"The report was not written: {type(error).__name__}: {' '.join(str(error).split())}"


def write_report(master: Path, docx: Path) -> str:
    """Write the .docx (and the PDF where LibreOffice can make one); a sentence saying what was written."""
    # imported here: python-docx loads only when a report is asked for
    from ehwb_excel.report.document import build_report, save_report
    from ehwb_excel.report.pdf import convert_to_pdf
    from ehwb_excel.report.report_input import read_report_input

    document, report = build_report(read_report_input(master))
    save_report(document, docx)
    pdf, problem = convert_to_pdf(docx)
    written = f"The report is written: {docx}" + (f" and {pdf}." if pdf else ".")
    notes = [str(p) for p in report.problems] + ([str(problem)] if problem else [])
    return written + "".join(f"\n- {' '.join(note.split())}" for note in notes[:5])
