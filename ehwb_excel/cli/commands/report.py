"""`ehwb report MASTER.xlsx --out REPORT.docx [--pdf] [--template T.docx]`: the Word report from the master."""

from __future__ import annotations

import json
from pathlib import Path

from ehwb_excel.cli.common import add_json_option, print_report

HELP = "write the Word report (and optionally a PDF) from the master workbook"
ORDER = 40


def add_arguments(parser) -> None:
    parser.add_argument("master", type=Path, help="the master workbook (.xlsx) after the merge")
    parser.add_argument("--out", type=Path, help="the .docx to write (default: beside the master, named '<master> report.docx')")
    parser.add_argument("--pdf", action="store_true", help="also write a PDF beside the .docx, through LibreOffice")
    parser.add_argument("--template", type=Path, help="a Word .docx or .dotx whose styles the report uses (default: built-in styles)")
    add_json_option(parser)


def run(args) -> int:
    # imported here: python-docx and matplotlib load only when a report is asked for
    from ehwb_excel.report.document import build_report, save_report
    from ehwb_excel.report.pdf import convert_to_pdf
    from ehwb_excel.report.report_input import read_report_input

    out = args.out or args.master.with_name(f"{args.master.stem} report.docx")
    report_input = read_report_input(args.master)  # EhwbError (exit 1) when the master cannot be read
    document, report = build_report(report_input, args.template)
    written = [save_report(document, out)]
    if args.pdf:
        pdf, problem = convert_to_pdf(out)
        report.add(problem)
        if pdf:
            written.append(pdf)
    if args.json:
        print(json.dumps({**report.to_dict(), "written": [str(p) for p in written]}, indent=2, ensure_ascii=False))
        return 0
    print_report(report)
    for path in written:
        print(f"wrote {path}")
    return 0
