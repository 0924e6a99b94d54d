"""The workbooks we generate: each agency's audit workbook, the master skeleton, their shared style, and `generate`; writes with openpyxl.

May import: audit, excel, files, master, problems.
"""
