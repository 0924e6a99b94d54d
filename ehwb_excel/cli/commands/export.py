"""`ehwb export MASTER.xlsx --out DIR`: the master's Responses, Submissions and Grades as Parquet and CSV."""

from __future__ import annotations

import json
from pathlib import Path

from ehwb_excel.cli.common import add_json_option

HELP = "write the master's Responses, Submissions and Grades as Parquet and CSV files, for pandas, DuckDB or Power BI"
ORDER = 60


def add_arguments(parser) -> None:
    parser.add_argument("master", type=Path, metavar="MASTER.xlsx", help="the master workbook after a merge")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="the folder to write the files into (made if needed)")
    add_json_option(parser)


def run(args) -> int:
    from ehwb_excel.pool import export_master  # pandas and pyarrow load only for this command

    written = export_master(args.master, args.out)  # EhwbError (one line, exit 1) when it is not a master
    if args.json:
        print(json.dumps({"written": [str(p) for p in written]}, indent=2))
    else:
        for path in written:
            print(f"wrote {path}")
    return 0
