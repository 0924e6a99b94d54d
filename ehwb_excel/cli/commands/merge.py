"""`ehwb merge RETURNS_DIR --master MASTER.xlsx`: merge every return in a folder into the master workbook."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ehwb_excel.cli.common import add_json_option

HELP = "merge the returns in a folder into the master workbook's derived sheets (coordinator sheets untouched)"
ORDER = 40


def add_arguments(parser) -> None:
    parser.add_argument("returns_dir", metavar="RETURNS_DIR", help="the folder the agencies' returns were saved in")
    parser.add_argument("--master", metavar="MASTER.xlsx", required=True, help="the master workbook written by 'ehwb generate'")
    parser.add_argument("--no-backup", action="store_true", help="do not keep a timestamped copy of the previous master in backups/")
    parser.add_argument("--allow-loss", action="store_true",
                        help="save even when the master holds pivot tables, shapes or other content this save would drop")
    add_json_option(parser)


def run(args) -> int:
    from ehwb_excel.master.writer import save_master
    from ehwb_excel.master.merge_returns import merge_returns

    result = merge_returns(args.returns_dir, args.master)
    backup = save_master(args.master, result, backup=not args.no_backup, allow_loss=args.allow_loss)
    if args.json:
        output = result.to_dict() | {"master": str(Path(args.master)), "backup": str(backup) if backup else None}
        json.dump(output, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(result.summary())
        print_problems(result.report)
        print(f"Master written: {args.master}" + (f" (previous version kept as {backup})" if backup else ""))
    return 1 if result.rejected or result.report.errors else 0


def print_problems(report, stream=None) -> None:
    """Each problem on one line: severity, file, sheet, cell, message (errors first)."""
    stream = stream or sys.stdout
    for problem in report.errors + report.warnings:
        stream.write(f"{problem.severity.value}: {problem}\n")
