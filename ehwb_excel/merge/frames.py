"""A derived sheet (SheetTable) as a pandas DataFrame whose columns each hold one type, as Parquet needs."""

from __future__ import annotations

from datetime import datetime

import pandas

from ehwb_excel.excel.cell_text import cell_text
from ehwb_excel.merge.sheet_table import SheetTable


def table_frame(table: SheetTable) -> pandas.DataFrame:
    """One column per header, in order. A column of whole numbers is Int64, of numbers float,
    of moments datetime, of dates and of mixed values (an Answer column: grades, numbers and
    dates) text as the master shows it; blanks are missing values (never the text "N/A")."""
    columns = {header: _column([row[i] if i < len(row) else None for row in table.rows])
               for i, header in enumerate(table.headers)}
    return pandas.DataFrame(columns, index=pandas.RangeIndex(len(table.rows)))


def _column(values: list) -> pandas.Series:
    values = [None if v == "" else v for v in values]
    types = set(map(type, values)) - {type(None)}  # by type, not value by value: a pooled master has 20,000 cells
    if types and types <= {int, float}:
        whole = all(v is None or float(v).is_integer() for v in values)
        return pandas.Series([None if v is None else int(v) for v in values], dtype="Int64") if whole \
            else pandas.Series(values, dtype="float64")
    if types == {datetime}:
        return pandas.Series(pandas.to_datetime(values))
    if types == {bool}:
        return pandas.Series(values, dtype="boolean")
    if types <= {str}:
        return pandas.Series(values, dtype="string")
    return pandas.Series([None if v is None else cell_text(v) for v in values], dtype="string")
