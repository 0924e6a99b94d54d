"""`ehwb --help` and every `ehwb COMMAND --help` start fast: no spreadsheet, numeric, Word or chart library is imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ehwb_excel.cli.main import command_modules, command_name

HEAVY = ("openpyxl", "numpy", "pandas", "docx", "matplotlib", "python_calamine", "pyarrow", "xlwings", "tqdm")
# every --help in one fresh interpreter, then the top-level packages it has imported
PROBE = """
import contextlib, io, json, sys
from ehwb_excel.cli.main import main
for argv in json.loads(sys.argv[1]):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main(argv)
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""


def test_no_help_imports_a_heavy_library():
    helps = [["--help"], *([command_name(m), "--help"] for m in command_modules()), ["addin", "build", "--help"]]
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(helps)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"}, check=True)
    imported = set(json.loads(done.stdout))
    assert imported.isdisjoint(HEAVY), sorted(imported & set(HEAVY))
    assert "ehwb_excel" in imported  # the probe did run the command line
