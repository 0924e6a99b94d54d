"""Warnings across sheets: an agency that knows no case, a list no question uses."""

from __future__ import annotations

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Table
from ehwb_excel.audit.model import Agency, Case, ChoiceList, Question
from ehwb_excel.problems.problem import Problem


def agencies_without_cases(agencies: list[Agency], cases: list[Case], table: Table) -> list[Problem]:
    """One warning per agency no case names, at its row on the Agencies sheet."""
    knowing = {code for case in cases for code in case.agencies}
    rows = {r.name("code").casefold(): r for r in table.records}
    return [
        problems.AGENCY_KNOWS_NO_CASE(rows[a.code.casefold()].at("code") if a.code.casefold() in rows else table.location, code=a.code)
        for a in agencies
        if a.code not in knowing
    ]


def unused_lists(lists: list[ChoiceList], questions: list[Question], table: Table) -> list[Problem]:
    """One warning per list no question names, at its first row on the Lists sheet."""
    used = {q.choice_list.casefold() for q in questions if q.choice_list}
    first = {}
    for record in table.records:
        first.setdefault(record.name("list").casefold(), record)
    return [
        problems.LIST_NOT_USED(first[cl.name.casefold()].at("list"), name=cl.name)
        for cl in lists
        # an empty list already has its own error
        if cl.choices and cl.name.casefold() not in used and cl.name.casefold() in first
    ]
