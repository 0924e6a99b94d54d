"""The one palette of every file we make (workbooks and the report): the font and colours as "RRGGBB"."""

# A sans-serif font every Office and LibreOffice install has (RNIB / GOV.UK advice). Always
# name it: a bare bold font renders and saves as Cambria in LibreOffice.
FONT_NAME = "Arial"

WHITE = "FFFFFF"
DARK_BLUE = "1F3864"  # header rows (white bold text on it) and titles: 12.6:1 on white
DARK_GREY = "404040"  # captions and quotes in the report: 10:1 on white
HINT_GREY = "595959"  # hints under a title in a workbook
MARKING_RED = "C00000"  # the protective marking
LINK_BLUE = "0563C1"  # Office's hyperlink colour
SECTION_BLUE = "D9E1F2"  # a section's heading row
LOCKED_GREY = "F2F2F2"  # cells nobody types in
BORDER_GREY = "BFBFBF"
TO_DO_YELLOW = "FFF2CC"  # a required answer still missing; a warning row on the master
ERROR_PINK = "FFC7CE"  # an error row on the master (Excel's own "Bad" fill), under bold red text
DONE_GREEN = "C6EFCE"  # a sheet whose answers are complete
