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
    parser.add_argument("--force", action="store_true", help=f"replace {what} that already exists")


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
