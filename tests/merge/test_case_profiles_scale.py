"""No Case profiles cell grows with the number of agencies: each agency's answer is a row of its own."""

from __future__ import annotations

import dataclasses

from ehwb_excel.audit.model import Agency, Case, Question, QuestionType
from ehwb_excel.excel import layout
from ehwb_excel.merge.case_profiles import NAMED_IN_MESSAGE, disagreements
from ehwb_excel.merge.derived_sheets import case_profiles_table
from ehwb_excel.merge.response_row import ResponseRow
from tests.merge_helpers import merge_audit

AGENCIES = 2000


def test_two_thousand_agencies_disagreeing_make_rows_not_long_cells():
    base = merge_audit()
    codes = [f"AG{n:04d}" for n in range(AGENCIES)]
    notes = Question("notes", "profile", "What is known of the family?", QuestionType.TEXT, required=False)
    audit = dataclasses.replace(base, agencies=tuple(Agency(c, f"Agency {c}") for c in codes), cases=(Case("Case A", tuple(codes)),),
                                questions=base.questions + (notes,))
    column = {name: i for i, name in enumerate(layout.RESPONSES_COLUMNS)}

    def row(code, question_id, answer):
        values = [None] * len(layout.RESPONSES_COLUMNS)
        for name, value in (("Audit", audit.settings.audit_id), ("Case", "Case A"), ("Agency", code), ("Section", "profile"),
                            ("Question ID", question_id), ("Answer", answer)):
            values[column[name]] = value
        return ResponseRow(*values)

    responses = [row(c, "notes", f"{c} has known the family through the school nurse service for some years.") for c in codes]
    responses += [row(c, "years_known", n) for n, c in enumerate(codes)]  # every answer different: a 2,000-way tie
    table = case_profiles_table(audit, responses)

    longest = max(len(str(v)) for r in table.rows for v in r if v is not None)
    assert longest < 120
    summary = {r[1]: r for r in table.rows if r[table.headers.index("Agency")] is None}
    assert summary["notes"][table.headers.index("Combined answer")] == layout.RECORDED_DIFFERENTLY
    assert summary["years_known"][table.headers.index("Combined answer")] == layout.RECORDED_DIFFERENTLY
    detail = [r for r in table.rows if r[1] == "notes" and r[table.headers.index("Agency")]]
    assert [r[table.headers.index("Agency")] for r in detail] == codes
    assert detail[7][table.headers.index("Agency's answer")].startswith("AG0007 has known")

    # the disagreement's message quotes a few agencies and counts the rest
    differ = {p.context["question"]: p for p in disagreements(table.rows)}
    assert len(differ) == 2 and all(len(p.message) < 2000 for p in differ.values())
    assert differ[notes.text].context["answers"].endswith(f"; and {AGENCIES - NAMED_IN_MESSAGE} more")
