"""Problems the Excel add-in finds before it can merge (codes ADD_nnn).

They are shown in a message box in Excel, one line each; the location is the workbook the
coordinator has open (or the add-in file), printed in front of the template.
"""

from ehwb_excel.problems.problem import ProblemType, Severity

E, W = Severity.ERROR, Severity.WARNING

WORKBOOK_NEVER_SAVED = ProblemType(
    "ADD_001", "workbook-never-saved", E,
    "this workbook has never been saved, so it is not a master workbook. Open the master workbook made by 'ehwb generate' (File > Open), then click Merge returns again.",
)
WORKBOOK_NOT_LOCAL = ProblemType(
    "ADD_002", "workbook-not-on-this-computer", E,
    "Excel has this workbook open from a web address ({url}), and the merge must read it as a file. Open it from a folder on this computer (for OneDrive or SharePoint: the synced folder in File Explorer or Finder, or File > Save a Copy to a local folder), then click Merge returns again.",
)
UNSAVED_CHANGES = ProblemType(
    "ADD_003", "unsaved-changes", E,
    "the workbook has changes that are not saved; the merge reads the saved file for the audit and the previous merge. Save the workbook (Ctrl+S, or Cmd+S on a Mac), then click Merge returns again.",
)
RETURNS_FOLDER_MISSING = ProblemType(
    "ADD_004", "returns-folder-missing", E,
    "the returns folder {folder} does not exist. Create a folder named 'returns' beside the master workbook and put the returned workbooks in it, or set 'Returns folder' on the add-in's settings sheet (see docs/addin.md).",
)
MERGE_NOT_INSTALLED = ProblemType(
    "ADD_005", "merge-not-installed", E,
    "the Python package that does the merge cannot be found ({why}). Install it into the Python that the add-in runs ('pip install ehwb_excel[addin]'), run 'ehwb addin install' from that Python again, and restart Excel.",
)
SHEET_NOT_WRITTEN = ProblemType(
    "ADD_006", "sheet-not-written", E,
    "the merge sheet could not be written ({why}); the workbook was not saved, so the file is as it was. If the sheet or workbook is protected, unprotect it (Review > Unprotect), then click Merge returns again.",
)
NOT_SAVED_AFTER_MERGE = ProblemType(
    "ADD_007", "not-saved-after-merge", W,
    "the merge sheets were written but the workbook could not be saved ({why}). Save it yourself (File > Save As if it is read-only) before the next merge.",
)
NOT_SAVED_BEFORE_MERGE = ProblemType(
    "ADD_008", "not-saved-before-merge", E,
    "the workbook could not be saved before the merge ({why}), and the merge reads the saved file; nothing was merged. If it is read-only, use File > Save As to a folder you can write, then click Merge returns again.",
)
