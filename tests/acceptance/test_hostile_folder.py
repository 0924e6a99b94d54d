"""A coordinator's returns folder holding every kind of broken or hostile file beside two good returns.

Run through the real `ehwb merge` command, as a coordinator would: every good answer is merged
exactly once, every bad file is named on a line of its own, nothing of a traceback or a native
reader's panic reaches the screen, and the exit code is 1 (files were rejected).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.problems.location import file_name_text, printable
from tests.hostile_kinds import KINDS, NATIVE_NOISE
from tests.merge_helpers import full_answers, real_master, real_return
from tests.returns.test_hostile_returns import EXPECTED, hostile_files

ROOT = Path(__file__).resolve().parents[2]


def test_a_folder_of_every_hostile_kind_merges_every_good_answer_once_and_names_every_bad_file(tmp_path):
    returns = tmp_path / "returns"
    good = {agency: real_return(returns, agency, full_answers(agency)) for agency in ("SCT", "WMP")}
    bad = [kind.build(returns, f"CAMHS {number:02} return.xlsx") for number, kind in enumerate(KINDS.values())]
    made = tmp_path / "made"
    made.mkdir()
    template = real_return(tmp_path / "template", "CAMHS", full_answers("CAMHS"))
    for name, path in hostile_files(made, template).items():  # bombs, entities, truncations, far cells, web pages ...
        if name in EXPECTED and EXPECTED[name] is None:  # read as the good return it still is
            continue
        target = returns / f"x {path.name}"
        target.write_bytes(path.read_bytes())
        bad.append(target)
    (returns / "folder.xlsx").mkdir()
    (returns / "passwd.xlsx").symlink_to("/etc/passwd")
    (returns / "~$SCT return.xlsx").write_bytes(b"Excel's lock file")
    bad += [returns / "folder.xlsx", returns / "passwd.xlsx", returns / "~$SCT return.xlsx"]
    master = real_master(tmp_path / "master.xlsx")

    done = subprocess.run([sys.executable, "-m", "ehwb_excel", "merge", str(returns), "--master", str(master)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONPATH": str(ROOT), "RUST_BACKTRACE": "1"})

    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    assert not any(noise in done.stdout + done.stderr for noise in NATIVE_NOISE), done.stderr[-3000:]
    assert done.stderr == ""  # every line is the report on stdout
    lines = done.stdout.splitlines()
    assert any(line.startswith("Master written: ") for line in lines)
    for path in bad:  # each bad file on a line of its own that starts with its name
        shown = printable(file_name_text(path.name))
        assert any(line.split(": ", 1)[-1].startswith(shown) for line in lines), shown

    book = load_workbook(master, read_only=True)
    headers = next(book[layout.RESPONSES_SHEET].iter_rows(max_row=1, values_only=True))
    rows = [dict(zip(headers, row)) for row in book[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True)]
    for agency, path in good.items():
        merged = [(r["Case"], r["Question ID"]) for r in rows if r["Agency"] == agency]
        assert len(merged) == len(set(merged)) == len(full_answers(agency)), agency  # every answer, exactly once
        assert {r["Source file"] for r in rows if r["Agency"] == agency} == {path.name}
    camhs = {r["Source file"] for r in rows if r["Agency"] == "CAMHS"}
    assert len(camhs) <= 1  # one CAMHS file at most is merged; every other is superseded or refused, and named
