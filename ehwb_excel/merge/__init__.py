"""The pure merge: checked returns and the master's previous content become the derived sheets; imports no file format.

May import: audit, excel, problems, returns.
"""
