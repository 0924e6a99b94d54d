"""Problems as data: Problem, Report, Location and the catalogue of every problem ehwb reports; pure.

May import: nothing of ours.
"""
