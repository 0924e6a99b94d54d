"""Options and output shared by several commands."""

from __future__ import annotations

import json
import sys

from ehwb_excel.problems.problem import Report


def add_json_option(parser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON instead of a table")


def print_report(report: Report, *, as_json: bool = False, stream=None) -> None:
    """Every problem on one line (errors first), or the report as JSON."""
    stream = stream or sys.stdout
    if as_json:
        json.dump(report.to_dict(), stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return
    for problem in report.errors + report.warnings:
        stream.write(f"{problem.severity.value}: {problem}\n")
