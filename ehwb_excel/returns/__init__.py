"""A returned agency workbook: the defensive intake, the values-only reader, canonical answers and the checks (checks/ is pure).

May import: audit, excel, files, merge, problems.
"""
