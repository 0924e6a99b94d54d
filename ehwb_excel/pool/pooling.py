"""`ehwb pool`: many audits' masters as one Parquet dataset, partitioned by audit, one master at a time."""

from __future__ import annotations

import hashlib
import os
import shutil
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ehwb_excel.excel import layout
from ehwb_excel.merge.submission import LATE, RECEIVED
from ehwb_excel.pool.master_tables import MasterTables, read_master_tables
from ehwb_excel.problems.problem import EhwbError, Problem

MARKER = ".ehwb-pool"  # names a folder `ehwb pool` wrote, so a later pool may replace it

# The dataset's columns, the same in every file (so DuckDB, Spark and Power BI read one
# schema); `audit` is the partition (the folder audit=<id>), not a column in the files.
COLUMNS = {
    "partnership": "string", "case": "string", "agency": "string", "agency_name": "string",
    "section": "string", "question_id": "string", "question": "string", "answer": "string",
    "score": "float64", "comment": "string", "status": "string", "received": "timestamp[ms]",
    "source_file": "string", "sheet": "string", "cell": "string",
}
FROM_RESPONSES = {"case": "Case", "agency": "Agency", "section": "Section", "question_id": "Question ID", "question": "Question",
                  "answer": "Answer", "score": "Score", "comment": "Comment", "source_file": "Source file", "sheet": "Sheet", "cell": "Cell"}


@dataclass
class Pooled:
    """What `pool_masters` wrote: rows, one file per master pooled, and a problem per master refused."""

    out_dir: Path
    rows: int = 0
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def pool_masters(masters: Iterable[str | os.PathLike], out_dir: str | os.PathLike,
                 progress: Callable[[Path], None] | None = None, password: str | None = None) -> Pooled:
    """Every master's Responses, with the partnership and each agency's status and received
    time, into `out_dir` as `audit=<audit id>/part-<n>.parquet` (hive partitioning).

    One master is held in memory at a time. A master that cannot be read is one problem in
    the result, never a stop. `out_dir` is written beside itself and then moved in place, so
    it holds a whole dataset or the previous one; an existing `out_dir` not made by this
    function is refused (ValueError). `password` opens encrypted masters (the dataset is not encrypted).
    """
    out = Path(out_dir)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise ValueError(f"{out} is not empty and was not made by 'ehwb pool': choose an empty or new folder")
    partial = out.with_name(f".{out.name}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    (partial / MARKER).write_text("made by 'ehwb pool'; the next pool into this folder replaces it\n")
    pooled = Pooled(out)
    for master in masters:
        master = Path(master)
        try:
            tables = read_master_tables(master, (layout.RESPONSES_SHEET, layout.SUBMISSIONS_SHEET), password)
        except EhwbError as error:
            pooled.problems.extend(error.problems)
            continue
        pooled.rows += _write_part(tables, master, partial, pooled)
        if progress:
            progress(master)
    if out.exists():
        shutil.rmtree(out)
    os.replace(partial, out)
    pooled.files = [out / f.relative_to(partial) for f in pooled.files]
    return pooled


def _write_part(tables: MasterTables, master: Path, root: Path, pooled: Pooled) -> int:
    import pyarrow
    import pyarrow.parquet

    frame = pooled_frame(tables)
    folder = root / f"audit={urllib.parse.quote(tables.audit.settings.audit_id, safe='')}"
    folder.mkdir(exist_ok=True)
    # one file per master; its name from the master's path, so two partnerships' masters of
    # one audit id sit side by side in that audit's folder
    path = folder / f"part-{hashlib.sha256(os.fsencode(master.resolve())).hexdigest()[:16]}.parquet"
    schema = pyarrow.schema([(name, pyarrow.type_for_alias(kind)) for name, kind in COLUMNS.items()])
    pyarrow.parquet.write_table(pyarrow.Table.from_pandas(frame, schema=schema, preserve_index=False), path)
    pooled.files.append(path)
    return len(frame)


def pooled_frame(tables: MasterTables):
    """One master's Responses rows in the dataset's columns (see COLUMNS)."""
    import pandas

    from ehwb_excel.merge.frames import table_frame

    responses = table_frame(tables.tables[layout.RESPONSES_SHEET])
    submissions = table_frame(tables.tables[layout.SUBMISSIONS_SHEET])
    frame = pandas.DataFrame({name: responses[header] if header in responses else None for name, header in FROM_RESPONSES.items()})
    merged = submissions[submissions["Status"].isin(MERGED_STATUSES)] if "Status" in submissions else submissions.iloc[0:0]
    by_agency = merged.drop_duplicates("Agency").set_index("Agency") if "Agency" in merged else merged
    names = {a.code: a.name for a in tables.audit.agencies}
    frame["partnership"] = tables.audit.settings.partnership
    frame["agency_name"] = frame["agency"].map(names)
    frame["status"] = frame["agency"].map(by_agency["Status"]) if "Status" in by_agency else None
    frame["received"] = frame["agency"].map(by_agency["Received"]) if "Received" in by_agency else None
    return frame.astype({name: kind if kind != "timestamp[ms]" else "datetime64[ms]" for name, kind in COLUMNS.items()})[list(COLUMNS)]


MERGED_STATUSES = (RECEIVED, LATE)  # the Submissions rows whose answers are in Responses
