"""A return made from a definition whose content has changed since (checksums differ)."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True
SHOWN = 12  # characters of a checksum shown: enough to tell two apart


def check(context: CheckContext) -> Iterable[Problem]:
    found, expected = context.return_file.definition_checksum, context.known_audit.checksum()
    if found != expected:
        yield ret.DEFINITION_CHANGED(Location(context.return_file.file_name, layout.META_SHEET), found=(found or "none")[:SHOWN], expected=expected[:SHOWN])
