"""ehwb export and ehwb pool: a master's tables as Parquet/CSV, many masters as one dataset DuckDB reads."""

from __future__ import annotations

import csv
import dataclasses
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas
import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.audit.model import QuestionType
from ehwb_excel.demo.returns import fill_answers, synthesise_returns
from ehwb_excel.excel import layout
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.master.writer import save_master
from ehwb_excel.pool import export_master, pool_masters
from ehwb_excel.problems.catalogue.returns import MASTER_NOT_OURS
from ehwb_excel.workbook.generate import generate, master_file_name

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
FORMULA = '=HYPERLINK("http://example.org","see the chronology")'


def merged_master(folder: Path, audit_id: str):
    """A master after a real merge of the default audit's synthesised returns; one comment looks like a formula."""
    base = default_audit()
    audit = dataclasses.replace(base, settings=dataclasses.replace(base.settings, audit_id=audit_id))
    generate(audit, folder / "sent")
    returns = synthesise_returns(audit, folder / "sent", folder / "returns", seed=5)
    agency = next(a.code for a in audit.agencies if returns[0].name.endswith(f" - {a.code}.xlsx"))
    grade = next(q.id for q in audit.questions if q.type is QuestionType.GRADE)
    fill_answers(returns[0], {}, comments={(audit.cases_for(agency)[0].reference, grade): FORMULA})
    master = folder / "sent" / master_file_name(audit)
    result = merge_returns(folder / "returns", master, now=NOW)
    save_master(master, result, backup=False)
    return master, result


@pytest.fixture(scope="module")
def masters(tmp_path_factory):
    made = tmp_path_factory.mktemp("masters")
    return [merged_master(made / audit_id, audit_id) for audit_id in ("EHWB-2026-Q1", "EHWB 2026/Q2 é")]


def test_pool_writes_one_dataset_duckdb_reads_by_audit(masters, tmp_path):
    not_a_master = tmp_path / "notes.xlsx"
    not_a_master.write_text("not a workbook")
    pooled = pool_masters([masters[0][0], not_a_master, masters[1][0]], tmp_path / "pooled")

    assert [p.type for p in pooled.problems] == [MASTER_NOT_OURS] and "notes.xlsx" in str(pooled.problems[0])
    expected = {r.audit.settings.audit_id: r.response_rows for _, r in masters}
    assert pooled.rows == sum(expected.values()) and len(pooled.files) == 2
    counts = duckdb.sql(f"""
        select audit, count(*), count(received), count(distinct agency), min(partnership)
        from read_parquet('{tmp_path / "pooled"}/**/*.parquet', hive_partitioning = true)
        group by audit order by audit""").fetchall()
    partnership = default_audit().settings.partnership
    assert counts == [(audit_id, rows, rows, 11, partnership) for audit_id, rows in sorted(expected.items())]


def test_pooled_rows_are_the_masters_responses(masters, tmp_path):
    master, result = masters[0]
    pool_masters([master], tmp_path / "pooled")
    pooled = duckdb.sql(f"""select agency, "case", question_id, answer, score, status, received, "cell"
        from read_parquet('{tmp_path / "pooled"}/**/*.parquet', hive_partitioning = true)""").df()
    responses = result.responses_frame()
    assert len(pooled) == len(responses) > 1000

    def keyed(frame, names):
        return {tuple("" if pandas.isna(v) else v for v in key): (answer, cell) for *key, answer, cell in frame[names].itertuples(index=False)}
    assert keyed(pooled, ["agency", "case", "question_id", "answer", "cell"]) == keyed(responses, ["Agency", "Case", "Question ID", "Answer", "Cell"])
    for submission in (s for s in result.submissions if s.status in ("received", "late")):
        rows = pooled[pooled.agency == submission.agency]
        assert set(rows.status) == {submission.status}
        assert {t.to_pydatetime() for t in rows.received} == {submission.received.replace(tzinfo=None)}


def test_pool_replaces_its_own_dataset_and_refuses_another_folder(masters, tmp_path):
    out = tmp_path / "pooled"
    pool_masters([masters[0][0], masters[1][0]], out)
    assert len(pool_masters([masters[0][0]], out).files) == 1
    assert len(list(out.glob("audit=*"))) == 1  # the earlier dataset is gone, not mixed in
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.docx").write_text("keep me")
    with pytest.raises(ValueError, match="was not made by 'ehwb pool'"):
        pool_masters([masters[0][0]], tmp_path / "mine")
    assert (tmp_path / "mine" / "notes.docx").read_text() == "keep me"


def test_export_writes_each_table_as_parquet_and_csv_with_text_that_stays_text(masters, tmp_path):
    master, result = masters[0]
    written = export_master(master, tmp_path / "export")
    assert sorted(p.name for p in written) == sorted(f"{s}.{e}" for s in ("Responses", "Submissions", "Grades") for e in ("parquet", "csv"))
    responses = pandas.read_parquet(tmp_path / "export" / "Responses.parquet")
    assert list(responses.columns) == list(layout.RESPONSES_COLUMNS) and len(responses) == result.response_rows
    submissions = pandas.read_parquet(tmp_path / "export" / "Submissions.parquet")
    assert str(submissions["Received"].dtype).startswith("datetime64") and str(submissions["Answers"].dtype) == "Int64"
    with open(tmp_path / "export" / "Responses.csv", encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)
    assert FORMULA in responses["Comment"].dropna().tolist() and "'" + FORMULA in cells
