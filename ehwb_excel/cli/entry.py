"""Where `ehwb` and `python -m ehwb_excel` start: Ctrl-C is clean from the first line, at any moment.

Ctrl-C stops the program at once (a KeyboardInterrupt raised into library code can be caught and
swallowed there, or turned into another error): the temporary files registered in
`files.interrupts` are removed, the line "interrupted" is printed (the JSON document with
--json), and the exit code is 130. Inside a moment that must not be cut (moving a set of
files in) it waits until that moment is over. `kill` (SIGTERM) and a closed terminal (SIGHUP)
remove the temporary files too, then end the program as that signal would. A reader of the
output that stops reading (`| head`) is no error (`output.ReaderMayLeave`).
"""

import json
import os
import signal
import sys

from ehwb_excel.files import interrupts


def _interrupted(signum, frame):
    if interrupts.postpone():
        return
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut this short
    interrupts.remove_temporary_files()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    if "--json" in sys.argv[1:]:
        os.write(1, (json.dumps(interrupted_document(), indent=2) + "\n").encode())
    else:
        os.write(2, b"interrupted\n")
    os._exit(130)  # at once: nothing half-written is left, and no library gets to swallow the interrupt


def interrupted_document() -> dict:
    """What --json prints for Ctrl-C (as for any command that stopped)."""
    problem = {"file": "", "sheet": "", "cell": "", "code": "CLI_022", "severity": "error"}
    try:
        from ehwb_excel.problems.catalogue.command_line import INTERRUPTED

        problem |= INTERRUPTED().to_dict()
    except Exception:  # interrupted while that very module was being imported
        problem["message"] = "interrupted"
    return {"valid": False, "exit_code": 130, "errors": 1, "warnings": 0, "problems": [problem]}


def _terminated(signum, frame):
    """`kill` (SIGTERM) or a closed terminal (SIGHUP): the temporary files go, then the program ends as killed by that signal."""
    if interrupts.postpone():  # moving a set of files in: it ends as interrupted once that is done
        return
    interrupts.remove_temporary_files()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # started with Ctrl-C ignored (nohup, a background job): keep it so
    signal.signal(signal.SIGINT, _interrupted)
for _name in ("SIGTERM", "SIGHUP"):  # not on Windows
    _signal = getattr(signal, _name, None)
    if _signal is not None and signal.getsignal(_signal) is signal.SIG_DFL:  # nohup ignores SIGHUP: keep it so
        signal.signal(_signal, _terminated)


def run() -> None:
    from ehwb_excel.cli import lean_imports, output
    from ehwb_excel.cli.main import main

    lean_imports.install()
    sys.stdout = output.ReaderMayLeave(sys.stdout)
    code = main()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # done: a Ctrl-C while Python shuts down changes nothing
    sys.exit(code)
