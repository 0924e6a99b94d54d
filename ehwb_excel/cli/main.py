"""The `ehwb` command line: one module per command in `ehwb_excel.cli.commands`.

Each command module defines `HELP` (one line), `ORDER` (its place in `--help`),
`add_arguments(parser)` and `run(args) -> int` (the exit status). Errors a user can fix are
printed as one line each; a traceback only with `--debug`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from ehwb_excel import __version__
from ehwb_excel.problems.problem import EhwbError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _command_modules():
    import ehwb_excel.cli.commands as package

    modules = [importlib.import_module(f"{package.__name__}.{info.name}") for info in pkgutil.iter_modules(package.__path__)]
    return sorted((m for m in modules if hasattr(m, "run")), key=lambda m: (getattr(m, "ORDER", 99), m.__name__))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ehwb",
        description="Multi-agency case file audits from Excel: define, generate, merge, report.",
    )
    parser.add_argument("--version", action="version", version=f"ehwb_excel {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show a full traceback on errors")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _command_modules():
        name = module.__name__.rsplit(".", 1)[1].replace("_", "-")
        sub = commands.add_parser(name, help=module.HELP, description=module.HELP, parents=[common])
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or EXIT_OK)
    except EhwbError as error:
        if args.debug:
            raise
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS
    except (OSError, ValueError) as error:
        if args.debug:
            raise
        print(f"error: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # a bug of ours: say so in one line, keep the trace for --debug
        if args.debug:
            raise
        print(f"internal error: {type(error).__name__}: {error} (run again with --debug for details)", file=sys.stderr)
        return EXIT_INTERNAL
