"""`ehwb demo --out DIR`: the whole cycle on the built-in default audit."""

from __future__ import annotations

from pathlib import Path

HELP = "run the whole audit cycle on the built-in default audit: define, generate, fill in, merge, report"
ORDER = 1


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, default=Path("output/demo"), help="folder to write into (default: output/demo)")
    parser.add_argument("--pdf", action="store_true", help="also convert the report to PDF through LibreOffice")


def run(args) -> int:
    from ehwb_excel.demo.cycle import run_demo

    result = run_demo(args.out, pdf=args.pdf)
    print(f"done: open {result.master} (the master) and {result.report} (the report)")
    return 0
