"""The report's styles: the built-in house style, or a partnership's Word template with any missing style added."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ehwb_excel.excel import palette
from ehwb_excel.problems.catalogue.report import TEMPLATE_STYLE_MISSING, TEMPLATE_UNUSABLE
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError, Problem

FONT = palette.FONT_NAME
DARK_BLUE = RGBColor.from_string(palette.DARK_BLUE)
DARK_GREY = RGBColor.from_string(palette.DARK_GREY)
HEADER_FILL = palette.DARK_BLUE  # table header rows: white bold text on dark blue

# style name -> (based on, outline level or None): what the report uses
REQUIRED_STYLES = {
    "Title": ("Normal", None),
    "Subtitle": ("Normal", None),
    "Heading 1": ("Normal", 0),
    "Heading 2": ("Normal", 1),
    "Heading 3": ("Normal", 2),
    "TOC Heading": ("Normal", None),
    "List Bullet": ("Normal", None),
    "Caption": ("Normal", None),
    "Quote": ("Normal", None),
}
TABLE_STYLE = "Table Grid"
TOC_STYLES = ("toc 1", "toc 2", "toc 3")  # Word's built-in names for contents entries


def new_document(template: Path | None = None) -> tuple[Document, list[Problem]]:
    """An empty document with the report's styles: from `template` (its body emptied) or the house style."""
    if template is None:
        document = docx.Document()
        _add_toc_styles(document)
        _house_style(document)
        _a4(document)
        return document, []
    try:
        document = docx.Document(_as_document(Path(template)))
    except Exception as error:  # not a zip, not a .docx, a .dotx or a damaged package
        raise EhwbError(TEMPLATE_UNUSABLE(Location.of(template), why=f"it cannot be opened as a .docx ({type(error).__name__})")) from error
    _empty_body(document)
    problems = _add_missing_styles(document, template)
    _add_toc_styles(document)
    return document, problems


TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _as_document(template: Path) -> io.BytesIO:
    """The template's bytes; a Word template (.dotx) differs from a .docx only in its main part's content type."""
    data = template.read_bytes()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return io.BytesIO(data)  # python-docx says what is wrong with it
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in package.infolist():
            content = package.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
            copy.writestr(item, content)
    target.seek(0)
    return target


def _empty_body(document: Document) -> None:
    """Remove the template's sample text and tables; its page set-up (the last w:sectPr) stays."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _add_missing_styles(document: Document, template: Path) -> list[Problem]:
    problems = []
    names = {style.name for style in document.styles}
    for name, (base, level) in REQUIRED_STYLES.items():
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles[base]
        if level is not None:
            style.font.bold = True
            style.font.size = Pt((16, 13, 12)[level])
            pPr = style.element.get_or_add_pPr()
            outline = pPr.makeelement(qn("w:outlineLvl"), {qn("w:val"): str(level)})
            pPr.append(outline)  # Word's navigation pane and the contents field read the outline level
        problems.append(TEMPLATE_STYLE_MISSING(Location.of(template), style=name))
    if TABLE_STYLE not in names:
        document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
        problems.append(TEMPLATE_STYLE_MISSING(Location.of(template), style=TABLE_STYLE))
    return problems


def _add_toc_styles(document: Document) -> None:
    """Contents entries indented by level; added silently, Word would make them on the first update anyway."""
    names = {style.name.casefold() for style in document.styles}
    for level, name in enumerate(TOC_STYLES):
        if name in names:
            continue
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        style.paragraph_format.left_indent = Cm(0.6 * level)
        style.paragraph_format.space_after = Pt(2 if level else 4)
        style.font.bold = level == 0


def _a4(document: Document) -> None:
    for section in document.sections:
        section.page_width, section.page_height = Cm(21.0), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.header_distance = section.footer_distance = Cm(1.25)


def _plain_font(style, size: float, *, bold: bool | None = None, colour: RGBColor | None = None) -> None:
    """Set the font by name; theme-font and theme-colour attributes would otherwise win over it in Word."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attribute), None)
    style.font.name = FONT
    style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour
        colour_element = rpr.find(qn("w:color"))
        for attribute in ("w:themeColor", "w:themeShade", "w:themeTint"):
            colour_element.attrib.pop(qn(attribute), None)


def _house_style(document: Document) -> None:
    styles = document.styles
    _plain_font(styles["Normal"], 11)
    normal = styles["Normal"].paragraph_format
    normal.space_after, normal.line_spacing = Pt(6), 1.15
    for name, size, before, after in (("Heading 1", 16, 18, 6), ("Heading 2", 13, 14, 4), ("Heading 3", 11.5, 10, 3)):
        _plain_font(styles[name], size, bold=True, colour=DARK_BLUE)
        styles[name].paragraph_format.space_before, styles[name].paragraph_format.space_after = Pt(before), Pt(after)
    _plain_font(styles["Title"], 26, bold=True, colour=DARK_BLUE)
    _plain_font(styles["Subtitle"], 15, colour=DARK_GREY)
    styles["Subtitle"].font.italic = False
    _plain_font(styles["TOC Heading"], 16, bold=True, colour=DARK_BLUE)
    _plain_font(styles["Caption"], 9.5, bold=True, colour=DARK_GREY)
    _plain_font(styles["Quote"], 11, colour=DARK_GREY)
    for name in ("Header", "Footer"):
        _plain_font(styles[name], 9, colour=DARK_GREY)
