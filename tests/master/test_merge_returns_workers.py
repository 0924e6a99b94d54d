"""Returns read in worker processes: the same merge as in one process, and a file that stops its worker refuses only itself."""

from __future__ import annotations

import os
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.demo.returns import synthesise_returns
from ehwb_excel.excel import layout
from ehwb_excel.master import merge_returns as merging
from ehwb_excel.merge.submission import REJECTED
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.workbook.generate import generate, master_file_name

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> tuple[Path, Path]:
    """(returns folder, master): the default audit's synthesised returns, a text file and a cut-short workbook."""
    out = tmp_path_factory.mktemp("workers")
    audit = default_audit()
    generate(audit, out / "sent")
    returns = out / "returns"
    paths = synthesise_returns(audit, out / "sent", returns, seed=3)
    (returns / "notes.txt").write_text("not a return")
    (returns / "cut short.xlsx").write_bytes(paths[0].read_bytes()[:5000])
    return returns, out / "sent" / master_file_name(audit)


def everything(result) -> tuple:
    return ([(s.name, s.rows) for s in result.sheets], result.files, [p.to_dict() for p in result.report.problems],
            result.answers_read, result.response_rows)


def test_workers_merge_exactly_what_one_process_merges(folder, monkeypatch):
    returns, master = folder
    monkeypatch.setattr(merging, "FILES_PER_WORKER", 1)  # workers even for a small folder
    alone = merging.merge_returns(returns, master, now=NOW, jobs=1)
    in_workers = merging.merge_returns(returns, master, now=NOW, jobs=3)
    assert alone.response_rows > 1000
    assert everything(in_workers) == everything(alone)


@pytest.mark.parametrize("jobs", [1, 3], ids=["in this process", "in workers"])
def test_progress_is_told_once_before_the_first_file_and_after_each(folder, monkeypatch, jobs):
    returns, master = folder
    monkeypatch.setattr(merging, "FILES_PER_WORKER", 1)
    told: list[tuple[int, int]] = []
    result = merging.merge_returns(returns, master, now=NOW, jobs=jobs, on_file_read=lambda done, total: told.append((done, total)))
    files = len(result.files)
    assert files > 10 and told == [(done, files) for done in range(files + 1)]


def test_too_few_files_are_read_without_starting_workers(folder, monkeypatch):
    returns, master = folder
    monkeypatch.setattr(merging, "_read_in_workers", lambda *a: pytest.fail("workers started for a dozen files"))
    assert merging.merge_returns(returns, master, now=NOW, jobs=2).response_rows > 1000


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the stand-in for a native abort is inherited by forked workers only")
def test_a_file_that_kills_its_worker_is_refused_and_every_other_file_merges(folder, monkeypatch):
    returns, master = folder
    expected = merging.merge_returns(returns, master, now=NOW, jobs=1)
    victim = sorted(returns.glob("*.xlsx"))[2]
    from ehwb_excel.returns import reader

    real = reader.read_return

    def read_return(path, audit=None, **options):
        if Path(path).name == victim.name:
            os.kill(os.getpid(), signal.SIGKILL)  # what a native abort or the OOM killer does to a process
        return real(path, audit, **options)

    monkeypatch.setattr(reader, "read_return", read_return)
    monkeypatch.setattr(merging, "FILES_PER_WORKER", 1)
    result = merging.merge_returns(returns, master, now=NOW, jobs=2)

    refused = next(s for s in result.submissions if s.file == victim.name)
    assert refused.status == REJECTED
    problem = next(p for p in result.report.problems if p.location.file == victim.name)
    assert problem.type is ret.CORRUPT_WORKBOOK and "the reader stopped while reading this file" in problem.message
    agency = next(s.agency for s in expected.submissions if s.file == victim.name)
    def others(r):
        return [row for row in r.sheet(layout.RESPONSES_SHEET).rows if row[layout.RESPONSES_COLUMNS.index("Agency")] != agency]
    assert others(result) == others(expected) and len(others(result)) > 1000
