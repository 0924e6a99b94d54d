"""The problems the demo plants on purpose, told before they are shown, and told apart from any other."""

from __future__ import annotations

from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.problem import Problem
from ehwb_excel.workbook.generate import file_name_for

LATE_AGENCY = "RSVP"  # sends its return four days after the deadline
PASTED_AGENCY = "WMP"  # pastes "Very good" over a grade dropdown, and a formula-looking comment
CORRECTED_AGENCY = "CAMHS"  # first sends a return with a required grade blank, then a corrected one
MISSING_AGENCY = "MST"  # has not returned by the time of the merge

# what a real quarter has, in the coordinator's words, with the problems each one shows
PLANTED = (
    (f"{LATE_AGENCY} sends its return four days after the deadline (a late return)", {(ret.LATE_RETURN, LATE_AGENCY)}),
    (f"{PASTED_AGENCY} pastes 'Very good' over a grade dropdown (a pasted invalid value) and a comment that looks "
     "like a formula (kept as text, so not a problem)", {(ret.ANSWER_NOT_IN_LIST, PASTED_AGENCY)}),
    (f"{CORRECTED_AGENCY} first sends a return with a required grade left blank, then a corrected one (a corrected "
     "resend; it comes after the deadline, so it is late too)",
     {(ret.REQUIRED_MISSING, CORRECTED_AGENCY), (ret.LATE_RETURN, CORRECTED_AGENCY)}),
    (f"{MISSING_AGENCY} does not return at all (one agency missing)", {(ret.MISSING_RETURN, MISSING_AGENCY)}),
)


def explanation() -> list[str]:
    """The lines the demo says before it merges: what it planted, and that nothing else is expected."""
    return (["The demo plants the problems a real quarter has, so that you see how each is reported:"]
            + [f"  - {what}" for what, _ in PLANTED]
            + ["Every problem listed below comes from these; any other would be a fault, and the demo would exit 1."])


def unexpected(audit: Audit, problems: list[Problem]) -> list[Problem]:
    """The problems that are none of the planted ones."""
    planted = {(kind.code, agency) for _, kinds in PLANTED for kind, agency in kinds}
    agency_of_file = {file_name_for(audit, a.code): a.code for a in audit.agencies}
    return [p for p in problems
            if (p.code, p.context.get("agency") or agency_of_file.get(p.location.file)) not in planted]
