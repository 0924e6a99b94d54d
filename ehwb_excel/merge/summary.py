"""The merge in one short paragraph, in the coordinator's words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ehwb_excel.excel import layout
from ehwb_excel.problems.location import printable
from ehwb_excel.merge.submission import IN_PROGRESS, MISSING, NOT_STARTED, SUPERSEDED

if TYPE_CHECKING:
    from ehwb_excel.merge.merge import MergeResult

REJECTED_SHOWN = 5  # the paragraph stays short; every rejected file is on the Submissions sheet


def summary(result: "MergeResult") -> str:
    """Merged N of M agencies, answers reconciled, then who is missing, late, rejected, replaced or kept."""
    agency_rows = result.agency_rows
    merged = [s for s in agency_rows if s.merged]
    files = len(result.files)
    parts = [
        f"Merged returns from {len(merged)} of {len(agency_rows)} agencies "
        f"({files} file{'s' if files != 1 else ''} in the returns folder).",
        f"{result.answers_read} answered cells read = {result.response_rows} rows in {layout.RESPONSES_SHEET}"
        + (f" + {result.not_merged} not merged (question or case not in this audit, see {layout.ISSUES_SHEET})"
           if result.not_merged else "")
        + ("" if result.reconciled else " (THESE SHOULD BE EQUAL: please report this)")
        + (f", plus {result.kept_rows} rows kept from earlier merges." if result.kept_rows else "."),
    ]
    missing = [s.agency for s in agency_rows if s.status == MISSING]
    late = [s.agency for s in agency_rows if s.late]
    parts.append(f"Missing: {', '.join(missing)}." if missing else "Missing: none.")
    not_started = [s.agency for s in agency_rows if s.status == NOT_STARTED]
    if not_started:
        parts.append(f"Not started (no answers yet): {', '.join(not_started)}.")
    in_progress = [f"{s.agency} ({s.why.split(';')[0]})" for s in agency_rows if s.status == IN_PROGRESS]
    if in_progress:
        parts.append(f"In progress: {', '.join(in_progress)}.")
    parts.append(f"Late: {', '.join(late)}." if late else "Late: none.")
    rejected = result.rejected
    if rejected:
        reasons = "; ".join(f"{s.file} ({_first(s.reasons)})" for s in rejected[:REJECTED_SHOWN])
        more = len(rejected) - REJECTED_SHOWN
        if more > 0:
            reasons += f"; and {more} more (see the {layout.SUBMISSIONS_SHEET} sheet)"
        parts.append(f"Rejected {len(rejected)} file{'s' if len(rejected) != 1 else ''}: {reasons}.")
    else:
        parts.append("Rejected: none.")
    superseded = [s.file for s in result.submissions if s.status == SUPERSEDED]
    if superseded:
        parts.append(f"Superseded by a newer file from the same agency (not merged): {', '.join(superseded)}.")
    if result.replaced:
        parts.append(f"Corrected returns replaced earlier answers: {', '.join(result.replaced)} "
                     f"(the earlier versions are on the {layout.HISTORY_SHEET} sheet).")
    if result.kept:
        parts.append(f"Earlier answers kept (no usable file now): {', '.join(result.kept)}.")
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    if errors or warnings:
        kinds = f" ({', '.join(result.error_kinds())})" if errors else ""
        parts.append(f"{errors} error{'s' if errors != 1 else ''}{kinds} and {warnings} warning{'s' if warnings != 1 else ''} "
                     f"are listed on the {layout.ISSUES_SHEET} sheet.")
    else:
        parts.append("No problems found.")
    return printable(" ".join(parts))  # one paragraph on one line, whatever a file name or reason holds


def _first(reasons: list[str]) -> str:
    if not reasons:
        return "see the Issues sheet"
    reason = reasons[0].split(". ")[0].rstrip(".")
    return reason if len(reasons) == 1 else f"{reason}; and {len(reasons) - 1} more"
