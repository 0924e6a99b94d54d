"""The whole cycle on the built-in audit, with synthetic agency returns and coordinator entries.

May import: audit, definition, excel, master, problems, report, returns, workbook.
"""
