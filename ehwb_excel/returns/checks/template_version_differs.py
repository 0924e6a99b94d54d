"""A return made from an older (or newer) template version than the audit's."""

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
    found, expected = context.return_file.template_version, context.known_audit.settings.template_version
    if found != expected:
        yield ret.TEMPLATE_VERSION_DIFFERS(Location(context.return_file.file_name, layout.META_SHEET), found=quoted(found or "none"), expected=expected)
