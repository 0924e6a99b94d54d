"""The command line starts lean: openpyxl without numpy (numpy stays importable), no progress bar library off a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys

# `ehwb` started with a command that only imports openpyxl and writes a number; then what was imported
PROBE = """
import json, sys
import ehwb_excel.cli.main as cli_main

def command():
    from openpyxl import Workbook
    workbook = Workbook()
    workbook.active["A1"] = 1.5
    workbook.save(sys.argv[1])
    return 0

cli_main.main = command
from ehwb_excel.cli import entry
try:
    entry.run()
except SystemExit:
    pass
numpy_before = "numpy" in sys.modules
from openpyxl.compat import numbers
import numpy  # still there for pandas
print(json.dumps([numpy_before, numbers.NUMPY, numpy.__name__]))
"""


def test_the_command_line_leaves_numpy_out_of_openpyxl_but_not_out_of_reach(tmp_path):
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "number.xlsx")], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PYTHONWARNINGS": "ignore"}, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, False, "numpy"]
    from openpyxl import load_workbook

    assert load_workbook(tmp_path / "number.xlsx").active["A1"].value == 1.5


def test_counting_files_off_a_terminal_does_not_import_the_progress_bar():
    probe = """
import argparse, io, json, sys
sys.stderr = io.StringIO()  # a pipe or a file, as in a script or the benchmark
from ehwb_excel.cli.output import file_progress
with file_progress(argparse.Namespace(json=False), "reading the returns") as told:
    told(0, 3)
    told(3, 3)
print(json.dumps("tqdm" in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) is False


def test_generating_off_a_terminal_does_not_import_the_progress_bar():
    probe = """
import argparse, io, json, sys
sys.stderr = io.StringIO()
from ehwb_excel.cli.output import progress_bar
with progress_bar(argparse.Namespace(json=False), 3, "generating") as bar:
    bar.update(1)
    bar.update(2)
print(json.dumps(["tqdm" in sys.modules, bar.n]))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, 3]
