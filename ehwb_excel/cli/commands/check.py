"""`ehwb check DEFINITION.xlsx`: list every mistake in a definition workbook."""

from __future__ import annotations

import sys

from ehwb_excel.cli.common import add_json_option, print_report
from ehwb_excel.definition.reader import read_definition

HELP = "check a definition workbook and list every mistake with its sheet and cell"
ORDER = 20


def add_arguments(parser) -> None:
    parser.add_argument("definition", metavar="DEFINITION.xlsx", help="the definition workbook to check")
    add_json_option(parser)


def run(args) -> int:
    audit, report = read_definition(args.definition)
    print_report(report, as_json=args.json)
    if not args.json:
        print(summary(report), file=sys.stdout)
    return 0 if report.valid else 1


def summary(report) -> str:
    """'2 errors, 1 warning'."""
    errors, warnings = len(report.errors), len(report.warnings)
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
