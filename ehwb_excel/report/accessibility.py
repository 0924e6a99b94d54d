"""What python-docx has no API for, set in the document XML: header rows, alt text, contents, language, page numbers.

The one place that writes WordprocessingML by hand. Each function says which element it
sets and why a reader of the published report (or a screen reader) needs it.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shape import InlineShape
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

# A board paper's contents lists its sections and lines of enquiry (Heading 1-2); with level 3 each
# line of enquiry's "Strengths" and "Areas for development" made the list run over a second page.
TOC_LEVELS = 2
TOC_INSTRUCTION = rf' TOC \o "1-{TOC_LEVELS}" \h \z \u '
TOC_PLACEHOLDER = "Right-click here and choose Update Field to show the table of contents with page numbers."


def _insert_before(parent, child, successors: Sequence[str]):
    """Put `child` in `parent` before the first of `successors` (the schema's element order), else last."""
    for tag in successors:
        found = parent.find(qn(tag))
        if found is not None:
            found.addprevious(child)
            return child
    parent.append(child)
    return child


def _on(parent, tag: str, successors: Sequence[str] = ()):
    """The child `tag` of `parent`, added in schema order when missing."""
    found = parent.find(qn(tag))
    return found if found is not None else _insert_before(parent, OxmlElement(tag), successors)


# -- tables -------------------------------------------------------------------------------------

_TRPR_AFTER_TBLHEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")


def repeat_header_rows(table: Table, rows: int = 1) -> None:
    """Mark the first `rows` rows as header rows (`w:tblHeader`): they repeat on every page, and screen
    readers announce them as column headers. Word repeats a header row only when every row above it
    is one too, so only leading rows can be marked. Rows are also kept whole across pages (`w:cantSplit`).
    """
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        _on(tr_pr, "w:cantSplit", ("w:trHeight", "w:tblHeader", *_TRPR_AFTER_TBLHEADER))
        if index < rows:
            _on(tr_pr, "w:tblHeader", _TRPR_AFTER_TBLHEADER)


def set_table_title(table: Table, title: str, description: str = "") -> None:
    """The table's alt text (`w:tblCaption`, `w:tblDescription`), which Word shows under Table Properties > Alt Text."""
    tbl_pr = table._tbl.tblPr
    _on(tbl_pr, "w:tblCaption", ("w:tblDescription", "w:tblPrChange")).set(qn("w:val"), title)
    if description:
        _on(tbl_pr, "w:tblDescription", ("w:tblPrChange",)).set(qn("w:val"), description)


_TCPR_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")


def shade_cell(cell: _Cell, fill: str) -> None:
    """Fill a cell with colour `fill` ("1F3864"); header rows use a dark fill with white text for contrast."""
    shd = _on(cell._tc.get_or_add_tcPr(), "w:shd", _TCPR_AFTER_SHD)
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


# -- images ---------------------------------------------------------------------------------------


def set_alt_text(shape: InlineShape, description: str, title: str = "") -> None:
    """The picture's alt text (`wp:docPr` `descr`, and `title`): what a screen reader says instead of the image."""
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", description)
    if title:
        doc_pr.set("title", title)


# -- fields ---------------------------------------------------------------------------------------


def _run(paragraph: Paragraph, child) -> None:
    run = OxmlElement("w:r")
    run.append(child)
    paragraph._p.append(run)


def _field_char(kind: str):
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    return char


def _begin_field(paragraph: Paragraph, instruction: str) -> None:
    _run(paragraph, _field_char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    _run(paragraph, instr)
    _run(paragraph, _field_char("separate"))


def add_field(paragraph: Paragraph, instruction: str, shown: str = "") -> None:
    """A complex field (`w:fldChar` begin / `w:instrText` / separate / result / end) at the end of `paragraph`.

    `shown` is the field's last result, what a reader sees until the field is updated.
    """
    _begin_field(paragraph, instruction)
    if shown:
        paragraph.add_run(shown)
    _run(paragraph, _field_char("end"))


def add_table_of_contents(paragraph: Paragraph, entries: Sequence[tuple[int, str]] = (),
                          placeholder: str = TOC_PLACEHOLDER, entry_style: str = "toc {level}") -> None:
    """A table of contents field over Heading 1-2 (`TOC \\o "1-2" \\h \\z \\u`) with hyperlinked entries.

    Word rebuilds it, with page numbers, on "Update Field" (and on opening, see `update_fields_on_open`);
    the PDF export (pdf.py) has LibreOffice rebuild it. Until then its last result is shown: `entries`
    (level, heading text) down to TOC_LEVELS as one paragraph each in the "toc N" styles, so that a
    PDF converted without updating still has a contents list; with no entries, the placeholder text.
    """
    entries = [(level, text) for level, text in entries if level <= TOC_LEVELS]
    _begin_field(paragraph, TOC_INSTRUCTION)
    last = paragraph
    for index, (level, text) in enumerate(entries):
        if index:
            new = OxmlElement("w:p")
            last._p.addnext(new)
            last = Paragraph(new, paragraph._parent)
        last.style = entry_style.format(level=level)
        last.add_run(text)
    if not entries:
        paragraph.add_run(placeholder)
    _run(last, _field_char("end"))


def add_page_numbers(paragraph: Paragraph, prefix: str = "Page ", middle: str = " of ") -> None:
    """'Page 3 of 12' from the PAGE and NUMPAGES fields, which every application recalculates."""
    paragraph.add_run(prefix)
    add_field(paragraph, " PAGE ", "1")
    paragraph.add_run(middle)
    add_field(paragraph, " NUMPAGES ", "1")


def update_fields_on_open(document: Document) -> None:
    """`w:updateFields` in the settings: Word offers to update the contents and page numbers when the report opens."""
    settings = document.settings.element
    _on(settings, "w:updateFields", ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars",
                                      "w:rsids", "m:mathPr", "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping",
                                      "w:doNotIncludeSubdocsInStats", "w:doNotAutoCompressPictures", "w:forceUpgrade",
                                      "w:captions", "w:readModeInkLockDown", "w:smartTagType", "w:schemaLibrary",
                                      "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator"),
        ).set(qn("w:val"), "true")


# -- language and properties ------------------------------------------------------------------------


def set_language(document: Document, language: str = "en-GB") -> None:
    """The proofing language of all text (`w:lang` in the styles' `w:docDefaults`) and the document's language property.

    Screen readers pick their voice from it; Word's spelling checker too.
    """
    styles = document.styles.element
    defaults = _on(styles, "w:docDefaults", ("w:latentStyles", "w:style"))
    rpr_default = _on(defaults, "w:rPrDefault", ("w:pPrDefault",))
    rpr = _on(rpr_default, "w:rPr")
    lang = _on(rpr, "w:lang", ("w:eastAsianLayout", "w:specVanish", "w:oMath"))
    lang.set(qn("w:val"), language)
    document.core_properties.language = language


def set_properties(document: Document, *, title: str, subject: str = "", keywords: str = "", author: str = "",
                   language: str = "en-GB") -> None:
    """Title, subject, keywords (the protective marking goes here too) and language in `docProps/core.xml`.

    The title is what a screen reader and a PDF viewer show instead of the file name.
    """
    properties = document.core_properties
    properties.title = title
    properties.subject = subject
    properties.keywords = keywords
    properties.author = author
    properties.last_modified_by = author
    properties.language = language
    properties.comments = ""
    properties.revision = 1
