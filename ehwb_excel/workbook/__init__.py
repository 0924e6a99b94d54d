"""The workbooks we generate: each agency's audit workbook, the master skeleton, the look they and the merged master share, and `generate`; writes with openpyxl.

May import: audit, excel, files, master (only `generate`, for the identity key an existing master keeps), problems.
"""
