"""The checks on one return, one module per problem; `check_return` runs them all.

Each module has `check(context) -> Iterable[Problem]` and `NEEDS_AUDIT` (False: it runs even
when a file is read without an audit). Identification comes first: once a file is refused
(not ours, another audit, unknown agency) nothing else is checked.
"""

from __future__ import annotations

from datetime import date

from ehwb_excel.returns.checks import (
    answer_not_applicable,
    answer_not_in_list,
    answer_wrong_type,
    case_sheet_missing,
    case_sheet_not_sent,
    case_sheet_renamed,
    comment_without_answer,
    definition_changed,
    identity_token,
    illegal_characters,
    late_return,
    metadata_key_repeated,
    not_our_return,
    other_audit,
    question_row_duplicated,
    question_row_moved,
    required_answer_missing,
    template_version_differs,
    text_too_long,
    unknown_agency,
    unknown_case,
    unknown_question,
)
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.returned import ReturnFile

IDENTIFICATION = (metadata_key_repeated, not_our_return, other_audit, unknown_agency, identity_token, case_sheet_not_sent)
CONTENT = (
    template_version_differs,
    definition_changed,
    case_sheet_missing,
    case_sheet_renamed,
    unknown_case,
    unknown_question,
    question_row_duplicated,
    question_row_moved,
    answer_not_in_list,
    answer_wrong_type,
    required_answer_missing,
    answer_not_applicable,
    text_too_long,
    illegal_characters,
    comment_without_answer,
    late_return,
)
ALL_CHECKS = IDENTIFICATION + CONTENT


def check_return(audit: Audit | None, return_file: ReturnFile, *, deadline: date | None = None,
                 identity_key: bytes | None = None) -> list[Problem]:
    """The problems the checks find in a return that are not already in `return_file.problems`.

    `read_return(path, audit)` has already run this and added the result, so calling it again
    on such a file gives []; `return_file.problems.extend(check_return(...))` is safe either way.
    With `audit` None only the checks that need no audit run. `deadline` (a day) turns on
    the late check by file modification time (the merge decides lateness itself otherwise).
    `identity_key` (the master's) turns on the identity token checks.
    """
    context = CheckContext(audit, return_file, deadline, identity_key)
    found: list[Problem] = []
    for module in ALL_CHECKS:
        if any(p.type.rejects_file for p in [*return_file.problems, *found]):
            break  # one reason to refuse a file is enough: its answers are not checked
        if not (module.NEEDS_AUDIT and audit is None):
            found.extend(module.check(context))
    return [p for p in found if p not in return_file.problems]
