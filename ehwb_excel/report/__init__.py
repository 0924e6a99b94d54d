"""The Word report of an audit: read the master, write the document, optionally convert it to PDF.

May import: audit, excel, files, master, merge, problems.
"""
