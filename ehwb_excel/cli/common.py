"""Options and output shared by several commands."""

from __future__ import annotations

import argparse
import sys

from ehwb_excel.cli.output import print_json, print_problems


def global_options(*, top: bool = False) -> argparse.ArgumentParser:
    """The options every command takes, before or after its name (`ehwb --json status …` = `ehwb status … --json`).

    Below the top level their default is SUPPRESS, so that a command's parser does not reset
    what was given before the command's name.
    """
    options = argparse.ArgumentParser(add_help=False)
    default = False if top else argparse.SUPPRESS
    options.add_argument("--debug", action="store_true", default=default, help="show a full traceback on errors")
    options.add_argument("--json", action="store_true", default=default,
                         help="print one JSON document on stdout: the result, or the problems that stopped the command")
    return options


def add_json_option(parser) -> None:
    """Nothing to add: --json is a global option every command takes (see `main.global_options`)."""


def add_force_option(parser, what: str = "an output file") -> None:
    parser.add_argument("--force", action="store_true", help=f"replace {what} if already there")


def print_report(report, *, as_json: bool = False, stream=None) -> None:
    """Every problem on one line (errors first), or the report as JSON."""
    if as_json:
        print_json(report.to_dict(), stream)
        return
    print_problems(report.errors + report.warnings, stream or sys.stdout)


def add_jobs_option(parser) -> None:
    """--jobs N: read returns in N worker processes; the default (None) is one per available core."""
    parser.add_argument("--jobs", type=_at_least_one, metavar="N",
                        help="read the returns in N worker processes (default: one per available core)")


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 up, not '{text}'")
    return number


# -- passwords -------------------------------------------------------------------------------------

PASSWORD_VARIABLE = "EHWB_PASSWORD"
PASSWORD_MINIMUM = 1  # the coordinator's policy decides; an empty password would encrypt with nothing
_PROMPT = object()  # --password given without a value: ask for it


def add_password_option(parser, what: str) -> None:
    """--password [PASSWORD]: the password to open {what}; without a value it is asked for (not echoed);
    without the option, the EHWB_PASSWORD environment variable is used when it is set."""
    parser.add_argument(
        "--password", nargs="?", const=_PROMPT, default=None, metavar="PASSWORD",
        help=f"the password to open {what} (Office's password-to-open encryption); give --password alone to be asked "
             f"for it without it being shown, or set {PASSWORD_VARIABLE}; a value typed on the command line can be "
             "seen by other users of the computer and stays in the shell's history",
    )


def password_of(args, *, confirm: bool = False) -> str | None:
    """The password the command was given (None: none); asked for, twice with `confirm`, when --password had no value.

    Never printed or logged; EhwbError when it is empty or the two typed differ.
    """
    import os

    from ehwb_excel.problems.catalogue.command_line import PASSWORD_EMPTY
    from ehwb_excel.problems.problem import EhwbError

    given = getattr(args, "password", None)
    if given is _PROMPT and os.environ.get(PASSWORD_VARIABLE) is not None:
        given = os.environ[PASSWORD_VARIABLE]  # --password alone with the variable set: the variable's, not a prompt
    elif given is _PROMPT:
        given = _asked(confirm)
    elif given is None:
        given = os.environ.get(PASSWORD_VARIABLE)
        if given is None:
            return None
    if len(given) < PASSWORD_MINIMUM:
        raise EhwbError(PASSWORD_EMPTY(minimum=PASSWORD_MINIMUM))
    return given


def _asked(confirm: bool) -> str:
    """The password typed at the terminal, not shown (twice with `confirm`); EhwbError where there is no terminal to ask on."""
    import getpass
    import sys

    from ehwb_excel.problems.catalogue.command_line import NO_TERMINAL_FOR_PASSWORD, PASSWORDS_DIFFER
    from ehwb_excel.problems.problem import EhwbError

    if not sys.stdin.isatty():  # getpass would read a pipe, or warn that the password may be shown and fail
        raise EhwbError(NO_TERMINAL_FOR_PASSWORD(variable=PASSWORD_VARIABLE))
    try:
        given = getpass.getpass("Password: ")
        if confirm and getpass.getpass("The password again: ") != given:
            raise EhwbError(PASSWORDS_DIFFER())
    except EOFError:  # Ctrl-D at the prompt
        raise EhwbError(NO_TERMINAL_FOR_PASSWORD(variable=PASSWORD_VARIABLE)) from None
    return given
