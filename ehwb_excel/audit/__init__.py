"""The audit as plain Python (its model, the built-in default audit, the profile questions the report describes); imports only the standard library and excel/'s pure text rules.

May import: excel.
"""
