from datetime import date

from ehwb_excel.excel import layout
from ehwb_excel.audit.stored import audit_from_meta, audit_rows
from ehwb_excel.excel.meta_sheet import first_value, meta_rows, parse_meta
from ehwb_excel.audit.model import Agency, Audit, Case, Choice, ChoiceList, Question, QuestionType, Section, Settings


def tiny_audit(note: str = "") -> Audit:
    return Audit(
        settings=Settings("A1", "Theme" + note, "P", "Q1", date(2026, 3, 31), "C", "c@x"),
        agencies=(Agency("SCT", "Trust"),),
        cases=(Case("Case A", ("SCT",)),),
        sections=(Section("s1", "Voice"),),
        questions=(Question("q1", "s1", "Heard?", QuestionType.GRADE, "grade"),),
        choice_lists=(ChoiceList("grade", (Choice("Good", 3, "00FF00"),)),),
    )


def test_meta_round_trip_with_numbers_read_back_as_floats():
    rows = meta_rows({layout.META_FORMAT: layout.RETURN_FORMAT, layout.META_TEMPLATE_VERSION: 1}, [("case_sheet", "Case A", "Case A")])
    as_read = [(k, 1.0 if v == "1" else v, *rest) for k, v, *rest in rows] + [(None, None)]
    meta = parse_meta(as_read)
    assert first_value(meta, layout.META_TEMPLATE_VERSION) == "1"
    assert meta["case_sheet"] == [["Case A", "Case A"]]
    assert first_value(meta, "absent") is None


def test_audit_survives_chunking_over_cells():
    audit = tiny_audit("x" * 70_000)
    rows = audit_rows(audit)
    assert len(rows) == 3 and all(len(r[1]) <= 32_767 for r in rows)
    restored = audit_from_meta(parse_meta(rows))
    assert restored == audit
    assert restored.checksum() == audit.checksum()
