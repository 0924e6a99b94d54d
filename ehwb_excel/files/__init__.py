"""Files on disk, whatever their format: writing one atomically; may import only the standard library.

May import: nothing of ours.
"""
