"""The hidden metadata sheet as rows: key in column A, values in the columns after it.

Pure functions over rows of values, so the openpyxl writer, the fast return reader and the
xlwings layer share one format. A key may have many rows: the master carries its whole audit
definition that way (audit/stored.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def meta_rows(values: Mapping[str, object], extra_rows: Iterable[tuple] = ()) -> list[tuple]:
    """Rows for the metadata sheet: one `(key, value)` row per item, then `extra_rows` as given."""
    rows = [(key, "" if value is None else str(value)) for key, value in values.items()]
    rows.extend(tuple(row) for row in extra_rows)
    return rows


def parse_meta(rows: Iterable[Iterable[object]]) -> dict[str, list[list[str]]]:
    """Key -> list of the value lists of every row with that key (rows without a key skipped)."""
    found: dict[str, list[list[str]]] = {}
    for row in rows:
        cells = ["" if v is None else _text(v) for v in row]
        if not cells or not cells[0].strip():
            continue
        values = cells[1:]
        while values and values[-1] == "":
            values.pop()
        found.setdefault(cells[0].strip(), []).append(values)
    return found


def repeated_keys(rows: Iterable[Iterable[object]], keys: Iterable[str]) -> dict[str, list[int]]:
    """Key -> the row numbers (as Excel counts) of every row with that key, for each of `keys` found on more than one row."""
    wanted = set(keys)
    found: dict[str, list[int]] = {}
    for number, row in enumerate(rows, start=1):
        first = next(iter(row), None)
        key = "" if first is None else _text(first).strip()
        if key in wanted:
            found.setdefault(key, []).append(number)
    return {key: numbers for key, numbers in found.items() if len(numbers) > 1}


def first_value(meta: Mapping[str, list[list[str]]], key: str) -> str | None:
    """The first value of the first row with `key`; None when the key is absent."""
    rows = meta.get(key)
    return rows[0][0] if rows and rows[0] else None


def _text(value: object) -> str:
    # readers give whole numbers back as floats (6.0); a version "1" must stay "1"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
