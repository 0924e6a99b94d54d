"""`ehwb merge RETURNS_DIR --master MASTER.xlsx`: merge every return in a folder into the master workbook."""

from __future__ import annotations

import sys

from ehwb_excel.cli.common import add_jobs_option, add_password_option, password_of
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import file_progress, print_json, print_problems, step
from ehwb_excel.cli.paths import input_workbook

HELP = "merge the returns in a folder into the master workbook's derived sheets (coordinator sheets untouched)"
ORDER = 40
PROBLEMS_FOUND = "the Issues sheet holds errors: a return was rejected, or an answer needs correcting"


def add_arguments(parser) -> None:
    parser.add_argument("returns_dir", metavar="RETURNS_DIR", help="the folder the agencies' returns were saved in")
    parser.add_argument("--master", metavar="MASTER.xlsx", required=True, help="the master workbook written by 'ehwb generate'")
    add_jobs_option(parser)
    add_password_option(parser, "the master and the returns, when they are encrypted")
    parser.add_argument("--wait", type=_seconds, metavar="SECONDS", default=None,
                        help="how long to wait for another merge of the same master to finish before refusing (default: 5)")
    parser.add_argument("--no-backup", action="store_true", help="do not keep a timestamped copy of the previous master in backups/")
    parser.add_argument("--allow-loss", action="store_true",
                        help="save even when the master holds pivot tables, shapes or other content this save would drop")


def run(args) -> int:
    from ehwb_excel.master.merge_returns import available_cores, merge_returns
    from ehwb_excel.master.one_at_a_time import merging_alone
    from ehwb_excel.master.trail import merge_entry, recorded
    from ehwb_excel.master.writer import save_master

    master = input_workbook(args.master, "master workbook")
    password = password_of(args)
    with merging_alone(master, wait=args.wait):  # from reading the master to saving it: a second merge waits
        with file_progress(args, "reading the returns") as on_file_read:
            result = merge_returns(args.returns_dir, master, jobs=args.jobs or available_cores(), on_file_read=on_file_read,
                                   password=password)
        with step(args, "saving the master"):
            backup = save_master(master, result, backup=not args.no_backup, allow_loss=args.allow_loss, password=password)
        unrecorded = recorded(master, merge_entry(result, master, "ehwb merge"))
    code = exit_code(result)
    if args.json:
        print_json(result.to_dict() | {"master": str(master), "backup": str(backup) if backup else None, "exit_code": int(code)})
        return code
    print(result.summary())
    print_problems(result.report.problems)
    print(f"Master written: {master}" + (f" (previous version kept as {backup})" if backup else ""))
    if unrecorded is not None:
        print(f"warning: {unrecorded}", file=sys.stderr)
    if code is ExitCode.PROBLEMS:
        print(errors_line(result))
    return code


def _seconds(text: str) -> float:
    import argparse

    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise argparse.ArgumentTypeError(f"must be a number of seconds from 0 to 3600, not '{text}'")
    return seconds


def exit_code(result) -> ExitCode:
    """PROBLEMS when the Issues sheet holds an error (a rejected file is one), else OK: warnings alone do not count."""
    return ExitCode.PROBLEMS if result.has_errors else ExitCode.OK


def errors_line(result) -> str:
    """'Errors found: 3 on the Issues sheet (1 file rejected), so the exit code is 1.'"""
    return f"Errors found: {len(result.report.errors)} on the Issues sheet ({', '.join(result.error_kinds())}), so the exit code is 1."

