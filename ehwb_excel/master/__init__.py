"""The coordinator's master workbook on disk: read its state, merge a returns folder into it, write it safely.

May import: audit, excel, files, merge, problems, returns, workbook.
"""
