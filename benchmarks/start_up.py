"""CPU time `ehwb --help` and `ehwb COMMAND --help` take, start to exit, in a fresh interpreter each.

Run: `python benchmarks/start_up.py` (or as part of `benchmarks/run.py`). The aim is under 0.15 s:
the help must not wait for openpyxl, numpy, python-docx or matplotlib (tests/cli/test_fast_start.py).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent  # the checkout, put first on the path
AIM_SECONDS = 0.15


def help_cpu_seconds(argv: tuple[str, ...] = ("--help",), repeat: int = 5) -> float:
    """Median CPU seconds (user + system) of `python -m ehwb_excel ARGV` over `repeat` fresh runs."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}
    seconds = []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-m", "ehwb_excel", *argv], env=env, check=True, stdout=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(seconds)


def help_cpu_lines(repeat: int = 5) -> list[str]:
    """One line per help measured, with the aim."""
    lines = []
    for argv in (("--help",), ("merge", "--help"), ("report", "--help")):
        cpu = help_cpu_seconds(argv, repeat)
        lines.append(f"ehwb {' '.join(argv):20} {cpu:6.3f} s CPU (aim < {AIM_SECONDS} s){'' if cpu < AIM_SECONDS else '  OVER'}")
    return lines


if __name__ == "__main__":
    print("\n".join(help_cpu_lines()))
