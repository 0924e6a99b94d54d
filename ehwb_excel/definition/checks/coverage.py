"""Checks across sheets: an agency that knows no case, a list no question uses (or a mistyped list name)."""

from __future__ import annotations

from rapidfuzz.distance import OSA

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table
from ehwb_excel.definition.sheets import loose
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
    """One problem per list no question names, at its first row on the Lists sheet.

    A list whose name is close to a list a question uses ('grdae' for 'grade') is an error:
    its rows were meant for that list, whose dropdowns would silently lack those values.
    Any other unused list is a warning.
    """
    used = {q.choice_list.casefold() for q in questions if q.choice_list}
    used_names = [cl.name for cl in lists if cl.name.casefold() in used]
    first: dict[str, Record] = {}
    for row in table.records:
        first.setdefault(row.name("list").casefold(), row)
    found = []
    for choice_list in lists:
        record = first.get(choice_list.name.casefold())
        # an empty list already has its own error
        if not choice_list.choices or choice_list.name.casefold() in used or record is None:
            continue
        meant = mistyped_for(choice_list.name, used_names)
        if meant:
            found.append(problems.LIST_NAME_MISTYPED(
                record.at("list"), name=choice_list.name, values=", ".join(choice_list.values),
                suggestion=" or ".join(f"'{name}'" for name in meant), cell=record.cell("list"),
            ))
        else:
            found.append(problems.LIST_NOT_USED(record.at("list"), name=choice_list.name))
    return found


def mistyped_for(name: str, used: list[str]) -> list[str]:
    """The used list names `name` is most likely a typing slip of ([] when none is close).

    Close means equal but for case, spaces and '_', or one edit away (two for names of 8 or
    more characters), a swap of neighbouring letters counting as one edit. Equally close
    names are all given: we never choose silently between them.
    """
    wanted = loose(name)
    allowed = 1 if len(wanted) < 8 else 2
    distances = {candidate: OSA.distance(wanted, loose(candidate)) for candidate in used}
    close = {candidate: d for candidate, d in distances.items() if d <= allowed}
    if not close:
        return []
    nearest = min(close.values())
    return [candidate for candidate, d in close.items() if d == nearest]

