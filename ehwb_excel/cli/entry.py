"""Where `ehwb` and `python -m ehwb_excel` start: Ctrl-C is quiet from the first line, before any import.

Until `main` takes over (it turns Ctrl-C into KeyboardInterrupt, so that half-made files are
cleaned up), nothing has been written, so Ctrl-C just says so and leaves with 130.
"""

import os
import signal
import sys


def _interrupted_at_start(signum, frame):
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(130)  # nothing is written yet; no clean-up to run, no traceback to print


if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:  # started with Ctrl-C ignored (nohup, a background job): keep it so
    signal.signal(signal.SIGINT, _interrupted_at_start)


def run() -> None:
    from ehwb_excel.cli.main import main

    sys.exit(main())
