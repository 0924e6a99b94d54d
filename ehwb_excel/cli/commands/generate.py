"""`ehwb generate DEFINITION.xlsx --out DIR`: one workbook per agency plus the master skeleton."""

from __future__ import annotations

import sys
from pathlib import Path

from ehwb_excel.cli.common import add_force_option, add_password_option, password_of
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json, progress_bar
from ehwb_excel.cli.paths import input_workbook
from ehwb_excel.problems.catalogue.command_line import OUTPUTS_EXIST
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError

HELP = "write one workbook per agency (and the master workbook) from a definition workbook"
ORDER = 30


def add_arguments(parser) -> None:
    parser.add_argument("definition", metavar="DEFINITION.xlsx", help="the definition workbook (see 'ehwb init')")
    parser.add_argument("--out", metavar="DIR", required=True, help="folder to write the workbooks into (created if missing)")
    parser.add_argument(
        "--allow-references", action="store_true",
        help="generate even though a case reference is not of the form 'Case A' (only when you are sure it names no child)",
    )
    parser.add_argument(
        "--agency", metavar="CODE", action="append", help="only this agency's workbook (repeat for several); default: every agency"
    )
    add_password_option(parser, "every workbook written (the agencies' and the master), which are then encrypted with it")
    add_force_option(parser, "agency workbooks (never the master)")


def run(args) -> int:
    from ehwb_excel.definition.reader import read_definition
    from ehwb_excel.problems.catalogue.definition import REFERENCE_LOOKS_LIKE_NAME
    from ehwb_excel.workbook.generate import generate, master_file_name, planned_files, planned_names

    audit, report = read_definition(input_workbook(args.definition, "definition workbook"))
    if audit is None:
        raise EhwbError(report.errors)
    # a reference becomes a sheet name in every agency's workbook: one that may be a child's name
    # stops the run (the check cannot tell "Review 3" from a name, so the coordinator can say so)
    names = [p for p in report.warnings if p.type is REFERENCE_LOOKS_LIKE_NAME]
    if names and not args.allow_references:
        if not args.json:
            print("nothing was written: rename the cases, or add --allow-references if these references name no child", file=sys.stderr)
        raise EhwbError(names)
    if not args.json:
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    out = Path(args.out)
    password = password_of(args, confirm=True)
    _replacing(args, out, planned_names(audit, args.agency))
    with progress_bar(args, planned_files(audit, args.agency), "generating") as bar:
        written = generate(audit, out, progress=lambda path: bar.update(1), agencies=args.agency, password=password)
    master = out / master_file_name(audit)
    if args.json:
        print_json({**report.to_dict(), "written": [str(p) for p in written], "master": str(master),
                    "master_kept": master not in written})
        return ExitCode.OK
    for path in written:
        print(path)
    agency_files = len([p for p in written if p != master])
    encrypted = " (encrypted: each opens only with the password)" if password is not None else ""
    print(f"wrote {agency_files} agency workbook{'s' if agency_files != 1 else ''} to {out}{encrypted}", file=sys.stderr)
    if master not in written:
        print(f"kept the existing master {master} (a master is never replaced: it holds the coordinator's work)", file=sys.stderr)
    return ExitCode.OK


def _replacing(args, out: Path, names: list[str]) -> None:
    """Say which agency workbooks are about to be replaced; refuse without --force."""
    existing = [name for name in names if (out / name).exists()]
    if not existing:
        return
    shown = ", ".join(existing[:3]) + (f" and {len(existing) - 3} more" if len(existing) > 3 else "")
    if not args.force:
        raise EhwbError(OUTPUTS_EXIST(Location(str(out)), count=len(existing), names=shown))
    if not args.json:
        print(f"replacing {len(existing)} agency workbook{'s' if len(existing) != 1 else ''} in {out}: {shown}", file=sys.stderr)
