"""The exit codes every `ehwb` command uses, and the table `--help` and the README print."""

from __future__ import annotations

import textwrap
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # done, nothing to report (warnings may have been printed)
    PROBLEMS = 1  # done, but errors were found; the last line says which kind
    UNUSABLE = 2  # a usage mistake, or input the command could not use: nothing was written
    INTERNAL = 3  # a bug in ehwb: nothing was written; run again with --debug and report it
    INTERRUPTED = 130  # Ctrl-C (the shells' 128 + SIGINT): no half set of outputs is left


MEANINGS = {
    ExitCode.OK: "done, nothing to report (warnings, such as a late return, do not change it)",
    ExitCode.PROBLEMS: "done, but problems were found: {problems}",
    ExitCode.UNUSABLE: "a usage mistake, or input the command could not use (missing file, a folder, "
                       "the wrong kind of file, an output that exists): nothing was written",
    ExitCode.INTERNAL: "a bug in ehwb: nothing was written; run again with --debug and report the traceback",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C): nothing half-written is left",
}
ANY_PROBLEMS = "errors, each listed with its file, sheet and cell (which kind: see each command's --help)"


def exit_code_table(problems: str | None = ANY_PROBLEMS) -> str:
    """The table as plain text for an epilog; `problems` says what exit 1 means (None: never exits 1)."""
    lines = ["exit codes:"]
    for code, meaning in MEANINGS.items():
        if code is ExitCode.PROBLEMS and problems is None:
            continue
        lines += textwrap.wrap(meaning.format(problems=problems), 92, initial_indent=f"  {code.value:<5}", subsequent_indent=" " * 7)
    return "\n".join(lines)
