"""One row of the Responses sheet: the one shape the merge, the master's state and the report's reader share."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import NamedTuple

from ehwb_excel.excel import layout


class ResponseRow(NamedTuple):
    """One agency's answer to one question (for one case), as the Responses sheet holds it.

    A tuple in layout.RESPONSES_COLUMNS order, so it is written as a sheet row unchanged; read
    it by name (`row.answer`), never by position.
    """

    audit: str | None
    case: str | None  # None for a question asked once per agency
    agency: str | None
    section: str | None  # the section's title
    question_id: str | None
    question: str | None  # the question's text
    answer: object  # canonical, or as typed when it is not (the problem is reported)
    score: float | int | None
    comment: str | None
    source_file: str | None
    sheet: str | None
    cell: str | None

    @classmethod
    def from_record(cls, record: Mapping[str, object], plain: Callable[[object], object] = lambda v: v) -> "ResponseRow":
        """A row read back from the sheet as {header: value}, each value passed through `plain`."""
        return cls._make(plain(record.get(header)) for header in layout.RESPONSES_COLUMNS)


# the contract with the sheet: one field per column, in the same order
if len(ResponseRow._fields) != len(layout.RESPONSES_COLUMNS):  # pragma: no cover - fails at import, in every test
    raise AssertionError(f"ResponseRow has {ResponseRow._fields}, the sheet {layout.RESPONSES_COLUMNS}")
