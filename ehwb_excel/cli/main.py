"""The `ehwb` command line: the entry point, the global options and the one exit-code table.

Commands are the modules of `ehwb_excel.cli.commands` (their contract is in its docstring).
`main` parses, runs the command and turns every way it can end into one exit code
(`ehwb_excel.cli.exit_codes`): a problem a user can fix is one line each (one JSON document
with `--json`), Ctrl-C is the line "interrupted", a traceback only with `--debug`.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import signal
import sys

from ehwb_excel import __version__
from ehwb_excel.cli import output
from ehwb_excel.cli.common import global_options
from ehwb_excel.cli.exit_codes import ExitCode, exit_code_table
from ehwb_excel.files import interrupts

# kept for callers of the first version of this module
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = ExitCode.OK, ExitCode.PROBLEMS, ExitCode.UNUSABLE, ExitCode.INTERNAL
GLOBAL_OPTIONS = ("--debug", "--json")
_interrupt_raised = False  # set by the in-process Ctrl-C handler


class UsageError(Exception):
    """What argparse would print before exiting 2, kept so that --json can print it as JSON."""

    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse prints and exits; we decide how to print it
        raise UsageError(self, message)


def command_modules() -> list:
    """The command modules, in their `--help` order."""
    import ehwb_excel.cli.commands as package

    modules = [importlib.import_module(f"{package.__name__}.{info.name}") for info in pkgutil.iter_modules(package.__path__)]
    return sorted((m for m in modules if hasattr(m, "run")), key=lambda m: (getattr(m, "ORDER", 99), m.__name__))


def command_name(module) -> str:
    return module.__name__.rsplit(".", 1)[1].replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = _Parser(
        prog="ehwb", parents=[global_options(top=True)], epilog=exit_code_table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Multi-agency case file audits from Excel: define, generate, merge, report.",
    )
    parser.add_argument("--version", action="version", version=f"ehwb_excel {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)  # of _Parser, as the parser
    for module in command_modules():
        sub = commands.add_parser(
            command_name(module), help=module.HELP, description=module.HELP, parents=[global_options()],
            epilog=exit_code_table(getattr(module, "PROBLEMS_FOUND", None)), formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit code (see `exit_codes`)."""
    previous = _catch_interrupts()  # first: Ctrl-C during the imports below is reported too
    try:
        return _main(sys.argv[1:] if argv is None else list(argv))
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _main(argv: list[str]) -> int:
    global _interrupt_raised
    _interrupt_raised = False
    output.tolerate_any_console()
    as_json = "--json" in argv[: argv.index("--")] if "--" in argv else "--json" in argv
    debug = "--debug" in argv
    try:
        args = build_parser().parse_args(argv)
        return int(args.run(args) or ExitCode.OK)
    except KeyboardInterrupt:
        return output.failed(ExitCode.INTERRUPTED, _problem("INTERRUPTED"), as_json=as_json, line="interrupted")
    except UsageError as error:
        if not as_json:
            error.parser.print_usage(sys.stderr)
        return output.failed(ExitCode.UNUSABLE, _problem("USAGE", why=str(error), command=error.parser.prog), as_json=as_json,
                             line=f"{error.parser.prog}: error: {error}")
    except Exception as error:
        if _interrupt_raised:  # a library caught the KeyboardInterrupt and raised something else instead
            return output.failed(ExitCode.INTERRUPTED, _problem("INTERRUPTED"), as_json=as_json, line="interrupted")
        if debug:
            raise
        code, problems = _as_problems(error)
        return output.failed(code, *problems, as_json=as_json)


def _as_problems(error: Exception) -> tuple[ExitCode, list]:
    """How an exception that stopped a command is reported: its exit code and its problems."""
    from ehwb_excel.problems.problem import EhwbError

    if isinstance(error, EhwbError):
        return ExitCode.UNUSABLE, error.problems
    if isinstance(error, (OSError, ValueError)):  # a file system refusal, a value a library could not use
        return ExitCode.UNUSABLE, [_problem("CANNOT_CONTINUE", why=str(error))]
    # a bug of ours: say so in one line, keep the traceback for --debug
    return ExitCode.INTERNAL, [_problem("INTERNAL_ERROR", why=f"{type(error).__name__}: {error}")]


def _problem(kind: str, **context):
    from ehwb_excel.problems.catalogue import command_line

    return getattr(command_line, kind)(**context)


def _catch_interrupts():
    """Called in-process (tests, another program): make Ctrl-C raise KeyboardInterrupt once, so that
    `main` reports it; the handler it replaces. None: left as it was, because Python's own handler is
    not there (`ehwb` installed its own, see `entry`; Ctrl-C is ignored; not the main thread).
    """
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        return None
    try:
        return signal.signal(signal.SIGINT, _interrupted)
    except ValueError:  # not the main thread
        return None


def _interrupted(signum, frame):
    if interrupts.postpone():  # moving a set of files in: once it is done
        return
    global _interrupt_raised
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not break the clean-up of the first
    _interrupt_raised = True
    raise KeyboardInterrupt
