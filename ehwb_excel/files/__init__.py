"""Files on disk, whatever their format: writing one atomically, one merge of a master at a time, Office's password-to-open encryption.

May import: excel (how a file begins: its signatures).
"""
