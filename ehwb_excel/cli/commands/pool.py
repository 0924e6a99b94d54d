"""`ehwb pool MASTER.xlsx... --out DIR`: many audits' masters as one Parquet dataset, partitioned by audit."""

from __future__ import annotations

import sys
from pathlib import Path

from ehwb_excel.cli.common import add_password_option, password_of
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json, print_problems, step

HELP = "pool many audits' masters into one Parquet dataset (folders audit=<id>) that DuckDB, Spark, Power BI and pandas read"
ORDER = 61
PROBLEMS_FOUND = "a master could not be read (each is listed; every other master is pooled)"


def add_arguments(parser) -> None:
    parser.add_argument("masters", type=Path, nargs="+", metavar="MASTER.xlsx", help="the masters to pool (a folder: every .xlsx in it)")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="the dataset folder (replaced when an earlier 'ehwb pool' made it)")
    add_password_option(parser, "encrypted masters (one password for all; the dataset written is not encrypted)")


def run(args) -> int:
    from ehwb_excel.pool import pool_masters  # pandas and pyarrow load only for this command

    with step(args, "pooling the masters"):
        pooled = pool_masters(_masters(args.masters), args.out, password=password_of(args))
    code = ExitCode.PROBLEMS if pooled.problems else ExitCode.OK
    if args.json:
        print_json({"out": str(pooled.out_dir), "rows": pooled.rows, "files": [str(f) for f in pooled.files],
                    "problems": [p.to_dict() for p in pooled.problems], "exit_code": int(code)})
        return code
    print_problems(pooled.problems, sys.stderr)
    print(f"pooled {pooled.rows:,} answers from {len(pooled.files)} masters into {pooled.out_dir}"
          + (f"; {len(pooled.problems)} could not be read, so the exit code is 1" if pooled.problems else ""))
    return code


def _masters(paths: list[Path]) -> list[Path]:
    """The paths given, a folder standing for the .xlsx files in it (name order, lock files left out)."""
    from ehwb_excel.returns.intake import is_ignored, is_lock_file

    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.glob("*.xlsx") if not (is_lock_file(p.name) or is_ignored(p.name)))
        else:
            found.append(path)
    return found
