"""The Audit sheet: one setting per row, read into Settings."""

from __future__ import annotations

from typing import Any

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table, first_seen, known
from ehwb_excel.definition.sheets import SETTINGS, SettingSpec, setting_for
from ehwb_excel.definition.values import a_date
from ehwb_excel.audit.model import DEFAULT_MARKING, Settings
from ehwb_excel.problems.problem import Problem, Severity

_DEFAULTS = {"coordinator_phone": "", "protective_marking": DEFAULT_MARKING, "template_version": "1"}


def read_settings(table: Table) -> tuple[Settings | None, list[Problem]]:
    """The audit settings; None when one that is required is missing or unreadable."""
    found: list[Problem] = []
    rows: dict[str, Record] = {}
    seen: dict[str, Record] = {}
    for record in table.records:
        label = record.text("setting")
        if not label:
            continue
        setting = setting_for(label)
        if setting is None:
            found.append(problems.UNKNOWN_SETTING(record.at("setting"), setting=label, known=known(s.label for s in SETTINGS)))
            continue
        earlier = first_seen(seen, setting.field, record)
        if earlier:
            found.append(problems.DUPLICATE_SETTING(record.at("setting"), setting=setting.label, first=earlier.row))
            continue
        rows[setting.field] = record
    values: dict[str, Any] = {}  # each checked against its setting above
    for setting in SETTINGS:
        value, problem = _value(setting, rows.get(setting.field), table)
        found.extend([problem] if problem else [])
        values[setting.field] = value
    if any(p.severity is Severity.ERROR for p in found):
        return None, found
    return Settings(**values), found


def _value(setting: SettingSpec, record: Record | None, table: Table) -> tuple[object, Problem | None]:
    raw = record.text("value") if record else ""
    if not raw:
        if not setting.required:
            return _DEFAULTS[setting.field], None
        where = record.at("value") if record else table.location
        return None, problems.MISSING_SETTING(where, setting=setting.label, about=setting.about.rstrip("."))
    assert record is not None  # a value was typed, so there is a row
    if setting.field == "deadline":
        try:
            return a_date(record.raw("value")), None
        except ValueError:
            return None, problems.BAD_DATE(record.at("value"), value=raw, setting=setting.label, cell=record.cell("value"))
    if setting.field == "coordinator_email" and ("@" not in raw or " " in raw):
        return raw, problems.BAD_EMAIL(record.at("value"), value=raw, cell=record.cell("value"))
    return raw, None
