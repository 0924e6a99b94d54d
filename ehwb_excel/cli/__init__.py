"""The `ehwb` command line: the entry point and one module per command in commands/; thin over library calls."""
