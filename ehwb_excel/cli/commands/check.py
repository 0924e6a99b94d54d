"""`ehwb check DEFINITION.xlsx`: list every mistake in a definition workbook."""

from __future__ import annotations

from ehwb_excel.cli.common import print_report
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.paths import input_workbook

HELP = "check a definition workbook and list every mistake with its sheet and cell"
ORDER = 20
PROBLEMS_FOUND = "the definition has errors (each listed with its sheet and cell)"


def add_arguments(parser) -> None:
    parser.add_argument("definition", metavar="DEFINITION.xlsx", help="the definition workbook to check")


def run(args) -> int:
    from ehwb_excel.definition.reader import read_definition

    audit, report = read_definition(input_workbook(args.definition, "definition workbook"))
    print_report(report, as_json=args.json)
    if not args.json:
        print(summary(report))
    return ExitCode.OK if report.valid else ExitCode.PROBLEMS


def summary(report) -> str:
    """'2 errors, 1 warning'."""
    errors, warnings = len(report.errors), len(report.warnings)
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
