"""Render what people see to PNG through LibreOffice: look at these before calling a layout done.

    PYTHONPATH=$PWD /tmp/venv/bin/python scripts/render_pictures.py [--out output/pictures]

Runs the demo into OUT/demo, types a case sheet in LibreOffice as an agency officer would
(dropdown answers and long free-text evidence, saved as .xlsx), then prints to PDF with
`soffice --convert-to pdf` (its own profile) and turns every page into a PNG with `pdftoppm`:

    OUT/png/start-and-case-sheet-N.png   the filled agency workbook (Start, case sheets, Your agency)
    OUT/png/master-N.png                 every visible master sheet (the sheet name is in each footer)
    OUT/png/definition-N.png             the definition workbook
    OUT/png/report-N.png                 the report's pages

and a list of the pages. Needs LibreOffice (soffice, /usr/bin/python3 with uno) and pdftoppm.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ehwb_excel.demo.cycle import run_demo  # noqa: E402
from ehwb_excel.excel import layout  # noqa: E402
from ehwb_excel.workbook.generate import file_name_for  # noqa: E402
from tests.libreoffice import LibreOffice, op  # noqa: E402

AGENCY, CASE = "SCT", "Case A"
RESOLUTION = 60  # dots per inch: a page is about 500 x 700 pixels, enough to see layout and cut text
CONVERT_SECONDS = 600

# What the officer types: every free-text answer gets a paragraph, so cut text shows at once.
PARAGRAPH = (
    "The school nurse saw her weekly from October and kept a clear chronology; the worker changed twice in "
    "the spring term, and each change was explained to her in person. She said she felt listened to and "
    "that she knew who to go to when she felt anxious at school. Notes of every contact are in the record."
)
COMMENT = "Evidence: chronology entries 12/10, 19/10 and 02/11; supervision note of 14/11; the child's own words in the visit record."
CHOICES = {"YES_NO": "Yes", "GRADE": "Good", "NUMBER": "3", "DATE": "2027-01-05"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "output" / "pictures", help="folder to write into (emptied first)")
    args = parser.parse_args(argv)
    for program in ("soffice", "pdftoppm"):
        if shutil.which(program) is None:
            print(f"render_pictures: {program} is not installed", file=sys.stderr)
            return 2
    out = args.out.resolve()
    shutil.rmtree(out, ignore_errors=True)
    demo = run_demo(out / "demo", say=lambda line: None, pdf=True)
    filled = fill_case_sheet(demo.out_dir / "to-send" / file_name_for(demo_audit(demo.definition), AGENCY), out / "filled")
    sources = {
        "start-and-case-sheet": filled,
        "master": demo.master,
        "definition": demo.definition,
    }
    pdfs = to_pdf(sources, out / "pdf")
    if demo.pdf is not None:
        pdfs["report"] = demo.pdf
    pictures = out / "png"
    pictures.mkdir(parents=True, exist_ok=True)
    for name, pdf in pdfs.items():
        subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(pictures / name)], check=True)
        pages = sorted(pictures.glob(f"{name}-*.png"))
        print(f"{name}: {len(pages)} page(s), {pages[0] if pages else 'none'} ...")
    print(f"look at them: {pictures}")
    return 0


def demo_audit(definition: Path):
    from ehwb_excel.definition.reader import load_definition

    return load_definition(definition)


# -- an agency officer fills one case sheet in LibreOffice ----------------------------------------


def fill_case_sheet(workbook: Path, out_dir: Path) -> Path:
    """`workbook` with CASE answered in LibreOffice (typed, not written by openpyxl), saved into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / workbook.name
    operations = [op("open", path=str(workbook))]
    for cell, value in typed_answers(workbook).items():
        operations.append(op("type_value", sheet=CASE, cell=cell, value=value))
    operations += [op("recalculate"), op("save_as", path=str(target))]
    with LibreOffice() as office:
        office.run_ok(operations)
    return target


def typed_answers(workbook: Path) -> dict[str, str]:
    """Cell -> what the officer types on the case sheet: a plausible answer to every question, and comments."""
    from ehwb_excel.audit.default_audit import default_audit

    questions = {q.id: q for q in default_audit().questions}
    sheet = load_workbook(workbook)[CASE]
    key_row = next(row for row in sheet.iter_rows(max_row=10) if any(c.value == layout.COL_QUESTION_ID for c in row))
    column_of = {c.value: c.column_letter for c in key_row if isinstance(c.value, str)}
    answers: dict[str, str] = {}
    for row in range(key_row[0].row + 1, sheet.max_row + 1):
        question = questions.get(sheet[f"{column_of[layout.COL_QUESTION_ID]}{row}"].value)
        if question is None:
            continue
        value = answer_for(question, workbook)
        if value is not None:
            answers[f"{column_of[layout.COL_ANSWER]}{row}"] = value
        if question.type.name in ("GRADE", "TEXT"):
            answers[f"{column_of[layout.COL_COMMENT]}{row}"] = COMMENT
    return answers


def answer_for(question, workbook: Path) -> str | None:
    if question.type.name == "TEXT":
        return PARAGRAPH
    if question.type.name in CHOICES:
        return CHOICES[question.type.name]
    if question.choice_list:
        lists = load_workbook(workbook)[layout.LISTS_SHEET]
        for column in lists.iter_cols(min_row=1):
            if column[0].value == question.choice_list:
                return column[1].value
    return None


# -- print to PDF ---------------------------------------------------------------------------------


def to_pdf(sources: dict[str, Path], out_dir: Path) -> dict[str, Path]:
    """Name -> the PDF LibreOffice prints of each source (one soffice, its own profile)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staged = {}
    with tempfile.TemporaryDirectory(prefix="ehwb-pictures-") as work:
        for name, source in sources.items():  # copies named by what they show: PDFs take the file's name
            staged[name] = Path(shutil.copy(source, Path(work) / f"{name}{source.suffix}"))
        profile = Path(work) / "profile"
        command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, staged.values())]
        subprocess.run(command, check=True, capture_output=True, timeout=CONVERT_SECONDS)
    return {name: out_dir / f"{name}.pdf" for name in sources}


if __name__ == "__main__":
    sys.exit(main())
