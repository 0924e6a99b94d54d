"""Writes the editable starting points: the default definition workbook and the report's Word template.

The sources are code (`ehwb_excel/default_audit.py`, `ehwb_excel/report/styles.py`), so the
package carries them after any install; this script turns them into files a coordinator opens
in Excel or Word. Run: `python workbook_templates/build_templates.py [OUT_DIR]` (default
output/templates). Nothing it writes is committed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.report.document import save_report
from ehwb_excel.report.styles import new_document


def build_templates(out_dir: Path) -> list[Path]:
    """The definition workbook and the report template written into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    definition = out_dir / "ehwb-default-definition.xlsx"
    write_definition(default_audit(), definition)
    template, _ = new_document(None)
    template.add_paragraph("Change the styles of this document (Heading 1-3, Normal, Caption, Table Grid), "
                           "then give it to 'ehwb report --template'. Its text is not used.")
    return [definition, save_report(template, out_dir / "ehwb-report-template.docx")]


if __name__ == "__main__":
    for path in build_templates(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("output/templates")):
        print(f"wrote {path}")
