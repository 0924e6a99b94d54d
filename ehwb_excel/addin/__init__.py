"""The Excel ribbon add-in: its build, its installation and what its button runs.

May import: files, master, merge, problems, report, workbook.
"""
