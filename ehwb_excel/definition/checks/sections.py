"""The Sections sheet: the case profile and the key lines of enquiry, in order."""

from __future__ import annotations

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table, identified
from ehwb_excel.definition.values import yes_no
from ehwb_excel.audit.model import Section
from ehwb_excel.problems.problem import Problem


def read_sections(table: Table) -> tuple[list[Section], list[Problem]]:
    """The sections with a usable ID, in sheet order, and the problems found."""
    found: list[Problem] = []
    sections: list[Section] = []
    profile: tuple[Section, Record] | None = None
    rows = identified(table, "id", found, blank=problems.BLANK_SECTION_ID, duplicate=problems.DUPLICATE_SECTION_ID, named="section")
    for section_id, record in rows:
        title = record.text("title")
        if not title:
            found.append(problems.BLANK_SECTION_TITLE(record.at("title"), section=section_id, cell=record.cell("title")))
        is_profile = yes_no(record.raw("is_profile"))
        if is_profile is None and record.text("is_profile"):
            found.append(problems.NOT_YES_NO(record.at("is_profile"), value=record.text("is_profile"),
                                             column=table.spec.column("is_profile").header, cell=record.cell("is_profile")))
        section = Section(section_id, title, record.text("description"), bool(is_profile))
        if section.is_profile and profile:
            found.append(problems.TWO_PROFILE_SECTIONS(record.at("is_profile"), section=section_id, first=profile[0].id,
                                                       row=profile[1].row, cell=record.cell("is_profile")))
        elif section.is_profile:
            profile = (section, record)
        sections.append(section)
    return sections, found
