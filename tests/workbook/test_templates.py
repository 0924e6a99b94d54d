"""The editable templates built by workbook_templates/build_templates.py are usable as they are."""

import runpy
from pathlib import Path

from ehwb_excel.definition.reader import read_definition
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.report.styles import new_document

SCRIPT = Path(__file__).resolve().parents[2] / "workbook_templates" / "build_templates.py"


def test_templates_are_the_default_audit_and_a_complete_report_template(tmp_path):
    definition, template = runpy.run_path(str(SCRIPT))["build_templates"](tmp_path)
    audit, report = read_definition(definition)
    assert report.valid and audit.checksum() == default_audit().checksum()
    document, problems = new_document(template)
    assert problems == []  # every style the report uses is in the template
    assert all(not p.text for p in document.paragraphs)  # the template's own text is not used
