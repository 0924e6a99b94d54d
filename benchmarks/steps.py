"""One measured step, run in a fresh process: `python benchmarks/steps.py STEP ARGS_JSON`.

Prints one JSON line: wall and CPU seconds of the step itself (imports and preparation
excluded) and any counts. The parent takes the process's peak RSS from `os.wait4`, so each
figure is of one step alone, never of what an earlier step left in memory.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import workloads  # noqa: E402

STEPS = {}


def step(function):
    STEPS[function.__name__] = function
    return function


def returns_of(args: dict) -> list[Path]:
    return sorted(Path(args["returns"]).glob("*.xlsx"))


class Clock:
    def __enter__(self):
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_):
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu


# -- generate, and XlsxWriter writing the same workbooks ---------------------------------------


@step
def generate(args: dict, out: Path) -> dict:
    from ehwb_excel.workbook.generate import generate as generate_workbooks

    audit = workloads.audit_of(workloads.Workload(**args["workload"]))
    with Clock() as clock:
        written = generate_workbooks(audit, out)
    return {"clock": clock, "files": len(written)}


@step
def xlsxwriter_generate(args: dict, out: Path) -> dict:
    """The generated workbooks' values, validations, defined names, sheet states and protection, by XlsxWriter."""
    import xlsxwriter

    books = [_workbook_content(path) for path in sorted(Path(args["sent"]).glob("*.xlsx"))]
    with Clock() as clock:
        for number, sheets in enumerate(books):
            workbook = xlsxwriter.Workbook(out / f"{number}.xlsx")
            text = workbook.add_format({"text_wrap": True, "valign": "top", "font_name": "Arial", "locked": False})
            for name, state, rows, validations in sheets:
                sheet = workbook.add_worksheet(name)
                for r, row in enumerate(rows):
                    for c, value in enumerate(row):
                        if value is not None:
                            sheet.write(r, c, value, text)
                for sqref, options in validations:
                    sheet.data_validation(sqref, options)
                sheet.protect()
                if state != "visible":
                    sheet.hide()
            workbook.close()
    return {"clock": clock, "files": len(books)}


@step
def openpyxl_save_of_generated(args: dict, out: Path) -> dict:
    """openpyxl's save alone of the workbooks `generate` builds (built first, untimed): the floor of any openpyxl writer."""
    import io
    from datetime import datetime, timezone

    from ehwb_excel.audit import identity
    from ehwb_excel.workbook.agency_workbook import agency_workbook
    from ehwb_excel.workbook.generate import agency_codes
    from ehwb_excel.workbook.master_skeleton import master_workbook

    audit = workloads.audit_of(workloads.Workload(**args["workload"]))
    key, when = identity.new_key(), datetime.now(timezone.utc)
    books = [agency_workbook(audit, code, when, identity_key=key) for code in agency_codes(audit)]
    books.append(master_workbook(audit, key))
    with Clock() as clock:
        for book in books:
            book.save(io.BytesIO())
    return {"clock": clock, "files": len(books)}


def _workbook_content(path: Path) -> list:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    sheets = []
    for sheet in workbook.worksheets:
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        validations = [(str(dv.sqref).split()[0], {"validate": "list", "source": dv.formula1 or "=A1"} if dv.type == "list"
                        else {"validate": "any"}) for dv in sheet.data_validations.dataValidation]
        sheets.append((sheet.title, sheet.sheet_state, [[_plain(v) for v in row] for row in rows], validations))
    return sheets


def _plain(value):
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


# -- reading returns: ours and the references -------------------------------------------------


@step
def read_check(args: dict, out: Path) -> dict:
    """Each return read and checked, in this process, as the merge does it per file."""
    from ehwb_excel.master.merge_returns import read_and_check
    from ehwb_excel.master.reader import read_master_state

    audit = read_master_state(args["master"]).audit
    paths, answers = returns_of(args), 0
    with Clock() as clock:
        for path in paths:
            answers += len(read_and_check(path, audit).answers)
    return {"clock": clock, "files": len(paths), "answers": answers}


@step
def calamine(args: dict, out: Path) -> dict:
    """python-calamine reading every value of every sheet."""
    from python_calamine import CalamineWorkbook

    paths, cells = returns_of(args), 0
    with Clock() as clock:
        for path in paths:
            cells += _every_value(CalamineWorkbook.from_path(str(path)))
    return {"clock": clock, "files": len(paths), "cells": cells}


def _every_value(workbook) -> int:
    """How many cells python-calamine gave, every sheet's every value read; the workbook closed."""
    try:
        return sum(sum(len(row) for row in workbook.get_sheet_by_name(name).to_python()) for name in workbook.sheet_names)
    finally:
        workbook.close()


@step
def calamine_bomb_guarded(args: dict, out: Path) -> dict:
    """python-calamine as `calamine`, after what any reader of untrusted files must pay first: the
    bytes fingerprinted (SHA-256) and every zip part inflated once and counted, declared sizes never trusted."""
    import hashlib
    import io
    import zipfile

    from python_calamine import CalamineWorkbook

    paths, cells = returns_of(args), 0
    with Clock() as clock:
        for path in paths:
            data = path.read_bytes()
            hashlib.sha256(data).hexdigest()
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                inflated = 0
                for entry in package.infolist():
                    with package.open(entry) as stream:
                        while block := stream.read(1 << 20):
                            inflated += len(block)
            cells += _every_value(CalamineWorkbook.from_filelike(io.BytesIO(data)))
    return {"clock": clock, "files": len(paths), "cells": cells}


