"""`ehwb demo --out DIR`: the whole cycle on the built-in default audit."""

from __future__ import annotations

from pathlib import Path

from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json

HELP = "run the whole audit cycle on the built-in default audit: define, generate, fill in, merge, report"
ORDER = 1
PROBLEMS_FOUND = "a problem the demo did not plant was found (marked NOT PLANTED): a fault in ehwb"


def add_arguments(parser) -> None:
    parser.add_argument("--out", type=Path, default=Path("output/demo"), help="folder to write into (default: output/demo)")
    parser.add_argument("--pdf", action="store_true", help="also convert the report to PDF through LibreOffice")


def run(args) -> int:
    from ehwb_excel.demo.cycle import run_demo

    result = run_demo(args.out, pdf=args.pdf, say=(lambda line: None) if args.json else print)
    code = ExitCode.PROBLEMS if result.unexpected else ExitCode.OK
    if args.json:
        print_json({"master": str(result.master), "report": str(result.report), "pdf": str(result.pdf) if result.pdf else None,
                    "summaries": result.summaries, "warnings": result.warnings,
                    "unexpected": [p.to_dict() for p in result.unexpected], "exit_code": int(code)})
        return code
    if result.unexpected:
        count = len(result.unexpected)
        print(f"{count} problem{'s were' if count != 1 else ' was'} not planted (marked NOT PLANTED above), so the exit code is 1")
    else:
        print("every problem above is one the demo planted; nothing else was found")
    print(f"done: open {result.master} (the master) and {result.report} (the report)")
    return code
