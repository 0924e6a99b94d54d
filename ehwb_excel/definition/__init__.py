"""The coordinator's definition workbook: its sheets, forgiving values, reader, writer and checks; reads and writes with openpyxl.

May import: audit, excel, files, problems, workbook.
"""
