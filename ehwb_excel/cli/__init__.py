"""The `ehwb` command line: the entry point and one module per command in commands/; thin over library calls.

May import: every folder (it is the edge that ties them together).
"""
