"""`ehwb addin build | install | uninstall`: the Excel ribbon add-in (ehwb_audit.xlam)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ehwb_excel.cli.common import add_force_option, global_options
from ehwb_excel.cli.exit_codes import ExitCode
from ehwb_excel.cli.output import print_json
from ehwb_excel.problems.catalogue.command_line import CANNOT_CONTINUE
from ehwb_excel.problems.problem import EhwbError

HELP = "build, install or uninstall the Excel ribbon add-in (Merge returns button)"
ORDER = 80
DEFAULT_OUT = Path("output")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="addin_action", metavar="ACTION", required=True)
    debug = global_options()  # again on each action: `ehwb addin build --debug` and `ehwb addin --debug build` both count

    build = actions.add_parser("build", parents=[debug], help="write ehwb_audit.xlam into a folder",
                               description="Write ehwb_audit.xlam, set up to run this Python, into a folder.")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"folder to write it to (default: {DEFAULT_OUT})")
    build.add_argument("--interpreter", metavar="PATH",
                       help="the Python Excel should run (default: this one on Windows or Mac; none when built on Linux)")
    build.add_argument("--returns-folder", default="returns", metavar="FOLDER",
                       help="default returns folder, relative to the master workbook (default: returns)")
    add_force_option(build, "an add-in file")

    install = actions.add_parser("install", parents=[debug], help="put the add-in where Excel opens it at start-up",
                                 description="Build the add-in (unless --file is given) and copy it to Excel's start-up folder.")
    install.add_argument("--file", type=Path, metavar="F", help="an add-in built earlier with 'ehwb addin build'")
    install.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR", help=f"where to build it first (default: {DEFAULT_OUT})")
    add_force_option(install, "an add-in file built earlier in --out")

    actions.add_parser("uninstall", parents=[debug], help="remove the add-in from Excel's start-up folder",
                       description="Remove ehwb_audit.xlam from Excel's start-up folder.")


def run(args: argparse.Namespace) -> int:
    from ehwb_excel.addin.build import AddinBuildError
    from ehwb_excel.addin.install import ExcelNotAvailable

    action = {"build": _build, "install": _install, "uninstall": _uninstall}[args.addin_action]
    try:
        done = action(args)
    except (AddinBuildError, ExcelNotAvailable) as error:
        raise EhwbError(CANNOT_CONTINUE(why=_unavailable(args, error))) from error
    if args.json:
        print_json({"action": args.addin_action, **done})
    return ExitCode.OK


def _unavailable(args, error: Exception) -> str:
    from ehwb_excel.addin.install import ExcelNotAvailable

    if not isinstance(error, ExcelNotAvailable):
        return str(error)
    if args.addin_action == "uninstall":
        return f"{error}, so there is no add-in to remove here."
    addin = args.file or Path(args.out) / "ehwb_audit.xlam"
    return (f"{error}, so nothing was installed. The add-in file is {Path(addin).resolve()}: "
            "copy it to the Windows or Mac computer that runs Excel and install it there (see docs/addin.md).")


def _build(args) -> dict:
    from ehwb_excel.addin.build import build_addin, default_interpreters

    _refuse_existing_build(args)
    interpreters = default_interpreters()
    if args.interpreter:
        interpreters = {"Interpreter_Win": args.interpreter, "Interpreter_Mac": args.interpreter}
    path = build_addin(args.out, interpreters=interpreters, returns_folder=args.returns_folder)
    _say(args, f"Built {path}")
    if not any(interpreters.values()):
        _say(args, "No Python interpreter is set in it (built on Linux): build it on the Windows or Mac computer "
                   "that runs Excel, or pass --interpreter with that computer's Python path.")
    return {"written": [str(path)]}


def _install(args) -> dict:
    from ehwb_excel.addin.build import build_addin
    from ehwb_excel.addin.install import install_addin

    addin = args.file
    if addin is None:
        _refuse_existing_build(args)
        addin = build_addin(args.out)
        _say(args, f"Built {addin}")
    return {"installed": str(install_addin(addin, say=lambda line: _say(args, line)))}


def _refuse_existing_build(args) -> None:
    """An add-in already in --out is replaced only with --force (it may be the one a coordinator set up by hand)."""
    from ehwb_excel.addin.build import ADDIN_FILE_NAME
    from ehwb_excel.cli.paths import output_file

    output_file(Path(args.out) / ADDIN_FILE_NAME, "add-in", force=args.force)


def _uninstall(args) -> dict:
    from ehwb_excel.addin.install import uninstall_addin

    uninstall_addin(say=lambda line: _say(args, line))
    return {}


def _say(args, line: str) -> None:
    if not args.json:
        print(line)
