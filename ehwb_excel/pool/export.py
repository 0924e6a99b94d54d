"""`ehwb export`: a master's Responses, Submissions and Grades as Parquet and CSV files."""

from __future__ import annotations

import os
from pathlib import Path

from ehwb_excel.files.atomic import replacing
from ehwb_excel.merge.frames import table_frame
from ehwb_excel.pool.master_tables import EXPORTED, read_master_tables


def file_names() -> list[str]:
    """The names `export_master` writes, in order."""
    return [f"{name}.{kind}" for name in EXPORTED for kind in ("parquet", "csv")]


def export_master(master: str | os.PathLike, out_dir: str | os.PathLike, password: str | None = None) -> list[Path]:
    """`<Sheet>.parquet` and `<Sheet>.csv` for each exported sheet, in `out_dir`; the paths written.

    Columns keep the master's headers and hold one type each (see `table_frame`). CSV is UTF-8
    with a byte-order mark, so Excel opens it with accents intact. Each file is written
    atomically; EhwbError when `master` is not a master. `password` opens an encrypted master;
    the files written are not encrypted (Parquet and CSV have no password to open).
    """
    tables = read_master_tables(master, EXPORTED, password).tables
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in EXPORTED:
        frame = table_frame(tables[name])
        with replacing(out / f"{name}.parquet") as temporary:
            frame.to_parquet(temporary, index=False)
        with replacing(out / f"{name}.csv") as temporary:
            inert_text(frame).to_csv(temporary, index=False, encoding="utf-8-sig")
        written += [out / f"{name}.parquet", out / f"{name}.csv"]
    return written


# A CSV cell starting with one of these is a formula when Excel or LibreOffice opens the file
# ('=HYPERLINK(...)' pasted into a comment would become a live link): such text gets a
# leading apostrophe, which both applications read as "this is text".
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_text(frame):
    """`frame` with every text cell that would start a formula in a spreadsheet made plain text."""
    frame = frame.copy()
    for name in frame.columns:
        if frame[name].dtype == "string":
            text = frame[name]
            frame[name] = text.where(~text.str.startswith(FORMULA_STARTS, na=False), "'" + text)
    return frame
