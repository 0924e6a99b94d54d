"""`ehwb export MASTER.xlsx --out DIR`: the master's Responses, Submissions and Grades as Parquet and CSV."""

from __future__ import annotations

from pathlib import Path

from ehwb_excel.cli.common import add_force_option, add_password_option, password_of
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json, step
from ehwb_excel.cli.paths import input_workbook, output_file

HELP = "write the master's Responses, Submissions and Grades as Parquet and CSV files, for pandas, DuckDB or Power BI"
ORDER = 60


def add_arguments(parser) -> None:
    parser.add_argument("master", type=Path, metavar="MASTER.xlsx", help="the master workbook after a merge")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the files into (made if needed)")
    add_password_option(parser, "an encrypted master (the Parquet and CSV files written are not encrypted)")
    add_force_option(parser, "exported files")


def run(args) -> int:
    from ehwb_excel.pool import export_master  # pandas and pyarrow load only for this command
    from ehwb_excel.pool.export import file_names

    master = input_workbook(args.master, "master workbook")
    password = password_of(args)
    for name in file_names():
        output_file(args.out / name, "exported file", force=args.force)
    with step(args, "exporting the master's tables"):
        written = export_master(master, args.out, password)  # EhwbError (one line) when it is not a master
    if args.json:
        print_json({"written": [str(p) for p in written], "exit_code": int(ExitCode.OK)})
    else:
        for path in written:
            print(f"wrote {path}")
    return ExitCode.OK
