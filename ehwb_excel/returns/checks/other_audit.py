"""A return from another audit (its audit id is not this audit's)."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import quoted
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    found, expected = context.return_file.audit_id, context.known_audit.settings.audit_id
    if (found or "").strip() != expected:
        yield ret.OTHER_AUDIT(Location(context.return_file.file_name, layout.META_SHEET), found=quoted(found or "none"), expected=expected)
