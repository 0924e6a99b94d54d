"""`ehwb addin build | install | uninstall`: the Excel ribbon add-in (ehwb_audit.xlam)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "build, install or uninstall the Excel ribbon add-in (Merge returns button)"
ORDER = 80
DEFAULT_OUT = Path("output")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="addin_action", metavar="ACTION", required=True)
    # --debug again on each action, SUPPRESSed so that `ehwb addin --debug build` still counts
    debug = argparse.ArgumentParser(add_help=False)
    debug.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show a full traceback on errors")

    build = actions.add_parser("build", parents=[debug], help="write ehwb_audit.xlam into a folder",
                               description="Write ehwb_audit.xlam, set up to run this Python, into a folder.")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"folder to write it to (default: {DEFAULT_OUT})")
    build.add_argument("--interpreter", metavar="PATH",
                       help="the Python Excel should run (default: this one on Windows or Mac; none when built on Linux)")
    build.add_argument("--returns-folder", default="returns", metavar="FOLDER",
                       help="default returns folder, relative to the master workbook (default: returns)")

    install = actions.add_parser("install", parents=[debug], help="put the add-in where Excel opens it at start-up",
                                 description="Build the add-in (unless --file is given) and copy it to Excel's start-up folder.")
    install.add_argument("--file", type=Path, metavar="F", help="an add-in built earlier with 'ehwb addin build'")
    install.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"where to build it first (default: {DEFAULT_OUT})")

    actions.add_parser("uninstall", parents=[debug], help="remove the add-in from Excel's start-up folder",
                       description="Remove ehwb_audit.xlam from Excel's start-up folder.")


def run(args: argparse.Namespace) -> int:
    from ehwb_excel.addin.build import AddinBuildError

    try:
        if args.addin_action == "build":
            return _build(args)
        if args.addin_action == "install":
            return _install(args)
        return _uninstall(args)
    except AddinBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1


def _build(args) -> int:
    from ehwb_excel.addin.build import build_addin, default_interpreters

    interpreters = default_interpreters()
    if args.interpreter:
        interpreters = {"Interpreter_Win": args.interpreter, "Interpreter_Mac": args.interpreter}
    path = build_addin(args.out, interpreters=interpreters, returns_folder=args.returns_folder)
    print(f"Built {path}")
    if not any(interpreters.values()):
        print("No Python interpreter is set in it (built on Linux): build it on the Windows or Mac computer "
              "that runs Excel, or pass --interpreter with that computer's Python path.")
    return 0


def _install(args) -> int:
    from ehwb_excel.addin.build import build_addin
    from ehwb_excel.addin.install import ExcelNotAvailable, install_addin

    addin = args.file
    if addin is None:
        addin = build_addin(args.out)
        print(f"Built {addin}")
    try:
        install_addin(addin)
    except ExcelNotAvailable as error:
        print(f"{error}, so nothing was installed. The add-in file is {Path(addin).resolve()}: "
              "copy it to the Windows or Mac computer that runs Excel and install it there (see docs/addin.md).")
        return 1
    return 0


def _uninstall(args) -> int:
    from ehwb_excel.addin.install import ExcelNotAvailable, uninstall_addin

    try:
        uninstall_addin()
    except ExcelNotAvailable as error:
        print(f"{error}, so there is no add-in to remove here.")
        return 1
    return 0
