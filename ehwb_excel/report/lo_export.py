"""Update a .docx's contents list in a running LibreOffice and export it as a tagged PDF with an outline.

Run by ehwb_excel/report/pdf.py under a Python that has LibreOffice's `uno` module (on Debian
and Ubuntu only the system /usr/bin/python3 has it, not the project's Python), so this file
imports nothing from ehwb_excel and only the standard library besides `uno`:

    /usr/bin/python3 lo_export.py PIPE REPORT.docx REPORT.pdf

It connects to the LibreOffice listening on the pipe PIPE (pdf.py starts it, with a private
profile, and always stops it), opens the report hidden with macros off, rebuilds every index
(the contents list: `soffice --convert-to pdf` leaves the field's last result, without page
numbers), stores the PDF and asks LibreOffice to quit. It prints one line of JSON
({"indexes": n, "pages": n}) and exits 0; on failure it writes the reason on stderr's last
line and exits 1; exit 2 means this Python has no `uno`.

The updated .docx is deliberately not saved back: LibreOffice's re-save drops every table's
alt text (`w:tblCaption`) and the `w:updateFields` setting, and its page numbers follow its own
layout, which can differ from Word's; Word users get Word's numbers by updating the fields.
"""

from __future__ import annotations

import json
import os
import sys
import time

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError:  # pdf.py checks first; this is the fallback for a Python without LibreOffice's bridge
    print("this Python cannot import uno (LibreOffice's Python bridge)", file=sys.stderr)
    sys.exit(2)

CONNECT_SECONDS = 120.0
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE: the report holds no macros; run none
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE: follow no links to other files
PDF_OPTIONS = {
    "UseTaggedPDF": True,  # headings and the charts' alt text reach the PDF (screen readers, reflow)
    "ExportBookmarks": True,  # the headings as the PDF's outline (the viewer's side panel)
    "DisplayPDFDocumentTitle": True,  # the viewer's title bar shows the report's title, not the file name
}
# An updated contents list can be longer than its last result (page numbers, dot leaders) and push
# the headings a page on; the second update then gives their new pages. Two passes settle it.
UPDATE_PASSES = 2


def uno_property(name: str, value) -> PropertyValue:
    """A PropertyValue, the (name, value) pair every UNO call takes its options as."""
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def connect(pipe: str):
    """The Desktop of the LibreOffice listening on `pipe`, waiting while it starts."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _url(path: str) -> str:
    return uno.systemPathToFileUrl(os.path.abspath(path))


def _page_count(document) -> int:
    return int(document.getCurrentController().PageCount)


def update_indexes(document) -> int:
    """Rebuild every index (contents, and any other) with current page numbers, twice; how many there are."""
    indexes = document.getDocumentIndexes()
    for _ in range(UPDATE_PASSES):
        for number in range(indexes.getCount()):
            indexes.getByIndex(number).update()
        document.refresh()
    return indexes.getCount()


def export(desktop, docx: str, pdf: str) -> dict:
    """Open `docx` hidden, update its indexes, store it as `pdf`; the indexes and pages counted."""
    options = (uno_property("Hidden", True), uno_property("ReadOnly", False),
               uno_property("MacroExecutionMode", NEVER_EXECUTE), uno_property("UpdateDocMode", NO_UPDATE))
    document = desktop.loadComponentFromURL(_url(docx), "_blank", 0, options)
    if document is None:
        raise RuntimeError("LibreOffice could not open the .docx")
    try:
        indexes = update_indexes(document)
        filter_data = uno.Any("[]com.sun.star.beans.PropertyValue",
                              tuple(uno_property(name, value) for name, value in PDF_OPTIONS.items()))
        document.storeToURL(_url(pdf), (uno_property("FilterName", "writer_pdf_Export"), uno_property("FilterData", filter_data)))
        return {"indexes": indexes, "pages": _page_count(document)}
    finally:
        document.close(True)


def _quit(desktop) -> None:
    """Ask LibreOffice to quit (pdf.py still stops it if this does not work, e.g. on a lost connection)."""
    if desktop is None:
        return
    try:
        desktop.terminate()
    except Exception:  # the bridge closes as the office quits: DisposedException and the like are expected
        pass


def main(argv: list[str]) -> int:
    pipe, docx, pdf = argv
    desktop = None
    try:
        desktop = connect(pipe)
        result = export(desktop, docx, pdf)
    except Exception as error:  # any UNO failure: pdf.py turns the last stderr line into a located problem
        print(f"{type(error).__name__}: {getattr(error, 'Message', '') or error}".replace("\n", " "), file=sys.stderr)
        return 1
    finally:
        _quit(desktop)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
