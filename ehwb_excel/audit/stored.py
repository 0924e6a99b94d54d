"""The audit as the master's hidden metadata sheet carries it: the whole definition as JSON,
split into chunks below Excel's 32,767-character cell limit, one `(audit_json, chunk)` row each."""

from __future__ import annotations

import json
from collections.abc import Mapping

from ehwb_excel.audit.model import Audit, audit_from_dict, audit_to_dict
from ehwb_excel.excel import layout

CHUNK = 30_000  # characters per cell, under Excel's 32,767 limit


def audit_rows(audit: Audit) -> list[tuple]:
    """`(audit_json, chunk)` rows carrying the whole definition."""
    text = json.dumps(audit_to_dict(audit), ensure_ascii=False, sort_keys=True)
    return [(layout.META_AUDIT_JSON, text[i : i + CHUNK]) for i in range(0, len(text), CHUNK)] or [(layout.META_AUDIT_JSON, "")]


def audit_from_meta(meta: Mapping[str, list[list[str]]]) -> Audit | None:
    """The audit stored by `audit_rows` (`meta` as `excel.meta_sheet.parse_meta` gives it); None when the sheet carries none."""
    chunks = meta.get(layout.META_AUDIT_JSON)
    if not chunks:
        return None
    return audit_from_dict(json.loads("".join(row[0] if row else "" for row in chunks)))
