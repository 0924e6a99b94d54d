"""`ehwb init DEFINITION.xlsx`: write a definition workbook holding the built-in audit."""

from __future__ import annotations

from pathlib import Path

from ehwb_excel.cli.common import add_force_option
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json
from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError

HELP = "write a definition workbook holding the built-in Emotional Health and Wellbeing audit, to edit in Excel"
ORDER = 10


def add_arguments(parser) -> None:
    parser.add_argument("definition", metavar="DEFINITION.xlsx", help="the workbook to write")
    add_force_option(parser, "the file")


def run(args) -> int:
    from ehwb_excel.audit.default_audit import default_audit
    from ehwb_excel.definition.writer import write_definition

    path = Path(args.definition)
    where = Location(str(path))
    if path.suffix.lower() != ".xlsx":
        raise EhwbError(problems.NOT_XLSX_NAME(where))
    if path.exists() and not args.force:
        raise EhwbError(problems.FILE_EXISTS(where))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_definition(default_audit(), path)
    if args.json:
        print_json({"written": [str(path)]})
    else:
        print(f"wrote {path}: edit it in Excel, then run 'ehwb check {path}'")
    return ExitCode.OK