@step
def intake_and_values(args: dict, out: Path) -> dict:
    """Our intake (fingerprint, bomb guard, package, extent and long-text checks) and the values read, before any answer is located or checked."""
    from ehwb_excel.returns.intake import look_at_file
    from ehwb_excel.returns.reader import read_sheets

    paths = returns_of(args)
    with Clock() as clock:
        for path in paths:
            facts = look_at_file(path)
            if facts.readable:
                read_sheets(facts.content)
    return {"clock": clock, "files": len(paths)}


@step
def pandas_openpyxl(args: dict, out: Path) -> dict:
    import pandas

    paths = returns_of(args)
    with Clock() as clock:
        for path in paths:
            pandas.read_excel(path, sheet_name=None, engine="openpyxl")
    return {"clock": clock, "files": len(paths)}


# -- merge and save: ours and openpyxl write-only ----------------------------------------------


def _merged(args: dict, out: Path):
    from ehwb_excel.master.merge_returns import merge_returns

    master = out / "master.xlsx"
    shutil.copy(args["skeleton"], master)
    return master, merge_returns(args["returns"], master, now=workloads.MERGED_AT, **_jobs(args))


def _jobs(args: dict) -> dict:
    return {"jobs": args["jobs"]} if args.get("jobs") else {}


@step
def merge(args: dict, out: Path) -> dict:
    """Read + check + merge + save, as `ehwb merge` does it (backup off)."""
    from ehwb_excel.master.merge_returns import merge_returns
    from ehwb_excel.master.writer import save_master

    master = out / "master.xlsx"
    shutil.copy(args["skeleton"], master)
    with Clock() as clock:
        result = merge_returns(args["returns"], master, now=workloads.MERGED_AT, **_jobs(args))
        read = time.perf_counter() - clock.wall
        save_master(master, result, backup=False)
    return {"clock": clock, "read_wall": read, "answers": result.answers_read, "rows": result.response_rows}


@step
def save(args: dict, out: Path) -> dict:
    from ehwb_excel.master.writer import save_master

    master, result = _merged(args, out)
    with Clock() as clock:
        save_master(master, result, backup=False)
    return {"clock": clock, "cells": sum(len(t.rows) * len(t.headers) for t in result.sheets)}


@step
def openpyxl_save_of_master(args: dict, out: Path) -> dict:
    """openpyxl's save alone of the master as `save_master` builds it (loaded and filled first, untimed)."""
    import io

    from ehwb_excel.master.writer import built_master

    master, result = _merged(args, out)
    workbook = built_master(master, result)
    with Clock() as clock:
        workbook.save(io.BytesIO())
    return {"clock": clock}


@step
def openpyxl_write_only(args: dict, out: Path) -> dict:
    """The derived sheets' rows written by openpyxl in write-only mode (no styles)."""
    from openpyxl import Workbook

    _, result = _merged(args, out)
    with Clock() as clock:
        workbook = Workbook(write_only=True)
        for table in result.sheets:
            sheet = workbook.create_sheet(table.name)
            sheet.append(table.headers)
            for row in table.rows:
                sheet.append(row)
        workbook.save(out / "write-only.xlsx")
    return {"clock": clock, "cells": sum(len(t.rows) * len(t.headers) for t in result.sheets)}


# -- report and pool ---------------------------------------------------------------------------


@step
def report(args: dict, out: Path) -> dict:
    from ehwb_excel.report.document import build_report, save_report
    from ehwb_excel.report.report_input import read_report_input

    with Clock() as clock:
        document, _ = build_report(read_report_input(args["master"]))
        save_report(document, out / "report.docx")
    return {"clock": clock}


@step
def pool(args: dict, out: Path) -> dict:
    from ehwb_excel.pool import pool_masters

    with Clock() as clock:
        pooled = pool_masters(args["masters"], out / "pooled")
    return {"clock": clock, "rows": pooled.rows, "masters": len(args["masters"])}


@step
def build(args: dict, out: Path) -> dict:
    """Build (or reuse) the workloads; their paths, and what this checkout offers (--jobs, pool)."""
    import importlib.util
    import inspect

    from ehwb_excel.master.merge_returns import merge_returns

    with Clock() as clock:
        work = Path(args["work"])
        small, large = workloads.partnership(work), workloads.large(work, args["agencies"])
        masters = workloads.pool(work, args["partnerships"])

    return {"clock": clock, "seconds": clock.wall, "partnership": _as_json(small), "large": _as_json(large),
            "masters": [str(m) for m in masters], "pool": importlib.util.find_spec("ehwb_excel.pool") is not None,
            "jobs": [1, 2] if "jobs" in inspect.signature(merge_returns).parameters else [0]}


@step
def build_large(args: dict, out: Path) -> dict:
    """Build (or reuse) one large audit of `agencies` agencies; its paths."""
    with Clock() as clock:
        workload = workloads.large(Path(args["work"]), args["agencies"])
    return {"clock": clock, "seconds": clock.wall, "workload": _as_json(workload)}


def _as_json(workload: workloads.Workload) -> dict:
    """A workload as JSON can carry it (paths as text)."""
    import dataclasses

    return {k: str(v) if isinstance(v, Path) else v for k, v in dataclasses.asdict(workload).items()}


def main() -> None:
    name, args = sys.argv[1], json.loads(sys.argv[2])
    with tempfile.TemporaryDirectory(prefix="ehwb-step-") as tmp:
        figures = STEPS[name](args, Path(tmp))
    clock = figures.pop("clock")
    print(json.dumps({"wall": clock.wall, "cpu": clock.cpu, **figures}))


if __name__ == "__main__":
    main()
