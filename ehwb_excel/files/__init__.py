"""Files on disk, whatever their format: writing one atomically, one merge of a master at a time; may import only the standard library.

May import: nothing of ours.
"""
