"""The Lists sheet: one row per dropdown value (list, value, score, colour)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table, first_seen
from ehwb_excel.definition.values import colour, number
from ehwb_excel.excel.limits import LIST_ITEM_MAX, LIST_ITEMS_MAX, defined_name_problem
from ehwb_excel.audit.model import Choice, ChoiceList
from ehwb_excel.problems.problem import Problem


@dataclass
class _Draft:
    name: str
    first: Record
    choices: list[Choice] = field(default_factory=list)
    seen: dict[str, Record] = field(default_factory=dict)
    blank_rows: list[Record] = field(default_factory=list)


def read_lists(table: Table) -> tuple[list[ChoiceList], list[Problem]]:
    """The choice lists in order of first appearance (even empty or faulty ones), and the problems."""
    found: list[Problem] = []
    drafts: dict[str, _Draft] = {}
    for record in table.records:
        list_name, value = record.name("list"), record.text("value")
        if not list_name:
            found.append(problems.BLANK_LIST_NAME(record.at("list"), value=value, cell=record.cell("list")))
            continue
        draft = drafts.setdefault(list_name.casefold(), _Draft(list_name, record))
        choice, choice_problems = _choice(record, draft)
        found.extend(choice_problems)
        if choice:
            draft.choices.append(choice)
    found.extend(_list_problems(list(drafts.values()), table))
    return [ChoiceList(d.name, tuple(d.choices)) for d in drafts.values()], found


def _choice(record: Record, draft: _Draft) -> tuple[Choice | None, list[Problem]]:
    value = record.text("value")
    if not value:
        draft.blank_rows.append(record)  # reported once the whole list is known: blank row, or empty list
        return None, []
    found: list[Problem] = []
    earlier = first_seen(draft.seen, " ".join(value.split()), record)
    if earlier:
        found.append(problems.DUPLICATE_LIST_VALUE(record.at("value"), value=value, name=draft.name, first=earlier.row))
    if len(value) > LIST_ITEM_MAX:
        found.append(problems.LIST_VALUE_TOO_LONG(record.at("value"), name=draft.name, length=len(value), limit=LIST_ITEM_MAX))
    score = colour_code = None
    if record.text("score"):
        try:
            score = number(record.raw("score"))
        except ValueError:
            found.append(problems.BAD_SCORE(record.at("score"), value=record.text("score"), cell=record.cell("score")))
    if record.text("colour"):
        try:
            colour_code = colour(record.raw("colour"))
        except ValueError:
            found.append(problems.BAD_COLOUR(record.at("colour"), value=record.text("colour"), cell=record.cell("colour")))
    return Choice(value, score, colour_code), found


def _list_problems(drafts: list[_Draft], table: Table) -> list[Problem]:
    found: list[Problem] = []
    ranges: dict[str, _Draft] = {}
    for draft in drafts:
        where, cell = draft.first.at("list"), draft.first.cell("list")
        if not draft.choices and not draft.seen:
            found.append(problems.EMPTY_LIST(where, name=draft.name, column=table.spec.column("value").header))
        else:
            found.extend(problems.BLANK_LIST_VALUE(r.at("value"), name=draft.name, cell=r.cell("value")) for r in draft.blank_rows)
        if len(draft.choices) > LIST_ITEMS_MAX:
            found.append(problems.LIST_TOO_LONG(where, name=draft.name, count=len(draft.choices), limit=LIST_ITEMS_MAX))
        # every list becomes a defined name in each agency workbook; Excel compares names ignoring case
        range_name = layout.list_name_for(draft.name)
        why = defined_name_problem(range_name)
        other = ranges.setdefault(range_name.casefold(), draft)
        if not why and other is not draft:
            why = f"it gives the same range name ({range_name}) as list '{other.name}'"
        if why:
            found.append(problems.BAD_LIST_NAME(where, name=draft.name, why=why, cell=cell))
    return found
