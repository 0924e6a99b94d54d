"""`ehwb report MASTER.xlsx --out REPORT.docx [--pdf] [--template T.docx]`: the Word report from the master."""

from __future__ import annotations

from pathlib import Path

from ehwb_excel.cli.common import add_force_option, add_password_option, password_of, print_report
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json, step
from ehwb_excel.cli.paths import input_workbook, output_file
from ehwb_excel.problems.catalogue.command_line import OUTPUT_NAME, PDF_NOT_ENCRYPTED
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError

HELP = "write the Word report (and optionally a PDF) from the master workbook"
ORDER = 50
PROBLEMS_FOUND = "the PDF asked for could not be made (the .docx is written; the line says why)"


def add_arguments(parser) -> None:
    parser.add_argument("master", type=Path, help="the master workbook (.xlsx) after the merge")
    parser.add_argument("--out", type=Path, metavar="REPORT.docx",
                        help="the .docx to write, or a .pdf to write both (default: beside the master, named '<master> report.docx')")
    parser.add_argument("--pdf", action="store_true", help="also write a PDF beside the .docx, through LibreOffice")
    parser.add_argument("--all-quotes", action="store_true",
                        help="add an appendix with every distinct strength and area for development, not only those chosen")
    parser.add_argument("--template", type=Path, help="a Word .docx or .dotx whose styles the report uses (default: built-in styles)")
    add_password_option(parser, "an encrypted master; the report .docx is then encrypted with it too")
    add_force_option(parser, "a report")


def run(args) -> int:
    # imported here: python-docx and Pillow load only when a report is asked for
    from ehwb_excel.report.document import build_report, save_report
    from ehwb_excel.report.pdf import convert_to_pdf
    from ehwb_excel.master.trail import recorded, report_entry
    from ehwb_excel.report.report_input import read_report_input

    master = input_workbook(args.master, "master workbook")
    password = password_of(args)
    docx, pdf = _outputs(args)
    if pdf and password is not None:
        raise EhwbError(PDF_NOT_ENCRYPTED(Location(str(pdf))))
    with step(args, "reading the master"):
        report_input = read_report_input(master, password=password)  # EhwbError (exit 2) when the master cannot be read
    with step(args, "building the report"):
        document, report = build_report(report_input, args.template, all_quotes=args.all_quotes)
        written = [save_report(document, docx, password)]
    if pdf:
        with step(args, "converting the report to PDF with LibreOffice"):
            made, problem = convert_to_pdf(docx, pdf)
        report.add(problem)
        written += [made] if made else []
    report.add(recorded(master, report_entry(master, written), "report"))
    code = ExitCode.PROBLEMS if pdf and pdf not in written else ExitCode.OK
    if args.json:
        print_json({**report.to_dict(), "written": [str(p) for p in written], "exit_code": int(code)})
        return code
    print_report(report)
    for path in written:
        print(f"wrote {path}")
    return code


def _outputs(args) -> tuple[Path, Path | None]:
    """The .docx and the PDF (None when not asked for), named by what they are; neither may exist unless --force."""
    out = args.out or args.master.with_name(f"{args.master.stem} report.docx")
    suffix = out.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        raise EhwbError(OUTPUT_NAME(Location(str(out)), why="the report is a Word document (.docx), with a PDF beside it if asked for",
                                    suffixes=".docx (or .pdf for both)"))
    docx = out.with_suffix(".docx") if suffix == ".pdf" else out
    pdf = out if suffix == ".pdf" else (docx.with_suffix(".pdf") if args.pdf else None)
    for path, what in ((docx, "report"), (pdf, "PDF")):
        if path is not None:
            output_file(path, what, force=args.force)
    return docx, pdf
